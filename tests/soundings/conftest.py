import pytest

from tests.factories.accounts import MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.soundings import DialogueRecordFactory, RegistrationFactory, SoundingFactory
from tests.scenarios import adoption_round


@pytest.fixture
def sounding(db):
    return SoundingFactory(slots=2)


@pytest.fixture
def registration(sounding):
    return RegistrationFactory(sounding=sounding, written_answers="SECRET-ANSWER 独自の運営案")


@pytest.fixture
def record(registration, office_user):
    return DialogueRecordFactory(
        registration=registration, recorded_by=office_user, notes="SECRET-RECORD 収益見込み"
    )


@pytest.fixture
def registered_business(registration):
    """A member of the registered organisation (the one who registered)."""
    return registration.registered_by


@pytest.fixture
def other_business(db):
    return MemberFactory()


@pytest.fixture
def evaluator(office_user):
    person = EvaluatorFactory()
    adoption_round(office=office_user, evaluators=[person])
    return person


@pytest.fixture
def users(registered_business, other_business, office_user, department_user, evaluator):
    """Every role, by name (None: anonymous)."""
    return {
        "anonymous": None,
        "other_business": other_business,
        "registered_business": registered_business,
        "office": office_user,
        "department": department_user,
        "evaluator": evaluator,
    }

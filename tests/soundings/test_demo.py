"""The demo's sounding (data/soundings/*.toml): valid against its schema, and played through
the services - published, two registrations (one agreeing to be named), dialogue records,
results published, linked to its theme. A second run changes nothing."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from mishima_kyoso.demo import datafiles
from mishima_kyoso.demo import soundings as demo_soundings
from mishima_kyoso.demo.checking import DemoDataError, Where
from soundings import selectors
from soundings.models import DialogueRecord, Registration, Sounding
from tests.factories.accounts import MemberFactory
from tests.factories.cocreation_list import ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return datafiles.read()


def _run(data, office_user):
    members = {}
    for spec in data.soundings:
        for registration in spec.registrations:
            members.setdefault(registration.by, MemberFactory(email=registration.by))
        if spec.theme:
            ThemeFactory(title=spec.theme)
    users = {office_user.email: office_user, **members}
    return SimpleNamespace(
        data=SimpleNamespace(soundings=data.soundings),
        today=timezone.localdate(),
        user=lambda email=None: users[email or office_user.email],
    )


def test_the_demo_sounding_is_played_through_the_services(data, office_user, client):
    run = _run(data, office_user)

    demo_soundings.load(run)
    demo_soundings.load(run)  # a second run finds it by its title

    sounding = Sounding.objects.get()
    assert sounding.status == Sounding.Status.SUMMARY_PUBLISHED
    assert sounding.theme is not None and sounding.slots.count() == 3
    assert Registration.objects.filter(sounding=sounding).count() == 2
    assert DialogueRecord.objects.filter(registration__sounding=sounding).count() == 2
    assert selectors.named_participants(sounding) == [
        Registration.objects.get(agrees_to_be_named=True).organization.name
    ]
    theme_page = client.get(sounding.theme.get_absolute_url()).content.decode()
    assert sounding.get_absolute_url() in theme_page


def test_a_registration_after_the_deadline_is_refused_by_the_check(data):
    spec = data.soundings[0]
    spec.registrations[0].registered = spec.deadline + 1

    with pytest.raises(DemoDataError) as error:
        demo_soundings.check(spec, Where(spec.file))

    assert "after the registration deadline" in str(error.value)

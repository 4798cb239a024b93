"""The co-creation list's rules that live on one row: call period, number, state, search text."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Department
from cocreation_list.models import Theme, ThemeQuestion
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, ThemeQuestionFactory

pytestmark = pytest.mark.django_db

APRIL_1 = datetime.date(2026, 4, 1)
APRIL_30 = datetime.date(2026, 4, 30)


def _constraint(name):
    return next(item for item in Theme._meta.constraints if item.name == name)


def _unsaved_theme(**overrides):
    values = {
        "title": "公共施設予約のオンライン化",
        "background": "予約は窓口と電話に限られています。",
        "wanted": "オンライン予約の仕組み。",
        "business_role": "構築と運用。",
        "city_offer": "利用データ。",
        "department": DepartmentFactory(),
        "number": 9999,
    }
    values.update(overrides)
    return Theme(**values)


def _non_field_messages(refusal):
    return refusal.value.message_dict[NON_FIELD_ERRORS]


# Call period ----------------------------------------------------------------


def test_office_is_refused_a_call_period_ending_before_it_starts_when_validating():
    theme = _unsaved_theme(accepts_from=APRIL_30, accepts_until=APRIL_1)

    with pytest.raises(ValidationError) as refusal:
        theme.full_clean()

    expected = _constraint("theme_period_in_order").get_violation_error_message()
    assert _non_field_messages(refusal) == [expected]


def test_office_is_refused_a_year_round_theme_with_an_end_date_when_validating():
    theme = _unsaved_theme(is_year_round=True, accepts_until=APRIL_30)

    with pytest.raises(ValidationError) as refusal:
        theme.full_clean()

    expected = _constraint("theme_year_round_has_no_end").get_violation_error_message()
    assert _non_field_messages(refusal) == [expected]


def test_office_may_validate_a_one_day_call_period():
    theme = _unsaved_theme(accepts_from=APRIL_1, accepts_until=APRIL_1)

    theme.full_clean()  # no error


def test_database_refuses_a_call_period_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeFactory(accepts_from=APRIL_30, accepts_until=APRIL_1)

    assert not Theme.objects.exists()


def test_database_refuses_a_year_round_theme_with_an_end_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeFactory(is_year_round=True, accepts_until=APRIL_30)

    assert not Theme.objects.exists()


def test_database_refuses_an_update_that_puts_the_end_before_the_start():
    theme = ThemeFactory(accepts_from=APRIL_1, accepts_until=APRIL_30)

    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.filter(pk=theme.pk).update(accepts_until=datetime.date(2026, 3, 1))

    theme.refresh_from_db()
    assert theme.accepts_until == APRIL_30


# Number ---------------------------------------------------------------------


def test_office_gets_consecutive_numbers_when_creating_themes():
    first = ThemeFactory()
    second = ThemeFactory(draft=True)

    assert second.number == first.number + 1


def test_office_keeps_the_number_when_editing_a_theme():
    theme = ThemeFactory()
    ThemeFactory()
    number = theme.number

    theme.title = "題名を変更"
    theme.save()

    theme.refresh_from_db()
    assert theme.number == number


def test_database_refuses_a_second_theme_with_the_same_number():
    theme = ThemeFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeFactory(number=theme.number)

    assert Theme.objects.filter(number=theme.number).count() == 1


# Accepting, upcoming, days left -----------------------------------------------


@pytest.mark.parametrize(
    ("on", "accepting", "upcoming", "days_left"),
    [
        (datetime.date(2026, 3, 31), False, True, None),
        (APRIL_1, True, False, 29),
        (datetime.date(2026, 4, 29), True, False, 1),
        (APRIL_30, True, False, 0),
        (datetime.date(2026, 5, 1), False, False, None),
    ],
)
def test_visitor_sees_the_call_state_of_a_published_theme_when_on_a_given_day(
    on, accepting, upcoming, days_left
):
    theme = ThemeFactory(accepts_from=APRIL_1, accepts_until=APRIL_30)

    assert theme.is_accepting(on) is accepting
    assert theme.is_upcoming(on) is upcoming
    assert theme.days_left(on) == days_left


def test_visitor_sees_a_year_round_theme_accepting_without_days_left():
    theme = ThemeFactory(year_round=True)

    assert theme.is_accepting(APRIL_1) is True
    assert theme.is_accepting(datetime.date(2030, 12, 31)) is True
    assert theme.days_left(APRIL_1) is None
    assert theme.call_state(APRIL_1) == "accepting"


def test_visitor_sees_a_year_round_theme_upcoming_before_its_start():
    theme = ThemeFactory(year_round=True, accepts_from=APRIL_30)

    assert theme.is_accepting(APRIL_1) is False
    assert theme.is_upcoming(APRIL_1) is True
    assert theme.call_state(APRIL_1) == "upcoming"


@pytest.mark.parametrize("trait", ["draft", "closed"])
def test_visitor_sees_a_draft_or_closed_theme_not_accepting_when_within_its_period(trait):
    theme = ThemeFactory(accepts_from=APRIL_1, accepts_until=APRIL_30, **{trait: True})

    assert theme.is_accepting(datetime.date(2026, 4, 15)) is False
    assert theme.is_upcoming(datetime.date(2026, 3, 1)) is False
    assert theme.days_left(datetime.date(2026, 4, 15)) is None
    assert theme.call_state(datetime.date(2026, 4, 15)) == "closed"


def test_visitor_sees_the_same_call_state_in_lists_as_on_the_theme_when_on_a_given_day():
    accepting = ThemeFactory(accepts_from=APRIL_1, accepts_until=APRIL_30)
    year_round = ThemeFactory(year_round=True)
    upcoming = ThemeFactory(accepts_from=datetime.date(2026, 4, 20), accepts_until=APRIL_30)
    past = ThemeFactory(accepts_from=None, accepts_until=datetime.date(2026, 4, 9))
    closed = ThemeFactory(closed=True, accepts_until=APRIL_30)
    ThemeFactory(draft=True, accepts_until=APRIL_30)
    on = datetime.date(2026, 4, 10)

    assert set(Theme.objects.accepting(on)) == {accepting, year_round}
    assert set(Theme.objects.upcoming(on)) == {upcoming}
    assert set(Theme.objects.closed(on)) == {past, closed}
    assert {theme.call_state(on) for theme in (past, closed)} == {"closed"}


# Search text ------------------------------------------------------------------


def test_visitor_finds_full_width_latin_letters_when_typing_half_width():
    theme = ThemeFactory(title="ＡＩを活用した窓口案内")

    assert list(Theme.objects.filter(search_text__contains="ai")) == [theme]


def test_visitor_finds_half_width_katakana_when_typing_full_width():
    theme = ThemeFactory(title="公共施設", business_role="ﾃﾞｰﾀｶﾅ入力の自動化")

    assert list(Theme.objects.filter(search_text__contains="データカナ")) == [theme]


def test_office_updates_the_search_text_when_editing_a_theme():
    theme = ThemeFactory(title="旧題名")

    theme.conditions = "ＤＸ推進"
    theme.save()

    assert list(Theme.objects.filter(search_text__contains="dx推進")) == [theme]


# Questions and answers ------------------------------------------------------------


def test_office_sets_the_answer_time_when_answering_a_question():
    question = ThemeQuestionFactory(answer="")
    assert question.answered_at is None
    assert question.is_answered is False

    question.answer = "可能です。"
    question.save()

    question.refresh_from_db()
    assert question.answered_at is not None
    assert question.is_answered is True


def test_office_keeps_the_answer_time_when_editing_an_answer():
    question = ThemeQuestionFactory(answer="可能です。")
    answered_at = question.answered_at

    question.answer = "可能です。代表事業者を決めてください。"
    question.save()

    question.refresh_from_db()
    assert question.answered_at == answered_at


@pytest.mark.parametrize("emptied", ["", "   \n"])
def test_office_clears_the_answer_time_when_emptying_an_answer(emptied):
    question = ThemeQuestionFactory(answer="可能です。")

    question.answer = emptied
    question.save()

    question.refresh_from_db()
    assert question.answered_at is None
    assert not ThemeQuestion.objects.filter(answered_at__isnull=False).exists()


# Contact ----------------------------------------------------------------------------


def test_visitor_sees_the_department_contact_when_the_theme_has_none():
    department = DepartmentFactory(
        name="環境政策課", code="kankyo", phone="055-983-0000", email="kankyo@example.jp"
    )
    theme = ThemeFactory(department=department, contact="")

    assert theme.public_contact == "環境政策課\n055-983-0000\nkankyo@example.jp"


def test_visitor_sees_the_department_name_only_when_it_has_no_phone_or_mail():
    theme = ThemeFactory(department=Department.objects.create(name="財政課", code="zaisei"))

    assert theme.public_contact == "財政課"


def test_visitor_sees_the_theme_contact_when_the_theme_has_one():
    theme = ThemeFactory(contact="共創推進室 担当 三島")

    assert theme.public_contact == "共創推進室 担当 三島"

"""Fair open calls (公募の公平性, 共創指針 原則3): questions answered publicly for everyone within
the question period, the questioner never named; the selection committee published with the
result; the original proposer's bonus stated on the call page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluation.models import CriteriaSet
from proposals import call_fairness, calls
from proposals.models import CallCommitteeMember, CallQuestion, OpenCall
from tests.factories.accounts import MemberFactory, OrganizationFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.scenarios import (
    TODAY,
    adopted_case,
    call_fields,
    decided_selection,
    published,
    published_call,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def open_questions(**changes) -> dict:
    """A question period that includes today."""
    return {"questions_from": TODAY() - DAY, "questions_until": TODAY() + 10 * DAY, **changes}


def call_taking_questions(office, **changes) -> OpenCall:
    return published_call(office=office, **open_questions(**changes))


def ask_url(call) -> str:
    return reverse("proposals:call_question", args=[call.number])


def asked(call, *, member=None, question="説明会は開催されますか。", answer="", office=None):
    """A question asked through the service, answered by the office when `answer` is given."""
    member = member or MemberFactory()
    item = call_fairness.ask_call_question(call=call, by=member, question=question)
    if answer:
        item = call_fairness.answer_call_question(question=item, by=office, answer=answer)
    return item


def committee_of(call, office):
    return [
        call_fairness.save_committee_member(
            call=call, by=office, name="富士 一郎", role="委員長", affiliation="静岡大学 教授"
        ),
        call_fairness.save_committee_member(
            call=call, by=office, name="箱根 花子", role="委員", affiliation="三島市 企画部長"
        ),
    ]


# The question period ---------------------------------------------------------------------------


def test_business_asks_a_question_within_the_question_period(client, office_user):
    call = call_taking_questions(office_user)
    member = MemberFactory()
    client.force_login(member)

    response = client.post(ask_url(call), {"question": "  共同企業体での応募は可能ですか。 "})

    assert response.status_code == 302
    question = CallQuestion.objects.get()
    assert (question.call, question.organization, question.asked_by) == (
        call,
        member.membership.organization,
        member,
    )
    assert question.question == "共同企業体での応募は可能ですか。"
    assert not question.is_answered


@pytest.mark.parametrize(
    "period",
    [
        {"questions_from": TODAY() - 5 * DAY, "questions_until": TODAY() - DAY},  # over
        {"questions_from": TODAY() + DAY, "questions_until": TODAY() + 5 * DAY},  # not yet
        {"questions_from": None, "questions_until": None},  # no questions on the portal
    ],
    ids=["over", "not_yet", "none"],
)
def test_business_is_refused_a_question_outside_the_question_period(client, office_user, period):
    call = published_call(office=office_user, **period)
    client.force_login(MemberFactory())

    page = client.get(ask_url(call))
    refused = client.post(ask_url(call), {"question": "質問です。"})

    assert page.context["is_accepting_questions"] is False
    assert 'name="question"' not in page.content.decode()  # no form outside the period
    assert refused.status_code == 200
    codes = [error.code for error in refused.context["form"].non_field_errors().as_data()]
    assert codes == ["questions_closed"]
    assert not CallQuestion.objects.exists()


def test_a_question_on_a_draft_call_does_not_exist(client, office_user):
    case = adopted_case(office=office_user)
    draft = calls.save_call(case=case, by=office_user, **call_fields(**open_questions()))
    client.force_login(MemberFactory())

    assert draft.number is None
    with pytest.raises(ValidationError) as refusal:
        call_fairness.ask_call_question(call=draft, by=MemberFactory(), question="質問")
    assert refusal.value.code == "questions_closed"


def test_an_empty_question_is_refused_by_the_field(client, office_user):
    call = call_taking_questions(office_user)
    client.force_login(MemberFactory())

    response = client.post(ask_url(call), {"question": "   "})

    assert response.context["form"].errors.as_data()["question"][0].code == "required"
    assert not CallQuestion.objects.exists()


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [
        (TODAY(), None, "questions_until"),  # one date alone
        (TODAY() + 3 * DAY, TODAY(), "questions_until"),  # out of order
        (TODAY(), TODAY() + 40 * DAY, "questions_until"),  # after the applications close
    ],
)
def test_office_is_refused_a_question_period_that_does_not_fit_the_call(
    office_user, first, last, field
):
    case = adopted_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        calls.save_call(
            case=case, by=office_user, **call_fields(questions_from=first, questions_until=last)
        )

    assert field in refusal.value.error_dict
    assert not OpenCall.objects.exists()


def test_office_sets_the_question_period_on_the_call_page(client, office_user):
    case = adopted_case(office=office_user)
    client.force_login(office_user)
    fields = call_fields(**open_questions())

    response = client.post(
        reverse("proposals:call_edit", args=[case.pk]),
        {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in fields.items()
        },
    )

    assert response.status_code == 302
    call = OpenCall.objects.get()
    assert (call.questions_from, call.questions_until) == (
        fields["questions_from"],
        fields["questions_until"],
    )


# Answers in public, the questioner never named -------------------------------------------------


def test_visitor_sees_answered_questions_only_and_never_who_asked(client, office_user):
    call = call_taking_questions(office_user)
    member = MemberFactory(
        organization=OrganizationFactory(name="株式会社質問者"), full_name="質問 太郎"
    )
    answered = asked(
        call,
        member=member,
        question="説明会は開催されますか。",
        answer="開催しません。",
        office=office_user,
    )
    asked(call, question="未回答の質問です。")
    cleared = asked(call, question="取り下げた回答です。", answer="回答", office=office_user)
    call_fairness.answer_call_question(question=cleared, by=office_user, answer="  ")

    response = client.get(call.get_absolute_url())
    html = response.content.decode()

    assert response.context["questions"] == [answered]
    assert "説明会は開催されますか。" in html and "開催しません。" in html
    assert "未回答の質問です。" not in html
    assert "取り下げた回答です。" not in html
    # Positive control: the questioner exists, and is on the record, not on the page.
    assert answered.organization.name == "株式会社質問者"
    assert "株式会社質問者" not in html
    assert "質問 太郎" not in html
    assert member.email not in html


def test_business_sees_its_own_questions_and_not_other_businesses_questions(client, office_user):
    call = call_taking_questions(office_user)
    member = MemberFactory()
    asked(call, member=member, question="自社の質問です。")
    asked(call, question="他社の質問です。")
    client.force_login(member)

    html = client.get(ask_url(call)).content.decode()

    assert "自社の質問です。" in html
    assert "他社の質問です。" not in html


def test_visitor_gets_a_login_link_and_a_business_the_question_form(client, office_user):
    call = call_taking_questions(office_user)

    anonymous = client.get(call.get_absolute_url()).content.decode()
    client.force_login(MemberFactory())
    business = client.get(call.get_absolute_url()).content.decode()

    login = reverse("account_login")
    assert f'href="{login}?next=' in anonymous
    assert f'href="{ask_url(call)}"' not in anonymous
    assert f'href="{ask_url(call)}"' in business


def test_no_question_link_outside_the_question_period(client, office_user):
    call = published_call(
        office=office_user,
        questions_from=TODAY() - 5 * DAY,
        questions_until=TODAY() - DAY,
    )

    html = client.get(call.get_absolute_url()).content.decode()

    assert ask_url(call) not in html
    assert reverse("account_login") + "?next=" not in html


def test_call_page_and_questions_page_take_constant_queries_as_questions_grow(client, office_user):
    member = MemberFactory()
    public, own = [], []
    for size in (1, 15):
        call = call_taking_questions(office_user)
        for number in range(size):
            asked(call, question=f"質問{number}", answer=f"回答{number}", office=office_user)
            asked(call, member=member, question=f"未回答{number}")
        client.logout()
        client.get(call.get_absolute_url())  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(call.get_absolute_url())
        assert len(response.context["questions"]) == size
        public.append(len(queries))
        client.force_login(member)
        client.get(ask_url(call))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(ask_url(call))
        assert len(response.context["own_questions"]) == size
        own.append(len(queries))

    assert public[0] == public[1]
    assert own[0] == own[1]


# The selection committee -----------------------------------------------------------------------


def test_committee_is_hidden_before_the_result_and_shown_with_it(client, office_user):
    _round, original, step = decided_selection(office=office_user)
    call = original.call
    committee_of(call, office_user)

    before = client.get(call.get_absolute_url())
    publication = published(original, office=office_user, step=step.step)
    after = client.get(call.get_absolute_url())
    result = client.get(publication.get_absolute_url())

    assert before.context["committee"] == []
    assert "富士 一郎" not in before.content.decode()
    assert [member.name for member in after.context["committee"]] == ["富士 一郎", "箱根 花子"]
    after_html = after.content.decode()
    assert "富士 一郎" in after_html and "静岡大学 教授" in after_html
    assert reverse("outcomes:result", args=[publication.pk]) in after_html
    assert [member.name for member in result.context["committee"]] == ["富士 一郎", "箱根 花子"]
    assert "箱根 花子" in result.content.decode()


def test_an_adoption_result_shows_no_committee(client, office_user):
    _round, original, _step = decided_selection(office=office_user)
    committee_of(original.call, office_user)
    adoption = published(original, office=office_user, step="adopt")

    response = client.get(adoption.get_absolute_url())

    assert response.context["committee"] == []
    assert "富士 一郎" not in response.content.decode()


def test_committee_members_keep_no_personal_contact():
    names = {field.name for field in CallCommitteeMember._meta.get_fields()}

    assert not names & {"email", "phone", "address"}


# The proposer bonus ----------------------------------------------------------------------------


def bonus_statement(html) -> str:
    """The paragraph that states the bonus rule ("" if the page has none)."""
    found = re.search(r'<p class="prose (?:no-)?proposer-bonus">(.*?)</p>', html, re.S)
    return found.group(0) if found else ""


def test_call_page_states_the_original_proposers_bonus(client, office_user):
    call = published_call(office=office_user)
    CriteriaSet.objects.filter(is_default=True).update(proposer_bonus=Decimal("7.5"))

    html = client.get(call.get_absolute_url()).content.decode()

    assert 'id="bonus-title"' in html
    statement = bonus_statement(html)
    assert 'class="prose proposer-bonus"' in statement
    assert "7.5" in statement


def test_call_page_states_that_there_is_no_bonus_when_the_criteria_give_none(client, office_user):
    CriteriaSet.objects.filter(is_default=True).update(proposer_bonus=Decimal("0"))
    call = published_call(office=office_user)

    response = client.get(call.get_absolute_url())
    html = response.content.decode()

    assert response.context["criteria_set"].proposer_bonus == 0
    assert 'class="prose no-proposer-bonus"' in bonus_statement(html)


# Who may do what -------------------------------------------------------------------------------


@pytest.fixture
def evaluator(db):
    return EvaluatorFactory()


@pytest.mark.parametrize("role", ["anonymous", "office", "department", "evaluator"])
def test_only_a_business_may_ask(client, office_user, department_user, evaluator, role):
    call = call_taking_questions(office_user)
    user = {
        "anonymous": None,
        "office": office_user,
        "department": department_user,
        "evaluator": evaluator,
    }[role]
    if user is not None:
        client.force_login(user)

    page = client.get(ask_url(call))
    post = client.post(ask_url(call), {"question": "質問です。"})

    assert page.status_code == 302 and post.status_code == 302
    assert not CallQuestion.objects.exists()
    if user is not None:
        with pytest.raises(PermissionDenied):
            call_fairness.ask_call_question(call=call, by=user, question="質問です。")


def test_only_the_office_answers(office_user, department_user):
    call = call_taking_questions(office_user)
    question = asked(call)

    for someone in (department_user, MemberFactory(), question.asked_by):
        with pytest.raises(PermissionDenied):
            call_fairness.answer_call_question(question=question, by=someone, answer="回答")
        with pytest.raises(PermissionDenied):
            call_fairness.save_committee_member(
                call=call, by=someone, name="氏名", role="委員", affiliation=""
            )

    question.refresh_from_db()
    assert not question.is_answered
    assert not CallCommitteeMember.objects.exists()


def test_office_answers_in_the_admin_and_the_answer_is_public(client, office_user):
    call = call_taking_questions(office_user)
    question = asked(call, question="車両の持ち込みは可能ですか。")
    client.force_login(office_user)
    change = reverse("admin:proposals_callquestion_change", args=[question.pk])

    listed = client.get(reverse("admin:proposals_callquestion_changelist"))
    saved = client.post(change, {"answer": "可能です。"})

    assert listed.status_code == 200 and "車両の持ち込み" in listed.content.decode()
    assert saved.status_code == 302
    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("可能です。", office_user)
    client.logout()
    assert "可能です。" in client.get(call.get_absolute_url()).content.decode()


def test_office_enters_the_committee_in_the_admin(client, office_user):
    call = call_taking_questions(office_user)
    client.force_login(office_user)

    response = client.post(
        reverse("admin:proposals_callcommitteemember_add"),
        {
            "call": call.pk,
            "name": "富士 一郎",
            "role": "委員長",
            "affiliation": "静岡大学",
            "sort_order": 1,
        },
    )

    assert response.status_code == 302
    assert list(call.committee.values_list("name", "role")) == [("富士 一郎", "委員長")]


@pytest.mark.parametrize("role", ["department", "business"])
def test_department_staff_and_businesses_do_not_reach_the_fairness_admin(
    client, office_user, department_user, role
):
    call = call_taking_questions(office_user)
    question = asked(call)
    client.force_login(department_user if role == "department" else MemberFactory())

    pages = [
        reverse("admin:proposals_callquestion_changelist"),
        reverse("admin:proposals_callquestion_change", args=[question.pk]),
        reverse("admin:proposals_callcommitteemember_changelist"),
        reverse("admin:proposals_callcommitteemember_add"),
    ]

    for page in pages:
        assert client.get(page).status_code in (302, 403)
    client.post(pages[1], {"answer": "回答"})
    question.refresh_from_db()
    assert not question.is_answered

"""The office's round management pages: each step through its form, refusals shown."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import CriteriaSet, Round, RoundEvent
from proposals.models import Opportunity, PPPMethod, Proposal
from tests.factories.accounts import MemberFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.scenarios import adoption_round, case_at, declare_none, selection_round, submit_sheet

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_office_creates_a_round_from_the_case_page_with_the_default_set_preselected(
    client, office_user
):
    case = case_at(S.PLANNING, office=office_user)
    default = CriteriaSet.objects.get(is_default=True)
    client.force_login(office_user)
    url = reverse("evaluation:case_rounds", args=[case.pk])

    page = client.get(url)
    assert page.context["form"]["criteria_set"].value() == default.pk
    response = client.post(
        url,
        {
            "kind": Round.Kind.ADOPTION_REVIEW,
            "title": "採否審査",
            "criteria_set": default.pk,
            "scoring_due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "is_anonymised": "on",
        },
    )

    round = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:manage_round", args=[round.pk])
    assert (round.proposal, round.criteria_set, round.is_anonymised) == (case, default, True)


def test_a_refused_round_shows_the_reason_on_the_form(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    client.force_login(office_user)

    response = client.post(
        reverse("evaluation:case_rounds", args=[case.pk]),
        {
            "kind": Round.Kind.SELECTION,
            "title": "選定",
            "criteria_set": CriteriaSet.objects.get(is_default=True).pk,
            "scoring_due_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Round.objects.exists()


def test_the_staff_case_page_links_to_the_evaluation_for_the_office_only(
    client, office_user, department, department_user
):
    case = case_at(S.PLANNING, office=office_user, departments=[department])
    link = reverse("evaluation:case_rounds", args=[case.pk])

    client.force_login(office_user)
    assert link in client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()
    client.force_login(department_user)
    assert link not in client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()


def test_office_adds_an_evaluator_by_e_mail_and_removes_them(client, office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)
    evaluator = EvaluatorFactory(email="iinkai@univ.example.jp")
    client.force_login(office_user)

    added = client.post(
        reverse("evaluation:add_evaluator", args=[round.pk]), {"email": "IINKAI@univ.example.jp"}
    )
    assert added.status_code == 302
    assignment = round.assignments.get()
    assert assignment.evaluator == evaluator

    removed = client.post(reverse("evaluation:remove_evaluator", args=[round.pk, assignment.pk]))
    assert removed.status_code == 302
    assert not round.assignments.exists()


def test_an_unknown_address_or_a_candidates_member_is_refused_on_the_form(client, office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)
    member = MemberFactory(organization=round.proposal.organization)
    client.force_login(office_user)
    url = reverse("evaluation:add_evaluator", args=[round.pk])

    unknown = client.post(url, {"email": "nobody@example.jp"})
    insider = client.post(url, {"email": member.email})

    assert unknown.status_code == insider.status_code == 200
    assert unknown.context["evaluator_form"].has_error("email", "unknown_account")
    assert insider.context["evaluator_form"].has_error("email", "candidate_member")
    assert not round.assignments.exists()


def test_office_opens_then_closes_the_scoring(client, office_user, mailoutbox, run_jobs):
    round = adoption_round(office=office_user, opened=False)
    client.force_login(office_user)

    client.post(reverse("evaluation:open_round", args=[round.pk]))
    run_jobs()
    round.refresh_from_db()
    assert round.status == Round.Status.OPEN
    assert len(mailoutbox) == 1

    client.post(reverse("evaluation:close_round", args=[round.pk]))
    round.refresh_from_db()
    assert round.status == Round.Status.CLOSED


def test_opening_without_evaluators_shows_the_refusal(client, office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)
    client.force_login(office_user)

    response = client.post(reverse("evaluation:open_round", args=[round.pk]), follow=True)

    round.refresh_from_db()
    assert round.status == Round.Status.DRAFT
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_office_reopens_a_sheet_with_a_reason_which_is_shown_in_the_log(client, office_user):
    round = adoption_round(office=office_user)
    assignment = declare_none(round.assignments.get())
    sheet = submit_sheet(assignment, round.candidates.get())
    client.force_login(office_user)
    url = reverse("evaluation:reopen_sheet", args=[round.pk, sheet.pk])

    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and empty.context["form"].errors
    sheet.refresh_from_db()
    assert sheet.is_submitted

    client.post(url, {"reason": "委員からの訂正依頼"})
    sheet.refresh_from_db()
    assert not sheet.is_submitted
    page = client.get(reverse("evaluation:manage_round", args=[round.pk])).content.decode()
    assert "委員からの訂正依頼" in page
    assert round.events.filter(kind=RoundEvent.Kind.SHEET_REOPENED).count() == 1


def test_office_decides_a_selection_from_the_decision_page(client, office_user):
    round = selection_round(office=office_user, applications=2, evaluators=1)
    assignment = declare_none(round.assignments.get())
    for candidate in round.candidates.all():
        submit_sheet(assignment, candidate)
    services.close_round(round=round, by=office_user)
    winner = round.candidates.filter(is_original_proposer=True).get()
    client.force_login(office_user)
    url = reverse("evaluation:decide", args=[round.pk])

    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {"selected": winner.pk, "reason": "最高点", "public_reason": "最も優れていたため。"},
    )

    assert response.status_code == 302
    round.refresh_from_db()
    assert round.selected == winner and round.status == Round.Status.DECIDED
    statuses = sorted(round.candidates.values_list("proposal__status", flat=True))
    assert statuses == [S.NOT_SELECTED, S.NOT_SELECTED, S.SELECTED]


def test_office_adopts_from_the_decision_page_and_a_missing_detail_is_shown(client, office_user):
    round = adoption_round(office=office_user)
    services.close_round(round=round, by=office_user)
    client.force_login(office_user)
    url = reverse("evaluation:decide", args=[round.pk])
    data = {
        "adopt": "adopt",
        "reason": "予算措置の見込み",
        "public_reason": "利便性の向上が見込まれるため。",
        "opportunity": Opportunity.OPEN_CALL,
    }

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["form"].has_error("ppp_method")
    assert round.proposal.transitions.filter(step="adopt").count() == 0

    client.post(url, {**data, "ppp_method": PPPMethod.OUTSOURCING})
    case = Proposal.objects.get(pk=round.proposal_id)
    assert case.status == S.ADOPTED
    assert case.transitions.get(step="adopt").details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.OPEN_CALL,
    }

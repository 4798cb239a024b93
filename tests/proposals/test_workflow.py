"""The workflow: who may submit and withdraw, what each step needs; a refusal changes nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from proposals import states, workflow
from proposals.checks import PROPOSAL_REQUIRED
from proposals.models import (
    Opportunity,
    Proposal,
    ProposalTransition,
    ProposalVersion,
    ReferenceCounter,
)
from proposals.next_steps import next_step
from proposals.workflow import TRANSITIONS, A, available_steps, transition
from tests.factories.accounts import DepartmentUserFactory, MemberFactory, OfficeUserFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import case_at, submit, withdraw

pytestmark = pytest.mark.django_db

S = Proposal.Status

# Everyone but the proposing organisation's members.
OUTSIDERS = {
    "another_organisations_member": lambda case: MemberFactory(),
    "office": lambda case: OfficeUserFactory(),
    "department_user": lambda case: DepartmentUserFactory(),
    "anonymous": lambda case: AnonymousUser(),
}


def _snapshot(case):
    """Everything a step could change, to compare before and after a refusal."""
    case.refresh_from_db()
    return {
        "status": case.status,
        "reference": case.reference,
        "version": case.version,
        "updated_at": case.updated_at,
        "transitions": ProposalTransition.objects.count(),
        "versions": ProposalVersion.objects.count(),
        "counters": list(ReferenceCounter.objects.values_list("fiscal_year", "last_serial")),
    }


# Submission ----------------------------------------------------------------------------------


def test_proposer_member_submits_a_draft_and_the_step_is_logged():
    case = ProposalFactory(complete=True)

    case = submit(case)

    assert case.status == S.RECEIVED
    record = case.transitions.get()
    assert (record.step, record.source, record.target, record.actor) == (
        A.SUBMIT,
        S.DRAFT,
        S.RECEIVED,
        case.created_by,
    )
    assert case.submitted_at is not None
    assert list(case.versions.values_list("number", flat=True)) == [1]
    assert case.versions.get().content == case.content()


def test_colleague_of_the_same_organisation_submits_too():
    case = ProposalFactory()
    colleague = MemberFactory(organization=case.organization)

    case = submit(case, by=colleague)

    assert case.status == S.RECEIVED
    assert case.transitions.get().actor == colleague


@pytest.mark.parametrize("who", list(OUTSIDERS))
def test_submission_by_anyone_outside_the_organisation_is_refused_and_nothing_changes(who):
    case = ProposalFactory(complete=True)
    before = _snapshot(case)

    with pytest.raises(PermissionDenied):
        transition(case, A.SUBMIT, by=OUTSIDERS[who](case))

    assert _snapshot(case) == before


def test_second_submission_is_refused_as_wrong_status_and_nothing_changes():
    case = submit(ProposalFactory())
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.SUBMIT, by=case.created_by)

    assert refusal.value.code == "wrong_status"
    assert _snapshot(case) == before


def test_submission_with_a_stale_status_is_refused_and_nothing_changes():
    case = submit(ProposalFactory())
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.SUBMIT, by=case.created_by, seen_status=S.DRAFT)

    assert refusal.value.code == "stale"
    assert _snapshot(case) == before


def test_full_proposal_with_empty_sections_is_refused_by_section_and_nothing_changes():
    case = ProposalFactory(intent=Proposal.Intent.PROPOSAL, background="背景は記入済み")
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        submit(case)

    errors = refusal.value.error_dict
    assert set(errors) == set(PROPOSAL_REQUIRED) - {
        "title",
        "outline",
        "contact_name",
        "contact_email",
        "background",
    }
    assert {error.code for field_errors in errors.values() for error in field_errors} == {
        "required"
    }
    assert _snapshot(case) == before


def test_consultation_needs_only_title_outline_and_contact():
    case = ProposalFactory(intent=Proposal.Intent.CONSULTATION, contact_name="  ")

    with pytest.raises(ValidationError) as refusal:
        submit(case)

    assert list(refusal.value.error_dict) == ["contact_name"]

    case.contact_name = "担当 花子"
    case.save()
    assert submit(case).status == S.RECEIVED


@pytest.mark.parametrize(
    "theme_kwargs",
    [
        {"closed": True},
        {"accepts_until": timezone.localdate() - datetime.timedelta(days=1)},
    ],
    ids=["closed_by_the_office", "past_its_deadline"],
)
def test_submission_on_a_theme_that_has_closed_is_refused_and_nothing_changes(theme_kwargs):
    case = ProposalFactory(complete=True, theme=ThemeFactory(**theme_kwargs))
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        submit(case)

    assert refusal.value.code == "theme_closed"
    assert _snapshot(case) == before


def test_submission_on_the_deadline_day_is_accepted():
    case = ProposalFactory(theme=ThemeFactory(accepts_until=timezone.localdate()))

    assert submit(case).status == S.RECEIVED


def test_free_proposal_is_submitted_whatever_the_themes():
    assert submit(ProposalFactory(free=True)).status == S.RECEIVED


# Withdrawal ----------------------------------------------------------------------------------


def test_proposer_withdraws_a_received_case_with_a_reason_that_is_logged():
    case = submit(ProposalFactory())

    case = withdraw(case, reason="  社内体制の見直しのため。 ")

    assert case.status == S.WITHDRAWN
    step = case.transitions.get(step=A.WITHDRAW)
    assert (step.source, step.target, step.actor, step.reason) == (
        S.RECEIVED,
        S.WITHDRAWN,
        case.created_by,
        "社内体制の見直しのため。",
    )


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_withdrawal_without_a_reason_is_refused_and_nothing_changes(reason):
    case = submit(ProposalFactory())
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.WITHDRAW, by=case.created_by, reason=reason)

    assert refusal.value.code == "reason_required"
    assert _snapshot(case) == before


@pytest.mark.parametrize("who", list(OUTSIDERS))
def test_withdrawal_by_anyone_outside_the_organisation_is_refused_and_nothing_changes(who):
    case = submit(ProposalFactory())
    before = _snapshot(case)

    with pytest.raises(PermissionDenied):
        transition(case, A.WITHDRAW, by=OUTSIDERS[who](case), reason="理由")

    assert _snapshot(case) == before


@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_withdrawal_of_a_draft_or_a_withdrawn_case_is_refused_as_wrong_status(state):
    case = ProposalFactory()
    if state == "withdrawn":
        case = withdraw(submit(case))
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.WITHDRAW, by=case.created_by, reason="理由")

    assert refusal.value.code == "wrong_status"
    assert _snapshot(case) == before


# What each user may do now -------------------------------------------------------------------


def test_available_steps_follow_the_status_and_the_role():
    draft = ProposalFactory()
    received = submit(ProposalFactory())
    withdrawn = withdraw(submit(ProposalFactory()))

    assert available_steps(draft, draft.created_by) == [A.SUBMIT]
    assert available_steps(received, received.created_by) == [A.WITHDRAW]
    assert available_steps(withdrawn, withdrawn.created_by) == []
    office = OfficeUserFactory()
    assert available_steps(draft, office) == []
    assert available_steps(received, office) == [A.START_DIALOGUE, A.DECLINE]
    assert available_steps(withdrawn, office) == []
    for role, who in OUTSIDERS.items():
        if role == "office":
            continue
        for case in (draft, received, withdrawn):
            assert available_steps(case, who(case)) == []


def test_next_step_tells_the_proposer_what_to_do():
    incomplete = ProposalFactory(intent=Proposal.Intent.PROPOSAL)
    complete = ProposalFactory(complete=True)
    on_closed_theme = ProposalFactory(complete=True, theme=ThemeFactory(closed=True))
    received = submit(ProposalFactory())
    withdrawn = withdraw(submit(ProposalFactory()))

    assert next_step(incomplete, incomplete.created_by) == "complete"
    assert next_step(complete, complete.created_by) == "submit"
    assert next_step(on_closed_theme, on_closed_theme.created_by) == "theme_closed"
    assert next_step(received, received.created_by) == "wait"
    assert next_step(withdrawn, withdrawn.created_by) == "none"
    assert next_step(complete, OfficeUserFactory()) == "none"


# The stage of every status, as the guidelines' four stages read (提案・発想 … 改善); the
# table is written out here, not read from the code, so a wrong stage fails.
STAGE_OF_EVERY_STATUS = {
    "draft": None,
    "received": "idea",
    "consulting": "idea",
    "declined": None,
    "planning": "planning",
    "adopted": "realization",
    "not_adopted": None,
    "selecting": "realization",
    "selected": "realization",
    "not_selected": None,
    "agreed": "realization",
    "operating": "improvement",
    "completed": "improvement",
    "withdrawn": None,
}


@pytest.mark.parametrize(("status", "stage"), STAGE_OF_EVERY_STATUS.items())
def test_every_status_has_its_stage(status, stage):
    assert states.stage_of(status) == stage
    assert (status in states.statuses_of_stage(stage)) if stage else True


def test_the_stage_table_covers_every_status_and_only_those():
    assert set(STAGE_OF_EVERY_STATUS) == set(S.values) == set(states.STAGE_OF)


def test_stage_derives_from_the_status():
    draft = ProposalFactory()
    received = submit(ProposalFactory())

    assert states.stage_of(draft.status) is None
    assert states.stage_of(received.status) == "idea"


# The step table (DESIGN §4), written out here, not read from the code: from which statuses each
# step leads to which, and where it is taken (the proposer's pages, the city's step form, a
# selection round's decision, the agreement's signing).
STEP_TABLE = {
    "submit": (("draft",), "received", "proposer"),
    "start_dialogue": (("received",), "consulting", "staff"),
    "decline": (("received", "consulting"), "declined", "staff"),
    "to_planning": (("consulting",), "planning", "staff"),
    "adopt": (("planning",), "adopted", "staff"),
    "not_adopt": (("planning",), "not_adopted", "staff"),
    "start_selection": (("adopted",), "selecting", "staff"),
    "apply": (("draft",), "selecting", "proposer"),
    "select": (("selecting",), "selected", "round"),
    "not_select": (("selecting",), "not_selected", "round"),
    "agree": (("adopted", "selected"), "agreed", "agreement"),
    "start_operation": (("agreed",), "operating", "staff"),
    "complete": (("operating",), "completed", "staff"),
    "withdraw": (
        ("received", "consulting", "planning", "adopted", "selecting", "selected"),
        "withdrawn",
        "proposer",
    ),
}


def test_every_step_leads_from_and_to_known_statuses_and_is_taken_somewhere():
    table = {
        step: (tuple(rule.sources), rule.target, rule.where) for step, rule in TRANSITIONS.items()
    }
    statuses = {
        status for sources, target, _where in table.values() for status in (*sources, target)
    }

    assert table == STEP_TABLE
    assert statuses <= set(S.values)
    assert {where for _sources, _target, where in table.values()} == set(workflow.Where)


def test_the_staff_and_the_proposer_steps_are_the_ones_taken_there():
    def taken(place):
        return tuple(step for step, (_s, _t, where) in STEP_TABLE.items() if where == place)

    assert (taken("staff"), taken("proposer")) == (workflow.STAFF_STEPS, workflow.PROPOSER_STEPS)


# What the office is offered on a case's staff page (the links to the step form) in each status:
# each city step (Where.STAFF) for the statuses it leaves, and nowhere else; the others are
# taken elsewhere (the selection round decides, the signing agrees). None: no staff page (a
# draft is not yet the city's).
OFFERED_ON_THE_STAFF_PAGE = {
    S.DRAFT: None,
    S.RECEIVED: [A.START_DIALOGUE, A.DECLINE],
    S.CONSULTING: [A.DECLINE, A.TO_PLANNING],
    S.DECLINED: [],
    S.PLANNING: [A.ADOPT, A.NOT_ADOPT],
    S.ADOPTED: [A.START_SELECTION],  # the adoption chose an open call
    S.NOT_ADOPTED: [],
    S.SELECTING: [],
    S.SELECTED: [],
    S.NOT_SELECTED: [],
    S.AGREED: [A.START_OPERATION],
    S.OPERATING: [A.COMPLETE],
    S.COMPLETED: [],
    S.WITHDRAWN: [],
}


def test_the_offered_steps_are_the_staff_steps_of_the_table_for_their_sources():
    from_the_table = {
        status: [
            step
            for step, (sources, _target, where) in STEP_TABLE.items()
            if where == "staff" and status in sources
        ]
        for status in S.values
        if status != S.DRAFT
    }

    assert {s: a for s, a in OFFERED_ON_THE_STAFF_PAGE.items() if a is not None} == from_the_table
    assert set(OFFERED_ON_THE_STAFF_PAGE) == set(S.values)


def _staff_page_and_forms(client, case):
    page = client.get(reverse("proposals:staff_case", args=[case.pk]))
    forms = {
        step: client.get(reverse("proposals:staff_step", args=[case.pk, step])).status_code
        for step in workflow.STAFF_STEPS
    }
    return page, forms


@pytest.mark.parametrize("status", list(OFFERED_ON_THE_STAFF_PAGE))
def test_the_office_is_offered_each_city_step_in_the_statuses_it_leaves_and_nowhere_else(
    client, office_user, status
):
    case = case_at(status, office=office_user)
    client.force_login(office_user)

    page, forms = _staff_page_and_forms(client, case)

    offered = OFFERED_ON_THE_STAFF_PAGE[status]
    if offered is None:
        assert page.status_code == 404
        assert forms == dict.fromkeys(workflow.STAFF_STEPS, 404)
    else:
        assert [item["code"] for item in page.context["steps"]] == offered
        assert forms == {step: 200 if step in offered else 403 for step in workflow.STAFF_STEPS}


def test_an_adoption_for_a_direct_agreement_is_offered_no_open_call(client, office_user):
    case = case_at(S.ADOPTED, office=office_user, opportunity=Opportunity.DIRECT)
    client.force_login(office_user)

    page, forms = _staff_page_and_forms(client, case)

    assert [item["code"] for item in page.context["steps"]] == []
    assert forms == dict.fromkeys(workflow.STAFF_STEPS, 403)


# Checks added by the apps above (workflow.require) --------------------------------------------


def test_a_check_added_to_a_step_is_run_and_its_refusal_changes_nothing(monkeypatch):
    monkeypatch.setattr(workflow, "REQUIRED", {})
    seen = []

    def not_ready(case):
        seen.append(case.status)
        raise ValidationError("not ready", code="not_ready")

    workflow.require(A.START_DIALOGUE, not_ready)
    workflow.require(A.START_DIALOGUE, not_ready)  # the same check twice: kept once
    case = submit(ProposalFactory())
    before = _snapshot(case)

    with pytest.raises(ValidationError) as refusal:
        transition(case, A.START_DIALOGUE, by=OfficeUserFactory())

    assert refusal.value.code == "not_ready"
    assert seen == [S.RECEIVED]
    assert dict(workflow.REQUIRED) == {A.START_DIALOGUE: (not_ready,)}
    assert _snapshot(case) == before


def test_a_check_cannot_be_added_to_a_step_that_does_not_exist(monkeypatch):
    monkeypatch.setattr(workflow, "REQUIRED", {})

    with pytest.raises(KeyError):
        workflow.require("sign", lambda case: None)

    assert dict(workflow.REQUIRED) == {}

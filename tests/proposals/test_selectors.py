"""The reads that encode visibility, asked directly for every role (DESIGN §5, STYLE §4).

Each selector is the one place a list, a page or a file starts from: proposals (every case a
user may open, the dashboard, the staff work list), the dialogue by side, the evaluators' and
the office's rounds, the agreement and the monitoring of a case; and the reads of open calls.
Every role is asked against a world where what it must not see exists: the other
organisation's cases, another department's, drafts, internal notes, unshared records, other
rounds. Lists answer in the same number of queries for 1 row as for 20.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dialogue.models import Side
from dialogue.permissions import side_of
from dialogue.selectors import meeting_records, message_files, thread_messages
from evaluation.models import Round
from evaluation.selectors import evaluator_rounds, my_round_list, office_rounds
from partnership.monitoring import save_improvement_action
from partnership.permissions import may_read_agreement, may_read_monitoring
from partnership.selectors import agreement_of, case_actions, case_reports
from proposals import calls
from proposals.models import Proposal
from proposals.permissions import is_proposer
from proposals.selectors import (
    applied_call,
    call_applications,
    case_call,
    organization_proposals,
    published_calls,
    staff_case_pages,
    staff_work_list,
    visible_proposals,
)
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.dialogue import pdf_upload, record, send
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import (
    TODAY,
    adopted_case,
    adoption_round,
    applicant,
    application,
    case_at,
    draft_call,
    monitoring_report,
    operating_case,
    published_call,
    round_of,
    submitted_case,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_published_calls_are_the_numbered_published_ones_newest_period_first(office_user):
    older = published_call(office=office_user, starts_on=TODAY() - datetime.timedelta(days=60))
    newer = published_call(office=office_user)
    draft = draft_call(office=office_user)

    listed = list(published_calls())

    assert listed == [newer, older]
    assert draft not in listed


def test_the_public_pages_and_the_application_page_find_only_published_calls(client, office_user):
    draft = draft_call(office=office_user, title="下書きの公募")
    published = published_call(office=office_user)
    missing = published.number + 1

    public_list = client.get(reverse("outcomes:calls")).content.decode()
    client.force_login(applicant())
    apply = client.get(reverse("proposals:create_application", args=[published.number]))

    assert published.title in public_list and draft.title not in public_list
    assert client.get(reverse("outcomes:call", args=[published.number])).status_code == 200
    assert apply.status_code == 200
    for name in ("outcomes:call", "proposals:create_application"):
        assert client.get(reverse(name, args=[missing])).status_code == 404


def test_case_call_is_the_call_of_the_adopted_case_draft_or_published(office_user):
    case = adopted_case(office=office_user)
    assert case_call(case) is None

    draft = draft_call(office=office_user, case=case)
    assert case_call(case) == draft

    published = calls.publish_call(call=draft, by=office_user)
    assert case_call(case) == published
    assert case_call(adopted_case(office=office_user)) is None  # another case's: not this one


def test_call_applications_are_the_submitted_ones_in_the_order_they_arrived(office_user):
    call = published_call(office=office_user)
    first = application(call)
    application(call, submit=False)  # a draft is the applicant's own
    second = application(call)
    application(published_call(office=office_user))  # another call's

    assert list(call_applications(call)) == [first, second]


def test_applied_call_is_the_call_an_application_answers_with_its_case(
    office_user, django_assert_num_queries
):
    call = published_call(office=office_user)
    answer = application(call)

    with django_assert_num_queries(1):
        found = applied_call(answer)
        assert found.proposal.title  # the case joined: no second query

    assert found == call and found.proposal.pk == call.proposal_id
    assert applied_call(call.proposal) is None  # the adopted case answers no call


# The world every role is asked against ----------------------------------------------------------

ROLES = (
    "office",
    "assigned_department",
    "unassigned_department",
    "proposer",
    "other_member",
    "evaluator",
    "anonymous",
)


@pytest.fixture
def world(office_user, department, department_user):
    """Two organisations' cases at several statuses (drafts included), each submitted one with
    a department in charge: the proposer's with `department` (whose staff is the assigned
    department), the other's with another department (whose staff is the unassigned one). The
    evaluator scores an adoption review of the proposer's case in planning."""
    elsewhere = DepartmentFactory(name="都市計画課", code="toshi")
    proposer, other_member = MemberFactory(), MemberFactory()
    mine = {"organization": proposer.membership.organization, "created_by": proposer}
    theirs = {"organization": other_member.membership.organization, "created_by": other_member}
    cases = {
        "draft": ProposalFactory(complete=True, **mine),
        "received": case_at(S.RECEIVED, office=office_user, departments=[department], **mine),
        "planning": case_at(S.PLANNING, office=office_user, **mine),
        "other_draft": ProposalFactory(**theirs),
        "other_received": case_at(
            S.RECEIVED, office=office_user, departments=[elsewhere], **theirs
        ),
    }
    evaluator = EvaluatorFactory()
    round_of(
        cases["planning"], Round.Kind.ADOPTION_REVIEW, office=office_user, evaluators=[evaluator]
    )
    people = {
        "office": office_user,
        "assigned_department": department_user,
        "unassigned_department": DepartmentUserFactory(department=elsewhere),
        "proposer": proposer,
        "other_member": other_member,
        "evaluator": evaluator,
        "anonymous": AnonymousUser(),
    }
    return {"cases": cases, "people": people}


def _cases(world, *names):
    return {world["cases"][name] for name in names}


def query_count(read) -> int:
    """The queries `read()` makes, read to the end (related rows included)."""
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured.captured_queries)


# proposals/selectors.py -------------------------------------------------------------------------

# visible_proposals: every case the user may open. 共創推進室 sees every case through its model
# permission — drafts too (the proposer-side pages show the office a draft read-only); nobody
# else sees a draft but its own organisation.
VISIBLE = {
    "office": ("received", "planning", "other_received"),  # a draft is its proposer's alone
    "assigned_department": ("received",),
    "unassigned_department": ("other_received",),
    "proposer": ("draft", "received", "planning"),
    "other_member": ("other_draft", "other_received"),
    "evaluator": (),  # their rounds' candidates are read through the round, never as cases
    "anonymous": (),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_cases_its_grants_give_and_no_other(world, role):
    user = world["people"][role]

    seen = set(visible_proposals(user))

    assert seen == _cases(world, *VISIBLE[role])


# The dashboard: the cases of the user's own organisation, drafts included; nobody else's.
DASHBOARD = {
    "office": (),
    "assigned_department": (),
    "unassigned_department": (),
    "proposer": ("draft", "received", "planning"),
    "other_member": ("other_draft", "other_received"),
    "evaluator": (),
    "anonymous": (),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_lists_the_cases_of_the_users_own_organisation_only(world, role):
    user = world["people"][role]

    listed = set(organization_proposals(user))

    assert listed == _cases(world, *DASHBOARD[role])


# The city's work list: submitted cases only (a draft is not yet the city's); every one for the
# office, the ones assigned to their department for department staff, none for anyone else.
WORK_LIST = {
    "office": ("received", "planning", "other_received"),
    "assigned_department": ("received",),
    "unassigned_department": ("other_received",),
    "proposer": (),
    "other_member": (),
    "evaluator": (),
    "anonymous": (),
}


@pytest.mark.parametrize("role", ROLES)
def test_the_staff_work_list_and_case_pages_hold_the_submitted_cases_the_role_works_on(world, role):
    user = world["people"][role]

    listed = set(staff_work_list(user))
    pages = set(staff_case_pages(user))

    assert listed == pages == _cases(world, *WORK_LIST[role])


def test_the_work_list_takes_the_same_queries_for_1_and_20_cases(
    office_user, department, department_user
):
    def read():
        return [
            (case.organization.name, case.theme, [d.name for d in case.departments.all()])
            for case in staff_work_list(department_user)
        ]

    case_at(S.RECEIVED, office=office_user, departments=[department])
    read()  # warm the caches (content types, the person's groups)
    one = query_count(read)
    for _ in range(19):
        case_at(S.RECEIVED, office=office_user, departments=[department])

    assert query_count(read) == one
    assert staff_work_list(department_user).count() == 20


def test_the_dashboard_and_the_visible_cases_take_the_same_queries_for_1_and_20_cases():
    proposer = MemberFactory()
    organization = proposer.membership.organization

    def read():
        dashboard = [
            (case.organization.name, case.theme.title, case.has_unread)
            for case in organization_proposals(proposer)
        ]
        return dashboard + [
            (case.organization.name, case.theme.title, None) for case in visible_proposals(proposer)
        ]

    ProposalFactory(organization=organization, created_by=proposer)
    read()
    one = query_count(read)
    for _ in range(19):
        submitted_case(organization=organization, created_by=proposer)

    assert query_count(read) == one
    assert organization_proposals(proposer).count() == 20


# dialogue/selectors.py: the thread, its files and the meeting records, by side -------------------


@pytest.fixture
def dialogue(world, office_user, department_user):
    """The proposer's received case with a message of each side (each with a file), an internal
    note with a file, a shared and an unshared meeting record; the other organisation's case
    with a message and a shared record of its own (what must never cross over)."""
    case = world["cases"]["received"]
    proposer = world["people"]["proposer"]
    other = world["cases"]["other_received"]
    asked = send(case, by=proposer, files=[pdf_upload("質問.pdf")])
    answered = send(case, by=department_user, body="回答します。", files=[pdf_upload("回答.pdf")])
    note = send(
        case, by=office_user, body="内部メモ", internal=True, files=[pdf_upload("内部.pdf")]
    )
    shared = record(case, office_user, shared=True)
    unshared = record(case, office_user, summary="市の内部で検討した。")
    send(other, by=world["people"]["other_member"], files=[pdf_upload("他社.pdf")])
    record(other, office_user, shared=True)
    return {
        "case": case,
        "messages": {"asked": asked, "answered": answered, "note": note},
        "records": {"shared": shared, "unshared": unshared},
    }


# What each side reads of the proposer's case: the city everything, the proposer no internal
# note and no unshared record, anyone else nothing (side_of answers None).
THREAD = {
    "office": (Side.CITY, ("asked", "answered", "note"), ("shared", "unshared")),
    "assigned_department": (Side.CITY, ("asked", "answered", "note"), ("shared", "unshared")),
    "unassigned_department": (None, (), ()),
    "proposer": (Side.PROPOSER, ("asked", "answered"), ("shared",)),
    "other_member": (None, (), ()),
    "evaluator": (None, (), ()),
    "anonymous": (None, (), ()),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_side_reads_its_part_of_the_dialogue_and_nothing_of_another_case(
    world, dialogue, role
):
    user, case = world["people"][role], dialogue["case"]
    side, messages, records = THREAD[role]
    sent = dialogue["messages"]

    found = side_of(user, case)

    assert found == side
    assert set(thread_messages(case, side=found)) == {sent[name] for name in messages}
    assert set(message_files(case, side=found)) == {
        file for name in messages for file in sent[name].attachments.all()
    }
    assert set(meeting_records(case, side=found)) == {dialogue["records"][name] for name in records}


def test_the_thread_takes_the_same_queries_for_1_and_20_messages(
    office_user, department, department_user
):
    case = case_at(S.RECEIVED, office=office_user, departments=[department])

    def read():
        thread = [
            (message.author.department, [file.original_name for file in message.attachments.all()])
            for message in thread_messages(case, side=Side.CITY)
        ]
        return thread + [
            (meeting.created_by.email, meeting.updated_by.email)
            for meeting in meeting_records(case, side=Side.CITY)
        ]

    send(case, files=[pdf_upload()])
    record(case, office_user)
    read()
    one = query_count(read)
    for number in range(19):
        send(case, by=department_user, body=f"回答 {number}", files=[pdf_upload()])
        record(case, office_user)

    assert query_count(read) == one
    assert thread_messages(case, side=Side.CITY).count() == 20


# evaluation/selectors.py: the evaluators' rounds and the office's ------------------------------


@pytest.fixture
def rounds(world, office_user):
    """The evaluator's opened review (the world's), a round they are assigned to that has not
    opened yet, another evaluator's opened round."""
    evaluator = world["people"]["evaluator"]
    opened = Round.objects.get(assignments__evaluator=evaluator)
    preparing = adoption_round(office=office_user, evaluators=[evaluator], opened=False)
    elsewhere = adoption_round(office=office_user)
    return {"opened": opened, "preparing": preparing, "elsewhere": elsewhere}


# An evaluator sees the rounds they are assigned to once scoring opened — by their own grant,
# never through a model permission (the office scores nothing); the office manages every round.
EVALUATES = {"evaluator": ("opened",)}
MANAGES = {"office": ("opened", "preparing", "elsewhere")}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_only_the_rounds_it_evaluates_or_manages(world, rounds, role):
    user = world["people"][role]

    evaluated = set(evaluator_rounds(user))
    listed = set(my_round_list(user))  # anonymous too: an empty list, not a TypeError
    managed = set(office_rounds(user))

    assert evaluated == listed == {rounds[name] for name in EVALUATES.get(role, ())}
    assert managed == {rounds[name] for name in MANAGES.get(role, ())}


def test_the_evaluators_list_takes_the_same_queries_for_1_and_20_rounds(office_user):
    evaluator = EvaluatorFactory()

    def read():
        return [
            (round.criteria_set.name, round.declared_at, round.candidate_count)
            for round in my_round_list(evaluator)
        ]

    adoption_round(office=office_user, evaluators=[evaluator])
    read()
    one = query_count(read)
    for _ in range(19):
        adoption_round(office=office_user, evaluators=[evaluator])

    assert query_count(read) == one
    assert my_round_list(evaluator).count() == 20


# partnership/selectors.py: the agreement and the monitoring of a case ----------------------------


@pytest.fixture
def operating(world, office_user, department):
    """The proposer's case in operation with a shared report, one the city keeps, an improvement
    action; the other organisation's case in operation with its own report and action."""
    proposer = world["people"]["proposer"]
    case = operating_case(
        office=office_user,
        departments=[department],
        organization=proposer.membership.organization,
        created_by=proposer,
    )
    other = operating_case(office=office_user)
    shared = monitoring_report(case, by=office_user)
    kept = monitoring_report(case, by=office_user, is_shared=False, summary="市の内部の評価。")
    other_report = monitoring_report(other, by=office_user)
    return {
        "case": case,
        "other": other,
        "shared": shared,
        "kept": kept,
        "action": _action(case, office_user, shared),
        "other_action": _action(other, office_user, other_report),
    }


def _action(case, office, report):
    return save_improvement_action(
        case=case,
        by=office,
        description="操作説明会を開く。",
        owner_side="business",
        owner_name="運営事業者",
        due_on=TODAY() + datetime.timedelta(days=30),
        report=report,
    )


# Who reads the agreement and the monitoring of the proposer's case, and which reports: the
# city's side all of them, the proposer the shared ones, nobody else anything.
MONITORING = {
    "office": ("shared", "kept"),
    "assigned_department": ("shared", "kept"),
    "unassigned_department": None,
    "proposer": ("shared",),
    "other_member": None,
    "evaluator": None,
    "anonymous": None,
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_agreement_and_the_reports_it_may_and_none_of_another_case(
    world, operating, role
):
    user, case = world["people"][role], operating["case"]
    reads = MONITORING[role]

    may_read = (may_read_agreement(case, user), may_read_monitoring(case, user))
    opens = case in visible_proposals(user)

    assert may_read == (reads is not None, reads is not None)
    assert opens is (reads is not None)
    if reads is not None:
        reports = case_reports(case, shared_only=is_proposer(user, case))
        assert set(reports) == {operating[name] for name in reads}
        assert agreement_of(case) == case.agreement != operating["other"].agreement
        assert set(case_actions(case)) == {operating["action"]}


def test_the_reports_take_the_same_queries_for_1_and_20_reports(office_user):
    case = operating_case(office=office_user)

    def read():
        return [
            (report.created_by.email, [(r.indicator.name, r.value) for r in report.results.all()])
            for report in case_reports(case)
        ]

    monitoring_report(case, by=office_user)
    read()
    one = query_count(read)
    for _ in range(19):
        monitoring_report(case, by=office_user)

    assert query_count(read) == one
    assert case_reports(case).count() == 20

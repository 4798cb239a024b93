"""The demo's cases: one in every state of the workflow, with their departments, dialogue,
meetings, goals and deadlines, each reached step by step through the workflow and dated back
to the days its story tells."""

import copy
import re
import zipfile
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.roles import is_office
from dialogue.models import MeetingRecord, Message, MessageAttachment, Side
from dialogue.permissions import side_of
from dialogue.selectors import meeting_records, message_files, thread_messages
from proposals import deadlines
from proposals.business_days import add_business_days
from proposals.files import validate_upload
from proposals.models import (
    DepartmentAssignment,
    OpenCall,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalAttachment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ReadMark,
    SharedGoal,
)
from proposals.selectors import visible_proposals
from proposals.states import CLOSED
from proposals.workflow import TRANSITIONS, submit_step
from tests.factories.proposals import upload

from .shared import (
    APPLICATIONS,
    EVALUATORS,
    EVERY_STATE,
    ORGANIZATION_A,
    ORGANIZATION_B,
    ORGANIZATION_C,
    ORGANIZATION_D,
    SUBMITTED,
    A,
    S,
    load_demo,
    submitted,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def statuses(organization_name):
    return Counter(
        Proposal.objects.filter(organization__name=organization_name).values_list(
            "status", flat=True
        )
    )


def test_every_state_of_the_workflow_has_a_case():
    counts = Counter(Proposal.objects.values_list("status", flat=True))

    assert counts == EVERY_STATE
    assert list(EVERY_STATE) == [status for status in S if status in EVERY_STATE]
    # Every state but "selected" has a case resting in it; "selected" is passed through: the
    # original proposal selected in the round went on to its agreement and operation.
    assert set(counts) == set(S.values) - {S.SELECTED}
    selected = ProposalTransition.objects.get(target=S.SELECTED)
    assert selected.step == A.SELECT
    assert selected.proposal.status == S.OPERATING
    assert selected.proposal.transitions.filter(source=S.SELECTED, step=A.AGREE).exists()
    assert statuses(ORGANIZATION_A) == {
        S.DRAFT: 1,
        S.RECEIVED: 3,
        S.CONSULTING: 3,
        S.DECLINED: 1,
        S.ADOPTED: 1,
        S.SELECTING: 1,
        S.AGREED: 1,
        S.WITHDRAWN: 1,
    }
    assert statuses(ORGANIZATION_B) == {
        S.DRAFT: 1,
        S.RECEIVED: 3,
        S.PLANNING: 1,
        S.NOT_ADOPTED: 1,
        S.OPERATING: 1,
        S.COMPLETED: 1,
    }
    assert statuses(ORGANIZATION_C) == {S.NOT_SELECTED: 1}
    assert statuses(ORGANIZATION_D) == {S.NOT_SELECTED: 1, S.SELECTING: 1}


def test_demo_proposals_of_both_types_and_both_intents():
    kinds = Counter(Proposal.objects.values_list("kind", "status"))
    assert kinds[(Proposal.Kind.THEME, S.DRAFT)] == 2
    assert kinds[(Proposal.Kind.THEME, S.RECEIVED)] == 2
    assert kinds[(Proposal.Kind.FREE, S.RECEIVED)] == 4
    # The free consultation: little more than a title and an outline.
    consultation = Proposal.objects.get(
        intent=Proposal.Intent.CONSULTATION,
        status=S.RECEIVED,
        organization__name=ORGANIZATION_A,
    )
    assert consultation.kind == Proposal.Kind.FREE
    assert consultation.created_by.email == "biz-a2@example.jp"
    assert consultation.body == ""
    # B's free proposal is in 環境, with the department it has in mind (beside B's consultation
    # that repeats an earlier case: tests/demo/test_similar_cases.py).
    environment = Proposal.objects.get(
        organization__name=ORGANIZATION_B,
        status=S.RECEIVED,
        field__code="environment",
        intent=Proposal.Intent.PROPOSAL,
    )
    assert environment.kind == Proposal.Kind.FREE
    assert environment.preferred_department.code == "mizumidori"
    # Theme-based proposals are on themes accepting proposals now.
    for proposal in Proposal.objects.filter(kind=Proposal.Kind.THEME):
        assert proposal.theme.is_accepting(), proposal.theme
    assert Proposal.objects.filter(intent=Proposal.Intent.CONSULTATION).count() >= 5


def test_demo_applications_answer_the_two_open_calls():
    applications = Proposal.objects.filter(kind=Proposal.Kind.APPLICATION).select_related(
        "organization", "open_call__proposal", "created_by"
    )

    assert {
        case.title: (case.organization.name, case.status, case.open_call.proposal.title)
        for case in applications
    } == APPLICATIONS
    for case in applications:
        assert case.intent == Proposal.Intent.PROPOSAL
        assert case.created_by.membership.organization == case.organization
        assert case.open_call.status == OpenCall.Status.PUBLISHED
        # Applied within the call's period as the story tells it.
        call = case.open_call
        assert call.starts_on <= timezone.localdate(case.submitted_at) <= call.ends_on
        assert not case.assignments.exists()  # no department takes an application in
    assert (
        not Proposal.objects.exclude(kind=Proposal.Kind.APPLICATION)
        .filter(open_call__isnull=False)
        .exists()
    )
    # Two calls, numbered on publication; one closed, one still accepting.
    calls = list(OpenCall.objects.order_by("number"))
    assert [call.number for call in calls] == [1, 2]
    today = timezone.localdate()
    assert [call.is_accepting(today) for call in calls] == [False, True]
    for call in calls:
        assert call.proposal.status in (S.SELECTING, S.OPERATING)
        assert len(call.summary) >= 40 and len(call.conditions) >= 40
        assert call.published_at is not None


def test_reference_numbers_are_gapless():
    cases = list(submitted())
    references = [case.reference for case in cases]

    assert len(references) == SUBMITTED == 21
    assert all(re.fullmatch(r"R\d+-\d{4}", reference) for reference in references)
    assert [reference.split("-")[1] for reference in references] == [
        f"{number:04d}" for number in range(1, SUBMITTED + 1)
    ]
    # Applications are numbered in the same series as proposals.
    assert {case.kind for case in cases} == set(Proposal.Kind.values)
    assert not Proposal.objects.filter(status=S.DRAFT, reference__isnull=False).exists()
    # The proposals are numbered in the order of their dates of receipt.
    received = [case.submitted_at for case in cases if case.kind != Proposal.Kind.APPLICATION]
    assert received == sorted(received)


def test_each_case_reached_its_state_step_by_step_through_the_workflow():
    for case in submitted().prefetch_related("transitions__actor__membership"):
        steps = list(case.transitions.all())
        # An application applies to its open call; a proposal is submitted.
        assert steps[0].step == submit_step(case), case.reference
        assert (steps[0].step == A.APPLY) == (case.kind == Proposal.Kind.APPLICATION)
        assert steps[0].created_at == case.submitted_at
        assert case.versions.filter(number=1).exists()
        state = S.DRAFT
        for record in steps:
            rule = TRANSITIONS[record.step]
            assert record.source == state and state in rule.sources, (case.reference, record)
            assert record.target == rule.target
            assert rule.who(record.actor, case), (case.reference, record.step, record.actor)
            if rule.reason:
                assert record.reason.strip(), (case.reference, record.step)
            if rule.public_reason:
                assert record.public_reason.strip(), (case.reference, record.step)
            state = record.target
        assert state == case.status, case.reference
        assert [record.created_at for record in steps] == sorted(
            record.created_at for record in steps
        )


def test_decisions_are_published_with_reasons_and_adoptions_record_their_method():
    adoptions = list(ProposalTransition.objects.filter(step=A.ADOPT))

    assert len(adoptions) == 5  # adopted, selecting, agreed, operating, completed
    for record in adoptions:
        assert record.details["ppp_method"] in PPPMethod.values
        assert record.details["opportunity"] in Opportunity.values
        if record.details["opportunity"] == Opportunity.DIRECT:
            assert record.details["direct_reason"].strip()
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", record.public_reason)
    # Every way of giving other businesses their chance is shown once or more.
    assert {record.details["opportunity"] for record in adoptions} == set(Opportunity.values)
    adopted = Proposal.objects.get(status=S.ADOPTED).transitions.get(step=A.ADOPT)
    assert adopted.details["ppp_method"] == PPPMethod.PARTNERSHIP_AGREEMENT
    for status, step in [
        (S.NOT_ADOPTED, A.NOT_ADOPT),
        (S.DECLINED, A.DECLINE),
        (S.COMPLETED, A.COMPLETE),
    ]:
        record = Proposal.objects.get(status=status).transitions.get(step=step)
        assert len(record.public_reason) >= 40, status


def test_withdrawn_case_was_withdrawn_by_its_proposer_with_a_reason():
    withdrawn = Proposal.objects.get(status=S.WITHDRAWN)
    step = withdrawn.transitions.get(step=A.WITHDRAW)

    assert (step.source, step.target) == (S.CONSULTING, S.WITHDRAWN)
    assert "取り下げ" in step.reason
    assert step.actor.membership.organization == withdrawn.organization


def test_demo_revised_proposal_keeps_version_1_and_has_version_2_with_a_note():
    revised = Proposal.objects.get(version=2)
    first, second = revised.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.note
    assert first.content["schedule"] != second.content["schedule"]
    assert second.content["schedule"] == revised.schedule
    assert first.content["title"] == second.content["title"] == revised.title
    assert Proposal.objects.filter(version__gt=1).count() == 1
    assert first.created_at < second.created_at


def test_demo_proposals_are_substantial_japanese():
    for proposal in Proposal.objects.filter(intent=Proposal.Intent.PROPOSAL).exclude(
        status=S.DRAFT
    ):
        for name in ("background", "body", "roles", "schedule"):
            assert len(getattr(proposal, name)) >= 40, (proposal.title, name)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", proposal.body)
    # A draft is partly filled: the dashboard asks to complete it.
    draft = Proposal.objects.get(organization__name=ORGANIZATION_A, status=S.DRAFT)
    assert draft.background and not draft.effect_citizens


def test_demo_attachments_are_real_files_on_disk_in_the_private_storage(demo):
    files = {a.original_name: a for a in ProposalAttachment.objects.select_related("proposal")}
    assert sorted(files) == sorted(
        [
            "提案書_みしま施設ネット予約.pdf",
            "概算費用内訳.xlsx",
            "活動実績と調査計画.pdf",
            "提案書_電力見える化.pdf",  # the agreed case of the disclosure request
            "設置費用の内訳.xlsx",
        ]
    )
    assert {a.proposal.organization.name for a in files.values()} == {
        ORGANIZATION_A,
        ORGANIZATION_B,
    }
    spreadsheet = files["概算費用内訳.xlsx"]
    assert spreadsheet.proposal == files["提案書_みしま施設ネット予約.pdf"].proposal
    assert spreadsheet.proposal.status == S.RECEIVED
    for name, attachment in files.items():
        path = demo.media / attachment.file.name
        content = path.read_bytes()
        assert attachment.size == len(content)
        assert name not in attachment.file.name  # stored under a random name
        # What the upload check accepts from a business, it accepts from the demo.
        assert validate_upload(upload(name, content))[1] == attachment.content_type
    pdf = (demo.media / files["活動実績と調査計画.pdf"].file.name).read_bytes()
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    with zipfile.ZipFile(demo.media / spreadsheet.file.name) as workbook:
        names = set(workbook.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= names
        assert workbook.testzip() is None
        assert "概算費用" in workbook.read("xl/workbook.xml").decode()


def test_members_of_a_see_as_cases_and_never_bs():
    a = Organization.objects.get(name=ORGANIZATION_A)
    b = Organization.objects.get(name=ORGANIZATION_B)

    for email in ("biz-a@example.jp", "biz-a2@example.jp"):
        user = User.objects.get(email=email)
        assert set(visible_proposals(user)) == set(a.proposals.all()), email
    assert set(visible_proposals(User.objects.get(email="biz-b@example.jp"))) == set(
        b.proposals.all()
    )
    assert a.proposals.count() == 12 and b.proposals.count() == 8
    for email in EVALUATORS:  # their rounds show candidates through evaluation pages only
        assert not visible_proposals(User.objects.get(email=email)).exists(), email
    # The office sees every case but the businesses' drafts (their proposers' alone).
    office_cases = visible_proposals(User.objects.get(email="office@example.jp"))
    assert office_cases.count() == Proposal.objects.exclude(status=Proposal.Status.DRAFT).count()
    assert Proposal.objects.count() == 23 and not office_cases.filter(status="draft").exists()


def test_applicants_see_only_their_own_applications_never_the_original_cases():
    applications = Proposal.objects.filter(kind=Proposal.Kind.APPLICATION)
    originals = Proposal.objects.filter(call__isnull=False)
    assert originals.count() == 2

    for email, name, count in [
        ("biz-c@example.jp", ORGANIZATION_C, 1),
        ("biz-d@example.jp", ORGANIZATION_D, 2),
    ]:
        user = User.objects.get(email=email)
        own = Proposal.objects.filter(organization__name=name)
        assert set(visible_proposals(user)) == set(own) == set(own.filter(pk__in=applications))
        assert own.count() == count
        assert not visible_proposals(user).filter(pk__in=originals).exists(), email
    # The original proposer (biz-b, biz-a) never sees the other businesses' applications.
    for email in ("biz-a@example.jp", "biz-a2@example.jp", "biz-b@example.jp"):
        user = User.objects.get(email=email)
        assert not visible_proposals(user).filter(pk__in=applications).exists(), email


def test_an_existing_business_keeps_its_organisation_and_gets_no_second_one(demo_settings):
    a = Organization.objects.get(name=ORGANIZATION_A)
    a.name = "株式会社みしまデジタルラボ（改称）"
    a.save()

    load_demo()

    assert Organization.objects.count() == 4
    assert Organization.objects.get(pk=a.pk).name == "株式会社みしまデジタルラボ（改称）"
    assert Proposal.objects.filter(organization=a).count() == 12


# Departments ------------------------------------------------------------------------


def test_departments_are_put_in_charge_by_the_office_with_their_grants():
    assignments = DepartmentAssignment.objects.select_related(
        "proposal", "department", "assigned_by"
    )

    assert assignments.count() >= 15
    for assignment in assignments:
        assert is_office(assignment.assigned_by)
        assert ProposalGroupObjectPermission.objects.filter(
            group=assignment.department.group,
            content_object=assignment.proposal,
            permission__codename="view_proposal",
        ).exists(), assignment
        assert assignment.proposal.submitted_at <= assignment.assigned_at
    # Some cases have two departments in charge; new ones wait for the office.
    assert Proposal.objects.filter(assignments__isnull=False).distinct().count() < (
        assignments.count()
    )
    assert Proposal.objects.filter(status=S.RECEIVED, assignments=None).count() == 5


@pytest.mark.parametrize(
    ("email", "code"), [("kankyo@example.jp", "kankyo"), ("kosodate@example.jp", "kosodate")]
)
def test_department_staff_see_only_the_cases_of_their_department(email, code):
    user = User.objects.get(email=email)
    assigned = Proposal.objects.filter(assignments__department__code=code)
    others = Proposal.objects.exclude(assignments__department__code=code)

    assert set(visible_proposals(user)) == set(assigned)
    assert assigned.count() == 5
    assert len(set(assigned.values_list("status", flat=True))) >= 4  # at several stages
    # Cases of other departments are in the demo, and they do not see them.
    assert others.filter(assignments__isnull=False).exists()
    assert not visible_proposals(user).filter(pk__in=others).exists()


def test_kankyo_and_kosodate_have_each_their_own_cases():
    kankyo = set(Proposal.objects.filter(assignments__department__code="kankyo"))
    kosodate = set(Proposal.objects.filter(assignments__department__code="kosodate"))

    assert kankyo and kosodate and not kankyo & kosodate
    assert {case.status for case in kankyo} >= {
        S.CONSULTING,
        S.PLANNING,
        S.NOT_ADOPTED,
        S.AGREED,
        S.COMPLETED,
    }
    assert {case.status for case in kosodate} >= {
        S.RECEIVED,
        S.CONSULTING,
        S.ADOPTED,
        S.OPERATING,
        S.WITHDRAWN,
    }


# Deadlines --------------------------------------------------------------------------


def test_deadlines_overdue_and_on_time():
    today = timezone.localdate()
    overdue = Proposal.objects.filter(next_due_on__lt=today)

    assert overdue.count() == 2
    # Received long ago and never answered: the first-response deadline has passed, and an
    # internal note of the department is no answer.
    forgotten = overdue.get(status=S.RECEIVED)
    assert forgotten.first_responded_at is None
    assert forgotten.next_due_on == forgotten.first_response_due_on
    assert forgotten.messages.filter(is_internal=True).exists()
    assert not forgotten.messages.filter(is_internal=False).exists()
    assert list(forgotten.departments.values_list("code", flat=True)) == ["kosodate"]
    # A message of the proposer has waited past its reply deadline.
    waiting = overdue.get(status=S.CONSULTING)
    assert waiting.next_due_on == waiting.reply_due_on
    assert waiting.messages.filter(is_internal=False).last().side == Side.PROPOSER
    # On time: cases received in the last days, and a reply still due.
    recent = Proposal.objects.filter(
        status=S.RECEIVED, first_responded_at=None, next_due_on__gte=today
    )
    assert recent.count() == 5
    pending = Proposal.objects.get(status=S.CONSULTING, reply_due_on__gte=today)
    assert pending.next_due_on == pending.reply_due_on
    assert pending.messages.filter(is_internal=False).last().side == Side.PROPOSER
    assert list(pending.departments.values_list("code", flat=True)) == ["kankyo"]
    # A closed case has no deadline.
    assert not Proposal.objects.filter(status__in=CLOSED, next_due_on__isnull=False).exists()


def test_deadlines_count_business_days_from_the_dates_on_record():
    for case in submitted().prefetch_related("messages"):
        received = timezone.localdate(case.submitted_at)
        if case.kind == Proposal.Kind.APPLICATION:
            # The selection's own deadline replaces the first response.
            assert case.first_response_due_on is None, case.reference
            assert case.reply_due_on is None and case.next_due_on is None, case.reference
            continue
        assert case.first_response_due_on == add_business_days(
            received, django_settings.KYOSO_FIRST_RESPONSE_DAYS
        ), case.reference
        if case.reply_due_on is not None:
            messages = [m for m in case.messages.all() if not m.is_internal]
            answered = max(
                (m.created_at for m in messages if m.side == Side.CITY),
                default=case.submitted_at,
            )
            unanswered = [
                m for m in messages if m.side == Side.PROPOSER and m.created_at > answered
            ]
            assert case.reply_due_on == add_business_days(
                timezone.localdate(unanswered[0].created_at),
                django_settings.KYOSO_REPLY_DAYS,
            ), case.reference
        recomputed = copy.copy(case)
        deadlines.on_status_change(recomputed)
        assert recomputed.next_due_on == case.next_due_on, case.reference


def test_the_stories_happened_in_the_past_in_order():
    now = timezone.now()
    oldest = submitted().first()

    assert (now - oldest.submitted_at).days >= 90  # months of work behind the oldest case
    for case in submitted().prefetch_related(
        "transitions", "messages", "meetings", "assignments", "goals", "versions"
    ):
        assert case.created_at < case.submitted_at <= case.updated_at <= now
        stamps = [
            *(step.created_at for step in case.transitions.all()),
            *(message.created_at for message in case.messages.all()),
            *(meeting.created_at for meeting in case.meetings.all()),
            *(assignment.assigned_at for assignment in case.assignments.all()),
            *(goal.updated_at for goal in case.goals.all()),
            *(version.created_at for version in case.versions.all()),
        ]
        assert all(case.submitted_at <= stamp <= now for stamp in stamps), case.reference
        for meeting in case.meetings.all():
            assert meeting.held_on == timezone.localdate(meeting.created_at)
            assert meeting.updated_at == meeting.created_at  # never corrected
        assert case.history.filter(history_date__gt=now).count() == 0


# Dialogue, meetings, goals ----------------------------------------------------------


def test_dialogue_goes_both_ways_with_internal_notes_and_files(demo):
    messages = Message.objects.select_related("author")

    assert messages.filter(side=Side.PROPOSER).count() >= 10
    city = messages.filter(side=Side.CITY, is_internal=False)
    assert {message.author.email for message in city} == {
        "office@example.jp",
        "kankyo@example.jp",
        "kosodate@example.jp",
    }
    notes = messages.filter(is_internal=True)
    assert notes.count() >= 6
    assert {note.author.email for note in notes} == {
        "office@example.jp",
        "kankyo@example.jp",
        "kosodate@example.jp",
    }
    assert ReadMark.objects.count() >= 5
    files = MessageAttachment.objects.select_related("message")
    assert files.filter(message__side=Side.PROPOSER).count() >= 3
    assert files.filter(message__is_internal=True).count() == 1
    for attachment in files:
        content = (demo.media / attachment.file.name).read_bytes()
        assert attachment.size == len(content)
        assert validate_upload(upload(attachment.original_name, content))[1] == (
            attachment.content_type
        )


def test_meeting_records_of_both_kinds_shared_and_internal():
    records = Counter(MeetingRecord.objects.values_list("kind", "is_shared_with_proposer", "form"))
    kinds = {(kind, shared) for kind, shared, _form in records}

    D, L = MeetingRecord.Kind.DIALOGUE, MeetingRecord.Kind.LIAISON
    assert kinds == {(D, True), (D, False), (L, True), (L, False)}
    assert {form for _kind, _shared, form in records} == set(MeetingRecord.Form.values)
    for record in MeetingRecord.objects.all():
        record.full_clean()
        assert record.city_attendees and record.business_attendees and record.summary


def test_proposers_never_see_internal_notes_or_records_through_the_dialogue():
    checked = 0
    for case in submitted().prefetch_related("organization__memberships__user"):
        for membership in case.organization.memberships.all():
            side = side_of(membership.user, case)
            assert side == Side.PROPOSER
            seen = list(thread_messages(case, side=side))
            assert not any(message.is_internal for message in seen)
            assert {message.pk for message in seen} == set(
                case.messages.filter(is_internal=False).values_list("pk", flat=True)
            )
            assert all(
                record.is_shared_with_proposer for record in meeting_records(case, side=side)
            )
            assert not message_files(case, side=side).filter(message__is_internal=True)
            checked += 1
    assert checked >= 20
    # The city's side of the same cases reads them.
    office = User.objects.get(email="office@example.jp")
    for note in Message.objects.filter(is_internal=True).select_related("proposal"):
        side = side_of(office, note.proposal)
        assert side == Side.CITY
        assert note in thread_messages(note.proposal, side=side)
    unshared = MeetingRecord.objects.filter(is_shared_with_proposer=False).first()
    assert unshared in meeting_records(unshared.proposal, side=Side.CITY)


def test_the_planning_case_has_shared_goals_on_the_four_viewpoints_with_kpis():
    case = Proposal.objects.get(status=S.PLANNING)
    goals = list(case.goals.prefetch_related("indicators"))

    assert sorted(goal.viewpoint for goal in goals) == sorted(SharedGoal.Viewpoint.values)
    assert set(case.departments.values_list("code", flat=True)) == {"kankyo", "gakko"}
    assert any(goal.agreed_on for goal in goals)
    assert any(goal.agreed_on is None for goal in goals)  # one still being discussed
    for goal in goals:
        goal.full_clean()
        assert goal.updated_by.email == "kankyo@example.jp"
        indicators = list(goal.indicators.all())
        assert indicators, goal
        for indicator in indicators:
            indicator.full_clean()
            assert indicator.target and indicator.unit
            assert indicator.target_on >= timezone.localdate()
    # The cases adopted after planning kept their goals.
    for status in (S.ADOPTED, S.AGREED, S.OPERATING, S.COMPLETED):
        assert Proposal.objects.get(status=status).goals.filter(indicators__isnull=False)


def test_the_console_lists_the_cases_by_status_and_the_overdue_ones(demo):
    line = _("Cases by status: %(statuses)s") % {
        "statuses": ", ".join(f"{S(status).label} {count}" for status, count in EVERY_STATE.items())
    }

    assert line in demo.output
    assert _("Cases past their next deadline: %(count)d") % {"count": 2} in demo.output

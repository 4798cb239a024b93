"""The load_demo command (`make run`): refused without DEBUG, the data checked before anything
is written, everything in one transaction whose files go if it fails, its mails held and
never sent, and a second run changes nothing. What the demo holds is tested in tests/demo/."""

import shutil
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.models import Department, Invitation, Membership, Organization, User
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion
from dialogue.models import MeetingRecord, Message, MessageAttachment
from documents.models import IssuedDocument
from evaluation.models import (
    Candidate,
    ConflictDeclaration,
    EvaluatorAssignment,
    Round,
    RoundEvent,
    RoundUserObjectPermission,
    Score,
    ScoreSheet,
)
from mishima_kyoso.demo import datafiles
from outbox.models import Mail
from outcomes.models import PublishedDecision
from partnership.models import (
    Agreement,
    ImprovementAction,
    IndicatorResult,
    MonitoringReport,
    RoleRiskItem,
)
from proposals.models import (
    DepartmentAssignment,
    Indicator,
    OpenCall,
    Proposal,
    ProposalAttachment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalUserObjectPermission,
    ProposalVersion,
    ReadMark,
    ReferenceCounter,
    SharedGoal,
)
from tests.demo.shared import PASSWORD, load_demo
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.DEBUG = True  # pytest-django turns it off; the command needs it
    settings.MEDIA_ROOT = tmp_path
    return settings


@pytest.fixture
def data(tmp_path_factory):
    """A copy of the demo data, to break (away from MEDIA_ROOT, which must stay empty)."""
    copy = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(datafiles.DATA, copy)
    return copy


def nothing_is_saved(media_root) -> None:
    assert not Theme.objects.exists()
    assert not User.objects.exists()
    assert not Department.objects.exists()
    assert not Organization.objects.exists()
    assert not Proposal.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not Mail.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def snapshot(media_root):
    """Everything a second run could change: counts, the themes' life, passwords, files, the
    organisations, invitations, the proposals with their numbers, versions, states and
    deadlines, the cases' assignments, dialogue, meetings and goals with their dates, and the
    open calls, rounds, score sheets, agreements, reports and publications with theirs."""
    models = (
        Department,
        User,
        User.groups.through,
        Group,
        Field,
        Theme,
        Theme.fields.through,
        ThemeQuestion,
        ThemeAttachment,
        EmailAddress,
        Organization,
        Membership,
        Invitation,
        Proposal,
        Proposal.history.model,
        ProposalVersion,
        ProposalTransition,
        ProposalAttachment,
        ProposalGroupObjectPermission,
        ReferenceCounter,
        DepartmentAssignment,
        DepartmentAssignment.history.model,
        SharedGoal,
        SharedGoal.history.model,
        Indicator,
        Indicator.history.model,
        ReadMark,
        Message,
        MessageAttachment,
        MeetingRecord,
        MeetingRecord.history.model,
        ProposalUserObjectPermission,
        OpenCall,
        OpenCall.history.model,
        Round,
        Round.history.model,
        Candidate,
        EvaluatorAssignment,
        ConflictDeclaration,
        ConflictDeclaration.history.model,
        ScoreSheet,
        ScoreSheet.history.model,
        Score,
        Score.history.model,
        RoundEvent,
        RoundUserObjectPermission,
        Agreement,
        Agreement.history.model,
        RoleRiskItem,
        RoleRiskItem.history.model,
        MonitoringReport,
        MonitoringReport.history.model,
        IndicatorResult,
        IndicatorResult.history.model,
        ImprovementAction,
        ImprovementAction.history.model,
        PublishedDecision,
        PublishedDecision.history.model,
    )
    return {
        "counts": {model._meta.label: model.objects.count() for model in models},
        "themes": list(
            Theme.objects.order_by("number").values_list(
                "number",
                "title",
                "status",
                "published_at",
                "closed_at",
                "accepts_from",
                "accepts_until",
                "updated_at",
            )
        ),
        "questions": list(
            ThemeQuestion.objects.order_by("pk").values_list("pk", "asked_on", "answered_at")
        ),
        "attachments": list(
            ThemeAttachment.objects.order_by("pk").values_list("pk", "file", "original_name")
        ),
        "users": list(
            User.objects.order_by("email").values_list(
                "email", "password", "is_staff", "is_evaluator", "department__code"
            )
        ),
        "addresses": list(
            EmailAddress.objects.order_by("email").values_list("email", "verified", "primary")
        ),
        "organizations": list(
            Organization.objects.order_by("pk").values_list(
                "pk", "name", "corporate_number", "group_id", "updated_at"
            )
        ),
        "invitations": list(
            Invitation.objects.order_by("pk").values_list(
                "pk", "email", "token", "expires_at", "accepted_at"
            )
        ),
        "proposals": list(
            Proposal.objects.order_by("pk").values_list(
                "pk",
                "title",
                "status",
                "reference",
                "version",
                "submitted_at",
                "updated_at",
                "first_response_due_on",
                "first_responded_at",
                "reply_due_on",
                "next_due_on",
                "last_city_message_at",
                "last_proposer_message_at",
            )
        ),
        "versions": list(
            ProposalVersion.objects.order_by("pk").values_list("proposal_id", "number", "note")
        ),
        "steps": list(
            ProposalTransition.objects.order_by("pk").values_list(
                "proposal_id", "step", "target", "created_at"
            )
        ),
        "proposal_files": list(
            ProposalAttachment.objects.order_by("pk").values_list("pk", "file", "original_name")
        ),
        "assignments": list(
            DepartmentAssignment.objects.order_by("pk").values_list(
                "proposal_id", "department__code", "assigned_at"
            )
        ),
        "messages": list(
            Message.objects.order_by("pk").values_list(
                "proposal_id", "side", "is_internal", "created_at"
            )
        ),
        "message_files": list(
            MessageAttachment.objects.order_by("pk").values_list("pk", "file", "original_name")
        ),
        "meetings": list(
            MeetingRecord.objects.order_by("pk").values_list(
                "proposal_id", "kind", "held_on", "is_shared_with_proposer", "created_at"
            )
        ),
        "goals": list(
            SharedGoal.objects.order_by("pk").values_list(
                "proposal_id", "viewpoint", "agreed_on", "updated_at"
            )
        ),
        "read_marks": list(ReadMark.objects.order_by("pk").values_list("user_id", "read_at")),
        "calls": list(
            OpenCall.objects.order_by("pk").values_list(
                "proposal_id", "number", "status", "starts_on", "ends_on", "published_at"
            )
        ),
        "rounds": list(
            Round.objects.order_by("pk").values_list(
                "proposal_id",
                "kind",
                "status",
                "created_at",
                "opened_at",
                "closed_at",
                "decided_at",
                "selected_id",
                "is_adopted",
            )
        ),
        "sheets": list(
            ScoreSheet.objects.order_by("pk").values_list(
                "assignment_id", "candidate_id", "submitted_at", "updated_at"
            )
        ),
        "agreements": list(
            Agreement.objects.order_by("pk").values_list(
                "proposal_id", "signed_on", "starts_on", "ends_on", "updated_at"
            )
        ),
        "reports": list(
            MonitoringReport.objects.order_by("pk").values_list(
                "proposal_id", "period_start", "period_end", "created_at", "updated_at"
            )
        ),
        "publications": list(
            PublishedDecision.objects.order_by("pk").values_list(
                "transition_id", "round_id", "decided_at", "published_at", "candidates"
            )
        ),
        "counters": list(ReferenceCounter.objects.values_list("fiscal_year", "last_serial")),
        "files": sorted(str(path) for path in media_root.rglob("*") if path.is_file()),
    }


def test_a_second_run_changes_nothing(demo_settings, tmp_path):
    load_demo()
    first = snapshot(tmp_path)

    load_demo()

    assert snapshot(tmp_path) == first


def test_an_existing_account_keeps_its_own_password(demo_settings):
    User.objects.create_user("biz-a@example.jp", "my-own-secret-2026")

    output = load_demo()

    assert authenticate(username="biz-a@example.jp", password="my-own-secret-2026") is not None
    assert authenticate(username="biz-a@example.jp", password=PASSWORD) is None
    assert "biz-a@example.jp" in output
    assert _("Accounts that existed before this run keep their own password.") in output


def test_demo_is_refused_without_debug_and_nothing_is_saved(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path

    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()

    nothing_is_saved(tmp_path)


def test_broken_data_is_refused_with_the_file_and_the_key_before_anything_is_written(
    demo_settings, tmp_path, data
):
    story = data / "stories" / "energy-audit-pilot.toml"
    story.write_text(
        story.read_text().replace('workflow_step = "to_planning"', 'workflow_step = "to_plan"')
    )

    with pytest.raises(CommandError) as refusal:
        load_demo("--data", str(data))

    assert "stories/energy-audit-pilot.toml: steps[6] (move).workflow_step" in str(refusal.value)
    assert "'to_plan'" in str(refusal.value)
    nothing_is_saved(tmp_path)


def test_a_run_that_fails_half_way_leaves_no_row_and_no_file(demo_settings, tmp_path, data):
    """A step the workflow refuses, in one of the last stories: every row is rolled back, and
    the files written before it (themes', proposals', messages') are removed."""
    story = data / "stories" / "river-wildlife-survey.toml"
    story.write_text(
        story.read_text() + '\n[[steps]]\nstep = "move"\nago = 1\nworkflow_step = "adopt"\n'
    )

    with pytest.raises(ValidationError) as refusal:
        load_demo("--data", str(data))

    assert refusal.value.code == "wrong_status"
    nothing_is_saved(tmp_path)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_records_its_mails_as_held_and_the_worker_sends_none(settings, tmp_path, capsys):
    """With real commits the receipts and notices are made (receipts, the office's notices,
    the invitations) and recorded as held: the worker beside the demo sends none of them."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    call_command("load_demo", stdout=StringIO())
    ran = run_queued_jobs()

    assert "Subject:" not in capsys.readouterr().out
    assert not Mail.objects.exclude(status=Mail.Status.HELD).exists()
    # The worker's only work: the PDFs of the receipt slips and decision notices the stories
    # issued (documents app), every one of them rendered.
    documents = IssuedDocument.objects.all()
    assert ran == documents.count() > 0
    assert all(document.is_ready for document in documents)
    subjects = " ".join(Mail.objects.values_list("subject", flat=True))
    for reference in Proposal.objects.exclude(reference=None).values_list("reference", flat=True):
        assert reference in subjects, (reference, subjects)
    recipients = list(Mail.objects.values_list("to", flat=True))
    assert ["biz-a2@example.jp"] in recipients  # the colleague's invitation
    assert ["tanaka@mishima-digilab.example.jp"] in recipients  # the one still open

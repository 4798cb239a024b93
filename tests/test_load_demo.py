"""The demo loader: realistic Mishima content, an account per role, businesses with their
proposals, and cases in every state of the workflow with their departments, dialogue, meetings,
goals and deadlines; open calls with applications, evaluation rounds, agreements, monitoring
and published results (issue 6); safe to run twice."""

import copy
import html
import json
import re
import zipfile
from collections import Counter
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.jp import cn as corporate_number

from accounts.models import Department, Invitation, Membership, Organization, User
from accounts.roles import is_department_staff, is_office
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion
from dialogue.models import MeetingRecord, Message, MessageAttachment, Side
from dialogue.permissions import side_of
from dialogue.selectors import meeting_records, message_files, thread_messages
from evaluation.aggregation import round_results
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
from outbox.models import Mail
from outcomes.models import PublishedDecision
from proposals import deadlines
from proposals.business_days import add_business_days
from proposals.files import validate_upload
from proposals.fiscal import fiscal_year
from proposals.models import (
    Agreement,
    Assignment,
    ImprovementAction,
    Indicator,
    IndicatorResult,
    MonitoringReport,
    OpenCall,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalAttachment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalUserObjectPermission,
    ProposalVersion,
    ReadMark,
    ReferenceCounter,
    RoleRiskItem,
    SharedGoal,
)
from proposals.selectors import visible_proposals
from proposals.workflow import CLOSED, TRANSITIONS, submit_action
from tests.factories.proposals import upload
from tests.jobs import run_queued_jobs

PASSWORD = "demo-pass-2026"
ACCOUNTS = [
    "office@example.jp",
    "kankyo@example.jp",
    "kosodate@example.jp",
    "evaluator@example.jp",
    "evaluator2@example.jp",
    "biz-a@example.jp",
    "biz-a2@example.jp",
    "biz-b@example.jp",
    "biz-c@example.jp",
    "biz-d@example.jp",
]
EVALUATORS = ["evaluator@example.jp", "evaluator2@example.jp"]
BUSINESSES = [
    "biz-a@example.jp",
    "biz-a2@example.jp",
    "biz-b@example.jp",
    "biz-c@example.jp",
    "biz-d@example.jp",
]
SECTIONS = ("background", "wanted", "business_role", "city_offer", "conditions")
ORGANIZATION_A = "株式会社みしまデジタルラボ"
ORGANIZATION_B = "NPO法人せせらぎ環境ネット"
# The applicants to the open calls (公募), who never see the original proposals.
ORGANIZATION_C = "一般社団法人みしま里山こども学校"
ORGANIZATION_D = "株式会社駿河メディアワークス"
S, A = Proposal.Status, ProposalTransition.Action
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.DEBUG = True  # pytest-django turns it off; the command needs it
    settings.MEDIA_ROOT = tmp_path
    # Six accounts a test: a fast hasher (the demo password is published anyway).
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return settings


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for a class of tests that only read it, and rolled back after them,
    as TestCase.setUpTestData does: each test runs in a savepoint of this transaction. (The
    demo's cases go through every service and step of the workflow: loading it for each test
    would make this module several times slower.)

    `output` is what the command printed, `media` where it stored the files.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
                output = load_demo()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield SimpleNamespace(output=output, media=media)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


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
        Assignment,
        Assignment.history.model,
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
                "proposal_id", "action", "target", "created_at"
            )
        ),
        "proposal_files": list(
            ProposalAttachment.objects.order_by("pk").values_list("pk", "file", "original_name")
        ),
        "assignments": list(
            Assignment.objects.order_by("pk").values_list(
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


@pytest.fixture
def fresh_cache():
    """allauth's rate limits live in the cache: start with none used."""
    cache.clear()
    yield
    cache.clear()


# Refusal, existing data, mail: each from an empty database -------------------------------


@pytest.mark.django_db
def test_a_second_run_changes_nothing(demo_settings, tmp_path):
    load_demo()
    first = snapshot(tmp_path)

    load_demo()

    assert snapshot(tmp_path) == first


@pytest.mark.django_db
def test_an_existing_account_keeps_its_own_password(demo_settings):
    User.objects.create_user("biz-a@example.jp", "my-own-secret-2026")

    output = load_demo()

    assert authenticate(username="biz-a@example.jp", password="my-own-secret-2026") is not None
    assert authenticate(username="biz-a@example.jp", password=PASSWORD) is None
    assert "biz-a@example.jp" in output


@pytest.mark.django_db
def test_demo_is_refused_without_debug_and_nothing_is_saved(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())

    assert not Theme.objects.exists()
    assert not User.objects.exists()
    assert not Department.objects.exists()
    assert not Organization.objects.exists()
    assert not Proposal.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not any(tmp_path.iterdir())


# The co-creation list, accounts, organisations: loaded once, read by each test ---------------


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestListAccountsAndOrganisations:
    def test_demo_loads_a_co_creation_list_across_every_field_and_department(self):
        themes = Theme.objects.all()
        assert themes.count() >= 14
        assert themes.public().count() >= 12
        assert themes.filter(status=Theme.Status.CLOSED).count() >= 2
        assert themes.public().filter(is_year_round=True, accepts_until=None).count() >= 3
        assert themes.accepting().count() >= 8
        assert themes.upcoming().count() >= 1
        assert themes.filter(status=Theme.Status.PUBLISHED).closed().count() >= 1  # deadline passed
        assert set(Field.objects.values_list("code", flat=True)) == set(
            Field.objects.filter(themes__in=themes.public()).values_list("code", flat=True)
        )
        assert not Department.objects.filter(themes=None).exists()
        for theme in themes:
            for section in SECTIONS:
                assert len(getattr(theme, section)) >= 40, (theme.title, section)

    def test_demo_drafts_exist_and_are_never_public(self):
        drafts = Theme.objects.filter(status=Theme.Status.DRAFT)
        assert drafts.count() == 2
        assert not Theme.objects.public().filter(pk__in=drafts).exists()
        assert not drafts.filter(published_at__isnull=False).exists()

    def test_demo_departments_have_mishima_contacts(self):
        kankyo = Department.objects.get(code="kankyo")
        assert kankyo.name == "環境政策課"
        assert Department.objects.get(code="kosodate").name == "子育て支援課"
        for department in Department.objects.all():
            assert department.phone.startswith("055-98"), department
            assert department.email.endswith("@city.mishima.example.jp"), department

    def test_demo_questions_are_answered_but_one_still_waits(self):
        answered = ThemeQuestion.objects.filter(answered_at__isnull=False)
        assert answered.count() >= 5
        assert not answered.filter(answer="").exists()
        assert ThemeQuestion.objects.filter(answered_at=None, answer="").count() == 1
        assert not ThemeQuestion.objects.exclude(theme__in=Theme.objects.public()).exists()

    def test_demo_attachments_are_small_pdfs_keeping_their_japanese_names(self, demo):
        attachments = ThemeAttachment.objects.order_by("pk")
        assert [a.original_name for a in attachments] == [
            "現状データ概要.pdf",
            "保育所等利用状況の概要.pdf",
        ]
        for attachment in attachments:
            assert attachment.theme.is_public
            assert attachment.extension == "PDF"
            path = demo.media / "public" / attachment.file.name  # the public store's folder
            content = path.read_bytes()
            assert content.startswith(b"%PDF-1.4\n")
            assert content.endswith(b"%%EOF\n")
            assert attachment.size == len(content)
            startxref = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
            assert content[startxref:].startswith(b"xref\n")

    @pytest.mark.parametrize("email", ACCOUNTS)
    def test_each_demo_account_can_sign_in_with_the_demo_password(self, email):
        user = authenticate(username=email, password=PASSWORD)

        assert user is not None
        assert user.email == email
        assert not user.is_superuser

    def test_demo_accounts_have_their_roles(self):
        users = {user.email: user for user in User.objects.filter(email__in=ACCOUNTS)}

        assert is_office(users["office@example.jp"])
        assert users["office@example.jp"].full_name == "共創推進室 デモ職員"
        assert users["office@example.jp"].is_staff
        for email, code in [("kankyo@example.jp", "kankyo"), ("kosodate@example.jp", "kosodate")]:
            assert is_department_staff(users[email])
            assert not is_office(users[email])
            assert users[email].is_staff
            assert users[email].department.code == code
        for email in [*EVALUATORS, *BUSINESSES]:
            assert not users[email].is_staff
            assert users[email].department is None
            assert not is_office(users[email])
        # External evaluators (選定委員): no group, no organisation; assigned to rounds.
        for email in EVALUATORS:
            assert not users[email].groups.exists()
            assert users[email].is_evaluator
            assert not hasattr(users[email], "membership")
        for email in BUSINESSES:
            assert not users[email].is_evaluator
        # A business user is in one group: their organisation's, which holds the grants.
        for email in BUSINESSES:
            organization = users[email].membership.organization
            assert list(users[email].groups.all()) == [organization.group]
        assert not User.objects.filter(is_superuser=True).exists()

    def test_demo_prints_the_accounts_and_the_password_as_demo_only(self, demo):
        output = demo.output

        for email in ACCOUNTS:
            assert email in output
        assert PASSWORD in output
        for name in (ORGANIZATION_A, ORGANIZATION_B, ORGANIZATION_C, ORGANIZATION_D):
            assert name in output

    def test_every_demo_account_has_a_verified_primary_address(self):
        addresses = EmailAddress.objects.filter(user__email__in=ACCOUNTS)
        assert sorted(addresses.values_list("email", "verified", "primary")) == sorted(
            (email, True, True) for email in ACCOUNTS
        )
        assert all(address.user.email == address.email for address in addresses)

    @pytest.mark.parametrize(
        ("email", "landing"),
        [
            ("biz-a@example.jp", "proposals:dashboard"),
            ("biz-a2@example.jp", "proposals:dashboard"),
            ("biz-b@example.jp", "proposals:dashboard"),
            ("biz-c@example.jp", "proposals:dashboard"),
            ("biz-d@example.jp", "proposals:dashboard"),
            ("evaluator@example.jp", "evaluation:my_rounds"),
            ("evaluator2@example.jp", "evaluation:my_rounds"),
            ("office@example.jp", "admin:index"),
            ("kankyo@example.jp", "admin:index"),
        ],
    )
    def test_demo_account_signs_in_through_the_login_page_at_once(
        self, client, fresh_cache, email, landing
    ):
        response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

        assert response.status_code == 302
        assert response["Location"] == reverse(landing)
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)

    def test_demo_business_signs_in_and_sees_its_organisations_proposals(self, client, fresh_cache):
        client.post(reverse("account_login"), {"login": "biz-a@example.jp", "password": PASSWORD})

        page = client.get(reverse("proposals:dashboard")).content.decode()

        organization = Organization.objects.get(name=ORGANIZATION_A)
        for proposal in organization.proposals.all():
            assert proposal.title in page
        for proposal in Proposal.objects.exclude(organization=organization):
            assert proposal.title not in page

    def test_demo_organisations_are_registered_with_their_groups_and_members(self):
        a = Organization.objects.get(name=ORGANIZATION_A)
        b = Organization.objects.get(name=ORGANIZATION_B)
        c = Organization.objects.get(name=ORGANIZATION_C)
        d = Organization.objects.get(name=ORGANIZATION_D)
        assert Organization.objects.count() == 4
        # 法人番号: 13 digits whose first is the check digit of the other twelve.
        for organization in (a, c, d):
            number = organization.corporate_number
            assert re.fullmatch(r"\d{13}", number), organization
            assert corporate_number.calc_check_digit(number[1:]) == number[0], organization
        assert len({a.corporate_number, c.corporate_number, d.corporate_number}) == 3
        assert a.is_local and b.is_local and c.is_local
        assert not d.is_local  # from Shizuoka city: locality weighs in the selection
        assert a.size == d.size == Organization.Size.SMALL
        assert b.corporate_number == ""
        assert b.size == c.size == Organization.Size.NONPROFIT
        for organization in (a, b, c, d):
            organization.full_clean()  # every field as the registration form would accept it
            assert organization.group.name.startswith("organization:")
        members = {
            name: sorted(
                Membership.objects.filter(organization__name=name).values_list(
                    "user__email", flat=True
                )
            )
            for name in (ORGANIZATION_A, ORGANIZATION_B, ORGANIZATION_C, ORGANIZATION_D)
        }
        assert members == {
            ORGANIZATION_A: ["biz-a2@example.jp", "biz-a@example.jp"],
            ORGANIZATION_B: ["biz-b@example.jp"],
            ORGANIZATION_C: ["biz-c@example.jp"],
            ORGANIZATION_D: ["biz-d@example.jp"],
        }

    def test_demo_colleague_joined_by_invitation_and_one_invitation_is_still_open(self):
        a = Organization.objects.get(name=ORGANIZATION_A)
        accepted = a.invitations.get(accepted_at__isnull=False)
        assert accepted.email == "biz-a2@example.jp"
        assert accepted.invited_by.email == "biz-a@example.jp"
        assert [(i.email, i.is_open) for i in a.invitations.filter(accepted_at=None)] == [
            ("tanaka@mishima-digilab.example.jp", True)
        ]
        assert not Invitation.objects.exclude(organization=a).exists()


# Proposals and cases -----------------------------------------------------------------------

# In the order of Proposal.Status. No case rests in "selected": the selected original proposal
# went on to its agreement (see test_every_state_of_the_workflow_has_a_case).
EVERY_STATE = {
    S.DRAFT: 2,
    S.RECEIVED: 5,
    S.CONSULTING: 3,
    S.DECLINED: 1,
    S.PLANNING: 1,
    S.ADOPTED: 1,
    S.NOT_ADOPTED: 1,
    S.SELECTING: 2,  # the signage case and biz-d's application to its open call
    S.NOT_SELECTED: 2,  # biz-c's and biz-d's applications to the 放課後しぜん教室 call
    S.AGREED: 1,
    S.OPERATING: 1,
    S.COMPLETED: 1,
    S.WITHDRAWN: 1,
}
SUBMITTED = sum(EVERY_STATE.values()) - EVERY_STATE[S.DRAFT]  # 20, with the 3 applications
APPLICATIONS = {
    # title: (applicant, status, the title of the case whose open call it answers)
    "里山の一年を遊びつくす放課後自然学校": (
        ORGANIZATION_C,
        S.NOT_SELECTED,
        "湧水の水辺と里山で遊ぶ「放課後しぜん教室」",
    ),
    "映像で記録する放課後しぜん探検": (
        ORGANIZATION_D,
        S.NOT_SELECTED,
        "湧水の水辺と里山で遊ぶ「放課後しぜん教室」",
    ),
    "待合の時間を快適にする庁舎サイネージと地域情報の発信": (
        ORGANIZATION_D,
        S.SELECTING,
        "庁舎のデジタルサイネージによる行政情報の発信と広告収入の確保",
    ),
}


def statuses(organization_name):
    return Counter(
        Proposal.objects.filter(organization__name=organization_name).values_list(
            "status", flat=True
        )
    )


def submitted():
    return Proposal.objects.exclude(status=S.DRAFT).order_by("serial")


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestProposalsAndCases:
    def test_every_state_of_the_workflow_has_a_case(self):
        counts = Counter(Proposal.objects.values_list("status", flat=True))

        assert counts == EVERY_STATE
        assert list(EVERY_STATE) == [status for status in S if status in EVERY_STATE]
        # Every state but "selected" has a case resting in it; "selected" is passed through: the
        # original proposal selected in the round went on to its agreement and operation.
        assert set(counts) == set(S.values) - {S.SELECTED}
        selected = ProposalTransition.objects.get(target=S.SELECTED)
        assert selected.action == A.SELECT
        assert selected.proposal.status == S.OPERATING
        assert selected.proposal.transitions.filter(source=S.SELECTED, action=A.AGREE).exists()
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
            S.RECEIVED: 2,
            S.PLANNING: 1,
            S.NOT_ADOPTED: 1,
            S.OPERATING: 1,
            S.COMPLETED: 1,
        }
        assert statuses(ORGANIZATION_C) == {S.NOT_SELECTED: 1}
        assert statuses(ORGANIZATION_D) == {S.NOT_SELECTED: 1, S.SELECTING: 1}

    def test_demo_proposals_of_both_types_and_both_intents(self):
        kinds = Counter(Proposal.objects.values_list("kind", "status"))
        assert kinds[(Proposal.Kind.THEME, S.DRAFT)] == 2
        assert kinds[(Proposal.Kind.THEME, S.RECEIVED)] == 2
        assert kinds[(Proposal.Kind.FREE, S.RECEIVED)] == 3
        # The free consultation: little more than a title and an outline.
        consultation = Proposal.objects.get(
            intent=Proposal.Intent.CONSULTATION,
            status=S.RECEIVED,
            organization__name=ORGANIZATION_A,
        )
        assert consultation.kind == Proposal.Kind.FREE
        assert consultation.created_by.email == "biz-a2@example.jp"
        assert consultation.body == ""
        # B's free proposal is in 環境, with the department it has in mind.
        environment = Proposal.objects.get(
            organization__name=ORGANIZATION_B, status=S.RECEIVED, field__code="environment"
        )
        assert environment.kind == Proposal.Kind.FREE
        assert environment.preferred_department.code == "mizumidori"
        # Theme-based proposals are on themes accepting proposals now.
        for proposal in Proposal.objects.filter(kind=Proposal.Kind.THEME):
            assert proposal.theme.is_accepting(), proposal.theme
        assert Proposal.objects.filter(intent=Proposal.Intent.CONSULTATION).count() >= 5

    def test_demo_applications_answer_the_two_open_calls(self):
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

    def test_reference_numbers_are_gapless(self):
        cases = list(submitted())
        references = [case.reference for case in cases]

        assert len(references) == SUBMITTED == 20
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

    def test_each_case_reached_its_state_step_by_step_through_the_workflow(self):
        for case in submitted().prefetch_related("transitions__actor__membership"):
            steps = list(case.transitions.all())
            # An application applies to its open call; a proposal is submitted.
            assert steps[0].action == submit_action(case), case.reference
            assert (steps[0].action == A.APPLY) == (case.kind == Proposal.Kind.APPLICATION)
            assert steps[0].created_at == case.submitted_at
            assert case.versions.filter(number=1).exists()
            state = S.DRAFT
            for step in steps:
                rule = TRANSITIONS[step.action]
                assert step.source == state and state in rule.sources, (case.reference, step)
                assert step.target == rule.target
                assert rule.who(step.actor, case), (case.reference, step.action, step.actor)
                if rule.reason:
                    assert step.reason.strip(), (case.reference, step.action)
                if rule.public_reason:
                    assert step.public_reason.strip(), (case.reference, step.action)
                state = step.target
            assert state == case.status, case.reference
            assert [step.created_at for step in steps] == sorted(step.created_at for step in steps)

    def test_decisions_are_published_with_reasons_and_adoptions_record_their_method(self):
        adoptions = list(ProposalTransition.objects.filter(action=A.ADOPT))

        assert len(adoptions) == 5  # adopted, selecting, agreed, operating, completed
        for step in adoptions:
            assert step.details["ppp_method"] in PPPMethod.values
            assert step.details["opportunity"] in Opportunity.values
            if step.details["opportunity"] == Opportunity.DIRECT:
                assert step.details["direct_reason"].strip()
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", step.public_reason)
        # Every way of giving other businesses their chance is shown once or more.
        assert {step.details["opportunity"] for step in adoptions} == set(Opportunity.values)
        adopted = Proposal.objects.get(status=S.ADOPTED).transitions.get(action=A.ADOPT)
        assert adopted.details["ppp_method"] == PPPMethod.PARTNERSHIP_AGREEMENT
        for status, action in [
            (S.NOT_ADOPTED, A.NOT_ADOPT),
            (S.DECLINED, A.DECLINE),
            (S.COMPLETED, A.COMPLETE),
        ]:
            step = Proposal.objects.get(status=status).transitions.get(action=action)
            assert len(step.public_reason) >= 40, status

    def test_withdrawn_case_was_withdrawn_by_its_proposer_with_a_reason(self):
        withdrawn = Proposal.objects.get(status=S.WITHDRAWN)
        step = withdrawn.transitions.get(action=A.WITHDRAW)

        assert (step.source, step.target) == (S.CONSULTING, S.WITHDRAWN)
        assert "取り下げ" in step.reason
        assert step.actor.membership.organization == withdrawn.organization

    def test_demo_revised_proposal_keeps_version_1_and_has_version_2_with_a_note(self):
        revised = Proposal.objects.get(version=2)
        first, second = revised.versions.order_by("number")
        assert (first.number, second.number) == (1, 2)
        assert second.note
        assert first.content["schedule"] != second.content["schedule"]
        assert second.content["schedule"] == revised.schedule
        assert first.content["title"] == second.content["title"] == revised.title
        assert Proposal.objects.filter(version__gt=1).count() == 1
        assert first.created_at < second.created_at

    def test_demo_proposals_are_substantial_japanese(self):
        for proposal in Proposal.objects.filter(intent=Proposal.Intent.PROPOSAL).exclude(
            status=S.DRAFT
        ):
            for name in ("background", "body", "roles", "schedule"):
                assert len(getattr(proposal, name)) >= 40, (proposal.title, name)
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", proposal.body)
        # A draft is partly filled: the dashboard asks to complete it.
        draft = Proposal.objects.get(organization__name=ORGANIZATION_A, status=S.DRAFT)
        assert draft.background and not draft.effect_citizens

    def test_demo_attachments_are_real_files_on_disk_in_the_private_storage(self, demo):
        files = {a.original_name: a for a in ProposalAttachment.objects.select_related("proposal")}
        assert sorted(files) == sorted(
            ["提案書_みしま施設ネット予約.pdf", "概算費用内訳.xlsx", "活動実績と調査計画.pdf"]
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

    def test_members_of_a_see_as_cases_and_never_bs(self):
        a = Organization.objects.get(name=ORGANIZATION_A)
        b = Organization.objects.get(name=ORGANIZATION_B)

        for email in ("biz-a@example.jp", "biz-a2@example.jp"):
            user = User.objects.get(email=email)
            assert set(visible_proposals(user)) == set(a.proposals.all()), email
        assert set(visible_proposals(User.objects.get(email="biz-b@example.jp"))) == set(
            b.proposals.all()
        )
        assert a.proposals.count() == 12 and b.proposals.count() == 7
        for email in EVALUATORS:  # their rounds show candidates through evaluation pages only
            assert not visible_proposals(User.objects.get(email=email)).exists(), email
        assert visible_proposals(User.objects.get(email="office@example.jp")).count() == 22

    def test_applicants_see_only_their_own_applications_never_the_original_cases(self):
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

    def test_an_existing_business_keeps_its_organisation_and_gets_no_second_one(
        self, demo_settings
    ):
        a = Organization.objects.get(name=ORGANIZATION_A)
        a.name = "株式会社みしまデジタルラボ（改称）"
        a.save()

        load_demo()

        assert Organization.objects.count() == 4
        assert Organization.objects.get(pk=a.pk).name == "株式会社みしまデジタルラボ（改称）"
        assert Proposal.objects.filter(organization=a).count() == 12

    # Departments ------------------------------------------------------------------------

    def test_departments_are_put_in_charge_by_the_office_with_their_grants(self):
        assignments = Assignment.objects.select_related("proposal", "department", "assigned_by")

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
        assert Proposal.objects.filter(status=S.RECEIVED, assignments=None).count() == 4

    @pytest.mark.parametrize(
        ("email", "code"), [("kankyo@example.jp", "kankyo"), ("kosodate@example.jp", "kosodate")]
    )
    def test_department_staff_see_only_the_cases_of_their_department(self, email, code):
        user = User.objects.get(email=email)
        assigned = Proposal.objects.filter(assignments__department__code=code)
        others = Proposal.objects.exclude(assignments__department__code=code)

        assert set(visible_proposals(user)) == set(assigned)
        assert assigned.count() == 5
        assert len(set(assigned.values_list("status", flat=True))) >= 4  # at several stages
        # Cases of other departments are in the demo, and they do not see them.
        assert others.filter(assignments__isnull=False).exists()
        assert not visible_proposals(user).filter(pk__in=others).exists()

    def test_kankyo_and_kosodate_have_each_their_own_cases(self):
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

    def test_deadlines_overdue_and_on_time(self):
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
        assert recent.count() == 4
        pending = Proposal.objects.get(status=S.CONSULTING, reply_due_on__gte=today)
        assert pending.next_due_on == pending.reply_due_on
        assert pending.messages.filter(is_internal=False).last().side == Side.PROPOSER
        assert list(pending.departments.values_list("code", flat=True)) == ["kankyo"]
        # A closed case has no deadline.
        assert not Proposal.objects.filter(status__in=CLOSED, next_due_on__isnull=False).exists()

    def test_deadlines_count_business_days_from_the_dates_on_record(self):
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

    def test_the_stories_happened_in_the_past_in_order(self):
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

    def test_dialogue_goes_both_ways_with_internal_notes_and_files(self, demo):
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

    def test_meeting_records_of_both_kinds_shared_and_internal(self):
        records = Counter(
            MeetingRecord.objects.values_list("kind", "is_shared_with_proposer", "form")
        )
        kinds = {(kind, shared) for kind, shared, _form in records}

        D, L = MeetingRecord.Kind.DIALOGUE, MeetingRecord.Kind.LIAISON
        assert kinds == {(D, True), (D, False), (L, True), (L, False)}
        assert {form for _kind, _shared, form in records} == set(MeetingRecord.Form.values)
        for record in MeetingRecord.objects.all():
            record.full_clean()
            assert record.city_attendees and record.business_attendees and record.summary

    def test_proposers_never_see_internal_notes_or_records_through_the_dialogue(self):
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

    def test_the_planning_case_has_shared_goals_on_the_four_viewpoints_with_kpis(self):
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

    def test_the_console_lists_the_cases_by_status_and_the_overdue_ones(self, demo):
        line = _("Cases by status: %(statuses)s") % {
            "statuses": ", ".join(
                f"{S(status).label} {count}" for status, count in EVERY_STATE.items()
            )
        }

        assert line in demo.output
        assert _("Cases past their next deadline: %(count)d") % {"count": 2} in demo.output


# Stages 3 and 4 (issue 6): open calls, rounds, agreements, monitoring, the public record ------

AFTERSCHOOL = "湧水の水辺と里山で遊ぶ「放課後しぜん教室」"
ENERGY_AUDIT = "中小事業所の省エネ診断と改善の伴走支援（試行）"
POWER = "公共施設の電力使用量の見える化とデマンド監視"
ADOPTION_REVIEW = "「放課後しぜん教室」採否審査"
SELECTION = "放課後しぜん教室 運営事業者の選定"
CALL_TITLES = (
    "放課後しぜん教室 運営業務委託 公募型プロポーザル",
    "庁舎のデジタルサイネージの設置・運営事業者の募集",
)
# The evaluators' points, criterion by criterion, as load_demo gives them, summed by hand (the
# default criteria set: 8 criteria, weight 1 each, 100 points; pass mark 60; bonus 5).
#   biz-b (the original proposal): 12+7+8+8+16+12+6+9 = 78 and 13+6+7+9+15+11+7+9 = 77,
#     mean 77.50, + 5 (提案者加点) = 82.50
#   biz-c: 11+7+7+8+15+12+8+9 = 77 and 12+8+8+8+14+11+8+9 = 78, mean 77.50
#   biz-d: 9+6+6+5+12+10+9+3 = 60; evaluator2 declared a conflict: 60.00 from one sheet
# Their labels A, B, C are drawn at random when the round opens (evaluation.services.open_round).
SELECTION_RESULTS = [
    # (organisation, evaluator totals, mean, bonus, total, rank)
    (ORGANIZATION_B, ["78.00", "77.00"], "77.50", "5.00", "82.50", 1),
    (ORGANIZATION_C, ["77.00", "78.00"], "77.50", "0.00", "77.50", 2),
    (ORGANIZATION_D, ["60.00", None], "60.00", "0.00", "60.00", 3),
]
PUBLIC_PAGES = ["/results/", "/statistics/", "/calls/", "/calls/1/", "/calls/2/"]


def selection_round():
    return Round.objects.get(kind=Round.Kind.SELECTION)


def selection_labels() -> dict[str, str]:
    """The organisation of each candidate of the selection → its label."""
    return dict(selection_round().candidates.values_list("proposal__organization__name", "label"))


def confidential_fragments():
    """Sentences of what the demo keeps confidential: the content of every case beyond its
    title and outline, the internal reasons, the dialogue and meetings, the reports, the
    evaluators' notes and the rounds' internal reasons. Sentences (and list items, and lines) of
    16 characters or more: shorter ones may be common phrases of public text too."""
    texts = []
    for case in Proposal.objects.exclude(status=S.DRAFT):
        texts += [
            case.background,
            case.body,
            case.effect_citizens,
            case.effect_financial,
            case.effect_growth,
            case.effect_region,
            case.roles,
            case.schedule,
            case.cost_detail,
            case.requests_to_city,
            case.know_how,
            case.contact_email,
        ]
    texts += ProposalTransition.objects.values_list("reason", flat=True)
    texts += Message.objects.values_list("body", flat=True)
    texts += MeetingRecord.objects.values_list("summary", flat=True)
    texts += MonitoringReport.objects.values_list("summary", flat=True)
    texts += MonitoringReport.objects.values_list("assessment", flat=True)
    texts += ImprovementAction.objects.values_list("description", flat=True)
    texts += Round.objects.values_list("decision_reason", flat=True)
    texts += ConflictDeclaration.objects.values_list("note", flat=True)
    return {
        part.strip().lstrip("・")
        for text in texts
        for part in re.split(r"[。\n]", text or "")
        if len(part.strip().lstrip("・")) >= 16
    }


def anonymous_page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestEvaluationAgreementsAndOutcomes:
    # Rounds -----------------------------------------------------------------------------

    def test_the_adoption_review_passed_and_adopted_the_case(self):
        review = Round.objects.get(kind=Round.Kind.ADOPTION_REVIEW)

        assert review.title == ADOPTION_REVIEW
        assert review.proposal.title == AFTERSCHOOL
        assert (review.status, review.is_adopted) == (Round.Status.DECIDED, True)
        assert review.decision_reason.strip() and review.public_reason.strip()
        assert [c.proposal for c in review.candidates.all()] == [review.proposal]
        assert sorted(review.assignments.values_list("evaluator__email", flat=True)) == sorted(
            EVALUATORS
        )
        results = round_results(review)
        (only,) = results.candidates
        assert [total.total for total in only.totals] == [Decimal("78.00"), Decimal("78.00")]
        assert (only.mean, only.bonus, only.total) == (
            Decimal("78.00"),
            Decimal("0.00"),  # no proposer bonus in an adoption review
            Decimal("78.00"),
        )
        assert only.passed and only.total >= results.pass_mark == Decimal("60.00")
        # The decision moved the case on: adopted with the round's reasons, then an open call.
        adoption = review.proposal.transitions.get(action=A.ADOPT)
        assert adoption.public_reason == review.public_reason
        assert adoption.details["opportunity"] == Opportunity.OPEN_CALL
        assert review.decided_at == adoption.created_at

    def test_the_selection_round_has_three_candidates_two_evaluators_and_one_conflict(self):
        selection = selection_round()
        candidates = selection.candidates.select_related("proposal__organization")

        assert selection.title == SELECTION
        assert selection.proposal.title == AFTERSCHOOL
        assert selection.status == Round.Status.DECIDED
        assert selection.is_anonymised
        assert sorted(c.label for c in candidates) == ["A", "B", "C"]
        assert {c.proposal.organization.name: c.is_original_proposer for c in candidates} == {
            ORGANIZATION_B: True,
            ORGANIZATION_C: False,
            ORGANIZATION_D: False,
        }
        assert {c.proposal.title for c in candidates if not c.is_original_proposer} == {
            title for title, (_, _, call) in APPLICATIONS.items() if call == AFTERSCHOOL
        }
        assignments = selection.assignments.select_related("evaluator")
        assert sorted(a.evaluator.email for a in assignments) == sorted(EVALUATORS)
        assert all(a.declared_at is not None for a in assignments)  # declared before scoring
        # Each evaluator declared on every candidate; one conflict, with its note.
        declarations = ConflictDeclaration.objects.filter(assignment__round=selection)
        assert declarations.count() == 6
        conflict = declarations.get(has_conflict=True)
        assert conflict.assignment.evaluator.email == "evaluator2@example.jp"
        assert conflict.candidate.proposal.organization.name == ORGANIZATION_D
        assert conflict.note.strip()
        # Submitted sheets from both evaluators on every candidate but the blocked pair.
        sheets = ScoreSheet.objects.filter(assignment__round=selection)
        assert sorted(
            (sheet.assignment.evaluator.email, sheet.candidate.proposal.organization.name)
            for sheet in sheets.select_related(
                "assignment__evaluator", "candidate__proposal__organization"
            )
        ) == sorted(
            [
                ("evaluator@example.jp", ORGANIZATION_B),
                ("evaluator@example.jp", ORGANIZATION_C),
                ("evaluator@example.jp", ORGANIZATION_D),
                ("evaluator2@example.jp", ORGANIZATION_B),
                ("evaluator2@example.jp", ORGANIZATION_C),
            ]
        )
        assert not sheets.filter(submitted_at=None).exists()
        criteria = selection.criteria_set.criteria.count()
        for sheet in sheets:
            assert sheet.scores.count() == criteria
            for score in sheet.scores.select_related("criterion"):
                assert 0 <= score.points <= score.criterion.max_points
        assert selection.scoring_due_on <= timezone.localdate(selection.closed_at)

    def test_the_selection_ranks_the_original_proposal_first_at_82_50(self):
        selection = selection_round()

        results = round_results(selection)

        assert results.is_selection and not results.is_provisional
        assert results.bonus == Decimal("5.00")
        assert [
            (
                row.name,
                [None if t.total is None else str(t.total) for t in row.totals],
                str(row.mean),
                str(row.bonus),
                str(row.total),
                row.rank,
            )
            for row in results.candidates
        ] == SELECTION_RESULTS
        assert [row.passed for row in results.candidates] == [True, True, True]
        assert [(row.counted, row.blocked, row.missing) for row in results.candidates] == [
            (2, 0, 0),
            (2, 0, 0),
            (1, 1, 0),
        ]
        assert not results.has_unresolved_tie
        # The decision followed the ranking: the original proposal selected, the others not.
        winner = results.candidates[0].candidate
        assert selection.selected == winner
        assert winner.proposal.transitions.filter(action=A.SELECT).exists()
        for row in results.candidates[1:]:
            case = row.candidate.proposal
            assert case.status == S.NOT_SELECTED
            step = case.transitions.get(action=A.NOT_SELECT)
            assert step.reason.strip() and step.public_reason.strip()

    def test_each_evaluator_has_the_two_rounds_and_nothing_else(self):
        for email in EVALUATORS:
            evaluator = User.objects.get(email=email)
            rounds = Round.objects.filter(assignments__evaluator=evaluator)
            assert sorted(rounds.values_list("title", flat=True)) == sorted(
                [ADOPTION_REVIEW, SELECTION]
            )
            granted = RoundUserObjectPermission.objects.filter(user=evaluator)
            assert set(granted.values_list("content_object_id", flat=True)) == set(
                rounds.values_list("pk", flat=True)
            )
        assert Round.objects.count() == 2

    def test_the_evaluator_pages_list_the_two_rounds_without_candidate_names(self, client):
        for email in EVALUATORS:
            client.force_login(User.objects.get(email=email))

            page = html.unescape(client.get(reverse("evaluation:my_rounds")).content.decode())

            assert ADOPTION_REVIEW in page and SELECTION in page, email
            detail = client.get(reverse("evaluation:round", args=[selection_round().pk]))
            assert detail.status_code == 200
            for text in (page, html.unescape(detail.content.decode())):
                for name in (ORGANIZATION_B, ORGANIZATION_C, ORGANIZATION_D):
                    assert name not in text, (email, name)
            client.logout()

    # Agreements and monitoring -----------------------------------------------------------

    def test_three_agreements_with_their_role_and_risk_tables(self):
        agreements = {
            agreement.proposal.title: agreement
            for agreement in Agreement.objects.select_related("proposal", "signed_by")
        }
        today = timezone.localdate()

        assert set(agreements) == {ENERGY_AUDIT, AFTERSCHOOL, POWER}
        for title, agreement in agreements.items():
            items = list(agreement.items.order_by("order"))
            assert len(items) >= 3, title
            assert [item.order for item in items] == list(range(1, len(items) + 1))
            for item in items:
                item.full_clean()
                assert item.item and item.risk_bearer in RoleRiskItem.Bearer.values
            assert agreement.title.strip() and agreement.incentives.strip()
            assert agreement.signed_on <= today
            assert agreement.signed_on <= agreement.starts_on < agreement.ends_on
            assert is_office(agreement.signed_by)
            signed = agreement.proposal.transitions.get(action=A.AGREE)
            assert timezone.localdate(signed.created_at) == agreement.signed_on
        assert {
            bearer
            for agreement in agreements.values()
            for bearer in agreement.items.values_list("risk_bearer", flat=True)
        } == set(RoleRiskItem.Bearer.values)
        # Signing starts the operation once the term has begun; the power case starts later.
        power = agreements[POWER]
        assert power.proposal.status == S.AGREED and power.starts_on > today
        assert not power.proposal.transitions.filter(action=A.START_OPERATION).exists()
        for title in (ENERGY_AUDIT, AFTERSCHOOL):
            assert agreements[title].starts_on <= today
            assert agreements[title].proposal.transitions.filter(action=A.START_OPERATION).exists()
        assert agreements[AFTERSCHOOL].proposal.status == S.OPERATING
        assert agreements[ENERGY_AUDIT].proposal.status == S.COMPLETED

    def test_monitoring_reports_have_indicator_results_and_improvement_actions(self):
        reports = MonitoringReport.objects.select_related("proposal", "created_by")

        assert {report.proposal.title for report in reports} == {ENERGY_AUDIT, AFTERSCHOOL}
        for report in reports:
            assert report.period_start < report.period_end <= timezone.localdate()
            assert report.summary.strip() and report.assessment.strip()
            assert report.is_shared
            assert report.created_by.department is not None  # kept by the department
            results = list(report.results.select_related("indicator__goal"))
            assert len(results) == 4, report.proposal.title
            for result in results:
                assert result.indicator.goal.proposal == report.proposal
                assert result.value.strip()
            # Some results published, one kept internal.
            assert {result.is_public for result in results} == {True, False}
            actions = list(report.actions.all())
            assert len(actions) == 2
            for action in actions:
                assert action.proposal == report.proposal
                assert action.description.strip() and action.owner_name.strip()
                assert action.due_on > report.period_end
        assert ImprovementAction.objects.count() == 4
        assert {action.owner_side for action in ImprovementAction.objects.all()} == set(
            ImprovementAction.Owner.values
        )

    def test_the_rows_of_stages_3_and_4_are_dated_back_within_their_stories(self):
        now = timezone.now()
        stamps = []
        for selection in Round.objects.select_related("proposal"):
            received = selection.proposal.submitted_at
            stamps += [
                (received, stamp)
                for stamp in (
                    selection.created_at,
                    selection.opened_at,
                    selection.closed_at,
                    selection.decided_at,
                    *selection.events.values_list("at", flat=True),
                    *selection.assignments.values_list("declared_at", flat=True),
                )
            ]
            assert (
                selection.created_at
                <= selection.opened_at
                <= selection.closed_at
                <= selection.decided_at
            )
        for sheet in ScoreSheet.objects.select_related("candidate__proposal"):
            stamps.append((sheet.candidate.proposal.submitted_at, sheet.submitted_at))
        for call in OpenCall.objects.select_related("proposal"):
            stamps.append((call.proposal.submitted_at, call.published_at))
            assert timezone.localdate(call.published_at) == call.starts_on  # published that day
        for report in MonitoringReport.objects.select_related("proposal"):
            stamps.append((report.proposal.submitted_at, report.created_at))
        for publication in PublishedDecision.objects.select_related("proposal", "transition"):
            stamps.append((publication.proposal.submitted_at, publication.published_at))
            assert publication.decided_at == publication.transition.created_at
            assert publication.decided_at <= publication.published_at

        assert len(stamps) > 30
        assert all(received <= stamp <= now for received, stamp in stamps), stamps

    # The public record -------------------------------------------------------------------

    def test_six_decisions_are_published_as_snapshots(self):
        publications = PublishedDecision.objects.select_related("transition", "proposal")

        assert Counter(publications.values_list("action", flat=True)) == {
            A.ADOPT: 2,
            A.SELECT: 1,
            A.COMPLETE: 1,
            A.NOT_ADOPT: 1,
            A.DECLINE: 1,
        }
        for publication in publications:
            assert publication.transition.proposal == publication.proposal
            assert publication.action == publication.transition.action
            assert publication.public_reason == publication.transition.public_reason
            assert publication.title == publication.proposal.title
            assert is_office(publication.published_by)
            if not publication.discloses_proposer:
                assert publication.proposer_name == publication.outline == ""
        # Declined and not adopted: the proposer stays unnamed.
        for action in (A.NOT_ADOPT, A.DECLINE):
            assert not publications.get(action=action).discloses_proposer
        # The selection, with its round and the candidates as A, B, C.
        selected = publications.get(action=A.SELECT)
        assert selected.round == selection_round()
        assert selected.selected_party == ORGANIZATION_B
        assert not selected.shows_candidate_names
        labels = selection_labels()
        assert selected.candidates == [
            {
                "label": labels[name],
                "name": "",
                "total": total,
                "rank": rank,
                "passed": True,
                "selected": rank == 1,
            }
            for name, _totals, _mean, _bonus, total, rank in SELECTION_RESULTS
        ]
        # The applications' own decisions are published with the round, not one by one.
        assert not publications.filter(proposal__kind=Proposal.Kind.APPLICATION).exists()

    def test_public_results_list_the_published_decisions(self, client, fresh_cache):
        response = client.get(reverse("outcomes:results"))

        assert response.status_code == 200
        assert response.context["result_count"] == 6
        page = html.unescape(response.content.decode())
        for publication in PublishedDecision.objects.all():
            assert publication.title in page
            assert publication.public_reason.split("\n")[0] in page

    def test_public_result_of_the_selection_shows_the_totals_as_a_b_c(self, client, fresh_cache):
        publication = PublishedDecision.objects.get(action=A.SELECT)

        page = anonymous_page(client, publication.get_absolute_url())

        assert publication.title in page
        assert ORGANIZATION_B in page  # the selected party, and a disclosed proposer
        labels = selection_labels()
        for name, _totals, _mean, _bonus, total, _rank in SELECTION_RESULTS:
            assert re.search(rf">\s*{labels[name]}\s*<", page), name
            assert total in page
        # In ranking order, each label with its total.
        rows = re.findall(r">\s*([ABC])\s*<.*?(\d+\.\d\d)", page, flags=re.S)
        assert rows == [(labels[name], total) for name, *_rest, total, _rank in SELECTION_RESULTS]
        # The indicators' results the city published, and not the one it kept internal.
        for result in IndicatorResult.objects.filter(report__proposal=publication.proposal):
            if result.is_public:
                assert result.indicator.name in page
            else:
                assert result.indicator.name not in page
        assert "48,500" not in page

    def test_public_result_of_a_declined_case_names_no_proposer(self, client, fresh_cache):
        for action in (A.DECLINE, A.NOT_ADOPT):
            publication = PublishedDecision.objects.select_related("proposal__organization").get(
                action=action
            )

            page = anonymous_page(client, publication.get_absolute_url())

            assert publication.title in page and publication.public_reason in page
            assert publication.proposal.organization.name not in page
            assert publication.proposal.outline not in page

    def test_public_statistics_count_the_demo_cases(self, client, fresh_cache):
        year = fiscal_year(timezone.localdate())

        response = client.get(reverse("outcomes:statistics"), {"year": year})

        assert response.status_code == 200
        stats = response.context["stats"]
        # Every case is numbered in the fiscal year of the run (see load_demo's Backdating).
        assert stats.received_total == SUBMITTED
        assert [row.value for row in stats.by_kind] == [4, 13, 3]  # theme, free, applications
        decisions = Counter(
            step.action
            for step in ProposalTransition.objects.all()
            if fiscal_year(timezone.localdate(step.created_at)) == year
        )
        counted = [A.DECLINE, A.ADOPT, A.NOT_ADOPT, A.SELECT, A.NOT_SELECT, A.COMPLETE]
        assert [row.value for row in stats.decisions] == [decisions[a] for a in counted]
        page = response.content.decode()
        assert "<svg" in page and "<table" in page

    def test_public_calls_list_the_two_open_calls(self, client, fresh_cache):
        response = client.get(reverse("outcomes:calls"))

        assert response.status_code == 200
        accepting = [row["call"].title for row in response.context["accepting"]]
        closed = [row["call"].title for row in response.context["closed"]]
        assert (closed, accepting) == ([CALL_TITLES[0]], [CALL_TITLES[1]])
        page = html.unescape(response.content.decode())
        for title in CALL_TITLES:
            assert title in page
        for number, title in enumerate(CALL_TITLES, start=1):
            assert title in anonymous_page(client, reverse("outcomes:call", args=[number]))

    def test_public_pages_show_nothing_confidential_of_the_demo_cases(self, client, fresh_cache):
        fragments = confidential_fragments()
        assert len(fragments) > 300
        # Some sentences the public must never read, to be sure they are checked.
        for sentence in (
            "子ども10人あたり指導員2人で水辺の活動を安全に行う当法人の手順書と、季節ごとの"
            "プログラムの教案",  # know-how of the selected case
            "放課後児童クラブから当法人の指導員が子どもを引率し、終了後はクラブに送り届けます",
            "選定委員2名の評価の平均に提案者加点を加えた合計で最上位（82.50点）",
            "過去2年以内に同社の業務を受託したことがある",
        ):
            assert sentence in fragments
        # Named nowhere publicly: the applicants, their applications, and A (no decision of
        # A's published with its name).
        names = [ORGANIZATION_A, ORGANIZATION_C, ORGANIZATION_D, *APPLICATIONS]
        urls = [
            *PUBLIC_PAGES,
            *(publication.get_absolute_url() for publication in PublishedDecision.objects.all()),
        ]

        for url in urls:
            page = anonymous_page(client, url)
            leaked = [text for text in [*fragments, *names] if text in page]
            assert not leaked, (url, leaked)
        for url in (reverse("outcomes:results_csv"), reverse("outcomes:results_json")):
            response = client.get(url)
            assert response.status_code == 200
            data = b"".join(response) if response.streaming else response.content
            text = data.decode("utf-8-sig")
            if url.endswith(".json"):
                text = json.dumps(json.loads(text), ensure_ascii=False)
            assert ORGANIZATION_B in text  # real content: the disclosed proposer
            leaked = [part for part in [*fragments, *names] if part in text]
            assert not leaked, (url, leaked)


# Mail: with real commits ------------------------------------------------------------------


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
    assert ran == 0
    subjects = " ".join(Mail.objects.values_list("subject", flat=True))
    for reference in Proposal.objects.exclude(reference=None).values_list("reference", flat=True):
        assert reference in subjects, (reference, subjects)
    recipients = list(Mail.objects.values_list("to", flat=True))
    assert ["biz-a2@example.jp"] in recipients  # the colleague's invitation
    assert ["tanaka@mishima-digilab.example.jp"] in recipients  # the one still open

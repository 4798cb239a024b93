"""The demo loader: realistic Mishima content, an account per role, two businesses with their
proposals, and cases in every state of the workflow with their departments, dialogue, meetings,
goals and deadlines; safe to run twice."""

import copy
import re
import zipfile
from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core import mail
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
from proposals import deadlines
from proposals.business_days import add_business_days
from proposals.files import validate_upload
from proposals.models import (
    Assignment,
    Indicator,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalAttachment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalVersion,
    ReadMark,
    ReferenceCounter,
    SharedGoal,
)
from proposals.selectors import visible_proposals
from proposals.workflow import CLOSED, TRANSITIONS
from tests.factories.proposals import upload

PASSWORD = "demo-pass-2026"
ACCOUNTS = [
    "office@example.jp",
    "kankyo@example.jp",
    "kosodate@example.jp",
    "evaluator@example.jp",
    "biz-a@example.jp",
    "biz-a2@example.jp",
    "biz-b@example.jp",
]
BUSINESSES = ["biz-a@example.jp", "biz-a2@example.jp", "biz-b@example.jp"]
SECTIONS = ("background", "wanted", "business_role", "city_offer", "conditions")
ORGANIZATION_A = "株式会社みしまデジタルラボ"
ORGANIZATION_B = "NPO法人せせらぎ環境ネット"
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
    deadlines, and the cases' assignments, dialogue, meetings and goals with their dates."""
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
                "email", "password", "is_staff", "department__code"
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
            path = demo.media / attachment.file.name
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
        for email in ["evaluator@example.jp", *BUSINESSES]:
            assert not users[email].is_staff
            assert users[email].department is None
            assert not is_office(users[email])
        assert not users["evaluator@example.jp"].groups.exists()
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
        assert ORGANIZATION_A in output
        assert ORGANIZATION_B in output

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
            ("evaluator@example.jp", "accounts:organization_create"),
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
        assert Organization.objects.count() == 2
        # 法人番号: 13 digits whose first is the check digit of the other twelve.
        assert re.fullmatch(r"\d{13}", a.corporate_number)
        assert corporate_number.calc_check_digit(a.corporate_number[1:]) == a.corporate_number[0]
        assert a.is_local
        assert a.size == Organization.Size.SMALL
        assert b.corporate_number == ""
        assert b.size == Organization.Size.NONPROFIT
        for organization in (a, b):
            organization.full_clean()  # every field as the registration form would accept it
            assert organization.group.name.startswith("organization:")
        members = {
            name: sorted(
                Membership.objects.filter(organization__name=name).values_list(
                    "user__email", flat=True
                )
            )
            for name in (ORGANIZATION_A, ORGANIZATION_B)
        }
        assert members == {
            ORGANIZATION_A: ["biz-a2@example.jp", "biz-a@example.jp"],
            ORGANIZATION_B: ["biz-b@example.jp"],
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

EVERY_STATE = {
    S.DRAFT: 2,
    S.RECEIVED: 5,
    S.CONSULTING: 3,
    S.DECLINED: 1,
    S.PLANNING: 1,
    S.ADOPTED: 1,
    S.NOT_ADOPTED: 1,
    S.SELECTING: 1,
    S.AGREED: 1,
    S.OPERATING: 1,
    S.COMPLETED: 1,
    S.WITHDRAWN: 1,
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
        assert set(counts) == set(S.values)
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

    def test_reference_numbers_are_gapless_and_follow_the_dates_of_receipt(self):
        cases = list(submitted())
        references = [case.reference for case in cases]

        assert len(references) == 17
        assert all(re.fullmatch(r"R\d+-\d{4}", reference) for reference in references)
        assert [reference.split("-")[1] for reference in references] == [
            f"{number:04d}" for number in range(1, 18)
        ]
        received = [case.submitted_at for case in cases]
        assert received == sorted(received)
        assert not Proposal.objects.filter(status=S.DRAFT, reference__isnull=False).exists()

    def test_each_case_reached_its_state_step_by_step_through_the_workflow(self):
        for case in submitted().prefetch_related("transitions__actor__membership"):
            steps = list(case.transitions.all())
            assert steps[0].action == A.SUBMIT, case.reference
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
        assert not visible_proposals(User.objects.get(email="evaluator@example.jp")).exists()
        assert visible_proposals(User.objects.get(email="office@example.jp")).count() == 19

    def test_an_existing_business_keeps_its_organisation_and_gets_no_second_one(
        self, demo_settings
    ):
        a = Organization.objects.get(name=ORGANIZATION_A)
        a.name = "株式会社みしまデジタルラボ（改称）"
        a.save()

        load_demo()

        assert Organization.objects.count() == 2
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


# Mail: with real commits ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_submissions_send_no_mail_through_the_configured_backend(settings, tmp_path, capsys):
    """With real commits the receipts and notices are sent, into the in-memory outbox the
    command switches to; the console backend of development prints none of them."""
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    mail.outbox = []

    call_command("load_demo", stdout=StringIO())

    printed = capsys.readouterr().out
    assert "Subject:" not in printed
    # The mails were made (receipts, the office's notices, the invitations), and kept here.
    subjects = " ".join(message.subject for message in mail.outbox)
    for reference in Proposal.objects.exclude(reference=None).values_list("reference", flat=True):
        assert reference in subjects, (reference, subjects)
    recipients = [message.to for message in mail.outbox]
    assert ["biz-a2@example.jp"] in recipients  # the colleague's invitation
    assert ["tanaka@mishima-digilab.example.jp"] in recipients  # the one still open
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"

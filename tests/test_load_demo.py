"""The demo loader: realistic Mishima content, an account per role, two businesses with their
proposals; safe to run twice."""

import re
import zipfile
from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from stdnum.jp import cn as corporate_number

from accounts.models import Department, Invitation, Membership, Organization, User
from accounts.roles import is_department_staff, is_office
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion
from proposals.files import validate_upload
from proposals.models import (
    Proposal,
    ProposalAttachment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalVersion,
    ReferenceCounter,
)
from proposals.selectors import visible_proposals
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
S = Proposal.Status


@pytest.fixture
def demo_settings(settings, tmp_path):
    settings.DEBUG = True  # pytest-django turns it off; the command needs it
    settings.MEDIA_ROOT = tmp_path
    # Six accounts a test: a fast hasher (the demo password is published anyway).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot(media_root):
    """Everything a second run could change: counts, the themes' life, passwords, files, the
    organisations, invitations and the proposals with their numbers and versions."""
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
                "pk", "title", "status", "reference", "version", "submitted_at", "updated_at"
            )
        ),
        "versions": list(
            ProposalVersion.objects.order_by("pk").values_list("proposal_id", "number", "note")
        ),
        "proposal_files": list(
            ProposalAttachment.objects.order_by("pk").values_list("pk", "file", "original_name")
        ),
        "counters": list(ReferenceCounter.objects.values_list("fiscal_year", "last_serial")),
        "files": sorted(str(path) for path in media_root.rglob("*") if path.is_file()),
    }


@pytest.mark.django_db
def test_demo_loads_a_co_creation_list_across_every_field_and_department(demo_settings):
    load_demo()

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


@pytest.mark.django_db
def test_demo_drafts_exist_and_are_never_public(demo_settings):
    load_demo()

    drafts = Theme.objects.filter(status=Theme.Status.DRAFT)
    assert drafts.count() == 2
    assert not Theme.objects.public().filter(pk__in=drafts).exists()
    assert not drafts.filter(published_at__isnull=False).exists()


@pytest.mark.django_db
def test_demo_departments_have_mishima_contacts(demo_settings):
    load_demo()

    kankyo = Department.objects.get(code="kankyo")
    assert kankyo.name == "環境政策課"
    assert Department.objects.get(code="kosodate").name == "子育て支援課"
    for department in Department.objects.all():
        assert department.phone.startswith("055-98"), department
        assert department.email.endswith("@city.mishima.example.jp"), department


@pytest.mark.django_db
def test_demo_questions_are_answered_but_one_still_waits(demo_settings):
    load_demo()

    answered = ThemeQuestion.objects.filter(answered_at__isnull=False)
    assert answered.count() >= 5
    assert not answered.filter(answer="").exists()
    assert ThemeQuestion.objects.filter(answered_at=None, answer="").count() == 1
    assert not ThemeQuestion.objects.exclude(theme__in=Theme.objects.public()).exists()


@pytest.mark.django_db
def test_demo_attachments_are_small_pdfs_keeping_their_japanese_names(demo_settings, tmp_path):
    load_demo()

    attachments = ThemeAttachment.objects.order_by("pk")
    assert [a.original_name for a in attachments] == [
        "現状データ概要.pdf",
        "保育所等利用状況の概要.pdf",
    ]
    for attachment in attachments:
        assert attachment.theme.is_public
        assert attachment.extension == "PDF"
        path = tmp_path / attachment.file.name
        content = path.read_bytes()
        assert content.startswith(b"%PDF-1.4\n")
        assert content.endswith(b"%%EOF\n")
        assert attachment.size == len(content)
        startxref = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
        assert content[startxref:].startswith(b"xref\n")


@pytest.mark.django_db
@pytest.mark.parametrize("email", ACCOUNTS)
def test_each_demo_account_can_sign_in_with_the_demo_password(demo_settings, email):
    load_demo()

    user = authenticate(username=email, password=PASSWORD)

    assert user is not None
    assert user.email == email
    assert not user.is_superuser


@pytest.mark.django_db
def test_demo_accounts_have_their_roles(demo_settings):
    load_demo()
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


@pytest.mark.django_db
def test_demo_prints_the_accounts_and_the_password_as_demo_only(demo_settings):
    output = load_demo()

    for email in ACCOUNTS:
        assert email in output
    assert PASSWORD in output
    assert ORGANIZATION_A in output
    assert ORGANIZATION_B in output


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


# Accounts sign in at once: verified primary addresses ----------------------------------------


@pytest.fixture
def fresh_cache():
    """allauth's rate limits live in the cache: start with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_every_demo_account_has_a_verified_primary_address(demo_settings):
    load_demo()

    addresses = EmailAddress.objects.filter(user__email__in=ACCOUNTS)
    assert sorted(addresses.values_list("email", "verified", "primary")) == sorted(
        (email, True, True) for email in ACCOUNTS
    )
    assert all(address.user.email == address.email for address in addresses)


@pytest.mark.django_db
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
    client, demo_settings, fresh_cache, email, landing
):
    load_demo()

    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse(landing)
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


@pytest.mark.django_db
def test_demo_business_signs_in_and_sees_its_organisations_proposals(
    client, demo_settings, fresh_cache
):
    load_demo()
    client.post(reverse("account_login"), {"login": "biz-a@example.jp", "password": PASSWORD})

    page = client.get(reverse("proposals:dashboard")).content.decode()

    organization = Organization.objects.get(name=ORGANIZATION_A)
    for proposal in organization.proposals.all():
        assert proposal.title in page
    for proposal in Proposal.objects.exclude(organization=organization):
        assert proposal.title not in page


# Organisations, members, invitations -------------------------------------------------------


@pytest.mark.django_db
def test_demo_organisations_are_registered_with_their_groups_and_members(demo_settings):
    load_demo()

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
            Membership.objects.filter(organization__name=name).values_list("user__email", flat=True)
        )
        for name in (ORGANIZATION_A, ORGANIZATION_B)
    }
    assert members == {
        ORGANIZATION_A: ["biz-a2@example.jp", "biz-a@example.jp"],
        ORGANIZATION_B: ["biz-b@example.jp"],
    }


@pytest.mark.django_db
def test_demo_colleague_joined_by_invitation_and_one_invitation_is_still_open(demo_settings):
    load_demo()

    a = Organization.objects.get(name=ORGANIZATION_A)
    accepted = a.invitations.get(accepted_at__isnull=False)
    assert accepted.email == "biz-a2@example.jp"
    assert accepted.invited_by.email == "biz-a@example.jp"
    assert [(i.email, i.is_open) for i in a.invitations.filter(accepted_at=None)] == [
        ("tanaka@mishima-digilab.example.jp", True)
    ]
    assert not Invitation.objects.exclude(organization=a).exists()


# Proposals ---------------------------------------------------------------------------------


def statuses(organization_name):
    return Counter(
        Proposal.objects.filter(organization__name=organization_name).values_list(
            "status", flat=True
        )
    )


@pytest.mark.django_db
def test_demo_proposals_of_both_types_are_drafts_submitted_or_withdrawn(demo_settings):
    load_demo()

    assert statuses(ORGANIZATION_A) == {S.DRAFT: 1, S.RECEIVED: 3, S.WITHDRAWN: 1}
    assert statuses(ORGANIZATION_B) == {S.DRAFT: 1, S.RECEIVED: 1}
    kinds = Counter(Proposal.objects.values_list("kind", "status"))
    assert kinds[(Proposal.Kind.THEME, S.DRAFT)] == 2
    assert kinds[(Proposal.Kind.THEME, S.RECEIVED)] == 2
    assert kinds[(Proposal.Kind.FREE, S.RECEIVED)] == 2
    # The free consultation: little more than a title and an outline.
    consultation = Proposal.objects.get(intent=Proposal.Intent.CONSULTATION, status=S.RECEIVED)
    assert consultation.kind == Proposal.Kind.FREE
    assert consultation.created_by.email == "biz-a2@example.jp"
    assert consultation.body == ""
    # B's free proposal is in 環境, with the department it has in mind.
    environment = Proposal.objects.get(organization__name=ORGANIZATION_B, status=S.RECEIVED)
    assert (environment.kind, environment.field.code) == (Proposal.Kind.FREE, "environment")
    assert environment.preferred_department.code == "mizumidori"
    # Theme-based proposals are on themes accepting proposals now.
    for proposal in Proposal.objects.filter(kind=Proposal.Kind.THEME):
        assert proposal.theme.is_accepting(), proposal.theme


@pytest.mark.django_db
def test_demo_proposals_went_through_the_workflow_with_gapless_numbers(demo_settings):
    load_demo()

    submitted = Proposal.objects.exclude(status=S.DRAFT).order_by("serial")
    references = list(submitted.values_list("reference", flat=True))
    assert len(references) == 5
    assert all(re.fullmatch(r"R\d+-\d{4}", reference) for reference in references)
    assert [reference.split("-")[1] for reference in references] == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
    ]
    assert not Proposal.objects.filter(status=S.DRAFT, reference__isnull=False).exists()
    for proposal in submitted:
        steps = list(proposal.transitions.values_list("action", "source", "target"))
        assert steps[0] == ("submit", S.DRAFT, S.RECEIVED), proposal
        assert proposal.submitted_at is not None
        assert proposal.versions.filter(number=1).exists()
    withdrawn = Proposal.objects.get(status=S.WITHDRAWN)
    step = withdrawn.transitions.get(action="withdraw")
    assert (step.source, step.target) == (S.RECEIVED, S.WITHDRAWN)
    assert "取り下げ" in step.reason
    assert step.actor.membership.organization == withdrawn.organization


@pytest.mark.django_db
def test_demo_revised_proposal_keeps_version_1_and_has_version_2_with_a_note(demo_settings):
    load_demo()

    revised = Proposal.objects.get(version=2)
    first, second = revised.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert second.note
    assert first.content["schedule"] != second.content["schedule"]
    assert second.content["schedule"] == revised.schedule
    assert first.content["title"] == second.content["title"] == revised.title
    assert Proposal.objects.filter(version__gt=1).count() == 1


@pytest.mark.django_db
def test_demo_proposals_are_substantial_japanese(demo_settings):
    load_demo()

    for proposal in Proposal.objects.filter(intent=Proposal.Intent.PROPOSAL).exclude(
        status=S.DRAFT
    ):
        for name in ("background", "body", "roles", "schedule"):
            assert len(getattr(proposal, name)) >= 40, (proposal.title, name)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", proposal.body)
    # A draft is partly filled: the dashboard asks to complete it.
    draft = Proposal.objects.get(organization__name=ORGANIZATION_A, status=S.DRAFT)
    assert draft.background and not draft.effect_citizens


@pytest.mark.django_db
def test_demo_attachments_are_real_files_on_disk_in_the_private_storage(demo_settings, tmp_path):
    load_demo()

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
        path = tmp_path / attachment.file.name
        content = path.read_bytes()
        assert attachment.size == len(content)
        assert name not in attachment.file.name  # stored under a random name
        # What the upload check accepts from a business, it accepts from the demo.
        assert validate_upload(upload(name, content))[1] == attachment.content_type
    pdf = (tmp_path / files["活動実績と調査計画.pdf"].file.name).read_bytes()
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    with zipfile.ZipFile(tmp_path / spreadsheet.file.name) as workbook:
        names = set(workbook.namelist())
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= names
        assert workbook.testzip() is None
        assert "概算費用" in workbook.read("xl/workbook.xml").decode()


@pytest.mark.django_db
def test_members_of_a_see_as_cases_and_never_bs(demo_settings):
    load_demo()
    a = Organization.objects.get(name=ORGANIZATION_A)
    b = Organization.objects.get(name=ORGANIZATION_B)

    for email in ("biz-a@example.jp", "biz-a2@example.jp"):
        user = User.objects.get(email=email)
        assert set(visible_proposals(user)) == set(a.proposals.all()), email
    assert set(visible_proposals(User.objects.get(email="biz-b@example.jp"))) == set(
        b.proposals.all()
    )
    assert a.proposals.count() == 5 and b.proposals.count() == 2
    for email in ("kankyo@example.jp", "evaluator@example.jp"):
        assert not visible_proposals(User.objects.get(email=email)).exists(), email
    assert visible_proposals(User.objects.get(email="office@example.jp")).count() == 7


@pytest.mark.django_db
def test_an_existing_business_keeps_its_organisation_and_gets_no_second_one(demo_settings):
    load_demo()
    a = Organization.objects.get(name=ORGANIZATION_A)
    a.name = "株式会社みしまデジタルラボ（改称）"
    a.save()

    load_demo()

    assert Organization.objects.count() == 2
    assert Organization.objects.get(pk=a.pk).name == "株式会社みしまデジタルラボ（改称）"
    assert Proposal.objects.filter(organization=a).count() == 5


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

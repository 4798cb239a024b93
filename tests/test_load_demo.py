"""The demo loader: realistic Mishima content, an account per role, safe to run twice."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Department, User
from accounts.roles import is_department_staff, is_office
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion

PASSWORD = "demo-pass-2026"
ACCOUNTS = [
    "office@example.jp",
    "kankyo@example.jp",
    "kosodate@example.jp",
    "evaluator@example.jp",
    "biz-a@example.jp",
    "biz-b@example.jp",
]
SECTIONS = ("background", "wanted", "business_role", "city_offer", "conditions")


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
    """Everything a second run could change: counts, the themes' life, passwords, files."""
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
    for email in ["evaluator@example.jp", "biz-a@example.jp", "biz-b@example.jp"]:
        assert not users[email].is_staff
        assert not users[email].groups.exists()
        assert users[email].department is None
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_demo_prints_the_accounts_and_the_password_as_demo_only(demo_settings):
    output = load_demo()

    for email in ACCOUNTS:
        assert email in output
    assert PASSWORD in output


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
    assert not any(tmp_path.iterdir())

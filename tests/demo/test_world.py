"""The world of the demo: the co-creation list, the demo accounts and the businesses."""

import re

import pytest
from allauth.account.models import EmailAddress
from stdnum.jp import cn as corporate_number

from accounts.models import Department, Invitation, Membership, Organization, User
from accounts.roles import is_department_staff, is_office
from cocreation_list.models import Field, Theme, ThemeAttachment, ThemeQuestion

from .shared import (
    ACCOUNTS,
    BUSINESSES,
    EVALUATORS,
    ORGANIZATION_A,
    ORGANIZATION_B,
    ORGANIZATION_C,
    ORGANIZATION_D,
    PASSWORD,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

SECTIONS = ("background", "wanted", "business_role", "city_offer", "conditions")


def test_demo_loads_a_co_creation_list_across_every_field_and_department():
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


def test_demo_drafts_exist_and_are_never_public():
    drafts = Theme.objects.filter(status=Theme.Status.DRAFT)
    assert drafts.count() == 2
    assert not Theme.objects.public().filter(pk__in=drafts).exists()
    assert not drafts.filter(published_at__isnull=False).exists()


def test_demo_departments_have_mishima_contacts():
    kankyo = Department.objects.get(code="kankyo")
    assert kankyo.name == "環境政策課"
    assert Department.objects.get(code="kosodate").name == "子育て支援課"
    for department in Department.objects.all():
        assert department.phone.startswith("055-98"), department
        assert department.email.endswith("@city.mishima.example.jp"), department


def test_demo_questions_are_answered_but_one_still_waits():
    answered = ThemeQuestion.objects.filter(answered_at__isnull=False)
    assert answered.count() >= 5
    assert not answered.filter(answer="").exists()
    assert ThemeQuestion.objects.filter(answered_at=None, answer="").count() == 1
    assert not ThemeQuestion.objects.exclude(theme__in=Theme.objects.public()).exists()


def test_demo_attachments_are_small_pdfs_keeping_their_japanese_names(demo):
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


def test_demo_accounts_have_their_roles():
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


def test_demo_prints_the_accounts_and_the_password_as_demo_only(demo):
    output = demo.output

    for email in ACCOUNTS:
        assert email in output
    assert PASSWORD in output
    for name in (ORGANIZATION_A, ORGANIZATION_B, ORGANIZATION_C, ORGANIZATION_D):
        assert name in output


def test_every_demo_account_has_a_verified_primary_address():
    addresses = EmailAddress.objects.filter(user__email__in=ACCOUNTS)
    assert sorted(addresses.values_list("email", "verified", "primary")) == sorted(
        (email, True, True) for email in ACCOUNTS
    )
    assert all(address.user.email == address.email for address in addresses)


def test_demo_organisations_are_registered_with_their_groups_and_members():
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
            Membership.objects.filter(organization__name=name).values_list("user__email", flat=True)
        )
        for name in (ORGANIZATION_A, ORGANIZATION_B, ORGANIZATION_C, ORGANIZATION_D)
    }
    assert members == {
        ORGANIZATION_A: ["biz-a2@example.jp", "biz-a@example.jp"],
        ORGANIZATION_B: ["biz-b@example.jp"],
        ORGANIZATION_C: ["biz-c@example.jp"],
        ORGANIZATION_D: ["biz-d@example.jp"],
    }


def test_demo_colleague_joined_by_invitation_and_one_invitation_is_still_open():
    a = Organization.objects.get(name=ORGANIZATION_A)
    accepted = a.invitations.get(accepted_at__isnull=False)
    assert accepted.email == "biz-a2@example.jp"
    assert accepted.invited_by.email == "biz-a@example.jp"
    assert [(i.email, i.is_open) for i in a.invitations.filter(accepted_at=None)] == [
        ("tanaka@mishima-digilab.example.jp", True)
    ]
    assert not Invitation.objects.exclude(organization=a).exists()

"""Any city without code (issue 15 §9): the portal run as 架空市 shows its name, office and
contact everywhere the visitor, the proposer, the staff and the office look, in Japanese and
in English, and not one trace of Mishima."""

import html

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied

from accounts.services import invite_member
from tests.factories.accounts import MemberFactory, OfficeUserFactory, OrganizationFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

from .conftest import KAKUU, assert_no_trace_of_mishima

pytestmark = pytest.mark.django_db

LANGUAGES = ("ja", "en")
PUBLIC_PAGES = (
    ("home", ()),
    ("free_proposal", ()),
    ("accessibility", ()),
    ("privacy", ()),
    ("cocreation_list:theme_list", ()),
    ("outcomes:calls", ()),
    ("outcomes:results", ()),
    ("outcomes:statistics", ()),
    ("account_login", ()),
    ("account_signup", ()),
)


def in_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def kakuu_organization():
    return OrganizationFactory(
        name="株式会社かくうテック",
        name_kana="カブシキガイシャカクウテック",
        address="架空県架空市本町2-2",
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_sees_the_fictional_city_and_no_trace_of_mishima_on_the_public_pages(
    client, kakuu, language
):
    theme = ThemeFactory(title="公園の利活用")
    in_language(client, language)
    city, office = KAKUU[f"city_name_{language}"], KAKUU[f"office_name_{language}"]

    for name, args in (*PUBLIC_PAGES, ("cocreation_list:theme_detail", (theme.number,))):
        page = text_of(client.get(reverse(name, args=args)))

        assert city in page, name
        assert_no_trace_of_mishima(page, f"{name} ({language})")
    home = text_of(client.get(reverse("home")))
    for shown in (office, KAKUU[f"address_{language}"], KAKUU[f"hours_{language}"]):
        assert shown in home
    assert KAKUU["phone"] in home and KAKUU["email"] in home
    # The office named in the running text, not only in the contact block.
    assert KAKUU[f"office_short_name_{language}"] in home.split("<footer")[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_sees_its_own_name_on_the_staff_home_and_in_the_admin(client, kakuu, language):
    office_user = OfficeUserFactory(full_name="架空 職員")
    client.force_login(office_user)
    in_language(client, language)

    for name in ("proposals:staff_home", "admin:index", "admin:municipality_cityprofile_change"):
        args = (kakuu.pk,) if name.endswith("_change") else ()
        page = text_of(client.get(reverse(name, args=args)))

        assert KAKUU[f"city_name_{language}"] in page, name
        assert_no_trace_of_mishima(page, f"{name} ({language})")
    assert KAKUU[f"office_short_name_{language}"] in text_of(client.get(reverse("admin:index")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_forbidden_page_points_to_the_fictional_office(rf, kakuu, language):
    request = rf.get("/somewhere/")
    request.user = MemberFactory(full_name="架空 花子", organization=kakuu_organization())

    with translation.override(language):
        response = permission_denied(request, PermissionDenied())

    page = html.unescape(response.content.decode())
    assert response.status_code == 403
    assert KAKUU[f"office_short_name_{language}"] in page
    assert_no_trace_of_mishima(page, f"403 ({language})")


def test_proposer_receives_a_receipt_from_the_fictional_city(
    kakuu, mailoutbox, run_jobs, settings, django_capture_on_commit_callbacks
):
    settings.KYOSO_OFFICE_NOTIFY_EMAILS = []
    member = MemberFactory(full_name="架空 花子", organization=kakuu_organization())
    case = ProposalFactory(
        organization=member.membership.organization, created_by=member, complete=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        submit(case)
    run_jobs()

    receipt = next(mail for mail in mailoutbox if member.email in mail.to)
    notice = next(mail for mail in mailoutbox if member.email not in mail.to)
    assert KAKUU["city_name_ja"] in receipt.subject or KAKUU["city_name_en"] in receipt.subject
    assert notice.to == [KAKUU["email"]]  # the office's inbox is the profile's e-mail
    for mail in mailoutbox:
        assert_no_trace_of_mishima(mail.subject + mail.body, mail.subject)


@pytest.mark.parametrize("language", LANGUAGES)
def test_invitation_names_the_fictional_city_in_either_language(
    kakuu, mailoutbox, run_jobs, language
):
    member = MemberFactory(full_name="架空 花子", organization=kakuu_organization())

    with translation.override(language):
        invite_member(
            organization=member.membership.organization, by=member, email="new@kakuu.example.jp"
        )
    run_jobs()

    (mail,) = mailoutbox
    assert KAKUU["city_name_ja"] in mail.subject or KAKUU["city_name_en"] in mail.subject
    assert_no_trace_of_mishima(mail.subject + mail.body, "invitation")


def test_account_mail_signs_with_the_fictional_office(client, kakuu, mailoutbox, run_jobs):
    MemberFactory(full_name="架空 花子", email="hanako@kakuu.example.jp")

    client.post(reverse("account_reset_password"), {"email": "hanako@kakuu.example.jp"})
    run_jobs()

    (mail,) = mailoutbox
    assert "架空市" in mail.body and KAKUU["phone"] in mail.body
    assert_no_trace_of_mishima(mail.subject + mail.body, "password reset")

"""Every link in every mail starts with the configured address (KYOSO_BASE_URL), whatever host
the request named: allauth's verification and password reset mails through the real flow and the
job engine, the invitation, the case notifications."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories.accounts import VerifiedMemberFactory, VerifiedUserFactory
from tests.factories.terms import signup_data
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db

BASE = "https://kyoso.city.example.jp"
OTHER_HOST = "localhost"  # an allowed host that is not the configured one
PASSWORD = "kyoso-Mishima-2026-new"


@pytest.fixture(autouse=True)
def _configured(settings):
    settings.KYOSO_BASE_URL = BASE
    cache.clear()
    yield
    cache.clear()


def links(message) -> list[str]:
    bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    return [link for body in bodies for link in re.findall(r"https?://[^\s\"'<>]+", body)]


def assert_links_on_the_configured_site(messages):
    assert messages, "no mail was sent"
    for message in messages:
        found = links(message)
        assert found, message.subject
        for link in found:
            assert link.startswith(BASE + "/"), (message.subject, link)


def test_verification_mail_links_to_the_configured_address(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        signup_data(email="hanako@example.jp", password1=PASSWORD, password2=PASSWORD),
        HTTP_HOST=OTHER_HOST,
    )
    run_queued_jobs()

    assert_links_on_the_configured_site(mailoutbox)
    assert "/accounts/confirm-email/" in links(mailoutbox[0])[0]
    assert "localhost" not in mailoutbox[0].body
    assert "example.com" not in mailoutbox[0].body


def test_password_reset_mail_links_to_the_configured_address(client, mailoutbox):
    VerifiedUserFactory(email="taro@example.jp")

    client.post(
        reverse("account_reset_password"), {"email": "taro@example.jp"}, HTTP_HOST=OTHER_HOST
    )
    run_queued_jobs()

    assert_links_on_the_configured_site(mailoutbox)
    assert "/accounts/password/reset/key/" in links(mailoutbox[0])[0]


def test_invitation_mail_links_to_the_configured_address(client, mailoutbox):
    member = VerifiedMemberFactory()
    client.force_login(member)

    client.post(
        reverse("accounts:invite"), {"invite-email": "colleague@example.jp"}, HTTP_HOST=OTHER_HOST
    )
    run_queued_jobs()

    assert_links_on_the_configured_site(mailoutbox)


def test_case_notifications_link_to_the_configured_address(mailoutbox, office_user):
    from tests.scenarios import submitted_case

    submitted_case()
    run_queued_jobs()

    assert_links_on_the_configured_site(mailoutbox)


def test_production_without_the_configured_address_fails_the_system_check(settings):
    from mishima_kyoso.checks import check_base_url

    settings.PRODUCTION = True
    for wrong in ("", "kyoso.example.jp", "https://kyoso.example.jp/portal"):
        settings.KYOSO_BASE_URL = wrong
        assert [error.id for error in check_base_url()] == ["kyoso.E002"], wrong
    settings.KYOSO_BASE_URL = "https://kyoso.example.jp"
    assert check_base_url() == []

"""Two-factor authentication (TOTP, allauth.mfa): open to everyone, required for staff by
KYOSO_2FA_REQUIRED (on in production)."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.urls import reverse

from tests.factories.accounts import (
    PASSWORD,
    VerifiedMemberFactory,
    VerifiedOfficeUserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

TOTP_SETUP = reverse("mfa_activate_totp")


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and used TOTP codes live in the cache; a period boundary must not fail a
    test, so the code of the neighbouring period is accepted too."""
    settings.MFA_TOTP_TOLERANCE = 1
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_2fa_required(settings):
    settings.KYOSO_2FA_REQUIRED = True


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def activate_totp(client, password=PASSWORD) -> str:
    """Walk through allauth's setup as a person does; return the secret."""
    response = client.get(TOTP_SETUP)
    if response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    ):
        client.post(reverse("account_reauthenticate"), {"password": password})
        response = client.get(TOTP_SETUP)
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(TOTP_SETUP, {"code": current_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    return secret


# Every user may use it -------------------------------------------------------------------


def test_member_activates_an_authenticator_app_and_then_is_asked_for_a_code(client):
    user = VerifiedMemberFactory(email="member@example.jp")
    sign_in(client, "member@example.jp")

    secret = activate_totp(client)

    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    client.post(reverse("account_logout"))
    response = sign_in(client, "member@example.jp")
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None
    cache.clear()  # the code used for the activation may be typed again in this period
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == reverse("proposals:dashboard")
    assert signed_in_user_id(client) == str(user.pk)


def test_member_is_refused_a_wrong_code_at_sign_in(client):
    user = VerifiedMemberFactory(email="member@example.jp")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    sign_in(client, "member@example.jp")
    wrong = f"{(int(current_code(secret)) + 1) % 10**6:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert {error.code for error in response.context["form"].errors.as_data()["code"]} == {
        "incorrect_code"
    }
    assert signed_in_user_id(client) is None


def test_member_is_refused_the_activation_with_a_wrong_code(client):
    user = VerifiedMemberFactory(email="member@example.jp")
    sign_in(client, "member@example.jp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(TOTP_SETUP)
    secret = client.session[SECRET_SESSION_KEY]
    wrong = f"{(int(current_code(secret)) + 1) % 10**6:06d}"

    response = client.post(TOTP_SETUP, {"code": wrong})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not Authenticator.objects.filter(user=user).exists()


def test_member_finds_the_two_factor_settings_on_the_organisation_page(client):
    VerifiedMemberFactory(email="member@example.jp")
    sign_in(client, "member@example.jp")

    page = client.get(reverse("accounts:organization_detail")).content.decode()

    assert f'href="{reverse("mfa_index")}"' in page


def test_business_user_is_not_required_to_use_two_factor_authentication(client, staff_2fa_required):
    VerifiedUserFactory(email="taro@example.jp")
    sign_in(client, "taro@example.jp")

    response = client.get(reverse("home"))

    assert response.status_code == 200


# Staff: required when KYOSO_2FA_REQUIRED is on -------------------------------------------


@pytest.mark.parametrize(
    "path",
    [reverse("home"), reverse("admin:index"), reverse("accounts:organization_detail")],
    ids=["home", "admin", "organisation"],
)
def test_staff_without_totp_is_sent_to_the_setup_from_any_page(
    client, staff_2fa_required, office_user, path
):
    client.force_login(office_user)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


def test_staff_without_totp_is_told_why_on_the_setup_page(client, staff_2fa_required):
    VerifiedOfficeUserFactory(email="office@example.jp")
    sign_in(client, "office@example.jp")

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[0] == (TOTP_SETUP, 302)
    assert "warning" in [message.level_tag for message in response.context["messages"]]


@pytest.mark.parametrize(
    "name", ["account_logout", "account_email", "mfa_index", "account_change_password"]
)
def test_staff_without_totp_still_reaches_the_account_pages(
    client, staff_2fa_required, office_user, name
):
    client.force_login(office_user)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_staff_without_totp_reaches_the_admin_when_the_setting_is_off(client, office_user):
    client.force_login(office_user)

    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_activates_totp_and_then_reaches_the_admin(client, staff_2fa_required):
    VerifiedOfficeUserFactory(email="office@example.jp")
    response = sign_in(client, "office@example.jp")
    assert response["Location"] == reverse("proposals:staff_home")
    assert client.get(reverse("admin:index"))["Location"] == TOTP_SETUP

    activate_totp(client)

    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_with_totp_is_asked_for_the_code_before_the_admin(client, staff_2fa_required):
    office = VerifiedOfficeUserFactory(email="office@example.jp")
    secret = generate_totp_secret()
    TOTP.activate(office, secret)

    login_page = client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0]
    assert login_page.startswith(reverse("account_login") + "?next=")
    response = client.post(login_page, {"login": "Office@Example.JP", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    assert signed_in_user_id(client) == str(office.pk)


def test_code_page_and_recovery_codes_are_in_the_portal_layout(client):
    user = VerifiedMemberFactory(email="member@example.jp")
    TOTP.activate(user, generate_totp_secret())

    response = sign_in(client, "member@example.jp")
    page = client.get(response["Location"])

    assert page.status_code == 200
    content = page.content.decode()
    assert 'class="site-header"' in content
    assert 'autocomplete="one-time-code"' in content
    assert "<script" not in content

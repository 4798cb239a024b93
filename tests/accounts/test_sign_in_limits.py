"""Failed sign-ins (issue 10): a blocked sign-in answers 429; the limits count the client's
real address behind the TLS proxy; a stranger's wrong passwords cannot keep the owner (the
office) out, who signs in with a one-time code by e-mail, then its authenticator code.

In one process, with the development cache; tests/operations/test_shared_state.py counts the
same limits across processes in Redis.
"""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import PASSWORD, VerifiedMemberFactory, VerifiedOfficeUserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
REQUEST_CODE = reverse("account_request_login_code")
CONFIRM_CODE = reverse("account_confirm_login_code")
PROXY = "10.0.0.2"  # the TLS proxy in front of gunicorn: REMOTE_ADDR of every request


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and used TOTP codes live in the cache; nothing carries over between tests."""
    settings.MFA_TOTP_TOLERANCE = 1
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_one_proxy(settings):
    """KYOSO_TRUSTED_PROXY_COUNT=1 (mapped to allauth's ALLAUTH_TRUSTED_PROXY_COUNT)."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def sign_in(client, email, password, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


def through_proxy(address, *, forged=None):
    """A request as the proxy passes it on: it appends the address it saw to X-Forwarded-For,
    after whatever the client itself sent."""
    hops = [forged, address] if forged else [address]
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ", ".join(hops)}


def form_error_codes(response):
    return {error.code for error in response.context["form"].non_field_errors().as_data()}


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def mailed_sign_in_code(mail) -> str:
    """The code alone on its line, as allauth's login_code_message.txt puts it."""
    [code] = re.findall(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.body, flags=re.MULTILINE)
    return code


# A blocked sign-in answers 429 ----------------------------------------------------------------


def test_visitor_with_a_wrong_password_gets_the_form_again(client):
    VerifiedMemberFactory(email="member@example.jp")

    response = sign_in(client, "member@example.jp", "wrong-password")

    assert response.status_code == 200
    assert form_error_codes(response) == {"email_password_mismatch"}
    assert signed_in_user_id(client) is None


def test_sixth_wrong_password_for_one_account_is_refused_with_429_and_a_code_offered(client):
    VerifiedMemberFactory(email="member@example.jp")
    for attempt in range(5):
        assert sign_in(client, "member@example.jp", f"guess-{attempt}").status_code == 200

    response = sign_in(client, "member@example.jp", "guess-5")

    assert response.status_code == 429
    assert [t.name for t in response.templates][0] == "account/login_blocked.html"
    assert response["Retry-After"] == "300"
    assert "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    assert f'action="{REQUEST_CODE}"' in page
    assert 'value="member@example.jp"' in page


def test_right_password_is_refused_too_while_the_account_is_blocked(client):
    VerifiedMemberFactory(email="member@example.jp")
    for attempt in range(5):
        sign_in(client, "member@example.jp", f"guess-{attempt}")

    response = sign_in(client, "member@example.jp", PASSWORD)

    assert response.status_code == 429
    assert signed_in_user_id(client) is None


def test_blocked_page_keeps_where_the_visitor_was_going(client):
    VerifiedMemberFactory(email="member@example.jp")
    for attempt in range(5):
        sign_in(client, "member@example.jp", f"guess-{attempt}")

    response = client.post(
        LOGIN + "?next=/my/", {"login": "member@example.jp", "password": "x", "next": "/my/"}
    )

    assert response.status_code == 429
    assert '<input type="hidden" name="next" value="/my/">' in response.content.decode()


def test_blocked_page_is_in_the_portal_layout_without_script(client):
    VerifiedMemberFactory(email="member@example.jp")
    for attempt in range(6):
        response = sign_in(client, "member@example.jp", f"guess-{attempt}")

    content = response.content.decode()
    assert 'class="site-header"' in content
    assert 'role="alert"' in content
    assert '<label for="id_email">' in content
    assert "<script" not in content


def test_too_many_sign_in_posts_from_one_address_answer_429_in_the_portal_layout(client):
    """allauth's per-address limit on the sign-in page itself (login: 30/m/ip)."""
    for _attempt in range(30):
        client.post(LOGIN, {"login": "", "password": ""})  # invalid forms: nothing checked

    response = client.post(LOGIN, {"login": "", "password": ""})

    assert response.status_code == 429
    assert [t.name for t in response.templates][0] == "429.html"
    assert 'class="site-header"' in response.content.decode()


# The client's real address behind the TLS proxy -------------------------------------------------


def test_two_visitors_behind_the_proxy_are_counted_apart(client, behind_one_proxy):
    for attempt in range(10):  # 10 per minute per address; other accounts each time
        sign_in(client, f"nobody{attempt}@example.jp", "guess", **through_proxy("198.51.100.7"))
    assert sign_in(
        client, "a@example.jp", "guess", **through_proxy("198.51.100.7")
    ).status_code == (429)

    other_visitor = Client()
    response = sign_in(other_visitor, "b@example.jp", "guess", **through_proxy("203.0.113.20"))

    assert response.status_code == 200
    assert form_error_codes(response) == {"email_password_mismatch"}


def test_an_address_forged_in_x_forwarded_for_does_not_escape_the_limit(client, behind_one_proxy):
    for attempt in range(10):
        sign_in(client, f"nobody{attempt}@example.jp", "guess", **through_proxy("198.51.100.7"))

    forged = through_proxy("198.51.100.7", forged="192.0.2.99")
    response = sign_in(client, "a@example.jp", "guess", **forged)

    assert response.status_code == 429


def test_without_a_trusted_proxy_every_visitor_counts_as_the_proxy(client):
    """Why the setting matters (KYOSO_TRUSTED_PROXY_COUNT=0 behind a proxy): one person's failed
    sign-ins block everyone's. Check kyoso.W001 warns of it in production."""
    for attempt in range(10):
        sign_in(client, f"nobody{attempt}@example.jp", "guess", **through_proxy("198.51.100.7"))

    other_visitor = Client()
    response = sign_in(other_visitor, "b@example.jp", "guess", **through_proxy("203.0.113.20"))

    assert response.status_code == 429


# The owner gets in through a one-time code by e-mail ---------------------------------------------


def test_office_locked_out_by_a_stranger_signs_in_with_a_mailed_code_and_its_authenticator(
    settings, run_jobs, mailoutbox
):
    settings.KYOSO_2FA_REQUIRED = True
    office = VerifiedOfficeUserFactory(email="office@example.jp")
    secret = generate_totp_secret()
    TOTP.activate(office, secret)
    stranger = Client(REMOTE_ADDR="203.0.113.66")
    for attempt in range(5):
        assert sign_in(stranger, "office@example.jp", f"guess-{attempt}").status_code == 200
    desk = Client(REMOTE_ADDR="198.51.100.10")  # the office's own browser
    blocked = sign_in(desk, "office@example.jp", PASSWORD)
    assert blocked.status_code == 429

    response = desk.post(REQUEST_CODE, {"email": "office@example.jp"})
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    run_jobs()
    [mail] = mailoutbox
    assert mail.to == ["office@example.jp"]
    response = desk.post(CONFIRM_CODE, {"code": mailed_sign_in_code(mail)})

    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_user_id(desk) is None
    response = desk.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == reverse("proposals:staff_home")
    assert signed_in_user_id(desk) == str(office.pk)
    assert desk.get(reverse("admin:index")).status_code == 200


def test_stranger_cannot_use_a_code_mailed_to_the_office(run_jobs, mailoutbox):
    VerifiedOfficeUserFactory(email="office@example.jp")
    desk = Client(REMOTE_ADDR="198.51.100.10")
    desk.post(REQUEST_CODE, {"email": "office@example.jp"})
    run_jobs()
    [mail] = mailoutbox
    stranger = Client(REMOTE_ADDR="203.0.113.66")

    response = stranger.post(CONFIRM_CODE, {"code": mailed_sign_in_code(mail)})

    assert response.status_code == 302
    assert response["Location"].startswith(REQUEST_CODE)  # no code was asked in this browser
    assert signed_in_user_id(stranger) is None


def test_sign_in_codes_for_one_account_are_limited_to_three_a_minute(run_jobs, mailoutbox):
    VerifiedMemberFactory(email="member@example.jp")
    for browser in range(3):
        response = Client().post(REQUEST_CODE, {"email": "member@example.jp"})
        assert response.status_code == 302, browser

    response = Client().post(REQUEST_CODE, {"email": "member@example.jp"})

    assert response.status_code == 200
    codes = {error.code for error in response.context["form"].errors.as_data()["email"]}
    assert codes == {"too_many_login_attempts"}
    run_jobs()
    assert len(mailoutbox) == 3

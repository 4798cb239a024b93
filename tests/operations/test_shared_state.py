"""Several servers share one state through Redis (issue 10, DESIGN §6 scale-out).

Two gunicorn servers of one worker each (two processes, A and B), in production mode, on one
scratch database, with CACHE_URL=redis://127.0.0.1:6379/14: an edit made on A is seen at once
by a visitor of B; wrong passwords are counted across both; a TOTP code accepted by A is
refused by B. The controls run the same with per-process caches (the old behaviour, its check
silenced): each fails there, so these tests can fail.
"""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.operations.servers import TEST_REDIS_URL as REDIS_URL
from tests.operations.servers import Browser

pytestmark = pytest.mark.usefixtures("empty_redis")


@pytest.fixture(scope="module")
def two_servers(portal):
    with portal.server(REDIS_URL, name="a") as a, portal.server(REDIS_URL, name="b") as b:
        yield a, b


def edit_title_in_the_admin(server, portal, theme, title):
    """The office signs in on `server` and saves the theme's admin form with a new title."""
    office = Browser(server.url)
    assert office.sign_in(portal.seeded["office"], portal.seeded["password"]).status == 302
    form = office.get(theme["admin_path"])
    assert form.status == 200, form.text[:500]
    saved = office.submit(form, {"title": title, "_save": "1"}, form_id="theme_form")
    assert saved.status == 302, saved.text[:2000]


def cached_public_pages(redis_db) -> int:
    return len(redis_db.keys("*public-page:*"))


def test_office_edit_on_one_server_is_seen_at_once_by_a_visitor_of_the_other(
    two_servers, portal, empty_redis
):
    a, b = two_servers
    theme = portal.seeded["themes"]["shared"]
    title = theme["title"]
    assert title in Browser(a.url).get(theme["path"]).text
    assert title in Browser(b.url).get(theme["path"]).text
    assert cached_public_pages(empty_redis) == 1  # B was served A's copy from Redis

    edit_title_in_the_admin(a, portal, theme, "新タイトル 共有")

    page = Browser(b.url).get(theme["path"]).text
    assert "新タイトル 共有" in page
    assert title not in page
    assert "新タイトル 共有" in Browser(b.url).get("/themes/").text


def test_wrong_passwords_on_two_servers_count_together_and_the_sixth_is_refused_on_both(
    two_servers, portal
):
    a, b = two_servers
    email = portal.seeded["members"]["guessed"]["email"]
    for attempt, server in enumerate([a, b, a, b, a]):
        refused = Browser(server.url).sign_in(email, f"guess-{attempt}")
        assert refused.status == 200, attempt  # checked, and the form comes back
        assert 'class="error-summary"' in refused.text

    assert Browser(b.url).sign_in(email, "guess-5").status == 429
    assert Browser(a.url).sign_in(email, "guess-6").status == 429
    assert Browser(b.url).sign_in(email, portal.seeded["password"]).status == 429


def totp_code(secret: str, counter: int) -> str:
    return format_hotp_value(hotp_value(secret, counter))


def totp_counter(at: float) -> int:
    return int(at) // mfa_settings.TOTP_PERIOD


def test_totp_code_accepted_by_one_server_is_refused_when_replayed_on_the_other(
    two_servers, portal
):
    a, b = two_servers
    member = portal.seeded["members"]["totp"]
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 12:  # the whole exchange within one period
        time.sleep(period - time.time() % period + 0.5)
    counter = totp_counter(time.time())
    code = totp_code(member["totp_secret"], counter)

    first = Browser(a.url)
    assert first.sign_in(member["email"], portal.seeded["password"]).location == (
        "/accounts/2fa/authenticate/"
    )
    accepted = first.enter_totp_code(code)
    assert accepted.status == 302
    assert accepted.location != "/accounts/2fa/authenticate/"
    replay = Browser(b.url)
    assert replay.sign_in(member["email"], portal.seeded["password"]).location == (
        "/accounts/2fa/authenticate/"
    )
    refused = replay.enter_totp_code(code)

    assert totp_counter(time.time()) == counter  # the code was still current: refused as used
    assert refused.status == 200
    assert 'class="error-summary"' in refused.text
    assert replay.get("/my/").status == 302  # not signed in
    assert first.get("/my/").status == 200


# Controls: the old behaviour (CACHE_URL unset, kyoso.E001 silenced) fails each of the above. ----


@pytest.fixture(scope="module")
def two_local_servers(portal):
    with portal.server(None, name="a-local") as a, portal.server(None, name="b-local") as b:
        yield a, b


def test_control_with_per_process_caches_the_other_server_keeps_the_old_title(
    two_local_servers, portal
):
    a, b = two_local_servers
    theme = portal.seeded["themes"]["per_process"]
    title = theme["title"]
    assert title in Browser(a.url).get(theme["path"]).text
    assert title in Browser(b.url).get(theme["path"]).text

    edit_title_in_the_admin(a, portal, theme, "新タイトル 個別")

    assert "新タイトル 個別" in Browser(a.url).get(theme["path"]).text
    assert title in Browser(b.url).get(theme["path"]).text


def test_control_with_per_process_caches_each_server_checks_five_wrong_passwords(
    two_local_servers, portal
):
    a, b = two_local_servers
    email = portal.seeded["members"]["guessed_local"]["email"]
    for attempt in range(5):
        assert Browser(a.url).sign_in(email, f"guess-a{attempt}").status == 200
    assert Browser(a.url).sign_in(email, "guess-a5").status == 429

    assert Browser(b.url).sign_in(email, "guess-b0").status == 200  # a sixth check


def test_control_with_per_process_caches_a_replayed_totp_code_is_accepted(
    two_local_servers, portal
):
    a, b = two_local_servers
    member = portal.seeded["members"]["totp_local"]
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 12:
        time.sleep(period - time.time() % period + 0.5)
    code = totp_code(member["totp_secret"], totp_counter(time.time()))
    first, replay = Browser(a.url), Browser(b.url)
    first.sign_in(member["email"], portal.seeded["password"])
    assert first.enter_totp_code(code).status == 302
    replay.sign_in(member["email"], portal.seeded["password"])

    assert replay.enter_totp_code(code).status == 302  # the same code, a second time

"""Signed-in visitors for the load: a real sign-in through the portal's forms, TOTP included.

Each bench user signs in as a person does, on the running server: the sign-in page (e-mail
and password, with its CSRF token), then, for staff, allauth.mfa's second step with the
current code of the authenticator app that scale_data.prepare created (RFC 6238, computed
here exactly as allauth.mfa.totp does). What the load sends afterwards is the browser's
cookies: the session the sign-in left on the server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

from tests.operations.servers import Browser, PortalError

from .common import HOST, BenchmarkError

LOGIN = "/accounts/login/"
TOTP_STEP = "/accounts/2fa/authenticate/"


def totp_code(secret: str, period: int, digits: int, at: float | None = None) -> str:
    """The code an authenticator app shows now (allauth.mfa.totp.internal.auth.hotp_value)."""
    counter = int(at if at is not None else time.time()) // period
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}}"


def _totp_step(browser: Browser, secret: str, period: int, digits: int):
    """The second step, as a person types the code: a code from the current period, away from
    its end (a loaded machine may take seconds to answer); once more in the next period if
    it was refused."""
    for _attempt in range(2):
        form = browser.get(TOTP_STEP)
        left = period - time.time() % period
        if left < 8:
            time.sleep(left + 0.5)
        code = totp_code(secret, period, digits)
        page = browser.submit(form, {"code": code}, action=TOTP_STEP)
        if page.status == 302:
            return page
        time.sleep(period - time.time() % period + 0.5)
    return page


def sign_in(port: int, email: str, password: str, prepared: dict) -> dict[str, str]:
    """Sign `email` in on the server; return the headers a signed-in browser sends."""
    browser = Browser(f"http://{HOST}:{port}", host=HOST)
    try:
        page = browser.sign_in(email, password)
        if page.status == 302 and page.location and page.location.startswith(TOTP_STEP):
            secret = prepared["users"][email].get("totp_secret")
            if not secret:
                raise BenchmarkError(f"{email}: asked for a TOTP code, no authenticator made")
            page = _totp_step(browser, secret, prepared["period"], prepared["digits"])
    except PortalError as error:
        raise BenchmarkError(f"{email}: sign-in failed: {error}") from error
    if page.status != 302 or (page.location or "").startswith((LOGIN, TOTP_STEP)):
        raise BenchmarkError(
            f"{email}: sign-in did not go through (HTTP {page.status}, to {page.location})"
        )
    if "sessionid" not in browser.cookies:
        raise BenchmarkError(f"{email}: no session cookie after the sign-in")
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items())}

"""Spam kept out of the citizens' forms without a CAPTCHA and without JavaScript.

Three checks, each cheap and invisible to a person filling the form in:

- a honeypot (a text box hidden by the stylesheet, `.trap-field`): a person never sees it, a
  robot filling every box does; a filled honeypot is refused;
- a signed timestamp (django.core.signing) issued with the form: a form sent back faster than
  a person can type (MIN_SECONDS) or older than a working session (MAX_SECONDS) is refused, and
  a token that was not signed by the portal is refused;
- a limit per client address, counted in the shared cache (Redis in production) with the same
  mechanism as the sign-in throttling and the API's limit (allauth's rate limits, see
  api/throttling.py): KYOSO_CITIZENS_RATE_LIMIT, "" turns it off.
"""

import time

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SALT = "kyoso.citizens.form"
MIN_SECONDS = 3  # a person needs longer than this to read and write a few lines
MAX_SECONDS = 3 * 60 * 60  # a form older than this is reloaded (its token renewed)

APP = "kyoso.citizens"
ACTION = "submit"


def issue_token(*, at: float | None = None) -> str:
    """The signed moment the form was shown (`at`: seconds since the epoch, now if None)."""
    return signing.dumps({"at": time.time() if at is None else at}, salt=SALT, compress=True)


def check_token(token: str, *, now: float | None = None) -> None:
    """Refuse a token not signed here, a form sent back too fast, or one shown too long ago."""
    now = time.time() if now is None else now
    try:
        issued = float(signing.loads(token or "", salt=SALT)["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(
            _("The form could not be checked. Reload the page and send it again."),
            code="bad_token",
        ) from None
    if now - issued < MIN_SECONDS:
        raise ValidationError(
            _("The form was sent too quickly. Check what you wrote and send it again."),
            code="too_fast",
        )
    if now - issued > MAX_SECONDS:
        raise ValidationError(
            _(
                "The form was open for too long. Copy what you wrote, reload the page and "
                "send it again."
            ),
            code="expired",
        )


def check_honeypot(value: str) -> None:
    if value:
        raise ValidationError(
            _("The form could not be sent. Leave the last box empty and send it again."),
            code="honeypot",
        )


def _config() -> dict[str, str]:
    # Read at each request: a deployment (or a test) changes KYOSO_CITIZENS_RATE_LIMIT.
    return {ACTION: settings.KYOSO_CITIZENS_RATE_LIMIT}


def allowed(request) -> bool:
    """Count this sending for the client's address; False when over the limit."""
    return ratelimit.consume(request, app=APP, action=ACTION, config=_config()) is not None


def too_many_requests(request):
    """The portal's 429 page (templates/429.html), as allauth answers a throttled sign-in."""
    return ratelimit.respond_429(request)

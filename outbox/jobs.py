"""The delivery job: send one recorded mail, once."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.queue import job

from .models import Mail

logger = logging.getLogger(__name__)


@job(_("Send an e-mail"))
def deliver(mail_pk: int) -> str:
    """Send the mail unless the server already has it.

    The mail is claimed for the longest a job may run, so a second worker that takes the same
    job leaves it alone. Accepted by the server → recorded as sent at once, before anything
    else can fail (a slow QUIT, say). Refused or unreachable → raised: the job engine retries
    later. Cut off after the whole message was transmitted → recorded as unconfirmed and not
    retried, because the server may have taken it; the office decides in the admin.
    """
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=settings.Q_CLUSTER["timeout"])
    claimed = (
        Mail.objects.filter(pk=mail_pk, status=Mail.Status.QUEUED)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=lease, last_attempt_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "not sent here: already sent, held, unconfirmed or being sent by another worker"
    mail = Mail.objects.get(pk=mail_pk)
    message = EmailMultiAlternatives(
        mail.subject,
        mail.body,
        mail.from_email,
        mail.to,
        headers={"Message-ID": mail.message_id},
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        connection.send_messages([message])
    except Exception as error:
        if getattr(connection, "message_transmitted", False):
            _record(mail_pk, status=Mail.Status.UNCONFIRMED, last_error=_describe(error))
            logger.error("Mail %s: the server did not confirm it; not retried", mail_pk)
            return "unconfirmed"
        _record(mail_pk, last_error=_describe(error))
        raise
    else:
        # The texts are not needed any more; a reset or invitation link should not linger.
        _record(
            mail_pk,
            status=Mail.Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            body="",
            html_body="",
        )
    finally:
        _close_quietly(connection)
    return "sent"


def _record(mail_pk: int, **fields) -> None:
    Mail.objects.filter(pk=mail_pk).update(claimed_until=None, **fields)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _close_quietly(connection) -> None:
    """Closing after the server took the mail must not turn it into a failure (a QUIT that times
    out would otherwise make the job engine send the mail again)."""
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the mail is recorded already; nothing to undo
        logger.warning("Closing the mail connection failed", exc_info=True)

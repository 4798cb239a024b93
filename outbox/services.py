"""Queue e-mail: the mail is written as a delivery record, and its job enqueued, inside the
caller's transaction. Nothing here talks to the mail server (outbox.jobs does)."""

import contextvars
from contextlib import contextmanager
from email.utils import make_msgid

from django.conf import settings
from django.db import transaction

from jobs.queue import enqueue

from .models import Mail

_held = contextvars.ContextVar("kyoso_outbox_held", default=False)

# Called for every mail queued with a `kind` (an event, not an account mail): it records the
# in-portal notifications and answers which recipients get the mail now. Registered by the
# notifications app, a higher app this one never imports (DESIGN §6).
_notice_hook = None


def register_notice_hook(hook) -> None:
    """hook(kind=, subject=, body=, link=, to=, held=) → the addresses to mail now."""
    global _notice_hook
    _notice_hook = hook


@contextmanager
def held():
    """Mails queued inside this block are recorded but never sent (the demo's story mails)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def queue_mail(
    *,
    subject: str,
    body: str,
    to,
    html_body: str = "",
    from_email=None,
    kind: str | None = None,
    link: str = "",
):
    """Record one mail to `to` and enqueue its delivery; None when there is no recipient.

    A mail about an event names its `kind` (and the `link` it carries): the notice hook then
    records each recipient user's notification and may leave out those who chose a daily
    digest or no mail. Account mails (no kind) always go to every recipient.
    """
    from .jobs import deliver

    recipients = list(dict.fromkeys(address.strip() for address in to if (address or "").strip()))
    if not recipients:
        return None
    from_email = from_email or settings.DEFAULT_FROM_EMAIL
    is_held = _held.get()
    with transaction.atomic():
        if kind is not None and _notice_hook is not None:
            recipients = _notice_hook(
                kind=kind, subject=subject, body=body, link=link, to=recipients, held=is_held
            )
            if not recipients:
                return None
        mail = Mail.objects.create(
            subject=" ".join(str(subject).splitlines()),  # a header: one line
            body=str(body),
            html_body=str(html_body or ""),
            from_email=from_email,
            to=recipients,
            message_id=make_msgid(domain=_domain(from_email)),
            status=Mail.Status.HELD if is_held else Mail.Status.QUEUED,
        )
        if not is_held:
            enqueue(deliver, mail.pk)
    return mail


def queue_messages(messages, *, kind: str | None = None) -> list:
    """queue_mail for (subject, body, from, recipients) tuples, as send_mass_mail takes them;
    a fifth element, if any, is the link the mail carries (for its notification)."""
    return [
        queue_mail(
            subject=subject,
            body=body,
            to=recipients,
            from_email=sender,
            kind=kind,
            link=link[0] if link else "",
        )
        for subject, body, sender, recipients, *link in messages
    ]


def queue_email_message(message) -> Mail | None:
    """queue_mail for a Django EmailMessage (allauth renders its mails as those)."""
    alternatives = getattr(message, "alternatives", ())
    html = next((content for content, kind in alternatives if kind == "text/html"), "")
    return queue_mail(
        subject=message.subject,
        body=message.body,
        to=[*message.to, *message.cc, *message.bcc],
        html_body=html,
        from_email=message.from_email,
    )


def resend(mail: Mail, *, by=None) -> bool:
    """The office sends a waiting or unconfirmed mail again now; False if already sent."""
    from .jobs import deliver

    with transaction.atomic():
        mail = Mail.objects.select_for_update().get(pk=mail.pk)
        if mail.status not in (Mail.Status.QUEUED, Mail.Status.UNCONFIRMED):
            return False
        if mail.status == Mail.Status.UNCONFIRMED:  # the office has checked it did not arrive
            mail.status = Mail.Status.QUEUED
            mail.save(update_fields=["status"])
        enqueue(deliver, mail.pk)
    return True


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip(" >") or "localhost"

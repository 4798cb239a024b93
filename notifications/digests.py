"""The daily digest: one mail a day to each user who chose it, listing the events since the last.

Each user's digest is queued (outbox) in one transaction with the mark on the notifications it
lists: a retry, or a second run the same day, finds nothing left to list and sends nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from municipality.selectors import words
from outbox.services import queue_mail

from .models import Delivery, Notification


def _absolute(path: str) -> str:
    return settings.KYOSO_BASE_URL.rstrip("/") + path


def pending_digests():
    return Notification.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True)


def send_digests() -> int:
    """Queue every user's digest of the notifications not yet listed; how many mails."""
    user_pks = sorted(set(pending_digests().values_list("user_id", flat=True)))
    return sum(_send_digest(user_pk) for user_pk in user_pks)


@transaction.atomic
def _send_digest(user_pk: int) -> int:
    items = list(
        pending_digests().select_for_update().filter(user_id=user_pk).order_by("created_at", "pk")
    )
    if not items:  # another run listed them meanwhile
        return 0
    pending_digests().filter(pk__in=[item.pk for item in items]).update(digested_at=timezone.now())
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:  # closed since: the notifications stay, nothing is mailed
        return 0
    # The portal's users read Japanese first; a job has no request to choose a language.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _digest(items)
    return 1 if queue_mail(subject=subject, body=body, to=[user.email]) else 0


def _digest(items) -> tuple[str, str]:
    lines = []
    for item in items:
        when = formats.date_format(timezone.localtime(item.created_at), "DATETIME_FORMAT")
        lines.append(f"■ {item.subject}\n  {when}")
        if item.link:
            lines.append(f"  {_absolute(item.link)}")
        lines.append("")
    subject = _("[%(city)s Kyoso portal] Your notifications of the day (%(count)s)") % {
        **words(),
        "count": len(items),
    }
    body = _(
        "Here are the notifications you received since the last digest. Open each link to "
        "read the details in the portal (sign-in required).\n\n%(items)s\n"
        "All your notifications:\n%(list)s\n\n"
        "You chose to receive these notifications once a day. Change this here:\n%(settings)s"
    ) % {
        "items": "\n".join(lines),
        "list": _absolute(reverse("notifications:list")),
        "settings": _absolute(reverse("notifications:settings")),
    }
    return subject, body

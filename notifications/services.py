"""Writes of the notifications: recorded with each mail about an event, read, preferences.

The unread count of each user lives in the cache (the header shows it on every page without a
query): every write here that changes it forgets the cached value, at once and again after the
commit, so that a page counting in between cannot keep a stale number.
"""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import FIXED, Delivery, Kind, KindDefault, Notification, Preference

UNREAD_TIMEOUT = 60 * 60  # seconds; the writes below forget it anyway


def unread_key(user_pk) -> str:
    return f"notifications:unread:{user_pk}"


def forget_unread_counts(user_pks) -> None:
    keys = [unread_key(pk) for pk in user_pks]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys), robust=True)


def forget_unread_count_on_login(sender, user, **kwargs) -> None:
    """A fresh count at each sign-in (user_logged_in)."""
    cache.delete(unread_key(user.pk))


def same_site_path(link: str) -> str:
    """The path (and query) of a link to this site; "" for anything that is not one."""
    if not link:
        return ""
    parts = urlsplit(str(link))
    path = parts.path
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return ""
    return path + (f"?{parts.query}" if parts.query else "")


def deliveries_for(users, kind: str) -> dict[int, str]:
    """How `kind` is mailed to each of `users`: fixed kinds at once, else the user's choice,
    else the office's default, else at once."""
    if kind in FIXED:
        return {user.pk: Delivery.IMMEDIATE for user in users}
    default = (
        KindDefault.objects.filter(kind=kind).values_list("delivery", flat=True).first()
        or Delivery.IMMEDIATE
    )
    chosen = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    return {user.pk: chosen.get(user.pk, default) for user in users}


@transaction.atomic
def record_notices(*, kind: str, subject: str, body: str, link: str, to, held: bool = False):
    """A notification for each active user among the recipients `to`; the addresses to mail now.

    Called by outbox.services.queue_mail inside the transaction that decides the event, so a
    rollback takes the notifications with the mail. Addresses of no active user (a department's
    shared inbox, the office's intake address, an invited person) are always mailed. Demo mails
    (held, never sent) go to every recipient as they are, so no digest ever mails them.
    """
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind: {kind!r}")
    by_address = {address.lower(): address for address in to}
    users = list(
        get_user_model()
        .objects.annotate(email_lower=Lower("email"))
        .filter(is_active=True, email_lower__in=list(by_address))
        .only("pk", "email")
    )
    if not users:
        return list(to)
    deliveries = (
        {user.pk: Delivery.IMMEDIATE for user in users} if held else deliveries_for(users, kind)
    )
    path = same_site_path(link)
    subject = " ".join(str(subject).splitlines())
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind=kind,
            subject=subject[:998],
            body=str(body),
            link=path,
            delivery=deliveries[user.pk],
        )
        for user in users
    )
    forget_unread_counts([user.pk for user in users])
    not_now = {user.email.lower() for user in users if deliveries[user.pk] != Delivery.IMMEDIATE}
    return [address for address in to if address.lower() not in not_now]


def mark_read(notification: Notification) -> None:
    """The user opened it."""
    if notification.read_at is not None:
        return
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
        forget_unread_counts([notification.user_id])


def mark_all_read(*, user) -> int:
    """Every unread notification of `user` read now; how many."""
    count = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_counts([user.pk])
    return count


@transaction.atomic
def set_preferences(*, user, choices: dict[str, str]) -> None:
    """The user's choice per kind (fixed kinds cannot be chosen and are ignored)."""
    for kind, delivery in choices.items():
        if kind in FIXED or kind not in Kind.values or delivery not in Delivery.values:
            continue
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})

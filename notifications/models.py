"""お知らせ: what the portal's mails about events said, kept for each user who received one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    """The kinds of event a user is told about (derived from the mails the portal sends).

    The codes are what the callers pass to outbox.services.queue_mail(kind=…).
    """

    CASE_UPDATE = "case_update", _("Changes in the status of a case")
    ASSIGNMENT = "assignment", _("Cases assigned to your department")
    MESSAGE = "message", _("Messages and internal notes on a case")
    MEETING = "meeting", _("Meeting records shared with you")
    EVALUATION = "evaluation", _("Evaluation requests")
    DEADLINE = "deadline", _("Reminders of response deadlines")
    INVITATION = "invitation", _("Invitations to join an organisation")


class Delivery(models.TextChoices):
    """How a notification is mailed."""

    IMMEDIATE = "immediate", _("An e-mail at once")
    DIGEST = "digest", _("One e-mail a day listing them")
    NONE = "none", _("No e-mail (in the portal only)")


# Kinds that are always mailed at once, whatever the user or the office chose, and why.
# 共創指針: the city answers within its response deadlines; a reminder missed is a deadline missed.
FIXED = {
    Kind.DEADLINE: _(
        "Reminders of response deadlines are always sent by e-mail at once: the city must "
        "answer businesses within these deadlines."
    ),
}


class Notification(models.Model):
    """One event told to one user: what the mail said (links only, never confidential text)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)
    # A path on this site (never another host): opening the notification goes there.
    link = models.CharField(_("link"), max_length=2000, blank=True)
    delivery = models.CharField(
        _("how it is mailed"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Set when the daily digest that lists it is queued: a retry never lists it again.
    digested_at = models.DateTimeField(_("listed in a digest at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notif_user_created_idx"),
            models.Index(fields=["user", "read_at"], name="notif_user_read_idx"),
            models.Index(fields=["delivery", "digested_at"], name="notif_digest_idx"),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """A user's choice of how one kind of event is mailed to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("how it is mailed"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_user_kind_unique")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kind} = {self.delivery}"


class KindDefault(models.Model):
    """The office's default for one kind of event, for users who have not chosen."""

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, unique=True)
    delivery = models.CharField(
        _("how it is mailed"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )

    class Meta:
        verbose_name = pgettext_lazy("notification", "default setting")
        verbose_name_plural = pgettext_lazy("notification", "default settings")
        ordering = ["pk"]

    def __str__(self):
        return str(self.get_kind_display())

    def clean(self):
        if self.kind in FIXED and self.delivery != Delivery.IMMEDIATE:
            raise ValidationError(
                {"delivery": ValidationError(FIXED[self.kind], code="fixed_kind")}
            )

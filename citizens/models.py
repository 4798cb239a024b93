"""市民の声 (issue 15 item 7): what citizens send the city without an account.

- An issue suggestion (課題の提案): a social issue a citizen would like on the co-creation list.
  Nothing of it is public until the office publishes it, with the office's reply; the name and
  e-mail a citizen may leave for a reply are never public.
- Feedback on a service in operation (市民・利用者の視点, 共創指針 原則2): tied to the running
  agreement, read by the city's side beside the monitoring reports. It carries no contact data
  at all; the office may publish it after moderation.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Moderation(models.TextChoices):
    """The office's moderation: only published items are ever shown to the public."""

    PENDING = "pending", pgettext_lazy("moderation status", "Awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("moderation status", "Published")
    DECLINED = "declined", pgettext_lazy("moderation status", "Declined")


class Moderated(models.Model):
    """The moderation columns both kinds of voice share."""

    status = models.CharField(
        _("moderation status"),
        max_length=10,
        choices=Moderation.choices,
        default=Moderation.PENDING,
        editable=False,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Moderation.PUBLISHED


class IssueSuggestion(Moderated):
    """課題の提案: an issue a citizen suggests for the co-creation list."""

    title = models.CharField(_("issue"), max_length=100)
    body = models.TextField(_("details"), max_length=2000)
    field = models.ForeignKey(
        "cocreation_list.Field",
        verbose_name=_("field"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # For a reply only: never shown on a public page, in a feed or in open data.
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    reply = models.TextField(_("the office's public reply"), max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("issue suggestion")
        verbose_name_plural = _("issue suggestions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The public list: published ones, newest first.
            models.Index(fields=["status", "-created_at", "-id"], name="suggestion_status_idx"),
        ]

    def __str__(self):
        return self.title


class ServiceFeedback(Moderated):
    """サービスへの声: a citizen's or user's view of a service in operation."""

    class Respondent(models.TextChoices):
        USER = "user", _("I use the service")
        RESIDENT = "resident", _("I live or work in the city")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(
        "partnership.Agreement",
        verbose_name=_("service (agreement)"),
        on_delete=models.CASCADE,
        related_name="citizen_feedback",
    )
    respondent = models.CharField(
        _("your viewpoint"), max_length=10, choices=Respondent.choices, default=Respondent.USER
    )
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (not satisfied) to 5 (very satisfied)."),
    )
    body = models.TextField(_("your opinion"), max_length=2000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service feedback")
        verbose_name_plural = _("service feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agreement", "-created_at", "-id"], name="feedback_agreement_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_range",
                violation_error_code="rating_range",
                violation_error_message=_("Choose a satisfaction from 1 to 5."),
            )
        ]

    def __str__(self):
        return self.body[:40]

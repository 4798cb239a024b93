"""The open call (公募) that gives other businesses their chance after an adoption (共創指針
原則3): other businesses apply to it, a selection round decides. The agreement that follows the
selection is the partnership app's."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class OpenCall(models.Model):
    """公募: the city's public call for businesses to implement an adopted proposal.

    Only what the city writes here is public; the original proposal's confidential content
    never appears on the call (原則3).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("open call status", "Draft")
        PUBLISHED = "published", pgettext_lazy("open call status", "Published")

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("adopted proposal"),
        on_delete=models.PROTECT,
        related_name="call",
    )
    number = models.PositiveIntegerField(
        _("call number"), unique=True, null=True, blank=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("what the city wants done"),
        max_length=10000,
        help_text=_("Public. Write it yourself: never copy the proposer's confidential content."),
    )
    conditions = models.TextField(
        _("conditions of participation"), max_length=10000, help_text=_("Public.")
    )
    starts_on = models.DateField(_("applications from"))
    ends_on = models.DateField(_("applications until"))
    contact = models.CharField(_("contact"), max_length=500, blank=True)
    # 共創指針 原則3 (fairness): questions on the call are taken in this period and answered
    # publicly for everyone (CallQuestion). Both empty: no questions are taken on the portal.
    questions_from = models.DateField(_("questions from"), null=True, blank=True)
    questions_until = models.DateField(
        _("questions until"),
        null=True,
        blank=True,
        help_text=_(
            "No later than the last day of applications, so every answer is known in time."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("open call")
        verbose_name_plural = _("open calls")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="open_call_period_order",
                violation_error_code="period_order",
                violation_error_message=_("The end of the period must not be before its start."),
            ),
            models.CheckConstraint(
                condition=Q(questions_from__isnull=True, questions_until__isnull=True)
                | Q(
                    questions_from__lte=F("questions_until"),
                    questions_until__lte=F("ends_on"),
                ),
                name="open_call_question_period",
                violation_error_code="question_period",
                violation_error_message=_(
                    "The question period needs both dates, in order, ending no later than the "
                    "last day of applications."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:call", args=[self.number]) if self.number else ""

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self):
        super().clean()
        first, last = self.questions_from, self.questions_until
        if (first is None) != (last is None):
            missing = "questions_until" if last is None else "questions_from"
            raise ValidationError(
                {missing: _("Enter both dates of the question period, or neither.")},
                code="question_period",
            )
        if first is not None and first > last:
            raise ValidationError(
                {"questions_until": _("The end of the period must not be before its start.")},
                code="question_period",
            )
        if last is not None and self.ends_on is not None and last > self.ends_on:
            raise ValidationError(
                {
                    "questions_until": _(
                        "The question period must end no later than the last day of applications."
                    )
                },
                code="question_period",
            )

    @property
    def has_question_period(self) -> bool:
        return self.questions_from is not None and self.questions_until is not None

    def is_accepting_questions(self, on=None) -> bool:
        """Questions are taken on a published call within its question period only."""
        on = on or timezone.localdate()
        return (
            self.is_published
            and self.has_question_period
            and self.questions_from <= on <= self.questions_until
        )

    def is_accepting(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.is_published and self.starts_on <= on <= self.ends_on

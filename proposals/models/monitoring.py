"""Stage 4 (改善): monitoring reports against the shared-goal indicators, and improvement
actions with owners and due dates. Liaison meetings (連絡会) are the dialogue's meeting records."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MonitoringReport(models.Model):
    """モニタリング報告: what happened in one period, measured on the indicators."""

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="monitoring_reports",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    summary = models.TextField(_("what was done"), max_length=5000)
    assessment = models.TextField(_("assessment and issues"), max_length=5000, blank=True)
    is_shared = models.BooleanField(
        _("shared with the business"),
        default=True,
        help_text=_("The business sees the report on its case page."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["proposal", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="monitoring_period_order",
                violation_error_code="period_order",
                violation_error_message=_("The end of the period must not be before its start."),
            )
        ]

    def __str__(self):
        return f"{self.period_start} – {self.period_end}"


class IndicatorResult(models.Model):
    """指標の実績: the value of one shared-goal indicator in one report."""

    report = models.ForeignKey(
        MonitoringReport,
        verbose_name=_("monitoring report"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    indicator = models.ForeignKey(
        "proposals.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    value = models.CharField(_("result"), max_length=50)
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_public = models.BooleanField(
        _("publish this result"),
        default=False,
        help_text=_("Published results appear on the public record of the case."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["report", "indicator", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="indicator_result_once_per_report"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.value}"


class ImprovementAction(models.Model):
    """改善アクション: what will be improved, by whom, by when."""

    class Owner(models.TextChoices):
        CITY = "city", _("The city")
        BUSINESS = "business", _("The business")
        BOTH = "both", _("Both")

    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="improvement_actions",
    )
    report = models.ForeignKey(
        MonitoringReport,
        verbose_name=_("monitoring report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    description = models.TextField(_("improvement"), max_length=2000)
    owner_side = models.CharField(_("owner"), max_length=10, choices=Owner.choices)
    owner_name = models.CharField(_("person or section in charge"), max_length=100)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["proposal", "done_on", "due_on", "pk"]

    def __str__(self):
        return self.description[:40]

"""Stages 3 and 4 after the selection (事業具体化, 改善): the agreement that fixes roles and
risks (共創指針 原則4), with its documents; monitoring against the shared-goal indicators, with
improvement actions. Liaison meetings (連絡会) are the dialogue's meeting records.

The tables moved here from proposals with their rows (migrations: proposals 0007, partnership
0001–0003).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mishima_kyoso.common.files import PrivateFile, private_file_field, random_file_name


def agreement_document_path(instance, filename):
    """A random name in the agreements' folder (common.files.random_file_name)."""
    return random_file_name("agreements", filename)


# The agreement (協定) -------------------------------------------------------------------------


class Agreement(models.Model):
    """協定・契約: the term, the terms that reward good operation, and the signing (原則4)."""

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="agreement",
    )
    title = models.CharField(_("title of the agreement"), max_length=200)
    starts_on = models.DateField(_("term from"))
    ends_on = models.DateField(_("term until"), null=True, blank=True)
    incentives = models.TextField(
        _("terms that reward good operation"),
        max_length=5000,
        blank=True,
        help_text=_(
            "For example a fee linked to the shared-goal indicators, or an extension on good "
            "results."
        ),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signing recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_term_order",
                violation_error_code="term_order",
                violation_error_message=_("The end of the term must not be before its start."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class RoleRiskItem(models.Model):
    """役割分担・リスク分担表の一行: an item, each side's role, and who bears the risk."""

    class Bearer(models.TextChoices):
        CITY = "city", _("The city")
        BUSINESS = "business", _("The business")
        SHARED = "shared", _("Shared")
        CONSULT = "consult", _("Decided by consultation")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.CharField(_("item"), max_length=200)
    city_role = models.TextField(_("the city's role"), max_length=2000, blank=True)
    business_role = models.TextField(_("the business's role"), max_length=2000, blank=True)
    risk_bearer = models.CharField(_("who bears the risk"), max_length=10, choices=Bearer.choices)
    risk_note = models.CharField(_("risk note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role and risk item")
        verbose_name_plural = _("role and risk table")
        ordering = ["agreement", "order", "pk"]

    def __str__(self):
        return self.item


class AgreementDocument(PrivateFile):
    """協定書などの文書: a private file of the agreement, served only through a checked view."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    file = private_file_field(agreement_document_path)

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["uploaded_at", "pk"]


# Monitoring (モニタリング) --------------------------------------------------------------------


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


# The living agreement: changes and incentive rules (変更・更新・延長、インセンティブ) -------------


class AgreementChange(models.Model):
    """協定の変更・更新・延長: a dated change of the signed agreement, what changed and why.

    It applies to the current terms (partnership.changes.current_terms) once both sides have
    signed it; until then it is a proposal of change on record.
    """

    class Kind(models.TextChoices):
        # Translators: 変更 — a change of the agreement's terms.
        AMENDMENT = "amendment", _("Amendment")
        # Translators: 更新 — the agreement renewed for a new term.
        RENEWAL = "renewal", _("Renewal")
        # Translators: 延長 — the agreement's term extended.
        EXTENSION = "extension", _("Extension")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("kind of change"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("effective from"))
    ends_on = models.DateField(
        _("new end of the term"),
        null=True,
        blank=True,
        help_text=_("Required for an extension or a renewal."),
    )
    terms = models.TextField(
        _("changed terms"),
        max_length=5000,
        blank=True,
        help_text=_("The clauses as they read after the change. Required for an amendment."),
    )
    reason = models.TextField(_("reason for the change"), max_length=2000)
    document = models.OneToOneField(
        AgreementDocument,
        verbose_name=_("signed document"),
        # A signed document stays while its change does; both go with the agreement.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="change",
        editable=False,
    )
    city_signed_at = models.DateTimeField(
        _("signed by the city at"), null=True, blank=True, editable=False
    )
    city_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signing recorded for the city by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    business_signed_at = models.DateTimeField(
        _("signed by the business at"), null=True, blank=True, editable=False
    )
    business_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed for the business by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change of the agreement")
        verbose_name_plural = _("changes of the agreement")
        ordering = ["agreement", "effective_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("effective_on")),
                name="agreement_change_ends_after_effective",
                violation_error_code="change_term_order",
                violation_error_message=_(
                    "The new end of the term must not be before the change takes effect."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.effective_on})"

    @property
    def is_signed(self) -> bool:
        """Signed by both sides: only then does the change apply."""
        return self.city_signed_at is not None and self.business_signed_at is not None


class IncentiveRule(models.Model):
    """インセンティブの条件: a term that rewards good operation, tied to a shared-goal indicator
    (e.g. the fee raised by 5% or the term extended by 12 months when the target is met)."""

    class Comparison(models.TextChoices):
        AT_LEAST = "gte", _("at least (≥)")
        AT_MOST = "lte", _("at most (≤)")

    class Effect(models.TextChoices):
        FEE = "fee", _("Fee adjustment (%)")
        EXTENSION = "extension", _("Extension (months)")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="incentive_rules",
    )
    indicator = models.ForeignKey(
        "proposals.Indicator",
        verbose_name=_("indicator"),
        # As the indicator's results: a goal's indicators are replaced together (save_goal);
        # the rule's history keeps it.
        on_delete=models.CASCADE,
        related_name="incentive_rules",
    )
    comparison = models.CharField(_("condition"), max_length=3, choices=Comparison.choices)
    threshold = models.DecimalField(_("threshold"), max_digits=14, decimal_places=4)
    effect_kind = models.CharField(_("effect"), max_length=10, choices=Effect.choices)
    effect_value = models.DecimalField(
        _("amount of the effect"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Percent for a fee adjustment (e.g. 5 or -3), months for an extension."),
    )
    effect_text = models.CharField(_("effect in words"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("incentive rule")
        verbose_name_plural = _("incentive rules")
        ordering = ["agreement", "pk"]

    def __str__(self):
        return f"{self.indicator_id} {self.get_comparison_display()} {self.threshold}"

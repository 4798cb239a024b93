"""Evaluation and selection (評価・選定): criteria sets, rounds, evaluators, scores (DESIGN §3).

A round is an adoption review of one case (stage 2) or a selection among several candidates
(stage 3: the original proposal and the applications to the open call). Aggregation is in
aggregation.py; every write is in services.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from proposals.models import Proposal


class CriteriaSet(models.Model):
    """評価基準: the criteria of a round, with the minimum pass mark and the proposer bonus."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    pass_mark = models.DecimalField(
        _("minimum pass mark"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("On the weighted total: a candidate below it fails."),
    )
    proposer_bonus = models.DecimalField(
        _("bonus for the original proposer"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "提案者加点: points added to the original proposer's total in a selection (stage 3)."
        ),
    )
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Offered first when a round is created.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-is_default", "name", "pk"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """評価項目: what is looked at, its maximum points (配点) and its weight."""

    class Group(models.TextChoices):
        CITIZENS = "citizens", _("Citizens and users")
        FINANCIAL = "financial", _("Finance")
        GROWTH = "growth", _("Growth and development")
        REGION = "region", _("Region and society")
        QUALITY = "quality", _("Quality")
        FEASIBILITY = "feasibility", _("Feasibility")
        PRICE = "price", _("Price")
        LOCALITY = "locality", _("Locality")
        OTHER = "other", pgettext_lazy("criterion group", "Other")

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("criteria set"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what is looked at"), max_length=2000, blank=True)
    scale = models.TextField(
        _("scale"),
        max_length=2000,
        blank=True,
        help_text=_("How points are given, e.g. “5: excellent … 1: insufficient”."),
    )
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "order", "pk"]

    def __str__(self):
        return self.name


class Round(models.Model):
    """評価ラウンド: one adoption review or one selection, scored by its evaluators."""

    class Kind(models.TextChoices):
        # Translators: 採否審査 (stage 2)
        ADOPTION_REVIEW = "adoption", _("Adoption review")
        # Translators: 事業者選定 (stage 3)
        SELECTION = "selection", _("Selection of the implementer")

    class Normalisation(models.TextChoices):
        # The rules are in normalisation.py; the results page states them.
        OFF = "off", _("Off (raw totals only)")
        Z_SCORE = "zscore", _("Z-score per evaluator")
        RESCALE = "rescale", _("Rescaling to a common mean and spread")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("round status", "Being prepared")
        OPEN = "open", pgettext_lazy("round status", "Scoring")
        CLOSED = "closed", pgettext_lazy("round status", "Scoring closed")
        DECIDED = "decided", pgettext_lazy("round status", "Decided")

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="evaluation_rounds",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="rounds"
    )
    is_anonymised = models.BooleanField(
        _("anonymised"),
        default=True,
        help_text=_("Evaluators see candidates as A, B, C… and never their names."),
    )
    score_normalisation = models.CharField(
        _("normalisation of the evaluators' totals"),
        max_length=8,
        choices=Normalisation.choices,
        default=Normalisation.OFF,
        editable=False,
        help_text=_(
            "Set by the office on the results page: the ranking then shows normalised totals "
            "beside the raw ones."
        ),
    )
    scoring_due_on = models.DateField(_("scoring deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    # The decision: the selected candidate (a selection) or adopt / not (an adoption review).
    selected = models.ForeignKey(
        "Candidate",
        verbose_name=_("selected candidate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_adopted = models.BooleanField(_("adopted"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("reason (internal)"), blank=True, editable=False)
    public_reason = models.TextField(_("public reason"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Candidate(models.Model):
    """候補: a case scored in a round, shown to evaluators by its label when anonymised."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="candidates"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.PROTECT, related_name="candidacies"
    )
    label = models.CharField(_("label"), max_length=3)
    is_original_proposer = models.BooleanField(_("original proposer"), default=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["round", "label"]
        constraints = [
            models.UniqueConstraint(fields=["round", "proposal"], name="candidate_once_per_round"),
            models.UniqueConstraint(fields=["round", "label"], name="candidate_label_unique"),
        ]

    def __str__(self):
        return self.label


class EvaluatorAssignment(models.Model):
    """選定委員の割当: an evaluator of one round (city staff or an external account)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="evaluator_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    declared_at = models.DateTimeField(
        _("conflicts declared at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        ordering = ["round", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "evaluator"], name="evaluator_once_per_round")
        ]

    def __str__(self):
        return f"{self.round_id}: {self.evaluator_id}"


class ConflictDeclaration(models.Model):
    """利害関係の申告: whether an evaluator has a conflict with a candidate; a conflict blocks
    that evaluator's scoring of that candidate."""

    assignment = models.ForeignKey(
        EvaluatorAssignment,
        verbose_name=_("evaluator assignment"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="+"
    )
    has_conflict = models.BooleanField(_("has a conflict of interest"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "candidate"], name="declaration_once_per_candidate"
            )
        ]

    def __str__(self):
        return f"{self.assignment_id} / {self.candidate_id}: {self.has_conflict}"


class ScoreSheet(models.Model):
    """評価票: one evaluator's scores of one candidate; locked once submitted."""

    assignment = models.ForeignKey(
        EvaluatorAssignment,
        verbose_name=_("evaluator assignment"),
        on_delete=models.CASCADE,
        related_name="sheets",
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="sheets"
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "candidate"], name="score_sheet_once_per_candidate"
            )
        ]

    def __str__(self):
        return f"{self.assignment_id} / {self.candidate_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    """点数: the points one evaluator gives one candidate on one criterion."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.PositiveSmallIntegerField(_("points"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_points_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.points}"


class RoundEvent(models.Model):
    """The round's log: who opened, closed, reopened a sheet, decided — when and why."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Round created")
        OPENED = "opened", _("Scoring opened")
        CLOSED = "closed", _("Scoring closed")
        SHEET_REOPENED = "sheet_reopened", _("Score sheet reopened")
        CONFLICT_DECLARED = "conflict_declared", _("Conflict of interest declared")
        NORMALISATION_CHANGED = "normalisation", _("Normalisation of the totals changed")
        DECIDED = "decided", _("Decided")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("about"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("round log entry")
        verbose_name_plural = _("round log")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.round_id}: {self.kind}"


class RoundUserObjectPermission(UserObjectPermissionBase):
    """An evaluator's grant on their round (DESIGN §5: an evaluator on their rounds)."""

    content_object = models.ForeignKey(Round, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("round permission of a user")
        verbose_name_plural = _("round permissions of users")

"""Proposals (提案): the case, from the first consultation on."""

import os
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from accounts.models import Department, Organization
from cocreation_list.models import Field, Theme
from mishima_kyoso.storage import PRIVATE, storage_alias

from .. import states

# Content sections, in the order the forms and pages show them.
SUMMARY_SECTIONS = ("title", "outline")
CONTENT_SECTIONS = (
    "background",
    "body",
    "effect_citizens",
    "effect_financial",
    "effect_growth",
    "effect_region",
    "roles",
    "schedule",
    "cost_bearing",
    "cost_detail",
    "requests_to_city",
    "know_how",
)
CONTACT_SECTIONS = ("contact_name", "contact_phone", "contact_email")
VERSIONED_FIELDS = (
    SUMMARY_SECTIONS + CONTENT_SECTIONS + CONTACT_SECTIONS + ("consent_to_publish", "intent")
)


class PPPMethod(models.TextChoices):
    """官民連携手法: how the city and the business work together once a proposal is adopted."""

    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement (連携協定)")
    OUTSOURCING = "outsourcing", _("Service contract (業務委託)")
    DESIGNATED_MANAGER = "designated_manager", _("Designated manager (指定管理者)")
    PFI_PPP = "pfi_ppp", _("PFI / PPP")
    SUBSIDY = "subsidy", _("Subsidy or contribution (補助・負担金)")
    PROPERTY_USE = "property_use", _("Lease or use permit of public property")
    NAMING_RIGHTS = "naming_rights", _("Naming rights")
    OTHER = "other", _("Other")


class Opportunity(models.TextChoices):
    """How other businesses get their chance after an adoption (公平性・競争性)."""

    OPEN_CALL = "open_call", _("Open call (公募)")
    DIRECT = "direct", _("Direct agreement with the proposer, with its reason")
    NONE_NEEDED = "none_needed", _("None needed (no contract or exclusive benefit)")


class Proposal(models.Model):
    """提案: one case of the private proposal system."""

    class Kind(models.TextChoices):
        # Translators: テーマ提示型 (a proposal on a theme of the co-creation list)
        THEME = "theme", _("Theme-based proposal")
        # Translators: 自由提案型 (a proposal in any administrative field)
        FREE = "free", _("Free proposal")
        # Translators: 公募への応募 (another business applies to the city's open call)
        APPLICATION = "application", _("Application to an open call")

    class Intent(models.TextChoices):
        CONSULTATION = "consultation", _("Consultation (a first idea)")
        PROPOSAL = "proposal", _("Proposal (full content)")

    Status = states.Status

    class CostBearing(models.TextChoices):
        CITY = "city", _("The city bears a cost")
        NONE = "none", _("No cost to the city")
        REVENUE = "revenue", _("Revenue model (the business earns from the service)")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    open_call = models.ForeignKey(
        "OpenCall",
        verbose_name=_("open call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    preferred_department = models.ForeignKey(
        Department,
        verbose_name=_("department you have in mind"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intent = models.CharField(
        _("what you submit"), max_length=12, choices=Intent.choices, default=Intent.CONSULTATION
    )

    title = models.CharField(_("title"), max_length=200)
    outline = models.TextField(
        _("outline"),
        max_length=2000,
        help_text=_("A short summary that may be published with your consent."),
    )
    background = models.TextField(_("background and issue"), blank=True, max_length=10000)
    body = models.TextField(_("the proposal"), blank=True, max_length=20000)
    effect_citizens = models.TextField(
        _("expected effect for citizens and users"), blank=True, max_length=5000
    )
    effect_financial = models.TextField(_("expected financial effect"), blank=True, max_length=5000)
    effect_growth = models.TextField(
        _("expected effect on growth and development"), blank=True, max_length=5000
    )
    effect_region = models.TextField(
        _("expected effect on the region and society"), blank=True, max_length=5000
    )
    roles = models.TextField(_("who does what"), blank=True, max_length=5000)
    schedule = models.TextField(_("schedule"), blank=True, max_length=5000)
    cost_bearing = models.CharField(
        _("cost and who bears it"), max_length=10, choices=CostBearing.choices, blank=True
    )
    cost_detail = models.TextField(_("cost details"), blank=True, max_length=5000)
    requests_to_city = models.TextField(_("what you ask of the city"), blank=True, max_length=5000)
    know_how = models.TextField(
        _("original know-how (confidential)"),
        blank=True,
        max_length=10000,
        help_text=_(
            "The parts that are your own ideas and know-how. The city keeps them confidential."
        ),
    )
    consent_to_publish = models.BooleanField(
        _("consent to publish the name and outline"),
        default=False,
        help_text=_(
            "Once the city decides, it may publish your organisation's name and the outline."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact e-mail"))

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    reference = models.CharField(
        _("reference number"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"), null=True, blank=True, editable=False
    )
    serial = models.PositiveIntegerField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    submitted_at = models.DateTimeField(_("received at"), null=True, blank=True, editable=False)
    # Deadlines in business days (proposals/deadlines.py keeps them).
    first_response_due_on = models.DateField(
        _("first response due"), null=True, blank=True, editable=False
    )
    first_responded_at = models.DateTimeField(
        _("first response at"), null=True, blank=True, editable=False
    )
    reply_due_on = models.DateField(_("reply due"), null=True, blank=True, editable=False)
    next_due_on = models.DateField(_("next deadline"), null=True, blank=True, editable=False)
    # What the adoption chose (採択: 官民連携手法, and how other businesses get their chance),
    # recorded on the case by the ADOPT step; empty before an adoption.
    ppp_method = models.CharField(
        _("public-private partnership method"),
        max_length=30,
        choices=PPPMethod.choices,
        blank=True,
        editable=False,
    )
    opportunity = models.CharField(
        _("how other businesses get their chance"),
        max_length=20,
        choices=Opportunity.choices,
        blank=True,
        editable=False,
    )
    direct_reason = models.TextField(_("reason for a direct agreement"), blank=True, editable=False)
    last_city_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_proposer_message_at = models.DateTimeField(null=True, blank=True, editable=False)
    departments = models.ManyToManyField(
        Department,
        verbose_name=_("departments in charge"),
        through="Assignment",
        related_name="assigned_proposals",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at", "-pk"]
        permissions = [("view_all_proposals", _("Can view every proposal"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="theme", theme__isnull=False)
                | Q(kind="free", field__isnull=False)
                | Q(kind="application", open_call__isnull=False),
                name="proposal_theme_or_field",
                violation_error_code="kind_target",
                violation_error_message=_(
                    "A theme-based proposal needs its theme, a free proposal its field and an "
                    "application its open call."
                ),
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "serial"], name="proposal_serial_unique_per_year"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "-updated_at"], name="proposal_org_idx"),
            models.Index(fields=["status", "next_due_on"], name="proposal_status_due_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.reference else self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def chose_open_call(self) -> bool:
        """The adoption chose an open call: other businesses apply, a selection decides."""
        return self.opportunity == Opportunity.OPEN_CALL

    @property
    def goes_through_selection(self) -> bool:
        """The implementer is chosen by a selection round: an application, or a case whose
        adoption chose an open call (共創指針 原則3: the others' chance comes first)."""
        return self.kind == self.Kind.APPLICATION or self.chose_open_call

    def content(self) -> dict:
        """The versioned content, as stored in a ProposalVersion."""
        return {name: getattr(self, name) for name in VERSIONED_FIELDS}


class ProposalVersion(models.Model):
    """版: the content as submitted; a revision after submission adds a version, never edits one."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")
        ]

    def __str__(self):
        return f"{self.proposal_id} v{self.number}"


class ProposalTransition(models.Model):
    """The workflow's log: every step with actor, time, from, to and reasons."""

    class Action(models.TextChoices):
        SUBMIT = "submit", pgettext_lazy("proposal action", "Submit")
        START_DIALOGUE = "start_dialogue", pgettext_lazy("proposal action", "Start the dialogue")
        DECLINE = "decline", pgettext_lazy("proposal action", "Do not take forward")
        TO_PLANNING = "to_planning", pgettext_lazy("proposal action", "Move on to planning")
        ADOPT = "adopt", pgettext_lazy("proposal action", "Adopt")
        NOT_ADOPT = "not_adopt", pgettext_lazy("proposal action", "Do not adopt")
        START_SELECTION = (
            "start_selection",
            pgettext_lazy("proposal action", "Start selecting the implementer"),
        )
        APPLY = "apply", pgettext_lazy("proposal action", "Apply to the open call")
        SELECT = "select", pgettext_lazy("proposal action", "Select as the implementer")
        NOT_SELECT = "not_select", pgettext_lazy("proposal action", "Do not select")
        AGREE = "agree", pgettext_lazy("proposal action", "Record the agreement")
        START_OPERATION = "start_operation", pgettext_lazy("proposal action", "Start operation")
        COMPLETE = "complete", pgettext_lazy("proposal action", "Complete the case")
        WITHDRAW = "withdraw", pgettext_lazy("proposal action", "Withdraw")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    source = models.CharField(_("from"), max_length=12, choices=Proposal.Status.choices)
    target = models.CharField(_("to"), max_length=12, choices=Proposal.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    public_reason = models.TextField(_("public reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.proposal_id}: {self.action}"


class ReferenceCounter(models.Model):
    """The last serial given in a fiscal year; locked while a number is taken, so no gaps."""

    fiscal_year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.fiscal_year}: {self.last_serial}"


def private_storage():
    """The private store (settings.STORAGES["private"]): confidential files, never given a URL."""
    return storage_alias(PRIVATE)


def attachment_path(instance, filename):
    """A random name: nothing uploaded can be found by guessing, whatever storage serves it."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"proposals/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class ProposalAttachment(models.Model):
    """添付資料: a confidential file of a proposal."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("proposals:attachment", args=[self.proposal_id, self.pk])


class ProposalUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Proposal, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("proposal permission of a user")
        verbose_name_plural = _("proposal permissions of users")


class ProposalGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Proposal, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("proposal permission of a group")
        verbose_name_plural = _("proposal permissions of groups")


class Assignment(models.Model):
    """担当課の割当: a department in charge of a case; it grants the department's group."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="assignments"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department assignment")
        verbose_name_plural = _("department assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "department"], name="assignment_unique")
        ]

    def __str__(self):
        return f"{self.proposal_id} → {self.department}"


class SharedGoal(models.Model):
    """目標共有: a goal shared with the proposer along one of the four viewpoints."""

    class Viewpoint(models.TextChoices):
        CITIZENS = "citizens", _("Citizens and users")
        FINANCIAL = "financial", _("Finance")
        GROWTH = "growth", _("Growth and development")
        REGION = "region", _("Region and society")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="goals"
    )
    viewpoint = models.CharField(_("viewpoint"), max_length=10, choices=Viewpoint.choices)
    description = models.TextField(_("goal"), max_length=2000)
    agreed_on = models.DateField(
        _("agreed with the proposer on"),
        null=True,
        blank=True,
        help_text=_("Empty while the goal is still being discussed."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shared goal")
        verbose_name_plural = _("shared goals")
        ordering = ["proposal", "viewpoint", "pk"]

    def __str__(self):
        return f"{self.get_viewpoint_display()}: {self.description[:30]}"


class Indicator(models.Model):
    """指標 (KPI): how a shared goal is measured, with its baseline and target."""

    goal = models.ForeignKey(
        SharedGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.CharField(_("baseline"), max_length=50, blank=True)
    target = models.CharField(_("target value"), max_length=50)
    target_on = models.DateField(_("target date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal", "pk"]

    def __str__(self):
        return self.name


class ReadMark(models.Model):
    """When a person last read a case's dialogue: what came after is unread for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="read_marks")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="read_mark_unique")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.proposal_id} at {self.read_at}"


class AccessLog(models.Model):
    """閲覧記録: who read a case's confidential content or downloaded a file, and when."""

    class Kind(models.TextChoices):
        CONTENT = "content", _("Confidential content")
        VERSION = "version", _("Earlier version")
        FILE = "file", _("File download")
        MESSAGE_FILE = "message_file", _("Message file download")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="access_logs"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.proposal_id}"


class ReminderLog(models.Model):
    """A reminder sent for one deadline of one case: never sent twice (cron-safe)."""

    class Kind(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        REPLY = "reply", _("Reply to the proposer")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind", "due_on"], name="reminder_once_per_deadline"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id} {self.kind} {self.due_on}"


# Stage 3 (事業具体化): the open call. The agreement and monitoring are partnership's.
from .realization import OpenCall  # noqa: E402

__all__ = [
    "SUMMARY_SECTIONS",
    "CONTENT_SECTIONS",
    "CONTACT_SECTIONS",
    "VERSIONED_FIELDS",
    "Proposal",
    "PPPMethod",
    "Opportunity",
    "ProposalVersion",
    "ProposalTransition",
    "ReferenceCounter",
    "ProposalAttachment",
    "ProposalUserObjectPermission",
    "ProposalGroupObjectPermission",
    "Assignment",
    "SharedGoal",
    "Indicator",
    "ReadMark",
    "AccessLog",
    "ReminderLog",
    "OpenCall",
    "private_storage",
    "attachment_path",
]

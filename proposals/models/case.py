"""The case (案件): a proposal, a consultation or an application, from the first consultation
on; its versions, the workflow's log, and the reference numbers of each fiscal year."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Department, Organization
from cocreation_list.models import Field, Theme
from mishima_kyoso.search import Searchable

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
# The sections written as free text (the others are a choice, a phone number, an address).
TEXT_SECTIONS = (
    *(name for name in SUMMARY_SECTIONS + CONTENT_SECTIONS if name != "cost_bearing"),
    "contact_name",
)
VERSIONED_FIELDS = (
    SUMMARY_SECTIONS + CONTENT_SECTIONS + CONTACT_SECTIONS + ("consent_to_publish", "intent")
)


# A case the city has received (the staff lists, the admin): every status but the draft, the
# condition of the staff lists' partial indexes.
SUBMITTED = ~Q(status=states.Status.DRAFT)
# The statuses in the order of the workflow, as a number: the work list's status sort, read
# from an index on the same expression (proposal_status_order_idx).
STATUS_ORDER = Case(
    *(
        When(status=status, then=Value(number))
        for number, status in enumerate(states.Status.values)
    ),
    output_field=models.IntegerField(),
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


class Proposal(Searchable):
    """提案: one case of the private proposal system."""

    # The staff find a case by its reference (also without the hyphen: R80012) or its title;
    # by its organisation through the organisation's own search columns (proposals.search).
    SEARCHED_FIELDS = ("reference", "title")
    SEARCHED_COMPACT = ("reference",)

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
        through="DepartmentAssignment",
        related_name="assigned_proposals",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", "search_grams"])

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
        # Every list's filter and default sort (issue 14): a page of 50 reads 50 index entries,
        # whatever the number of cases. The staff lists never show drafts, so their indexes
        # leave them out (the condition is the selector's own `status <> 'draft'`).
        indexes = [
            # /my/: an organisation's cases, newest activity first (organization_proposals).
            models.Index(
                fields=["organization", "-updated_at", "-id"], name="proposal_org_updated_idx"
            ),
            models.Index(fields=["status", "next_due_on"], name="proposal_status_due_idx"),
            # The work list's default sort (forms.worklist.ORDERINGS["deadline"]; an ascending
            # index keeps its empty values last, as the sort does).
            models.Index(
                fields=["next_due_on", "-submitted_at", "-id"],
                name="proposal_worklist_due_idx",
                condition=SUBMITTED,
            ),
            # The admin case list's default sort (admin.cases.ProposalAdmin.ordering).
            models.Index(
                fields=["next_due_on", "submitted_at", "id"],
                name="proposal_admin_due_idx",
                condition=SUBMITTED,
            ),
            # Newest received first, and (read backwards) oldest received first.
            models.Index(
                fields=["-submitted_at", "-id"], name="proposal_received_idx", condition=SUBMITTED
            ),
            models.Index(fields=["title", "id"], name="proposal_title_idx", condition=SUBMITTED),
            models.Index(
                STATUS_ORDER,
                F("next_due_on"),
                F("id"),
                name="proposal_status_order_idx",
                condition=SUBMITTED,
            ),
            # The open cases (the staff home counts them; few beside the closed ones): the
            # queues read their columns from the index alone.
            models.Index(
                fields=[
                    "next_due_on",
                    "status",
                    "last_city_message_at",
                    "last_proposer_message_at",
                ],
                name="proposal_open_idx",
                condition=SUBMITTED & ~Q(status__in=states.CLOSED),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.reference else self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def short_label(self) -> str:
        """The case in a few characters, for the rows that belong to it: its reference number,
        or its title while it has none (a draft)."""
        return self.reference or self.title

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
        # The case by its reference, the version in words: 「R8-0012 第1版」 (issue 13 §2).
        return gettext("%(case)s version %(number)s") % {
            "case": self.proposal.short_label,
            "number": self.number,
        }


class ProposalTransition(models.Model):
    """The workflow's log: every step with actor, time, from, to and reasons."""

    class Steps(models.TextChoices):
        SUBMIT = "submit", pgettext_lazy("proposal step", "Submit")
        START_DIALOGUE = "start_dialogue", pgettext_lazy("proposal step", "Start the dialogue")
        DECLINE = "decline", pgettext_lazy("proposal step", "Do not take forward")
        TO_PLANNING = "to_planning", pgettext_lazy("proposal step", "Move on to planning")
        ADOPT = "adopt", pgettext_lazy("proposal step", "Adopt")
        NOT_ADOPT = "not_adopt", pgettext_lazy("proposal step", "Do not adopt")
        START_SELECTION = (
            "start_selection",
            pgettext_lazy("proposal step", "Start selecting the implementer"),
        )
        APPLY = "apply", pgettext_lazy("proposal step", "Apply to the open call")
        SELECT = "select", pgettext_lazy("proposal step", "Select as the implementer")
        NOT_SELECT = "not_select", pgettext_lazy("proposal step", "Do not select")
        AGREE = "agree", pgettext_lazy("proposal step", "Record the agreement")
        START_OPERATION = "start_operation", pgettext_lazy("proposal step", "Start operation")
        COMPLETE = "complete", pgettext_lazy("proposal step", "Complete the case")
        WITHDRAW = "withdraw", pgettext_lazy("proposal step", "Withdraw")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="transitions"
    )
    step = models.CharField(_("step"), max_length=20, choices=Steps.choices)
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
        # The step's label, never its code: 「R8-0012 提出」 (issue 13 §2).
        return f"{self.proposal.short_label} {self.get_step_display()}"

    def recorded_details(self) -> list[dict]:
        """What the step recorded besides its reasons (an adoption's choice: 官民連携手法, 公募 or
        not, a direct agreement's reason), labelled as the case's fields, in the reader's
        language."""
        details = self.details or {}
        rows = []
        for name, choices in (
            ("ppp_method", PPPMethod),
            ("opportunity", Opportunity),
            ("direct_reason", None),
        ):
            value = details.get(name)
            if choices is not None:
                if value not in choices.values:
                    continue
                value = choices(value).label
            elif not value:
                continue
            rows.append(
                {"label": capfirst(Proposal._meta.get_field(name).verbose_name), "value": value}
            )
        return rows


class ReferenceCounter(models.Model):
    """The last serial given in a fiscal year; locked while a number is taken, so no gaps."""

    fiscal_year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.fiscal_year}: {self.last_serial}"

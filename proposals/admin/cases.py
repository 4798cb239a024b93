"""The office's case list in the admin, and its triage: assign departments, take workflow
steps for the selected cases.

A thin interface (STYLE §5): lists and pages read through the selector, every change goes
through the services (assignments) or the workflow (steps), case by case, after an
intermediate form. The proposer's content is read-only here; reading it is logged.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mishima_kyoso.common.admin_lists import LightActionCheckboxMixin
from mishima_kyoso.common.pagination import BoundedCountAdminMixin

from .. import deadlines, services
from ..audit import log_access
from ..labels import kind_label, status_label
from ..models import (
    CONTACT_SECTIONS,
    CONTENT_SECTIONS,
    AccessLog,
    DepartmentAssignment,
    Proposal,
    ProposalAttachment,
    ProposalTransition,
    ProposalVersion,
)
from ..permissions import is_office
from ..search import search_cases
from ..selectors import listed, visible_proposals
from ..states import stage_label
from ..workflow import TRANSITIONS, available_steps, transition
from .export import export_cases_csv
from .filters import (
    DepartmentFilter,
    FiscalYearFilter,
    OverdueFilter,
    StageFilter,
    StatusFilter,
    ThemeFilter,
)
from .forms import OFFICE_STEPS, AssignDepartmentsForm, StepForm, UnassignDepartmentForm
from .history import ReadOnlyHistoryAdmin, history_changes
from .read_only import OfficeReadOnlyMixin, ReadOnlyInline

S = Proposal.Status


# The case page's read-only inlines -----------------------------------------------------------


class DepartmentAssignmentInline(ReadOnlyInline):
    """The departments in charge; they change only through the list's actions (grants)."""

    model = DepartmentAssignment
    fields = ("department", "assigned_by", "assigned_at")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy(
        "departments in charge (changed with the actions of the case list)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department", "assigned_by", "proposal")


class TransitionInline(ReadOnlyInline):
    model = ProposalTransition
    fields = (
        "created_at",
        "step",
        "source",
        "target",
        "actor",
        "reason",
        "public_reason",
        "recorded_details",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        # The case too: a row is named by its reference (「R8-0012 提出」).
        return super().get_queryset(request).select_related("actor", "proposal")

    @admin.display(description=gettext_lazy("details"))
    def recorded_details(self, step):
        return format_html_join(
            "",
            "<div>{}: {}</div>",
            ((row["label"], row["value"]) for row in step.recorded_details()),
        )


class VersionInline(ReadOnlyInline):
    model = ProposalVersion
    fields = ("version", "created_at", "created_by", "note")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by", "proposal")

    @admin.display(description=gettext_lazy("version"))
    def version(self, version):
        # The version page of the portal checks the permission and logs the read.
        return format_html(
            '<a href="{}">{}</a>',
            reverse("proposals:version", args=[version.proposal_id, version.number]),
            _("Version %(number)s") % {"number": version.number},
        )


class AttachmentInline(ReadOnlyInline):
    model = ProposalAttachment
    fields = ("download", "size", "file_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=gettext_lazy("file type"))
    def file_type(self, attachment):
        return attachment.type_label  # 「PDF」, never "application/pdf"

    @admin.display(description=gettext_lazy("file name"))
    def download(self, attachment):
        # Through the checked download view, which logs it: the storage has no public URL.
        return format_html(
            '<a href="{}">{}</a>', attachment.get_absolute_url(), attachment.original_name
        )


# The cases ---------------------------------------------------------------------------------


class ListedChangeList(ChangeList):
    """The case list without the cases' and themes' long texts (selectors.listed): its
    columns show none of them, and its actions (the CSV export) write none."""

    def get_queryset(self, request, exclude_parameters=None):
        return listed(super().get_queryset(request, exclude_parameters))


@admin.register(Proposal)
class ProposalAdmin(
    LightActionCheckboxMixin, BoundedCountAdminMixin, OfficeReadOnlyMixin, ReadOnlyHistoryAdmin
):
    # Seven columns that fit at 1280 px beside the filters, the title the widest (admin.css):
    # the type goes under the title, the stage beside the status.
    list_display = (
        "reference",
        "title_and_kind",
        "organization",
        "status_and_stage",
        "departments_in_charge",
        "days_since_receipt",
        "next_deadline",
    )
    list_display_links = ("reference", "title_and_kind")
    list_filter = (
        StageFilter,
        StatusFilter,
        "kind",
        "field",
        ThemeFilter,
        DepartmentFilter,
        FiscalYearFilter,
        OverdueFilter,
    )
    list_select_related = ("organization",)
    search_fields = ("reference", "title", "organization__name")
    search_help_text = gettext_lazy("Reference number, title or organisation name")
    # The most urgent first: the nearest deadline, then the oldest receipt (read from the index
    # proposal_admin_due_idx, in its order to the key).
    ordering = (F("next_due_on").asc(nulls_last=True), "submitted_at", "pk")
    list_per_page = 50
    # Counted up to a bound, never a second COUNT of every case (BoundedCountAdminMixin).
    actions = ("assign_departments", "unassign_department", "take_step", export_cases_csv)
    inlines = (DepartmentAssignmentInline, TransitionInline, VersionInline, AttachmentInline)
    object_history_template = "admin/proposals/proposal/object_history.html"
    object_history_list_template = "admin/proposals/proposal/object_history_list.html"
    object_history_form_template = "admin/proposals/proposal/object_history_form.html"
    fieldsets = (
        (
            gettext_lazy("Case"),
            {
                "fields": (
                    "staff_case_link",
                    "reference",
                    "status",
                    "stage",
                    "kind",
                    "theme",
                    "field",
                    "organization",
                    "created_by",
                    "preferred_department",
                    "intent",
                    "version",
                )
            },
        ),
        (
            gettext_lazy("Deadlines"),
            {
                "fields": (
                    "submitted_at",
                    "days_since_receipt",
                    "first_response_due_on",
                    "first_responded_at",
                    "reply_due_on",
                    "next_deadline",
                )
            },
        ),
        (gettext_lazy("Public summary"), {"fields": ("title", "outline", "consent_to_publish")}),
        (
            gettext_lazy("Content (confidential)"),
            {"fields": CONTENT_SECTIONS},
        ),
        (gettext_lazy("Contact"), {"fields": CONTACT_SECTIONS}),
    )

    # Who sees what ---------------------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return ListedChangeList

    def get_queryset(self, request):
        # A draft is the proposer's private work until they submit it (共創指針 原則3); the
        # selector gives the office every case, so the office's lists leave drafts out here.
        return (
            visible_proposals(request.user).exclude(status=S.DRAFT).prefetch_related("departments")
        )

    def get_search_results(self, request, queryset, search_term):
        # The work list's rule (proposals.search), through the search index on PostgreSQL;
        # search_fields above only shows the search box.
        return search_cases(queryset, search_term), False

    def has_triage_permission(self, request):
        """Assign departments and take workflow steps: the office (the services check again)."""
        return is_office(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [
            *(field.name for field in self.model._meta.fields),
            "staff_case_link",
            "stage",
            "days_since_receipt",
            "next_deadline",
        ]

    # Columns ---------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("stage"))
    def stage(self, case):
        return stage_label(case.status) or "—"

    @admin.display(description=gettext_lazy("title"), ordering="title")
    def title_and_kind(self, case):
        return format_html(
            '{}<br><span class="case-kind">{}</span>', case.title, kind_label(case.kind)
        )

    @admin.display(description=gettext_lazy("status (stage)"), ordering="status")
    def status_and_stage(self, case):
        stage = stage_label(case.status)
        if not stage:
            return status_label(case.status)
        return format_html(
            '{}<br><span class="case-stage">{}</span>', status_label(case.status), stage
        )

    @admin.display(description=gettext_lazy("departments in charge"))
    def departments_in_charge(self, case):
        return ", ".join(department.name for department in case.departments.all()) or None

    @admin.display(description=gettext_lazy("days since receipt"), ordering="-submitted_at")
    def days_since_receipt(self, case):
        if case.submitted_at is None:
            return None
        days = (timezone.localdate() - timezone.localdate(case.submitted_at)).days
        return _("%(days)s days") % {"days": days}

    @admin.display(description=gettext_lazy("next deadline"), ordering="next_due_on")
    def next_deadline(self, case):
        if case.next_due_on is None:
            return _("No deadline")  # 「期限なし」, never "None"
        day = formats.date_format(case.next_due_on)
        if deadlines.is_overdue(case):
            # In words, not by colour only (JIS X 8341-3, WCAG 1.4.1).
            return format_html("<strong>{}</strong>", _("%(date)s (overdue)") % {"date": day})
        return day

    @admin.display(description=gettext_lazy("dialogue and meeting records"))
    def staff_case_link(self, case):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("proposals:staff_case", args=[case.pk]),
            _("Open the case page (dialogue, meeting records, shared goals)"),
        )

    # Reading the confidential content is logged (DESIGN §5) ---------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            log_access(request.user, obj, AccessLog.Kind.CONTENT, "admin")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # The edits of the draft stay the proposer's private work: the record starts at receipt.
        return (
            super()
            .get_history_queryset(request, history_manager, pk_name, object_id)
            .exclude(status=S.DRAFT)
        )

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        newer = None
        for record in historical_records:  # newest first
            if newer is not None:
                newer.history_delta_changes = history_changes(newer, record)
            newer = record

    def revert_disabled(self, request, obj=None):
        return True

    def history_view_title(self, request, obj):
        return _("History of %(case)s") % {"case": obj}

    def history_form_view_title(self, request, obj):
        return _("%(case)s as it was") % {"case": obj}

    def history_view(self, request, object_id, extra_context=None):
        # The changes show earlier content: a read of the confidential parts, logged. A case
        # outside the list (a draft, or none) has no history here, whatever simple_history
        # would find among the records of deleted rows.
        if not self.has_view_permission(request):
            raise PermissionDenied
        case = self.get_object(request, unquote(object_id))
        if case is None:
            raise Http404
        log_access(request.user, case, AccessLog.Kind.VERSION, "history")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history would save a POSTed old version back over the case, whatever its
        # permissions say: here a past version is read, never restored (the workflow alone
        # moves a case).
        if not self.has_view_permission(request) or request.method != "GET":
            raise PermissionDenied
        case = self.get_object(request, unquote(object_id))
        if case is None or not version_id.isdigit():
            raise Http404
        history = self.get_history_queryset(request, Proposal.history, "id", case.pk)
        if not history.filter(history_id=version_id).exists():
            raise Http404
        log_access(request.user, case, AccessLog.Kind.VERSION, f"history {version_id}")
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Actions through intermediate pages ------------------------------------------------------

    def _selected_cases(self, request, queryset):
        """The cases chosen on the list; on the intermediate page's POST, its own list.

        The page lists the cases it acts on; they are taken again by their keys, not through
        the list's filters, so a case that changed meanwhile is reported rather than dropped.
        """
        if "apply" in request.POST:
            keys = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            return list(self.get_queryset(request).filter(pk__in=keys).order_by("pk"))
        return list(queryset.order_by("pk"))

    def _intermediate(self, request, cases, form, action, title, template, **extra):
        context = {
            **extra,
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "cases": cases,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, f"admin/proposals/proposal/{template}", context)

    def _refused(self, request, case, refusal):
        """One message per refused case, in the reader's language, tagged with the codes."""
        if isinstance(refusal, PermissionDenied):
            codes, reasons = ["forbidden"], [_("You may not take this step on this case.")]
        elif hasattr(refusal, "error_dict"):
            codes = [error.code for errors in refusal.error_dict.values() for error in errors]
            reasons = refusal.messages
        else:
            codes, reasons = [error.code for error in refusal.error_list], refusal.messages
        messages.error(
            request,
            _("%(reference)s was not changed: %(reasons)s")
            % {"reference": case.reference, "reasons": " ".join(reasons)},
            extra_tags=" ".join(code for code in codes if code),
        )

    def _for_each_case(self, request, cases, service, department, done_message):
        """Apply an assignment service case by case: refusals reported, the rest done."""
        done = []
        for case in cases:
            try:
                service(case=case, department=department, by=request.user)
            except (ValidationError, PermissionDenied) as refusal:
                self._refused(request, case, refusal)
            else:
                done.append(case.reference)
        if done:
            messages.success(
                request, done_message % {"department": department, "references": ", ".join(done)}
            )

    @admin.action(
        description=gettext_lazy("Assign departments to the selected cases"),
        permissions=("triage",),
    )
    def assign_departments(self, request, queryset):
        cases = self._selected_cases(request, queryset)
        form = AssignDepartmentsForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for department in form.cleaned_data["departments"]:
                self._for_each_case(
                    request,
                    cases,
                    services.assign_department,
                    department,
                    _("%(department)s is now in charge of %(references)s."),
                )
            return None
        return self._intermediate(
            request,
            cases,
            form,
            "assign_departments",
            _("Assign departments"),
            "assign_departments.html",
        )

    @admin.action(
        description=gettext_lazy("Remove a department from the selected cases"),
        permissions=("triage",),
    )
    def unassign_department(self, request, queryset):
        cases = self._selected_cases(request, queryset)
        form = UnassignDepartmentForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._for_each_case(
                request,
                cases,
                services.unassign_department,
                form.cleaned_data["department"],
                _("%(department)s is no longer in charge of %(references)s."),
            )
            return None
        return self._intermediate(
            request,
            cases,
            form,
            "unassign_department",
            _("Remove a department"),
            "unassign_department.html",
        )

    @admin.action(
        description=gettext_lazy("Take a workflow step for the selected cases"),
        permissions=("triage",),
    )
    def take_step(self, request, queryset):
        cases = self._selected_cases(request, queryset)
        # The page offers the steps possible for at least one selected case now; the POST
        # accepts any office step, and the workflow answers for each case (stale, wrong status…).
        offered = [
            step
            for step in OFFICE_STEPS
            if any(step in available_steps(case, request.user) for case in cases)
        ]
        if "apply" in request.POST:
            form = StepForm(request.POST)
            if form.is_valid():
                self._apply_step(request, cases, form)
                return None
        elif not offered:
            messages.warning(request, _("No workflow step is possible for the selected cases."))
            return None
        else:
            form = StepForm(steps=offered)
        return self._intermediate(
            request,
            cases,
            form,
            "take_step",
            _("Take a workflow step"),
            "take_step.html",
            # The adoption details are asked for only when adoption is among the steps offered.
            asks_details=any(TRANSITIONS[step].needs is not None for step in offered),
        )

    def _apply_step(self, request, cases, form):
        step = form.cleaned_data["step"]
        done = []
        for case in cases:
            # The status the page showed: if it moved since, the workflow refuses as stale.
            seen_status = request.POST.get(f"seen_status_{case.pk}", "")
            try:
                transition(
                    case,
                    step,
                    by=request.user,
                    seen_status=seen_status,
                    reason=form.cleaned_data["reason"],
                    public_reason=form.cleaned_data["public_reason"],
                    **form.details(),
                )
            except (ValidationError, PermissionDenied) as refusal:
                self._refused(request, case, refusal)
            else:
                done.append(case.reference)
        if done:
            messages.success(
                request,
                _("%(step)s: done for %(references)s.")
                % {
                    "step": ProposalTransition.Steps(step).label,
                    "references": ", ".join(done),
                },
            )

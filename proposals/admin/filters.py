"""The filters of the office's case list: stage, status, theme (grouped under its field),
department in charge, fiscal year, overdue."""

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department
from cocreation_list.models import Theme
from mishima_kyoso.search import fold

from ..fiscal import reiwa
from ..models import DepartmentAssignment, Proposal, ReferenceCounter
from ..states import Stage, statuses_of_stage

S = Proposal.Status
NO_FIELD_ORDER = 10**6  # themes without a field come last


class StageFilter(admin.SimpleListFilter):
    title = gettext_lazy("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return Stage.choices

    def queryset(self, request, queryset):
        if self.value() in Stage.values:
            return queryset.filter(status__in=statuses_of_stage(self.value()))
        return queryset


class StatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        # Drafts are not in this list at all (see ProposalAdmin.get_queryset).
        return [(value, label) for value, label in S.choices if value != S.DRAFT]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class ThemeFilter(admin.SimpleListFilter):
    """The theme of a theme-based case. Up to GROUPED_UP_TO themes: one drop-down list with the
    themes grouped under their field. Beyond that (the co-creation list grows every year, a
    drop-down of thousands would weigh the page down and help nobody) a box for the theme's
    number, as it is shown on the list (全角 digits too)."""

    title = gettext_lazy("theme")
    parameter_name = "theme"
    template = "admin/proposals/proposal/theme_filter.html"
    GROUPED_UP_TO = 300

    def lookups(self, request, model_admin):
        # Their numbers and titles only (no model instances), and only while a drop-down list
        # is still of use: the first GROUPED_UP_TO + 1 by the primary key's index (no sort of
        # every theme), then their fields, then the title order, in Python.
        themes = list(
            Theme.objects.order_by("pk").values_list("pk", "title")[: self.GROUPED_UP_TO + 1]
        )
        self.by_number = len(themes) > self.GROUPED_UP_TO
        if self.by_number:
            self.grouped = []
            # Django shows a filter only with choices: the box stands for all of them.
            return [(self.value() or "", "")]
        first_field = {}
        links = Theme.fields.through.objects.filter(theme_id__in=[pk for pk, _title in themes])
        for theme_id, order, name in links.values_list(
            "theme_id", "field__sort_order", "field__name"
        ):
            first_field[theme_id] = min(first_field.get(theme_id, (order, name)), (order, name))
        groups = {}
        for pk, title in sorted(themes, key=lambda theme: (theme[1], theme[0])):
            # under its first field, as the co-creation list orders them
            group = first_field.get(pk, (NO_FIELD_ORDER, _("No field")))
            groups.setdefault(group, []).append((str(pk), title))
        self.grouped = [(name, choices) for (_order, name), choices in sorted(groups.items())]
        return [(pk, title) for _name, choices in self.grouped for pk, title in choices]

    def choices(self, changelist):
        # The list's other filters, search and order stay as they are when a theme is chosen.
        self.kept_params = [
            (name, value)
            for name, value in changelist.params.items()
            if name not in (self.parameter_name, "p", "e")
        ]
        self.selected = self.value() or ""
        yield from super().choices(changelist)

    def number(self) -> int | None:
        value = fold(self.value() or "")  # ４２ is 42, as everywhere the portal reads a query
        return int(value) if value.isdigit() else None

    def queryset(self, request, queryset):
        if self.number() is not None:
            return queryset.filter(theme_id=self.number())
        return queryset


class DepartmentFilter(admin.SimpleListFilter):
    title = gettext_lazy("department in charge")
    parameter_name = "department"
    NONE = "none"

    def lookups(self, request, model_admin):
        return [
            (self.NONE, _("No department yet")),
            *((str(pk), name) for pk, name in Department.objects.values_list("pk", "name")),
        ]

    def queryset(self, request, queryset):
        # EXISTS, not a join through the assignments: one row per case, no DISTINCT.
        assigned = DepartmentAssignment.objects.filter(proposal_id=OuterRef("pk"))
        if self.value() == self.NONE:
            return queryset.exclude(Exists(assigned))
        if self.value() and self.value().isdigit():
            return queryset.filter(Exists(assigned.filter(department_id=self.value())))
        return queryset


class FiscalYearFilter(admin.SimpleListFilter):
    """年度 of receipt (April–March), as the reference numbers count them."""

    title = gettext_lazy("fiscal year")
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        # The counters hold one row per fiscal year a reference number was given in: the years
        # of the received cases, without reading the cases.
        years = ReferenceCounter.objects.order_by("-fiscal_year").values_list(
            "fiscal_year", flat=True
        )
        return [
            (str(year), _("Reiwa %(reiwa)s (FY %(year)s)") % {"reiwa": reiwa(year), "year": year})
            for year in years
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(fiscal_year=self.value())
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    """An open deadline (first response or reply) has passed: deadlines.is_overdue."""

    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.filter(next_due_on__lt=today)
        if self.value() == "no":
            return queryset.filter(Q(next_due_on__isnull=True) | Q(next_due_on__gte=today))
        return queryset

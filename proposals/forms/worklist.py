"""The staff work list's conditions (filter, keyword, sort) and its export's columns.

Everything is kept in the URL (GET), so a filtered list can be bookmarked, shared, printed and
exported as it is. Which cases there are at all is the selector's (staff_work_list): the
filter only narrows them.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department

from ..exports import COLUMNS, DEFAULT_COLUMNS
from ..models import STATUS_ORDER, DepartmentAssignment, Proposal
from ..queues import open_cases, queue_condition
from ..search import search_cases
from ..states import Stage, statuses_of_stage

S = Proposal.Status

SORTS = {
    "deadline": _("Nearest deadline first"),
    "received": _("Newest received first"),
    "received_oldest": _("Oldest received first"),
    "reference": _("Reference number"),
    "title": _("Title"),
    "status": _("Status (in the order of the workflow)"),
}
TURNS = {
    "city": _("Waiting for the city"),
    "business": _("Waiting for the business"),
}
# Each sort is read from an index of the same order (models.case: proposal_worklist_due_idx,
# proposal_received_idx read both ways, the reference's unique pair, proposal_title_idx). A
# listed case was received, so its submitted_at is never empty.
ORDERINGS = {
    "deadline": (F("next_due_on").asc(nulls_last=True), "-submitted_at", "-pk"),
    "received": ("-submitted_at", "-pk"),
    "received_oldest": ("submitted_at", "pk"),
    "reference": ("fiscal_year", "serial", "pk"),
    "title": ("title", "pk"),
    "status": (STATUS_ORDER, F("next_due_on").asc(nulls_last=True), "pk"),
}


class WorkListFilter(django_filters.FilterSet):
    """The work list's conditions. The department condition is the office's (a department's
    staff see their own department's cases only): pass office=False to leave it out."""

    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100}),
        help_text=_("Reference number (R8-…), title or organisation name."),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"),
        choices=Stage.choices,
        method="filter_stage",
        empty_label=_("All stages"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(value, label) for value, label in S.choices if value != S.DRAFT],
        empty_label=_("All statuses"),
    )
    turn = django_filters.ChoiceFilter(
        label=pgettext_lazy("work list", "Whose turn"),
        choices=list(TURNS.items()),
        method="filter_turn",
        empty_label=_("Anyone's"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department in charge"),
        method="filter_department",
        to_field_name="code",
        queryset=Department.objects.order_by("sort_order", "name"),
        empty_label=_("All departments"),
        null_label=_("Not assigned yet"),
        null_value="none",
    )
    open = django_filters.BooleanFilter(
        label=_("Only cases still running"),
        method="filter_open",
        widget=forms.CheckboxInput,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only cases past a deadline"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=list(SORTS.items()),
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Proposal
        fields = ["q", "stage", "status", "turn", "department", "open", "overdue", "sort"]

    def __init__(self, data=None, *args, office: bool = True, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("sort"):
            data["sort"] = "deadline"
        super().__init__(data, *args, **kwargs)
        if not office:
            del self.filters["department"]

    def filter_keyword(self, queryset, name, value):
        # The rule is proposals.search's, shared with the admin case list.
        return search_cases(queryset, value)

    def filter_department(self, queryset, name, value):
        # EXISTS, not a join through the assignments: one row per case whatever the filter.
        assigned = DepartmentAssignment.objects.filter(proposal_id=OuterRef("pk"))
        if value == self.filters["department"].null_value:
            return queryset.exclude(Exists(assigned))
        return queryset.filter(Exists(assigned.filter(department_id=value.pk)))

    def filter_stage(self, queryset, name, value):
        return queryset.filter(status__in=statuses_of_stage(value))

    def filter_turn(self, queryset, name, value):
        return queryset.filter(queue_condition(value))

    def filter_open(self, queryset, name, value):
        return queryset.filter(open_cases()) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(queue_condition("overdue")) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])

    @property
    def qs(self):
        queryset = super().qs
        if self.form.errors:
            # An unknown stage or status shows no case rather than silently all of them.
            return queryset.none()
        return queryset

    @property
    def sort_label(self) -> str:
        return SORTS.get(self.form.data.get("sort"), SORTS["deadline"])

    def conditions(self) -> list[dict]:
        """The conditions in force, as label and value (the print view says what it lists)."""
        if self.form.errors:
            return []
        shown = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, "", False):
                continue
            if isinstance(field, forms.ChoiceField) and not isinstance(value, Department):
                value = dict(field.choices).get(value, value)
            shown.append({"label": field.label, "value": _("Yes") if value is True else value})
        return shown


class ExportForm(forms.Form):
    """The columns of the CSV export, ticked by the user (the list's conditions come along in
    the URL)."""

    columns = forms.MultipleChoiceField(
        label=_("Columns to export"),
        choices=[(key, column.label) for key, column in COLUMNS.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=list(DEFAULT_COLUMNS),
        error_messages={"required": _("Tick at least one column to export.")},
    )

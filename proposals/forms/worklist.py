"""The staff work list's conditions (filter, keyword, sort) and its export's columns.

Everything is kept in the URL (GET), so a filtered list can be bookmarked, shared, printed and
exported as it is. Which cases there are at all is the selector's (staff_work_list): the
filter only narrows them.
"""

import re

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Replace, Upper
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Department
from accounts.validators import hiragana_to_katakana
from cocreation_list.text import search_terms

from ..exports import COLUMNS, DEFAULT_COLUMNS
from ..models import Proposal
from ..queues import open_cases, queue_condition
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
# Every dash a Japanese keyboard may type between the era year and the serial (R8－0012,
# R8ー0012): a reference number is compared without them.
_DASHES = re.compile(r"[-‐‑‒–—―−ー－\s]")
_REFERENCE = re.compile(r"^R(\d{1,2})-(\d{1,4})$")


def _full_width(text: str) -> str:
    """ai → ａｉ: a title typed in full-width letters is stored so (titles are kept as typed)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def _hiragana(text: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def keyword_condition(term: str) -> Q:
    """One search term (already NFKC and lower case: cocreation_list.text.search_terms) in the
    reference number, the title or the organisation's name or reading.

    Titles are stored as typed, so the term is also tried full-width and in the other kana;
    the organisation's name is stored NFKC (accounts.forms) and its reading in katakana.
    """
    variants = {
        term,
        _full_width(term),
        _full_width(term.upper()),
        hiragana_to_katakana(term),
        _hiragana(term),
    }
    condition = Q(organization__name_kana__icontains=hiragana_to_katakana(term))
    for variant in variants:
        condition |= Q(title__icontains=variant) | Q(organization__name__icontains=variant)
    compact = _DASHES.sub("", term.upper())
    if any(ch.isdigit() for ch in compact):
        # 受付番号: R8-0012, r8-0012, R80012, ｒ８－００１２ …
        condition |= Q(reference_compact__contains=compact)
        whole = _REFERENCE.match(_DASHES.sub("-", term.upper()))
        if whole:  # R8-12 is R8-0012
            condition |= Q(reference=f"R{int(whole[1])}-{int(whole[2]):04d}")
    return condition


_STATUS_ORDER = Case(
    *(When(status=status, then=Value(number)) for number, status in enumerate(S.values)),
    output_field=IntegerField(),
)
ORDERINGS = {
    "deadline": (F("next_due_on").asc(nulls_last=True), "-submitted_at", "-pk"),
    "received": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "received_oldest": (F("submitted_at").asc(nulls_last=True), "pk"),
    "reference": ("fiscal_year", "serial", "pk"),
    "title": ("title", "pk"),
    "status": (_STATUS_ORDER, F("next_due_on").asc(nulls_last=True), "pk"),
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
        field_name="departments",
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
        terms = search_terms(value)
        if not terms:
            return queryset
        queryset = queryset.alias(
            reference_compact=Replace(Upper("reference"), Value("-"), Value(""))
        )
        for term in terms:
            queryset = queryset.filter(keyword_condition(term))
        return queryset

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

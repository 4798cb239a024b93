"""Filters of the public list; the same ones drive the CSV and JSON exports."""

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from mishima_kyoso import search

from .models import CALL_STATES, Field, Theme

SORTS = {
    "newest": _("Newest first"),
    "deadline": _("Deadline soonest first"),
}


class ThemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="filter_keyword",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": 100}),
        max_length=100,
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field"),
        method="filter_field",
        to_field_name="code",
        queryset=Field.objects.all(),
        empty_label=_("All fields"),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        to_field_name="code",
        # The departments with a public theme: EXISTS, not a join over the themes and DISTINCT.
        queryset=Department.objects.filter(
            Exists(Theme.objects.public().filter(department_id=OuterRef("pk")))
        ),
        empty_label=_("All departments"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Call"),
        choices=list(CALL_STATES.items()),
        method="filter_state",
        empty_label=_("All"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=list(SORTS.items()),
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        model = Theme
        fields = ["q", "field", "department", "state", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("sort"):
            data["sort"] = "newest"
        super().__init__(data, *args, **kwargs)

    def filter_keyword(self, queryset, name, value):
        return search.matches(queryset, value)

    def filter_field(self, queryset, name, value):
        # A theme has several fields: EXISTS, not a join through them.
        in_field = Theme.fields.through.objects.filter(theme_id=OuterRef("pk"), field_id=value.pk)
        return queryset.filter(Exists(in_field))

    def filter_state(self, queryset, name, value):
        # value is one of CALL_STATES, each a ThemeQuerySet method of the same name.
        return getattr(queryset, value)(timezone.localdate())

    def filter_sort(self, queryset, name, value):
        if value == "deadline":
            today = timezone.localdate()
            finished = Case(
                When(
                    Q(status=Theme.Status.CLOSED) | Q(is_year_round=False, accepts_until__lt=today),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
            return queryset.annotate(finished=finished).order_by(
                "finished", "is_year_round", "accepts_until", "-published_at", "-number"
            )
        return queryset.order_by("-published_at", "-number")

    @property
    def qs(self):
        queryset = super().qs
        if self.form.errors:
            # An unknown field code or sort shows no theme rather than silently all of them.
            return queryset.none()
        return queryset

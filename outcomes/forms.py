"""The results filter (public) and the publication form (office)."""

import django_filters
from django import forms
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cocreation_list.models import Field, Theme
from municipality.selectors import naming_the_city
from proposals.fiscal import fiscal_year, reiwa
from proposals.models import ProposalTransition
from proposals.workflow import A

from .models import PublishedDecision
from .statistics import fiscal_year_bounds

# How a published decision is named on the public pages (a selection round is one decision).
DECISION_LABELS = {
    A.DECLINE: pgettext_lazy("published decision", "Not taken forward"),
    A.ADOPT: pgettext_lazy("published decision", "Adopted"),
    A.NOT_ADOPT: pgettext_lazy("published decision", "Not adopted"),
    A.SELECT: pgettext_lazy("published decision", "Implementer selected"),
    A.NOT_SELECT: pgettext_lazy("published decision", "Not selected"),
    A.COMPLETE: pgettext_lazy("published decision", "Completed"),
}


def decision_label(decision: str) -> str:
    return DECISION_LABELS.get(decision) or ProposalTransition.Steps(decision).label


def choice_label(choices, code) -> str:
    """The label of a recorded code in the reader's language; "" for none or an unknown one."""
    return str(choices(code).label) if code in choices.values else ""


def year_label(year: int) -> str:
    # Translators: 令和8年度 (2026)
    return _("FY Reiwa %(reiwa)s (%(year)s)") % {"reiwa": reiwa(year), "year": year}


def _year_choices(first_year: int | None) -> list[tuple[int, str]]:
    current = fiscal_year(timezone.localdate())
    first = min(first_year or current, current)
    return [(year, year_label(year)) for year in range(current, first - 1, -1)]


class ResultFilter(django_filters.FilterSet):
    """Fiscal year, decision and field, all in the URL; the CSV and JSON follow them too.

    The filter picks published decisions (``results``: the open data lists one row per
    decision); the page lists one entry per case with a matching decision (``cases``).
    """

    year = django_filters.ChoiceFilter(
        label=_("Fiscal year"), method="filter_year", empty_label=_("All years")
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"),
        field_name="decision",
        choices=list(DECISION_LABELS.items()),
        empty_label=_("All decisions"),
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Field"),
        to_field_name="code",
        queryset=Field.objects.all(),
        method="filter_field",
        empty_label=_("All fields"),
    )

    class Meta:
        model = PublishedDecision
        fields = ["year", "decision", "field"]

    def __init__(self, *args, first_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(first_year)

    @classmethod
    def of_published(cls, data):
        """The filter over every published decision, its years from the first one (one query)."""
        from .selectors import published_outcomes

        first = published_outcomes().aggregate(first=Min("decided_at"))["first"]
        return cls(
            data,
            queryset=published_outcomes(),
            first_year=fiscal_year(timezone.localdate(first)) if first else None,
        )

    @property
    def results(self):
        """The filtered decisions; none for a request the form refuses."""
        return self.qs if self.is_valid() else self.queryset.none()

    @property
    def cases(self):
        """One entry per case with a matching decision: its latest decision and their count.

        The field belongs to the case, so it filters the cases' latest decisions directly; only
        the year and the decision, which differ between a case's decisions, look for a matching
        one among them."""
        from .selectors import latest_decision_per_case, published_outcomes

        if not self.is_valid():
            return self.queryset.none()
        data = self.form.cleaned_data
        latest = published_outcomes()
        if data.get("field"):
            latest = self.filter_field(latest, "field", data["field"])
        matching = None
        if data.get("year") or data.get("decision"):
            matching = published_outcomes()
            if data.get("year"):
                matching = self.filter_year(matching, "year", data["year"])
            if data.get("decision"):
                matching = matching.filter(decision=data["decision"])
        return latest_decision_per_case(latest, matching=matching)

    def filter_year(self, queryset, name, value):
        start, end = fiscal_year_bounds(int(value))
        return queryset.filter(decided_at__gte=start, decided_at__lt=end)

    def filter_field(self, queryset, name, value):
        # The field is part of a case's public summary (DESIGN §3). A theme has several fields:
        # EXISTS, not a join that repeats the decision once per field (and DISTINCT to undo it).
        theme_in_field = Theme.fields.through.objects.filter(
            theme_id=OuterRef("proposal__theme_id"), field=value
        )
        return queryset.filter(Q(proposal__field=value) | Exists(theme_in_field))


class PublishForm(forms.Form):
    """How one decision is published: the proposer's name and outline, the candidates' names."""

    transition = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Public title"),
        max_length=200,
        required=False,
        help_text=naming_the_city(
            _(
                "A neutral title written by the %(office)s. Empty: the case's own title, where "
                "the city's publication policy and the proposer's consent allow it."
            )
        ),
    )
    discloses_proposer = forms.BooleanField(
        label=_("Publish the proposer's name and outline"),
        required=False,
        help_text=_(
            "Principle 3 of the guidelines: the proposer's name and outline are published only "
            "with their consent."
        ),
    )
    shows_candidate_names = forms.BooleanField(
        label=_("Publish the candidates' names"),
        required=False,
        help_text=_("Otherwise the candidates are shown as A, B, C… with their totals."),
    )

    def __init__(self, *args, decision, has_round, **kwargs):
        kwargs.setdefault("auto_id", f"id_d{decision.pk}_%s")
        super().__init__(*args, **kwargs)
        self.decision = decision
        if not has_round:
            del self.fields["shows_candidate_names"]

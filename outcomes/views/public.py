"""Public pages of the record of outcomes: results, statistics and open calls (anonymous).

Every page reads the published snapshots, the published calls and the rows the city marked
public; nothing here reads a case's confidential content (DESIGN §5). The pages are cached
for anonymous visitors (mishima_kyoso.common.caching); apps.py bumps the data version.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mishima_kyoso.common.caching import public_page
from mishima_kyoso.common.pagination import ListPaginator
from proposals.models import Opportunity, PPPMethod
from proposals.selectors import call_committee, public_call_questions, published_calls

from .. import charts, selectors, statistics
from ..forms import ResultFilter, choice_label, decision_label, year_label

RESULTS_PER_PAGE = getattr(settings, "KYOSO_RESULTS_PER_PAGE", 20)


def _public_row(publication) -> dict:
    """What the pages show of one published decision; the proposer only when disclosed."""
    return {
        "publication": publication,
        "decision": decision_label(publication.decision),
        "decided_on": timezone.localdate(publication.decided_at),
        "ppp_method": choice_label(PPPMethod, publication.ppp_method),
        "opportunity": choice_label(Opportunity, publication.opportunity),
        "proposer_name": publication.proposer_name if publication.discloses_proposer else "",
        "outline": publication.outline if publication.discloses_proposer else "",
    }


@public_page
@require_GET
def results(request):
    """/results/: one entry per case with a decision matching the filters, newest first, showing
    its latest decision and how many it has; filtered and paginated in the URL."""
    filtered = ResultFilter.of_published(request.GET)
    paginator = ListPaginator(filtered.cases, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outcomes/results.html",
        {
            "filter": filtered,
            "page_obj": page,
            "rows": [
                {**_public_row(publication), "decision_count": publication.decision_count}
                for publication in page.object_list
            ],
            "result_count": paginator.count,
            "querystring": query.urlencode(),
        },
    )


def _timeline(publication) -> list[dict]:
    """The case's published decisions, oldest first, the one shown marked."""
    return [
        {
            "publication": step,
            "decision": decision_label(step.decision),
            "decided_on": timezone.localdate(step.decided_at),
            "is_current": step.pk == publication.pk,
        }
        for step in selectors.case_timeline(publication)
    ]


@public_page
@require_GET
def result(request, pk):
    """/results/<pk>/: one published decision, the case's published decisions as a timeline,
    a selection's totals, the published results of the case's indicators — nothing else of
    the case."""
    publication = get_object_or_404(selectors.published_outcomes(), pk=pk)
    return render(
        request,
        "outcomes/result.html",
        {
            "row": _public_row(publication),
            "publication": publication,
            "timeline": _timeline(publication),
            "candidates": [
                # Named only when the city chose so; otherwise A, B, C… alone.
                {**row, "name": row.get("name", "") if publication.shows_candidate_names else ""}
                for row in publication.candidates or []
            ],
            "indicator_results": list(selectors.public_indicator_results(publication.proposal_id)),
            "committee": selectors.result_committee(publication),
        },
    )


def _year(request, years) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return years[0]
    try:
        year = int(raw)
    except ValueError as wrong:
        raise Http404 from wrong
    if year not in years:
        raise Http404
    return year


@public_page
@require_GET
def statistics_page(request):
    """/statistics/?year=2026: counts of one fiscal year, as charts with their tables."""
    years = statistics.available_years()
    year = _year(request, years)
    data = statistics.year_statistics(year, years=years)
    label = year_label(year)
    days = _("%(value)s days")
    chart_list = [
        charts.bar_chart(
            id="chart-kinds",
            title=_("Cases received by type, %(year)s") % {"year": label},
            description=_("Number of cases received in the fiscal year, by type."),
            rows=[(row.label, row.value) for row in data.by_kind],
        ),
        charts.bar_chart(
            id="chart-decisions",
            title=_("Decisions, %(year)s") % {"year": label},
            description=_("Number of decisions taken in the fiscal year, by decision."),
            rows=[(row.label, row.value) for row in data.decisions],
        ),
        charts.bar_chart(
            id="chart-medians",
            title=_("Median days from receipt, %(year)s") % {"year": label},
            description=_(
                "Median calendar days from receipt to each step taken in the fiscal year."
            ),
            rows=[(row.label, row.value) for row in data.medians],
            value_format=days.replace("%(value)s", "{:g}"),
        ),
    ]
    return render(
        request,
        "outcomes/statistics.html",
        {
            "stats": data,
            "year_label": label,
            "year_choices": [(choice, year_label(choice)) for choice in years],
            "charts": {chart.id.removeprefix("chart-"): chart for chart in chart_list},
        },
    )


def _call_row(call, today) -> dict:
    accepting = call.is_accepting(today)
    return {
        "call": call,
        "is_accepting": accepting,
        "is_upcoming": today < call.starts_on,
        "days_left": (call.ends_on - today).days if accepting else None,
    }


@public_page
@require_GET
def calls(request):
    """/calls/: the published open calls (公募), accepting ones with their days left."""
    today = timezone.localdate()
    rows = [_call_row(call, today) for call in published_calls()]
    return render(
        request,
        "outcomes/calls.html",
        {
            "accepting": [row for row in rows if row["is_accepting"] or row["is_upcoming"]],
            "closed": [row for row in rows if not (row["is_accepting"] or row["is_upcoming"])],
        },
    )


@public_page
@require_GET
def call(request, number):
    """/calls/<number>/: what the office wrote on the call and the criteria it is scored on;
    never anything of the original proposal (原則3)."""
    call = get_object_or_404(selectors.with_selection_result(published_calls()), number=number)
    criteria_set = selectors.call_criteria_set(call)
    criteria = list(criteria_set.criteria.all()) if criteria_set else []
    today = timezone.localdate()
    row = _call_row(call, today)
    return render(
        request,
        "outcomes/call.html",
        {
            **row,
            "call_row": row,
            "criteria_set": criteria_set,
            "criteria": criteria,
            "weighted_maximum": sum(item.max_points * item.weight for item in criteria),
            # 原則3 (fairness): the answered questions for everyone, never who asked; the
            # committee only once the selection result is published.
            "is_accepting_questions": call.is_accepting_questions(today),
            "questions": list(public_call_questions(call)),
            "committee": list(call_committee(call)) if call.selection_result_id else [],
        },
    )

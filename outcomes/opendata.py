"""The public record as open data: /results.csv and /results.json.

The same public fields as the pages, from the published snapshots only; the field names are
stable (part of the public interface). Both honour the filters of the results page.
"""

from django.http import JsonResponse
from django.utils import timezone

from mishima_kyoso.common.spreadsheets import csv_response
from proposals.fiscal import fiscal_year
from proposals.models import Opportunity, PPPMethod

from .forms import ResultFilter, choice_label, decision_label

COLUMNS = (
    "id",
    "fiscal_year",
    "title",
    "decision",
    "decision_label",
    "decided_on",
    "public_reason",
    "ppp_method",
    "ppp_method_label",
    "opportunity",
    "opportunity_label",
    "proposer_name",
    "outline",
    "selected_party",
    "candidates",
    "published_at",
    "url",
)


def result_record(request, publication) -> dict:
    """One published decision with the stable field names of COLUMNS."""
    decided_on = timezone.localdate(publication.decided_at)
    return {
        "id": publication.pk,
        "fiscal_year": fiscal_year(decided_on),
        "title": publication.title,
        "decision": publication.decision,
        "decision_label": str(decision_label(publication.decision)),
        "decided_on": decided_on.isoformat(),
        "public_reason": publication.public_reason,
        "ppp_method": publication.ppp_method,
        "ppp_method_label": choice_label(PPPMethod, publication.ppp_method),
        "opportunity": publication.opportunity,
        "opportunity_label": choice_label(Opportunity, publication.opportunity),
        # 共創指針 原則3: empty unless the city disclosed them when publishing.
        "proposer_name": publication.proposer_name if publication.discloses_proposer else "",
        "outline": publication.outline if publication.discloses_proposer else "",
        "selected_party": publication.selected_party,
        "candidates": [
            {
                "label": row.get("label", ""),
                "name": row.get("name", "") if publication.shows_candidate_names else "",
                "total": row.get("total", ""),
                "rank": row.get("rank"),
                "passed": row.get("passed"),
                "selected": bool(row.get("selected")),
            }
            for row in publication.candidates or []
        ],
        "published_at": timezone.localtime(publication.published_at).isoformat(),
        "url": request.build_absolute_uri(publication.get_absolute_url()),
    }


def result_records(request):
    publications = ResultFilter.of_published(request.GET).results
    return [result_record(request, publication) for publication in publications]


def _candidates_cell(candidates) -> str:
    """A: 82.50 (1, passed, selected); B: …"""
    parts = []
    for row in candidates:
        notes = [str(row["rank"]) if row["rank"] is not None else "-"]
        if row["passed"] is not None:
            notes.append("passed" if row["passed"] else "failed")
        if row["selected"]:
            notes.append("selected")
        name = f" {row['name']}" if row["name"] else ""
        parts.append(f"{row['label']}{name}: {row['total'] or '-'} ({', '.join(notes)})")
    return "; ".join(parts)


def results_csv(request):
    """UTF-8 with a BOM and CRLF, so that Excel in Japan opens it; no cell runs as a formula."""
    rows = []
    for record in result_records(request):
        record["candidates"] = _candidates_cell(record["candidates"])
        rows.append([record[name] for name in COLUMNS])
    return csv_response(COLUMNS, rows, filename="results.csv")


def results_json(request):
    records = result_records(request)
    return JsonResponse(
        {"count": len(records), "results": records},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )

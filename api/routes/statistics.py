"""/api/v1/statistics: the counts of one fiscal year, as /statistics/ shows them."""

from django.http import Http404
from ninja import Field, Query, Router, Schema

from outcomes import statistics
from outcomes.forms import year_label

from .. import schemas

router = Router(tags=["statistics"])


class YearQuery(Schema):
    year: int | None = Field(None, description="A fiscal year; the current one by default.")


def _counts(rows) -> list[dict]:
    return [{"code": row.code, "label": str(row.label), "value": row.value} for row in rows]


@router.get(
    "/statistics",
    response={200: schemas.Statistics, 404: schemas.Error, 429: schemas.RateLimited},
    summary="Statistics of a fiscal year",
)
def year_statistics(request, query: Query[YearQuery]):
    """Aggregate counts only: cases received, decisions, the adoption rate and the median days
    from receipt to each step; nothing of any case (DESIGN §5)."""
    years = statistics.available_years()
    year = years[0] if query.year is None else query.year
    if year not in years:
        raise Http404
    data = statistics.year_statistics(year, years=years)
    return {
        "year": data.year,
        "reiwa": data.reiwa,
        "label": year_label(data.year),
        "years": data.years,
        "received_total": data.received_total,
        "by_intent": _counts(data.by_intent),
        "by_kind": _counts(data.by_kind),
        "by_field": _counts(data.by_field),
        "decisions": _counts(data.decisions),
        "adopted": data.adopted,
        "not_adopted": data.not_adopted,
        "adoption_rate": data.adoption_rate,
        "medians": [
            {"code": row.code, "label": str(row.label), "days": row.value, "count": row.count}
            for row in data.medians
        ],
    }

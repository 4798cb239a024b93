"""/api/v1/decisions: the published decisions, one row per decision as /results.json lists."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from outcomes import selectors
from outcomes.forms import DECISION_LABELS, ResultFilter
from outcomes.opendata import result_record

from .. import schemas
from ..pagination import PageQuery, page_of
from .filters import as_query

router = Router(tags=["decisions"])

DecisionCode = Literal[tuple(str(code) for code in DECISION_LABELS)]


class DecisionFilters(Schema):
    """The filters of /results/, with the same names and values."""

    year: int | None = Field(None, description="A fiscal year (April–March), e.g. 2026.")
    decision: DecisionCode | None = Field(None, description="The kind of decision.")
    field: str | None = Field(None, description="A field's code.")


@router.get(
    "/decisions",
    response={200: schemas.DecisionPage, 429: schemas.RateLimited},
    summary="Published decisions",
)
def decisions(request, filters: Query[DecisionFilters], page: Query[PageQuery]):
    """Every published decision, newest first, with its public reason; a year without
    decisions or an unknown field code matches none, as on the page."""
    found = ResultFilter.of_published(as_query(filters.dict())).results
    listed = page_of(request, found, page)
    return {
        **vars(listed),
        "results": [result_record(request, publication) for publication in listed.rows],
    }


@router.get(
    "/decisions/{int:pk}",
    response={200: schemas.Decision, 404: schemas.Error, 429: schemas.RateLimited},
    summary="One published decision",
)
def decision(request, pk: int):
    return result_record(request, get_object_or_404(selectors.published_outcomes(), pk=pk))

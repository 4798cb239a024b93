"""/api/v1/themes: the co-creation list (共創リスト), as /themes/ and /themes.json show it."""

from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from cocreation_list import selectors
from cocreation_list.filters import ThemeFilter
from cocreation_list.opendata import theme_goal_records, theme_record

from .. import schemas
from ..pagination import PageQuery, page_of
from .filters import as_query

router = Router(tags=["themes"])


class ThemeFilters(Schema):
    """The filters of /themes/, with the same names and values."""

    q: str | None = Field(None, max_length=100, description="Keywords (full- or half-width).")
    field: str | None = Field(None, description="A field's code.")
    department: str | None = Field(None, description="A department's code.")
    state: Literal["accepting", "upcoming", "closed"] | None = Field(
        None, description="The call today."
    )
    sort: Literal["newest", "deadline"] | None = Field(None, description="newest by default.")


@router.get(
    "/themes",
    response={200: schemas.ThemePage, 429: schemas.RateLimited},
    summary="Published themes",
)
def themes(request, filters: Query[ThemeFilters], page: Query[PageQuery]):
    """Published and closed themes, newest first (or by deadline); drafts never appear. An
    unknown field or department code matches no theme, as on the page."""
    found = ThemeFilter(as_query(filters.dict()), queryset=selectors.public_themes()).qs
    listed = page_of(request, found, page)
    today = timezone.localdate()
    return {
        **vars(listed),
        "results": [theme_record(request, theme, today=today) for theme in listed.rows],
    }


@router.get(
    "/themes/{int:number}",
    response={200: schemas.ThemeDetail, 404: schemas.Error, 429: schemas.RateLimited},
    summary="One theme",
)
def theme(request, number: int):
    """One public theme, with its goals on the four viewpoints and their indicators."""
    themes = selectors.public_themes().prefetch_related(*selectors.GOALS)
    found = get_object_or_404(themes, number=number)
    return {
        **theme_record(request, found, today=timezone.localdate()),
        "goals": theme_goal_records(found),
    }

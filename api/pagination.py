"""Limit/offset pages of a public list: the total, the page's rows and links to its neighbours.

The querysets come ordered by the selectors with a unique last key (number or pk), so a row
never shows on two pages nor on none while nothing changes.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class PageQuery(Schema):
    limit: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (at most 100)."
    )
    offset: int = Field(0, ge=0, description="Rows skipped before the page.")


@dataclass
class Page:
    count: int
    rows: list
    next: str | None
    previous: str | None
    limit: int
    offset: int


def _link(request: HttpRequest, offset: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_of(request: HttpRequest, queryset: QuerySet, page: PageQuery) -> Page:
    """One page of the queryset (two queries: the count and the rows, plus its prefetches)."""
    count = queryset.count()
    rows = list(queryset[page.offset : page.offset + page.limit]) if count > page.offset else []
    after = page.offset + page.limit
    return Page(
        count=count,
        rows=rows,
        next=_link(request, after) if after < count else None,
        previous=_link(request, max(page.offset - page.limit, 0)) if page.offset else None,
        limit=page.limit,
        offset=page.offset,
    )

"""The lists' paginator: a count that stops at a bound, and page links elided around the
current page.

A list of 100,000 cases has 2,000 pages. Counting them all costs a read of every row on each
request, more than the page itself; nobody reads past the first pages without narrowing the
list. So the count stops a few pages beyond the page asked for (at least `bound` rows): below
that it is exact, above it the list says "more than N" (`paginator.more`) and still offers the
next page. The page links show the first and last pages and the ones near the current page
(Django's get_elided_page_range), never a link per page; templates/_pagination.html reads
`page_obj.elided_range`.
"""

import contextlib
from functools import cached_property

from django.contrib.admin.views.main import PAGE_VAR
from django.core.paginator import Page, Paginator

# Rows counted at least (exactly below, "more than" above), and pages counted beyond the one
# asked for.
COUNT_BOUND = 1000
PAGES_AHEAD = 5


class ListPage(Page):
    @property
    def elided_range(self):
        return list(self.paginator.get_elided_page_range(self.number, on_each_side=2, on_ends=1))

    def has_next(self):
        return super().has_next() or (
            self.paginator.more and self.number == self.paginator.num_pages
        )

    def next_page_number(self):
        if self.paginator.more and self.number == self.paginator.num_pages:
            return self.number + 1
        return super().next_page_number()


class ListPaginator(Paginator):
    """Counts at most max(bound, (page asked for + PAGES_AHEAD) × per page) + 1 rows; every row
    with bound=None."""

    def __init__(self, object_list, per_page, *args, bound: int | None = COUNT_BOUND, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.bound = bound
        self.wanted = 1
        self.more = False

    def get_page(self, number):
        try:
            self.wanted = max(1, int(number))
        except (TypeError, ValueError):
            self.wanted = 1
        return super().get_page(number)

    def page(self, number):
        with contextlib.suppress(TypeError, ValueError):
            self.wanted = max(self.wanted, int(number))
        return super().page(number)

    @cached_property
    def count(self):
        if self.bound is None:  # an exact count (a list that stays small)
            return super().count
        limit = max(self.bound, (self.wanted + PAGES_AHEAD) * self.per_page)
        rows = self.object_list
        counted = (
            len(rows[: limit + 1])
            if isinstance(rows, list)
            # The rows' keys only: the count's subquery leaves out the joined columns.
            else rows.order_by().values("pk")[: limit + 1].count()
        )
        self.more = counted > limit
        return min(counted, limit)

    def _get_page(self, *args, **kwargs):
        return ListPage(*args, **kwargs)


class BoundedCountAdminMixin:
    """An admin list counted up to a bound (ListPaginator): no COUNT of every row on each page,
    filtered or not. The count reads "more than N" past the bound (templates/admin/
    pagination.html), and actions are not offered across all pages then (the list says how
    many it would act on only below the bound: admin/proposals/proposal/actions.html)."""

    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = ListPaginator(queryset, per_page, orphans, allow_empty_first_page)
        with contextlib.suppress(ValueError):
            paginator.wanted = max(1, int(request.GET.get(PAGE_VAR, 1)))
        return paginator

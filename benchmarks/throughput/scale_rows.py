"""The rows of the scale benchmark: which URL, as whom, at which size, and the check that the
page is the one meant (answered 200 with the expected content) before it is measured."""

from __future__ import annotations

import html
import http.client
import re
from collections.abc import Callable
from dataclasses import dataclass

from .common import HOST
from .scale_data import LARGEST, OFFICE, DataSet
from .server import REQUEST_TIMEOUT

OPAQUE_ID = r"[A-Za-z0-9_-]{22}"  # mishima_kyoso.common.ids.TOKEN_LENGTH
THEME_LINK = re.compile(rb'href="/themes/(\d+)/"')
CASE_LINK = re.compile(rf'href="/staff/cases/({OPAQUE_ID})/"'.encode())
OWN_CASE_LINK = re.compile(rf'href="/proposals/({OPAQUE_ID})/"'.encode())
ADMIN_ROW = re.compile(rb'name="_selected_action"')
RESULT_CARD = re.compile(rb'class="result-card"')
SIGNED_IN_FORM = re.compile(rb'action="/(?:accounts|admin)/logout/"')  # the portal's, the admin's
WORK_LIST_PAGE = 50  # rows a page of the work list and of the admin list (list_per_page)


def signed_in_page(body: bytes) -> bool:
    return SIGNED_IN_FORM.search(body) is not None


@dataclass
class Row:
    key: str  # what the targets refer to, e.g. "themes-signed-in"
    label: str
    path: str
    who: str | None  # the bench user's e-mail, None: anonymous
    check: Callable[[bytes], tuple[bool, str]]  # page -> (as expected, what it shows)
    data: DataSet | None = None
    is_list: bool = False


def _theme_list(expected: int, signed_in: bool):
    def check(body: bytes):
        shown = len(set(THEME_LINK.findall(body)))
        ok = shown >= expected and signed_in_page(body) == signed_in
        return ok, f"links to {shown} themes (expected {expected}), " + (
            "signed in" if signed_in_page(body) else "anonymous"
        )

    return check


def _count(pattern: re.Pattern, what: str, expected: int, exact: bool, signed_in: bool = True):
    def check(body: bytes):
        shown = len(set(pattern.findall(body))) if pattern.groups else len(pattern.findall(body))
        ok = (shown == expected if exact else shown >= expected) and signed_in_page(body) == (
            signed_in
        )
        return ok, f"{shown} {what} (expected {'' if exact else '>= '}{expected})"

    return check


def _page(signed_in: bool):
    def check(body: bytes):
        ok = b"<h1" in body and signed_in_page(body) == signed_in
        return ok, "a page with its heading, " + (
            "signed in" if signed_in_page(body) else "anonymous"
        )

    return check


def _my_page(organization: str, cases: int):
    expected = min(cases, 10)
    name = html.escape(organization).encode()

    def check(body: bytes):
        shown = len(set(OWN_CASE_LINK.findall(body)))
        ok = name in body and shown >= expected
        return ok, (
            f"organisation {organization!r} {'named' if name in body else 'NOT named'}, "
            f"links to {shown} of its {cases:,} cases (expected >= {expected})"
        )

    return check


def theme_rows(data: DataSet, prepared: dict) -> list[Row]:
    expected = min(20, prepared["themes"])
    size = f"{data.themes:,} themes"
    return [
        Row(
            "themes-anonymous",
            f"/themes/ anonymous, {size}",
            "/themes/",
            None,
            _theme_list(expected, False),
            data,
            True,
        ),
        Row(
            "themes-signed-in",
            f"/themes/ signed in, {size}",
            "/themes/",
            LARGEST,
            _theme_list(expected, True),
            data,
            True,
        ),
    ]


def theme_page_rows(data: DataSet, theme_path: str) -> list[Row]:
    return [
        Row(
            "theme-anonymous",
            f"{theme_path} theme page, anonymous",
            theme_path,
            None,
            _page(False),
            data,
        ),
        Row(
            "theme-signed-in",
            f"{theme_path} theme page, signed in",
            theme_path,
            LARGEST,
            _page(True),
            data,
        ),
    ]


def results_rows(data: DataSet, prepared: dict) -> list[Row]:
    expected = min(prepared["decisions"], 1)
    size = f"{prepared['decisions']:,} decisions"
    return [
        Row(
            "results-anonymous",
            f"/results/ anonymous, {size}",
            "/results/",
            None,
            _count(RESULT_CARD, "results", expected, False, signed_in=False),
            data,
            True,
        ),
        Row(
            "results-signed-in",
            f"/results/ signed in, {size}",
            "/results/",
            LARGEST,
            _count(RESULT_CARD, "results", expected, False),
            data,
            True,
        ),
    ]


def office_rows(data: DataSet, prepared: dict) -> list[Row]:
    """The office's work list and the admin case list: a full page of 50 at 100,000 cases."""
    full = prepared["submitted"] >= 10 * WORK_LIST_PAGE
    expected = WORK_LIST_PAGE if full else 1
    size = f"{data.cases:,} cases"
    return [
        Row(
            "work-list",
            f"/staff/cases/ office, {size}",
            "/staff/cases/",
            OFFICE,
            _count(CASE_LINK, "case rows", expected, full),
            data,
            True,
        ),
        Row(
            "admin-list",
            f"admin case list office, {size}",
            "/admin/proposals/proposal/",
            OFFICE,
            _count(ADMIN_ROW, "case rows", expected, full),
            data,
            True,
        ),
    ]


def my_rows(data: DataSet, prepared: dict) -> list[Row]:
    member = prepared["users"][LARGEST]
    cases = member.get("organization_cases", 0)
    return [
        Row(
            "my",
            f"/my/ largest organisation ({cases:,} cases)",
            "/my/",
            LARGEST,
            _my_page(member.get("organization", "?"), cases),
            data,
            True,
        )
    ]


REFERENCE_ROW = re.compile(rb'<tr><td><a href="/staff/cases/\d+/">')
# The stock changelist shows no check boxes (the office may not delete cases): its rows' first
# cells instead.
STOCK_ADMIN_ROW = re.compile(rb'<th class="field-reference">')


def reference_rows(data: DataSet, prepared: dict) -> list[Row]:
    """What Django itself costs for the same 50 cases (benchmarks/reference_urls.py): a stock
    ModelAdmin changelist and a minimal template's table. Not the portal's pages: no target."""
    full = prepared["submitted"] >= 10 * WORK_LIST_PAGE
    expected = WORK_LIST_PAGE if full else 1

    def rows_of(pattern):
        def check(body: bytes):
            shown = len(pattern.findall(body))
            return (shown == expected if full else shown >= 1), f"{shown} case rows"

        return check

    return [
        Row(
            "reference-list",
            f"reference: minimal template, 50 of {data.cases:,} cases",
            "/reference/list/",
            None,
            rows_of(REFERENCE_ROW),
            data,
        ),
        Row(
            "reference-admin",
            f"reference: stock Django admin, {data.cases:,} cases",
            "/reference/admin/proposals/proposal/",
            OFFICE,
            rows_of(STOCK_ADMIN_ROW),
            data,
        ),
    ]


def healthz(which: str) -> Row:
    return Row(
        "healthz",
        f"/healthz (minimal view, {which})",
        "/healthz",
        None,
        lambda body: (body.strip() == b"ok", f"{body.strip()[:20]!r}"),
    )


def fetch(port: int, path: str, headers: dict | None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()

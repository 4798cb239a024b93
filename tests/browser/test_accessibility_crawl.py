"""axe-core on every page of every role, at 1280 and at 390 CSS pixels (issue 13 §10).

The demo (`load_demo`, the data a new user clicks through after `make run`) is loaded; each
role of the demo signs in and follows every same-site link it is shown, breadth first from
where it lands. One page per URL shape is scanned (a case's page once, not once per case: the
opaque ids and numbers of a path are its variables), at a desktop width and at a phone width.
No axe violation is allowed at either width, and no page may be wider than a phone's screen.

Downloads (CSV, PDF, JSON, calendars, feeds), sign-out, the language switch and the admin's
history and deletion pages are not pages to scan; the admin's other pages are, for the office.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from accounts.models import User

from .test_accessibility import (
    BROKEN_REFERENCES_JS,
    PAGE_WIDER_THAN_SCREEN_JS,
    format_violations,
    run_axe,
    sign_in_by_cookie,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo's accounts, one per role (mishima_kyoso/demo/data/accounts.toml); None: anonymous.
ROLES = {
    "anonymous": None,
    "business": "biz-a@example.jp",
    "office": "office@example.jp",
    "department": "kankyo@example.jp",
    "evaluator": "evaluator@example.jp",
}
WIDTHS = ((1280, 800), (390, 844))
CAP = 110  # page shapes scanned per role at most
ADMIN_CAP = 40  # of which in the admin

SKIP = re.compile(
    r"^/(static|media)/|^/accounts/logout/|^/admin/logout/|^/language/"
    r"|\.(csv|pdf|json|ics|xml|zip|txt)$|/feed/?$|/(download|export)\b|\.csv\b"
    r"|^/admin/.*/(history|delete)/|^/admin/jsi18n/|^/admin/r/|/files/"
)
OPAQUE = re.compile(r"/[A-Za-z0-9_-]{22}(?=/|$)")
NUMBER = re.compile(r"/\d+(?=/|$)")

LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href'))"


def shape(path: str) -> str:
    """A URL's shape: its path with the opaque ids and numbers as variables, no query."""
    return NUMBER.sub("/{n}", OPAQUE.sub("/{id}", urlsplit(path).path))


def same_site_paths(page, base: str) -> list[str]:
    found = []
    for href in page.evaluate(LINKS_JS):
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        absolute = urljoin(page.url, href)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != base:
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def scan(page, url: str) -> list[str]:
    """Problems of the page at each width: axe's violations, broken references, sideways scroll."""
    problems = []
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        violations = run_axe(page)
        if violations:
            problems.append(f"{url} at {width}px:\n{format_violations(violations)}")
        broken = page.evaluate(BROKEN_REFERENCES_JS)
        if broken:
            problems.append(f"{url} at {width}px: references to nothing: {broken}")
        if width < 600:
            wider = page.evaluate(PAGE_WIDER_THAN_SCREEN_JS)
            if wider:
                problems.append(f"{url} at {width}px: wider than the screen: {wider}")
    return problems


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True  # load_demo refuses to run without it
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_the_role_has_no_axe_violation_at_desktop_and_phone_width(
    axe_page, live_server, demo, role
):
    email = ROLES[role]
    if email is not None:
        sign_in_by_cookie(axe_page, live_server, User.objects.get(email=email))
    base = live_server.url
    # Each role's work starts at one of these (the others answer 404 or send it elsewhere).
    starts = ["/", "/accounts/login/", "/accounts/signup/"]
    if email is not None:
        starts = ["/", "/staff/", "/my/", "/evaluation/", "/notifications/"]
    # The portal's pages first, then the admin's (the office's data maintenance).
    portal, admin = deque(starts), deque()
    seen_shapes: set[str] = set()
    problems: list[str] = []
    scanned = []
    while (portal or admin) and len(scanned) < CAP:
        path = portal.popleft() if portal else admin.popleft()
        if SKIP.search(urlsplit(path).path) or shape(path) in seen_shapes:
            continue
        if not portal and sum(p.startswith("/admin/") for p in scanned) >= ADMIN_CAP:
            break
        seen_shapes.add(shape(path))
        response = axe_page.goto(base + path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if response.status == 404 and path in starts:
            continue  # a start page this role does not have
        scanned.append(path)
        for found in same_site_paths(axe_page, base):
            (admin if found.startswith("/admin/") else portal).append(found)
        problems += scan(axe_page, base + path)
    assert len(scanned) >= 5, scanned  # the crawl did reach the role's pages
    assert not problems, (
        f"{role}: {len(problems)} problem(s) on {len(scanned)} page(s):\n" + "\n".join(problems)
    )


def test_the_crawl_reaches_each_roles_work(axe_page, live_server, demo):
    """A positive control: the office's crawl reaches a staff case page and the admin, the
    business's its dashboard, so an empty crawl cannot pass for a clean one."""
    sign_in_by_cookie(axe_page, live_server, User.objects.get(email=ROLES["office"]))
    axe_page.goto(live_server.url + "/staff/cases/")
    shapes = {shape(path) for path in same_site_paths(axe_page, live_server.url)}
    assert "/staff/cases/{id}/" in shapes

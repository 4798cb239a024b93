"""axe-core on every public page: WCAG 2.1 A/AA and axe's best practices, no violation allowed.

axe-core is vendored in tests/browser/vendor/ (MPL-2.0, see LICENSE there): the tests never
fetch anything from the network. The axe context bypasses the site's Content-Security-Policy,
which would rightly block the injected script; test_csp.py checks the policy itself.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

from mishima_kyoso.common.ids import encode_id
from tests.factories.accounts import VerifiedMemberFactory

from .conftest import AXE_JS
from .data import build_records, build_site, build_stages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# (test id, URL of the page from the data of build_site(), expected status, expected lang)
PAGES = [
    ("home", lambda site: "/", 200, "ja"),
    ("theme-list", lambda site: "/themes/", 200, "ja"),
    (
        "theme-list-filtered",
        lambda site: "/themes/?q=%E3%81%94%E3%81%BF&field=environment",  # q=ごみ
        200,
        "ja",
    ),
    ("theme-list-error", lambda site: "/themes/?field=bogus", 200, "ja"),
    ("theme-with-qa-and-files", lambda site: site["featured"].get_absolute_url(), 200, "ja"),
    ("theme-closed", lambda site: site["closed"].get_absolute_url(), 200, "ja"),
    ("free-proposals", lambda site: "/free-proposals/", 200, "ja"),
    ("accessibility", lambda site: "/accessibility/", 200, "ja"),
    ("privacy", lambda site: "/privacy/", 200, "ja"),
    ("not-found-draft", lambda site: site["draft"].get_absolute_url(), 404, "ja"),
    # The language switch sets the cookie and redirects to the English home page.
    ("home-english", lambda site: "/language/?language=en&next=/", 200, "en"),
]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(str(part) for part in node['target'])}")
    return "\n".join(lines)


BROKEN_REFERENCES_JS = """() => {
    // axe reports an ID reference that points nowhere only as "needs review"; fail on it here.
    const broken = [];
    const exists = (id) => document.getElementById(id) !== null;
    for (const attribute of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
        for (const element of document.querySelectorAll(`[${attribute}]`)) {
            for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
                const name = element.tagName.toLowerCase();
                if (!exists(id)) broken.push(`${name}[${attribute}] -> #${id}`);
            }
        }
    }
    for (const label of document.querySelectorAll('label[for]')) {
        if (!exists(label.htmlFor)) broken.push(`label[for] -> #${label.htmlFor}`);
    }
    for (const link of document.querySelectorAll('a[href^="#"]')) {
        const id = decodeURIComponent(link.getAttribute('href').slice(1));
        if (id && !exists(id)) broken.push(`a[href] -> #${id}`);
    }
    return broken;
}"""


def run_axe(page):
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target})),
            }));
        }""",
        AXE_TAGS,
    )


@pytest.mark.parametrize(
    ("url_of", "status", "lang"),
    [pytest.param(url_of, status, lang, id=name) for name, url_of, status, lang in PAGES],
)
def test_public_page_has_no_axe_violation(axe_page, live_server, url_of, status, lang):
    site = build_site()
    response = axe_page.goto(live_server.url + url_of(site))
    assert response is not None and response.status == status, response and response.status
    expect(axe_page.locator("html")).to_have_attribute("lang", lang)
    expect(axe_page.get_by_role("heading", level=1)).to_have_count(1)

    assert axe_page.evaluate(BROKEN_REFERENCES_JS) == []

    violations = run_axe(axe_page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {axe_page.url}:\n"
        + format_violations(violations)
    )


PAGE_WIDER_THAN_SCREEN_JS = """() => {
    // What makes the page scroll sideways: the outermost elements past the screen's right edge
    // that are not inside a scrolling table region.
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
        if (element.closest('.table-scroll')) continue;
        const right = element.getBoundingClientRect().right;
        const parent = element.parentElement.getBoundingClientRect().right;
        if (right > width + 1 && parent <= width + 1) {
            const name = `${element.tagName.toLowerCase()}.${element.className}`;
            found.push(`${name} (${Math.round(right)}px)`);
        }
    }
    return found.length ? found : [`the page is ${document.documentElement.scrollWidth}px wide`];
}"""


def assert_page_has_no_axe_violation(page, *, lang="ja"):
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert page.evaluate(BROKEN_REFERENCES_JS) == []
    violations = run_axe(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n"
        + format_violations(violations)
    )


def sign_in_by_cookie(page, live_server, user):
    """A session for `user` (Django's test client), handed to the browser as its cookie.

    The journeys sign in through the login page; here the pages themselves are under test.
    """
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


# Issue 6's pages: (test id, who looks, URL from the data of build_stages(), expected status).
# Who: None (anonymous) or a key of build_stages() naming a user, or a callable on its data.
def _case_url(key, suffix):
    return lambda data: f"/staff/cases/{encode_id(data[key].pk)}/{suffix}"


def _round_url(key, suffix=""):
    return lambda data: f"/staff/evaluation/rounds/{encode_id(data[key].pk)}/{suffix}"


def _score_url(key):
    return lambda data: (
        f"/evaluation/rounds/{encode_id(data['scoring'].pk)}/candidates/{encode_id(data[key].pk)}/"
    )


def _proposer_of(key):
    return lambda data: data[key].created_by


STAGE_PAGES = [
    # The public record.
    ("results", None, lambda data: "/results/", 200),
    ("result-with-candidates", None, lambda data: data["publication"].get_absolute_url(), 200),
    ("statistics", None, lambda data: "/statistics/", 200),
    ("calls", None, lambda data: "/calls/", 200),
    ("call", None, lambda data: f"/calls/{data['public_call'].number}/", 200),
    # The evaluators (選定委員).
    ("evaluator-my-rounds", "declared_evaluator", lambda data: "/evaluation/", 200),
    (
        "evaluator-round-conflict-form",
        "undeclared_evaluator",
        lambda data: f"/evaluation/rounds/{encode_id(data['scoring'].pk)}/",
        200,
    ),
    (
        "evaluator-round-declared",
        "declared_evaluator",
        lambda data: f"/evaluation/rounds/{encode_id(data['scoring'].pk)}/",
        200,
    ),
    ("evaluator-score", "declared_evaluator", _score_url("scored_candidate"), 200),
    ("evaluator-conflict-refusal", "declared_evaluator", _score_url("conflicted_candidate"), 403),
    # The office (共創推進室).
    (
        "office-case-rounds",
        "office",
        lambda data: f"/staff/cases/{encode_id(data['closed'].proposal_id)}/evaluation/",
        200,
    ),
    ("office-manage-open-round", "office", _round_url("scoring"), 200),
    ("office-manage-closed-round", "office", _round_url("closed"), 200),
    ("office-manage-decided-round", "office", _round_url("decided"), 200),
    ("office-results", "office", _round_url("closed", "results/"), 200),
    ("office-results-print", "office", _round_url("closed", "results/print/"), 200),
    ("office-decide", "office", _round_url("closed", "decide/"), 200),
    ("office-publication", "office", _case_url("decided_case", "publication/"), 200),
    ("office-call-edit-draft", "office", _case_url("draft_call_case", "call/"), 200),
    (
        "office-call-published",
        "office",
        lambda data: f"/staff/cases/{encode_id(data['public_call'].proposal_id)}/call/",
        200,
    ),
    ("office-agreement-drafting", "office", _case_url("drafting", "agreement/"), 200),
    ("office-agreement-signed", "office", _case_url("operating", "agreement/"), 200),
    ("office-monitoring", "office", _case_url("operating", "monitoring/"), 200),
    # The proposers and applicants.
    (
        "proposer-agreement-drafting",
        _proposer_of("drafting"),
        lambda data: f"/proposals/{encode_id(data['drafting'].pk)}/agreement/",
        200,
    ),
    (
        "proposer-agreement-signed",
        _proposer_of("operating"),
        lambda data: f"/proposals/{encode_id(data['operating'].pk)}/agreement/",
        200,
    ),
    (
        "proposer-monitoring",
        _proposer_of("operating"),
        lambda data: f"/proposals/{encode_id(data['operating'].pk)}/monitoring/",
        200,
    ),
    (
        "application-form",
        "applicant",
        lambda data: f"/calls/{data['public_call'].number}/apply/",
        200,
    ),
]


@pytest.mark.parametrize(
    ("who", "url_of", "status"),
    [pytest.param(who, url_of, status, id=name) for name, who, url_of, status in STAGE_PAGES],
)
def test_stage_page_has_no_axe_violation(axe_page, live_server, who, url_of, status):
    """Each page at a desktop width, then at 320 CSS pixels (a phone, or 1280 pixels zoomed to
    400%: WCAG 1.4.10 reflow): no violation at either, and never a page wider than the screen
    (wide tables scroll inside their own keyboard-reachable region)."""
    data = build_stages()
    if who is not None:
        user = who(data) if callable(who) else data[who]
        sign_in_by_cookie(axe_page, live_server, user)
    url = live_server.url + url_of(data)
    response = axe_page.goto(url)
    assert response is not None and response.status == status, response and response.status
    assert axe_page.url == url  # the page itself, not the login page it might redirect to
    assert_page_has_no_axe_violation(axe_page)

    axe_page.set_viewport_size({"width": 320, "height": 640})
    response = axe_page.goto(url)
    assert response is not None and response.status == status
    assert axe_page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == []
    assert_page_has_no_axe_violation(axe_page)


# Issue 12's pages: the city's public records (who: a key of build_records(), or None).
RECORD_PAGES = [
    ("terms-proposal", None, lambda data: "/terms/proposal_terms/"),
    ("terms-privacy", None, lambda data: "/terms/privacy/"),
    ("terms-pledge", None, lambda data: "/terms/pledge/"),
    ("office-disclosure-requests", "office", lambda data: "/staff/disclosure/"),
    ("office-disclosure-new", "office", lambda data: "/staff/disclosure/new/"),
    (
        "office-disclosure-request",
        "office",
        lambda data: f"/staff/disclosure/{encode_id(data['request'].pk)}/",
    ),
    (
        "office-disclosure-marks",
        "office",
        lambda data: (
            f"/staff/disclosure/{encode_id(data['request'].pk)}"
            f"/cases/{encode_id(data['case'].pk)}/marks/"
        ),
    ),
    (
        "office-read-log",
        "office",
        lambda data: f"/staff/cases/{encode_id(data['case'].pk)}/read-log/",
    ),
    ("office-disposal", "office", lambda data: "/staff/retention/"),
    (
        "proposer-opinion",
        "proposer",
        lambda data: f"/disclosure/opinions/{encode_id(data['opinion'].pk)}/",
    ),
    ("proposer-export", "proposer", lambda data: "/my/export/"),
    ("proposer-close-account", "proposer", lambda data: "/my/close/"),
]


@pytest.mark.parametrize(
    ("who", "url_of"),
    [pytest.param(who, url_of, id=name) for name, who, url_of in RECORD_PAGES],
)
def test_public_records_page_has_no_axe_violation(axe_page, live_server, who, url_of):
    """As the stage pages: at a desktop width, then at 320 CSS pixels, no violation and never
    a page wider than the screen."""
    data = build_records()
    if who is not None:
        sign_in_by_cookie(axe_page, live_server, data[who])
    url = live_server.url + url_of(data)
    response = axe_page.goto(url)
    assert response is not None and response.status == 200, response and response.status
    assert axe_page.url == url
    assert_page_has_no_axe_violation(axe_page)

    axe_page.set_viewport_size({"width": 320, "height": 640})
    axe_page.goto(url)
    assert axe_page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == []
    assert_page_has_no_axe_violation(axe_page)


def test_the_axe_scan_does_find_a_defect(axe_page, live_server):
    """The harness works: axe runs its rules here and reports an image without a text."""
    axe_page.goto(live_server.url + "/privacy/")
    axe_page.evaluate(
        """() => {
            const image = document.createElement('img');
            image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.querySelector('main').appendChild(image);
        }"""
    )
    violations = run_axe(axe_page)
    assert "image-alt" in {violation["id"] for violation in violations}, violations


@pytest.mark.parametrize("width", [1280, 390])
def test_the_paused_sign_in_page_has_no_axe_violation_at_desktop_and_phone_width(
    axe_page, live_server, settings, width
):
    """Issue 10: after too many wrong passwords the sign-in page answers 429 and offers a
    one-time code; that page is read by someone locked out, on any screen."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/5m/key"}
    cache.clear()
    VerifiedMemberFactory(email="locked@example.jp")
    axe_page.set_viewport_size({"width": width, "height": 900})
    for _attempt in range(3):
        axe_page.goto(live_server.url + "/accounts/login/")
        axe_page.fill("input[name=login]", "locked@example.jp")
        axe_page.fill("input[name=password]", "wrong-password")
        with axe_page.expect_response(lambda r: r.request.method == "POST") as answer:
            axe_page.locator("form:has(input[name=password]) [type=submit]").first.click()

    assert answer.value.status == 429
    assert axe_page.evaluate(PAGE_WIDER_THAN_SCREEN_JS) == []
    assert_page_has_no_axe_violation(axe_page)

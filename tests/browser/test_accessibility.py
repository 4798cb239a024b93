"""axe-core on every public page: WCAG 2.1 A/AA and axe's best practices, no violation allowed.

axe-core is vendored in tests/browser/vendor/ (MPL-2.0, see LICENSE there): the tests never
fetch anything from the network. The axe context bypasses the site's Content-Security-Policy,
which would rightly block the injected script; test_csp.py checks the policy itself.
"""

import pytest
from playwright.sync_api import expect

from .conftest import AXE_JS
from .data import build_site

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

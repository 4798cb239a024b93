"""The Content-Security-Policy is enforced, and the site's own pages live within it."""

import pytest
from playwright.sync_api import expect

from .data import build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def collect_errors(page):
    """Console messages of type 'error' (CSP refusals among them) and uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    return errors


def test_pages_load_without_console_errors_under_the_csp(page, live_server):
    site = build_site()
    errors = collect_errors(page)

    for path in ("/", "/themes/", site["featured"].get_absolute_url()):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200
        # Enforced, not report-only, and without 'unsafe-inline' for scripts or styles.
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, policy
        assert "unsafe-inline" not in policy, policy
        page.wait_for_load_state("load")
        # The stylesheet did load under the policy: the skip link is moved off-screen.
        skip_link = page.get_by_role("link", name="本文へ移動")
        expect(skip_link).to_have_css("position", "absolute")

    assert errors == [], "\n".join(errors)


def test_the_policy_blocks_an_inline_script(page, live_server):
    """Proof that the check above can fail: an injected inline script is refused."""
    errors = collect_errors(page)
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true';
            document.head.appendChild(script);
        }"""
    )
    assert page.evaluate("() => window.__inlineRan === undefined")
    assert any("Content Security Policy" in text for text in errors), errors

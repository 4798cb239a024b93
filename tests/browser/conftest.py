"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server.

No browser is ever downloaded: the tests use the Chromium of the system (Debian's
``chromium`` package) or the one named by ``CHROMIUM_PATH``. Without one they skip
with a clear reason, except under ``CI=true``, where a missing browser fails the run
so that CI can never pass by silently skipping them.
"""

import os
import shutil
from pathlib import Path

import pytest

from mishima_kyoso.common.ids import OpaqueIdConverter

# An opaque identifier in a private URL (/proposals/<22 characters>/), as a pattern.
OPAQUE = OpaqueIdConverter.regex

CHROMIUM_MISSING = "Chromium not found: install Debian's chromium package or set CHROMIUM_PATH"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VENDOR = Path(__file__).parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"


def chromium_path() -> str | None:
    """CHROMIUM_PATH, else chromium / chromium-browser on PATH, else /usr/bin/chromium."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/bin/chromium")
    return str(fallback) if fallback.is_file() else None


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last.

    They use live_server, hence transactional tests whose teardown empties every
    table, including the rows seeded by migrations (fields, groups). Running them
    after every other test keeps that from touching the rest of the suite; each
    browser test gets the seeded rows back through serialized_rollback.
    """
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser


@pytest.fixture(scope="session")
def chromium_executable():
    path = chromium_path()
    if path is None:
        if running_in_ci():
            pytest.fail(f"{CHROMIUM_MISSING} (CI=true: the browser tests must run)", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)
    return path


@pytest.fixture(scope="session")
def playwright_instance(chromium_executable, django_db_setup):
    """Playwright, started once the test database exists.

    Django keeps its connections in thread-local storage, but in a context variable
    while an event loop runs in the thread, and Playwright's sync API keeps one
    running. From here on the tests therefore get new connection objects, which lack
    the database contents serialized when the test database was set up; without them
    serialized_rollback would restore nothing (no fields after the first test). Hand
    them over.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        # The running event loop would also make Django refuse every ORM call from the
        # tests (SynchronousOnlyOperation); they are synchronous code, the check does not
        # apply. Set only while the browser tests run (they run last, see above): a
        # subprocess of another test must not inherit it (check --deploy flags it).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_executable):
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_executable, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def new_context(browser, **options):
    options.setdefault("locale", "ja-JP")
    options.setdefault("timezone_id", "Asia/Tokyo")
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def context(browser):
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def no_js_page(browser):
    """A page with JavaScript off: the core flow must not depend on it."""
    context = new_context(browser, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page for axe-core: the site's CSP (script-src 'self') would block the injected script."""
    context = new_context(browser, bypass_csp=True)
    yield context.new_page()
    context.close()

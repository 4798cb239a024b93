"""A visitor's journey: the list, a field filter, a theme page; with and without JavaScript."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .data import ANSWER, CHILDCARE_TITLES, ENVIRONMENT_TITLES, QUESTION, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def walk_the_list(page, live_server, site):
    page.goto(f"{live_server.url}/themes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("共創リスト")
    expect(page.locator(".result-count")).to_have_text("6件のテーマ")
    cards = page.locator(".theme-card h2")
    expect(cards).to_have_count(6)

    # The filter is a plain GET form: choose 環境 and submit.
    form = page.get_by_role("search")
    form.get_by_label("分野").select_option("environment")
    with page.expect_navigation():
        form.get_by_role("button", name="検索する").click()

    query = parse_qs(urlsplit(page.url).query)
    assert query.get("field") == ["environment"], page.url
    expect(page.locator(".result-count")).to_have_text("3件のテーマ")
    expect(cards).to_have_count(3)
    expect(cards).to_have_text(list(reversed(ENVIRONMENT_TITLES)))
    for title in CHILDCARE_TITLES:
        expect(page.get_by_role("link", name=title)).to_have_count(0)
    # The form shows the condition it was filtered with.
    expect(form.get_by_label("分野")).to_have_value("environment")

    # Open the theme with Q&A.
    featured = site["featured"]
    page.get_by_role("link", name=featured.title).click()
    expect(page).to_have_url(re.compile(rf"/themes/{featured.number}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(featured.title)
    expect(page).to_have_title(re.compile(re.escape(featured.title)))

    qa = page.locator("section", has=page.get_by_role("heading", name="質問と回答", exact=True))
    expect(qa).to_contain_text(QUESTION)
    expect(qa).to_contain_text(ANSWER)
    expect(qa).not_to_contain_text("未回答の質問です。")

    cta = page.locator("section.cta", has=page.get_by_role("heading", name="このテーマに提案する"))
    expect(cta).to_be_visible()
    consult = cta.get_by_role("link", name="このテーマについて共創推進室に相談する")
    expect(consult).to_have_attribute("href", re.compile(r"^mailto:"))


def test_find_a_theme_by_field_and_read_it(page, live_server):
    site = build_site()
    walk_the_list(page, live_server, site)


def test_the_core_flow_works_without_javascript(no_js_page, live_server):
    site = build_site()
    walk_the_list(no_js_page, live_server, site)

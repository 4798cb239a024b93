"""Public pages of the co-creation list, and the portal pages around it."""

import datetime
import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from cocreation_list.models import Field, ThemeAttachment
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, ThemeQuestionFactory, field

pytestmark = pytest.mark.django_db

LIST_URL = reverse("cocreation_list:theme_list")


def _today():
    return timezone.localdate()


def _days(n):
    return _today() + datetime.timedelta(days=n)


def _attach(theme, name="募集要項.pdf", content=b"%PDF-1.4 kyoso", title="募集要項"):
    attachment = ThemeAttachment(theme=theme, title=title, file=ContentFile(content, name=name))
    attachment.save()
    return attachment


def _listed(response):
    return list(response.context["themes"])


def _pagination_queries(response):
    """The query string of every link of the pagination, parsed."""
    nav = re.search(r'<nav class="pagination".*?</nav>', response.content.decode(), re.S)
    assert nav, "the page has no pagination"
    links = re.findall(r'href="([^"]*)"', nav.group(0))
    return [parse_qs(urlsplit(html.unescape(link)).query) for link in links]


# The list ---------------------------------------------------------------------


def test_visitor_sees_published_and_closed_themes_but_never_drafts_when_listing(client):
    published = ThemeFactory(title="公開中のテーマ")
    closed = ThemeFactory(closed=True, title="募集終了のテーマ")
    draft = ThemeFactory(draft=True, title="下書きのテーマ")

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert set(_listed(response)) == {published, closed}
    assert draft.title not in response.content.decode()
    assert response.context["result_count"] == 2


def test_visitor_sees_the_result_count_when_listing(client):
    ThemeFactory.create_batch(3)
    ThemeFactory(draft=True)

    response = client.get(LIST_URL)

    count = re.search(r'<p class="result-count"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    assert response.context["result_count"] == 3
    assert count.group(1).startswith("3件")


def test_visitor_sees_only_the_themes_of_a_field_when_filtering_by_field(client):
    environment = ThemeFactory(fields=[field("environment")])
    both = ThemeFactory(fields=[field("welfare"), field("environment")])
    ThemeFactory(fields=[field("welfare")])
    ThemeFactory(draft=True, fields=[field("environment")])

    response = client.get(LIST_URL, {"field": "environment"})

    assert set(_listed(response)) == {environment, both}
    assert response.context["result_count"] == 2


def test_visitor_sees_only_a_departments_themes_when_filtering_by_department(client):
    kankyo = DepartmentFactory(name="環境政策課", code="kankyo")
    mine = ThemeFactory(department=kankyo)
    ThemeFactory()
    ThemeFactory(draft=True, department=kankyo)

    response = client.get(LIST_URL, {"department": "kankyo"})

    assert _listed(response) == [mine]


def test_visitor_sees_each_call_state_apart_when_filtering_by_state(client):
    accepting = ThemeFactory(accepts_until=_days(10))
    year_round = ThemeFactory(year_round=True)
    upcoming = ThemeFactory(accepts_from=_days(5), accepts_until=_days(30))
    past_deadline = ThemeFactory(accepts_until=_days(-1))
    closed = ThemeFactory(closed=True)
    ThemeFactory(draft=True)

    by_state = {
        state: set(_listed(client.get(LIST_URL, {"state": state})))
        for state in ("accepting", "upcoming", "closed")
    }

    assert by_state == {
        "accepting": {accepting, year_round},
        "upcoming": {upcoming},
        "closed": {past_deadline, closed},
    }


def test_visitor_finds_themes_by_title_or_body_when_searching_a_keyword(client):
    by_title = ThemeFactory(title="スマート農業の実証")
    by_body = ThemeFactory(title="地域の課題", wanted="スマート農業に関する提案")
    by_offer = ThemeFactory(title="別の課題", city_offer="スマート農業の実証圃場")
    ThemeFactory(title="無関係なテーマ")
    ThemeFactory(draft=True, title="スマート農業の下書き")

    response = client.get(LIST_URL, {"q": "スマート農業"})

    assert set(_listed(response)) == {by_title, by_body, by_offer}


@pytest.mark.parametrize("query", ["ＡＩ　観光", "ai 観光", "観光　ＡＩ"])
def test_visitor_gets_themes_with_every_keyword_when_searching_several(client, query):
    both = ThemeFactory(title="AIを使った観光案内", background="観光客が増えています。")
    ThemeFactory(title="AIによる窓口案内")
    ThemeFactory(title="観光パンフレットの刷新")

    response = client.get(LIST_URL, {"q": query})

    assert _listed(response) == [both]


def test_visitor_sees_the_newest_first_when_sorting_by_newest(client):
    now = timezone.now()
    old = ThemeFactory(published_at=now - datetime.timedelta(days=30))
    new = ThemeFactory(published_at=now - datetime.timedelta(days=1))
    middle = ThemeFactory(published_at=now - datetime.timedelta(days=10))

    default = client.get(LIST_URL)
    newest = client.get(LIST_URL, {"sort": "newest"})

    assert _listed(default) == [new, middle, old]
    assert _listed(newest) == [new, middle, old]


def test_visitor_sees_the_nearest_open_deadline_first_when_sorting_by_deadline(client):
    far = ThemeFactory(accepts_until=_days(30))
    year_round = ThemeFactory(year_round=True)
    past_deadline = ThemeFactory(accepts_until=_days(-3))
    near = ThemeFactory(accepts_until=_days(2))
    closed = ThemeFactory(closed=True, accepts_until=_days(1))
    today = ThemeFactory(accepts_until=_today())

    listed = _listed(client.get(LIST_URL, {"sort": "deadline"}))

    assert listed[:4] == [today, near, far, year_round]
    assert set(listed[4:]) == {past_deadline, closed}


def test_visitor_keeps_the_filters_when_following_the_pagination(client, settings):
    settings.KYOSO_THEMES_PER_PAGE = 2
    themes = ThemeFactory.create_batch(5, fields=[field("environment")], title="共創 公園 活用")
    ThemeFactory(fields=[field("welfare")])
    filters = {"field": "environment", "q": "公園", "sort": "deadline"}

    first = client.get(LIST_URL, filters)
    second = client.get(LIST_URL, {**filters, "page": 2})

    assert first.context["result_count"] == 5
    assert len(_listed(first)) == 2
    queries = _pagination_queries(first)
    assert queries
    for query in queries:
        assert query["field"] == ["environment"]
        assert query["q"] == ["公園"]
        assert query["sort"] == ["deadline"]
        assert len(query["page"]) == 1
    shown = _listed(first) + _listed(second) + _listed(client.get(LIST_URL, {**filters, "page": 3}))
    assert set(shown) == set(themes)
    assert len(shown) == 5


def test_visitor_sees_no_theme_and_an_error_when_the_field_code_is_unknown(client):
    ThemeFactory()

    response = client.get(LIST_URL, {"field": "no-such-field"})

    assert response.status_code == 200
    assert _listed(response) == []
    assert response.context["result_count"] == 0
    errors = response.context["filter"].form.errors.as_data()
    assert [error.code for error in errors["field"]] == ["invalid_choice"]
    page = response.content.decode()
    select = re.search(r'<select name="field"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in select
    described_by = re.search(r'aria-describedby="([^"]+)"', select).group(1)
    error_list = re.search(rf'<ul class="errorlist" id="{described_by}">(.*?)</ul>', page, re.S)
    assert error_list, "the error is not tied to the field it is about"
    assert html.escape(errors["field"][0].messages[0]) in error_list.group(1)


def test_visitor_sees_no_theme_and_an_error_when_the_state_is_unknown(client):
    ThemeFactory()

    response = client.get(LIST_URL, {"state": "whenever"})

    assert _listed(response) == []
    errors = response.context["filter"].form.errors.as_data()
    assert [error.code for error in errors["state"]] == ["invalid_choice"]


# One theme ------------------------------------------------------------------


def test_visitor_sees_every_section_when_opening_a_theme(client):
    theme = ThemeFactory(
        title="公園の魅力向上",
        background="公園の利用者が減っています。",
        wanted="公園を活用したにぎわいづくり。",
        business_role="イベントの企画と運営。",
        city_offer="公園の占用許可の調整。",
        conditions="騒音に配慮すること。",
        contact="共創推進室 055-983-2616",
        fields=[field("machizukuri"), field("environment")],
        department=DepartmentFactory(name="緑と水の課", code="midori"),
    )
    _attach(theme, title="公園の配置図")
    ThemeQuestionFactory(theme=theme, question="夜間の利用は可能ですか。", answer="可能です。")

    response = client.get(theme.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for section in ("background", "wanted", "role", "offer", "conditions", "documents", "qa"):
        assert f'<h2 id="{section}">' in page
    assert '<h2 id="propose">' in page and '<h2 id="contact">' in page
    for text in (
        theme.title,
        theme.background,
        theme.wanted,
        theme.business_role,
        theme.city_offer,
        theme.conditions,
        "共創推進室 055-983-2616",
        "まちづくり",
        "環境",
        "緑と水の課",
        "公園の配置図",
        "夜間の利用は可能ですか。",
        "可能です。",
    ):
        assert text in page
    assert f"テーマ番号 {theme.number}" in page


def test_visitor_sees_only_answered_questions_when_opening_a_theme(client):
    theme = ThemeFactory()
    answered = ThemeQuestionFactory(theme=theme, question="共同提案は可能ですか。")
    ThemeQuestionFactory(theme=theme, question="未回答の質問です。", answer="")
    ThemeQuestionFactory(theme=theme, question="空白だけの回答です。", answer="  ")

    response = client.get(theme.get_absolute_url())

    assert response.context["theme"].answered_questions == [answered]
    page = response.content.decode()
    assert "共同提案は可能ですか。" in page
    assert "未回答の質問です。" not in page
    assert "空白だけの回答です。" not in page


@pytest.mark.parametrize(("days", "shown"), [(5, "締切まであと5日"), (0, "本日が締切です")])
def test_visitor_sees_the_days_left_when_opening_an_accepting_theme(client, days, shown):
    theme = ThemeFactory(accepts_until=_days(days))

    response = client.get(theme.get_absolute_url())

    assert response.context["days_left"] == days
    assert shown in response.content.decode()


def test_visitor_sees_no_days_left_when_opening_a_year_round_theme(client):
    theme = ThemeFactory(year_round=True)

    response = client.get(theme.get_absolute_url())

    assert response.context["days_left"] is None
    assert 'class="days-left"' not in response.content.decode()


def test_visitor_gets_404_when_opening_a_draft_or_an_unknown_theme(client):
    draft = ThemeFactory(draft=True)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("cocreation_list:theme_detail", args=[9999])).status_code == 404


def test_visitor_sees_a_closed_theme_when_opening_it(client):
    theme = ThemeFactory(closed=True)

    response = client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert response.context["theme"].call_state() == "closed"


# Files ------------------------------------------------------------------------------


def test_visitor_downloads_a_file_with_its_japanese_name_when_the_theme_is_public(client):
    theme = ThemeFactory()
    attachment = _attach(theme, name="募集要項 2026.pdf", content=b"%PDF-1.4 kyoso")

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 kyoso"
    assert (
        response["Content-Disposition"]
        == f"attachment; filename*=utf-8''{quote('募集要項 2026.pdf')}"
    )
    assert attachment.original_name == "募集要項 2026.pdf"
    assert "募集要項" not in attachment.file.name  # stored under a random name


def test_visitor_downloads_a_file_when_the_theme_is_closed(client):
    theme = ThemeFactory(closed=True)
    attachment = _attach(theme)

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200


def test_visitor_gets_404_for_a_drafts_file_and_page(client):
    draft = ThemeFactory(draft=True)
    attachment = _attach(draft)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_visitor_gets_404_for_a_drafts_file_through_a_public_themes_number(client):
    public = ThemeFactory()
    attachment = _attach(ThemeFactory(draft=True))

    response = client.get(
        reverse("cocreation_list:attachment", args=[public.number, attachment.pk])
    )

    assert response.status_code == 404


def test_visitor_gets_404_when_the_file_is_missing_on_disk(client):
    attachment = _attach(ThemeFactory())
    attachment.file.storage.delete(attachment.file.name)

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 404


# Query counts (STYLE §9) ------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
def test_visitor_gets_the_list_in_constant_queries_when_there_are_many_themes(
    client, count, django_assert_num_queries
):
    ThemeFactory.create_batch(count, fields=[field("environment"), field("welfare")])
    ThemeFactory(draft=True)
    client.get(LIST_URL)  # warm the caches

    with django_assert_num_queries(5):
        response = client.get(LIST_URL, {"sort": "deadline"})

    assert response.context["result_count"] == count


@pytest.mark.parametrize("count", [1, 30])
def test_visitor_gets_a_theme_in_constant_queries_when_it_has_many_questions_and_files(
    client, count, django_assert_num_queries
):
    fields = list(Field.objects.all()[: min(count, 9)])
    theme = ThemeFactory(fields=fields)
    ThemeQuestionFactory.create_batch(count, theme=theme)
    ThemeQuestionFactory.create_batch(count, theme=theme, answer="")
    for n in range(count):
        _attach(theme, name=f"資料{n}.pdf", title=f"資料{n}")
    client.get(theme.get_absolute_url())  # warm the caches

    # The theme, its fields, answered questions, files, goals and indicators; the public
    # soundings that led to it (soundings' {% linked_soundings %}).
    with django_assert_num_queries(7):
        response = client.get(theme.get_absolute_url())

    assert len(response.context["theme"].answered_questions) == count


# Portal pages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("home", "民間事業者とともに、公共サービスをより良く"),
        ("free_proposal", "自由提案"),
        ("accessibility", "アクセシビリティ方針"),
        ("privacy", "個人情報の取り扱い"),
        ("cocreation_list:theme_list", "共創リスト"),
    ],
)
def test_visitor_gets_each_portal_page_in_japanese(client, name, heading):
    response = client.get(reverse(name))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in page
    assert f"<h1>{heading}</h1>" in page
    assert "| 共創ポータル | 三島市</title>" in page
    assert response["Content-Language"] == "ja"


def test_visitor_sees_the_accepting_themes_only_when_opening_the_home_page(client):
    accepting = ThemeFactory(title="募集中のテーマ")
    closed = ThemeFactory(closed=True, title="募集終了のテーマ")
    draft = ThemeFactory(draft=True, title="下書きのテーマ")

    response = client.get(reverse("home"))

    page = response.content.decode()
    assert list(response.context["latest_themes"]) == [accepting]
    assert closed.title not in page
    assert draft.title not in page


def test_visitor_sees_all_nine_fields_when_opening_the_free_proposal_page(client):
    response = client.get(reverse("free_proposal"))

    page = response.content.decode()
    names = [
        "まちづくり",
        "環境",
        "健康",
        "福祉",
        "子育て",
        "経済",
        "教育",
        "行財政運営",
        "その他",
    ]
    assert [item.name for item in response.context["fields"]] == names
    for item in Field.objects.all():
        assert f"<h3>{item.name}</h3>" in page
        assert f"?field={item.code}" in page


# Language -------------------------------------------------------------------------------


def test_visitor_reads_english_when_switching_the_language(client, settings):
    response = client.get(reverse("switch_language"), {"language": "en", "next": LIST_URL})

    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    following = client.get(LIST_URL)
    assert '<html lang="en">' in following.content.decode()
    assert "<h1>Co-creation list</h1>" in following.content.decode()


def test_visitor_reads_japanese_again_when_switching_back(client):
    client.get(reverse("switch_language"), {"language": "en", "next": "/"})
    client.get(reverse("switch_language"), {"language": "ja", "next": "/"})

    response = client.get(LIST_URL)

    assert '<html lang="ja">' in response.content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example.com/", "//evil.example.com/themes/", "https:evil.example"]
)
def test_visitor_is_sent_home_when_the_next_url_is_external(client, next_url):
    response = client.get(reverse("switch_language"), {"language": "en", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_visitor_sets_no_cookie_when_the_language_is_unknown(client, settings):
    response = client.get(reverse("switch_language"), {"language": "xx", "next": LIST_URL})

    assert response["Location"] == LIST_URL
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_visitor_with_an_english_browser_reads_japanese_when_not_switching(client):
    response = client.get(LIST_URL, headers={"accept-language": "en-US,en;q=0.9"})

    assert '<html lang="ja">' in response.content.decode()
    assert "<h1>共創リスト</h1>" in response.content.decode()
    assert "Cookie" in response["Vary"]  # a shared cache keeps one copy per language cookie


# Security headers -----------------------------------------------------------------------


def test_visitor_gets_the_security_headers_with_a_page(client):
    response = client.get(LIST_URL)

    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"

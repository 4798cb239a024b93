"""The page layout every role shares (templates/base.html): the header's account links lead
each role to its own pages (issue 13, points 1, 4 and 7), the menu folds without JavaScript,
and an anonymous visitor's page costs no query for it."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories.accounts import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_HOME_QUERIES = 1  # what the home page itself reads; nothing for the header


class _NavLinks(HTMLParser):
    """The links of one <nav class="…"> as (text, href, aria-current), and its buttons' text."""

    def __init__(self, nav_class):
        super().__init__()
        self.nav_class = nav_class
        self.depth = 0  # >0 while inside the wanted nav
        self.links = []
        self.buttons = []
        self._open = None  # the link or button being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            if self.depth:
                self.depth += 1
            elif self.nav_class in (attrs.get("class") or "").split():
                self.depth = 1
        elif self.depth and tag in ("a", "button"):
            self._open = [tag, "", attrs.get("href"), attrs.get("aria-current")]

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif self._open and tag == self._open[0]:
            kind, text, href, current = self._open
            text = " ".join(text.split())
            if kind == "a":
                self.links.append((text, href, current))
            else:
                self.buttons.append(text)
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1] += data


def account_links(response, nav_class="account-nav"):
    parser = _NavLinks(nav_class)
    parser.feed(response.content.decode())
    return parser


def account_link_texts(response):
    """The account menu's own links, without the notifications link (another part of the
    page, included for every signed-in user)."""
    notifications = _notifications_href()
    return {text: href for text, href, _ in account_links(response).links if href != notifications}


def _notifications_href():
    for name in ("notifications:list", "notifications:index"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _staff_home_url():
    try:
        return reverse("proposals:staff_home")
    except NoReverseMatch:  # created by another part of issue 13; the header shows it once it is
        return None


def _page(client):
    """A page every role may open and that redirects nobody."""
    return client.get(reverse("accessibility"))


def test_business_member_sees_my_page_and_organisation_only(client):
    client.force_login(MemberFactory())

    links = account_link_texts(_page(client))

    assert links == {
        "マイページ": reverse("proposals:dashboard"),
        "事業者情報": reverse("accounts:organization_detail"),
        "サウンディングへの参加": reverse("soundings:mine"),
    }


def test_business_without_an_organisation_yet_sees_my_page_and_organisation(client):
    client.force_login(UserFactory())

    links = account_link_texts(_page(client))

    assert links == {
        "マイページ": reverse("proposals:dashboard"),
        "事業者情報": reverse("accounts:organization_detail"),
        "サウンディングへの参加": reverse("soundings:mine"),
    }


def test_evaluator_outside_any_organisation_sees_only_their_rounds(client):
    client.force_login(UserFactory(is_evaluator=True))

    links = account_link_texts(_page(client))

    assert links == {"担当する評価": reverse("evaluation:my_rounds")}


def test_evaluator_who_is_also_a_business_member_sees_both(client):
    client.force_login(MemberFactory(is_evaluator=True))

    links = account_link_texts(_page(client))

    assert links == {
        "マイページ": reverse("proposals:dashboard"),
        "事業者情報": reverse("accounts:organization_detail"),
        "サウンディングへの参加": reverse("soundings:mine"),
        "担当する評価": reverse("evaluation:my_rounds"),
    }


def test_office_sees_staff_home_cases_and_the_admin(client, office_user):
    client.force_login(office_user)

    links = account_link_texts(_page(client))

    expected = {"担当案件": reverse("proposals:staff_cases"), "管理画面": reverse("admin:index")}
    if _staff_home_url():
        expected["職員ホーム"] = _staff_home_url()
    assert links == expected


def test_department_staff_see_their_cases_and_never_the_admin(client, department_user):
    client.force_login(department_user)

    links = account_link_texts(_page(client))

    expected = {"担当案件": reverse("proposals:staff_cases")}
    if _staff_home_url():
        expected["職員ホーム"] = _staff_home_url()
    assert links == expected


def test_anonymous_visitor_is_offered_sign_in_and_sign_up(client):
    parser = account_links(_page(client))

    assert {text: href for text, href, _ in parser.links} == {
        "ログイン": reverse("account_login"),
        "アカウントを作成": reverse("account_signup"),
    }
    assert parser.buttons == []


@pytest.mark.parametrize(
    "make_user",
    [MemberFactory, lambda: UserFactory(is_evaluator=True)],
    ids=["business", "evaluator"],
)
def test_every_signed_in_user_can_sign_out(client, make_user):
    client.force_login(make_user())

    assert account_links(_page(client)).buttons == ["ログアウト"]


def test_office_staff_can_sign_out(client, office_user):
    client.force_login(office_user)

    assert account_links(_page(client)).buttons == ["ログアウト"]


def test_the_current_page_is_marked_in_the_account_menu(client):
    client.force_login(MemberFactory())

    response = client.get(reverse("proposals:dashboard"))

    current = [text for text, _, aria in account_links(response).links if aria == "page"]
    assert current == ["マイページ"]


def test_menu_folds_behind_a_disclosure_and_the_language_switch_stays_outside(client):
    html = _page(client).content.decode()

    toggle = re.search(
        r'<details class="menu-toggle">\s*<summary aria-controls="site-menu">メニュー</summary>'
        r'\s*</details>\s*<div class="site-menu" id="site-menu">(.*?)</div>\s*'
        r'<nav class="language-switch"',
        html,
        re.S,
    )
    assert toggle, "the disclosure, the menus behind it, then the language switch"
    menus = toggle.group(1)
    assert 'class="site-nav"' in menus
    assert 'class="account-nav"' in menus
    assert "language-switch" not in menus


def test_anonymous_home_costs_no_query_for_the_header(client, django_assert_num_queries):
    client.get("/")  # warm the caches (site, content types)

    with django_assert_num_queries(ANONYMOUS_HOME_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


def test_anonymous_home_costs_the_same_without_the_account_menu(
    client, settings, django_assert_num_queries
):
    """The account menu's context processor reads nothing for a visitor."""
    client.get("/")
    with django_assert_num_queries(ANONYMOUS_HOME_QUERIES):
        client.get("/")
    processors = settings.TEMPLATES[0]["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [p for p in processors if not p.endswith("account_menu")],
            },
        }
    ]

    with django_assert_num_queries(ANONYMOUS_HOME_QUERIES):
        client.get("/")

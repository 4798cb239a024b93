"""The header, head links and footer kept per process (mishima_kyoso/templatetags/chrome.py):
what one visitor's page shows never reaches another's, and a kept header is the one the
template writes, with the reader's own page marked, address and CSRF token filled in."""

import re
from urllib.parse import quote

import pytest
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from mishima_kyoso.templatetags import chrome
from municipality.models import CityProfile
from municipality.selectors import forget_city
from tests.factories.accounts import MemberFactory

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def _token_in_header(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _header(html)).group(1)


def test_each_signed_in_visitor_signs_out_with_their_own_csrf_token():
    first, second = Client(), Client()
    first.force_login(MemberFactory())
    second.force_login(MemberFactory())
    url = reverse("accessibility")

    first_html = first.get(url).content.decode()
    second_html = second.get(url).content.decode()

    assert _token_in_header(first_html) != _token_in_header(second_html)
    for client, html in ((first, first_html), (second, second_html)):
        # The token in the form is one the visitor's CSRF cookie accepts: signing out works.
        response = client.post(
            reverse("account_logout"), {"csrfmiddlewaretoken": _token_in_header(html)}
        )
        assert response.status_code == 302


def test_only_the_link_to_the_page_itself_is_marked_current(client):
    client.force_login(MemberFactory())

    results = client.get(reverse("outcomes:results")).content.decode()
    statistics = client.get(reverse("outcomes:statistics")).content.decode()

    assert f'<a href="{reverse("outcomes:results")}" aria-current="page">' in results
    assert f'<a href="{reverse("outcomes:statistics")}" aria-current="page">' in statistics
    assert _header(statistics).count('aria-current="page"') == 1
    assert f'<a href="{reverse("outcomes:results")}">' in statistics


def test_the_language_switch_comes_back_to_the_page_and_its_query(client):
    response = client.get(reverse("outcomes:results") + "?q=<観光>&page=2")
    html = response.content.decode()

    back = quote(response.wsgi_request.get_full_path(), safe="/").replace("&", "&amp;")
    assert back.startswith("/results/%3Fq%3D")
    assert f'&amp;next={back}"' in _header(html)
    assert "\x00" not in html


def test_an_anonymous_page_makes_no_csrf_token(client):
    response = client.get(reverse("outcomes:results"))

    assert "csrftoken" not in response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode().split("</header>")[0]


def test_a_new_city_name_shows_on_the_next_page_in_every_header_and_footer(client):
    forget_city()
    client.get(reverse("accessibility"))  # kept with the current profile
    profile = CityProfile.objects.order_by("pk").first()
    profile.city_name_ja = "架空市"
    profile.save()  # as the admin saves it: the cached profile is dropped

    html = client.get(reverse("accessibility")).content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert "架空市" in html[: html.index("</header>")]
    assert "架空市" in footer
    forget_city()  # the test's rows are rolled back: its cached profile must go too


def test_the_office_header_kept_first_never_reaches_a_business(client, office_user):
    client.force_login(office_user)
    office_html = client.get(reverse("accessibility")).content.decode()
    business = Client()
    business.force_login(MemberFactory())

    business_html = business.get(reverse("accessibility")).content.decode()

    admin = f'href="{reverse("admin:index")}"'
    assert admin in _header(office_html)
    assert admin not in _header(business_html)
    assert f'href="{reverse("proposals:dashboard")}"' in _header(business_html)


def test_a_header_from_the_kept_copy_is_the_first_one_again(rf: RequestFactory):
    chrome._KEPT.clear()
    request = rf.get(reverse("outcomes:results"))
    request.user = MemberFactory()
    engine = engines["django"]
    kept = engine.from_string('{% load chrome %}{% site_chrome "_site_header.html" %}')

    first = kept.render({}, request)
    again = kept.render({}, request)  # from the kept copy

    def without_token(html):  # a CSRF token is masked anew each time it is written
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert without_token(first) == without_token(again)
    assert chrome._KEPT, "the second came from the kept copy"
    assert 'aria-current="page"' in first
    assert "\x00" not in first

"""The cheap renderings of the lists write the HTML Django's own would: the filter controls,
the rows' links and the header's links."""

import pytest
from django.contrib import admin as django_admin
from django.http import QueryDict
from django.template import engines
from django.urls import reverse

from cocreation_list.filters import ThemeFilter
from cocreation_list.models import Theme
from mishima_kyoso.common.admin_lists import LightActionCheckboxMixin
from mishima_kyoso.common.links import id_urls
from mishima_kyoso.templatetags.light_forms import light_widget
from proposals.forms.worklist import WorkListFilter
from proposals.models import Proposal
from tests.factories.proposals import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "q=%22%3Cb%3E&field=nope&department=none&sort=deadline", "state=accepting&sort=bad"],
)
def test_theme_filter_controls_are_djangos_html(query):
    form = ThemeFilter(QueryDict(query), queryset=Theme.objects.all()).form

    for field in form:
        assert light_widget(field) == str(field)


@pytest.mark.parametrize(
    "query", ["", "q=R8-0001&open=on&overdue=on&sort=received", "status=nope&stage=x"]
)
def test_work_list_filter_controls_are_djangos_html(query):
    form = WorkListFilter(QueryDict(query), queryset=Proposal.objects.all(), office=True).form

    for field in form:
        assert light_widget(field) == str(field)


@pytest.mark.parametrize(
    "name",
    [
        "proposals:staff_case",
        "proposals:detail",
        "proposals:edit",
        "proposals:submit",
        "dialogue:thread",
    ],
)
def test_row_links_are_the_reversed_urls(name):
    keys = [1, 42, 2**40]

    assert id_urls(name, keys) == [reverse(name, args=[key]) for key in keys]


def test_header_links_are_the_reversed_urls_and_follow_the_url_configuration(settings):
    template = engines["django"].from_string(
        "{% load links %}{% link 'cocreation_list:theme_list' %}|"
        "{% link 'terms:document' 'privacy' %}|{% link 'no:such' as missing %}[{{ missing }}]"
    )
    assert template.render({}) == (
        f"{reverse('cocreation_list:theme_list')}|{reverse('terms:document', args=['privacy'])}|[]"
    )

    settings.ROOT_URLCONF = "tests.common.urls_elsewhere"

    assert template.render({}).startswith("/elsewhere/themes/|")


def test_admin_action_check_boxes_are_djangos_html():
    class Plain(django_admin.ModelAdmin):
        pass

    class Light(LightActionCheckboxMixin, django_admin.ModelAdmin):
        pass

    case = ProposalFactory(title='<b>"見える化" & 監視</b>')
    site = django_admin.AdminSite()

    light = Light(Proposal, site).action_checkbox(case)
    assert light == Plain(Proposal, site).action_checkbox(case)
    assert "&lt;b&gt;" in light

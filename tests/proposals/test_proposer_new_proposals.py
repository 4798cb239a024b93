"""Starting a proposal: on a theme that accepts proposals or as a free proposal, the entry
points on the public pages, and the refusals that save nothing."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.models import Proposal
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import ThemeFactory, field
from tests.proposals.helpers import FREE_URL, case_url, form_errors

pytestmark = pytest.mark.django_db


def test_proposer_starts_on_an_accepting_theme_with_the_contact_prefilled(signed_in, proposer):
    theme = ThemeFactory()
    url = reverse("proposals:create_theme", args=[theme.number])
    organization = proposer.membership.organization

    page = signed_in.get(url)
    response = signed_in.post(
        url,
        {
            "title": "公共施設予約のオンライン化",
            "outline": "空き状況をオンラインで確認・予約できるようにします。",
            "intent": "consultation",
            "contact_name": "担当 花子",
            "contact_phone": "055-000-0000",
            "contact_email": organization.email,
        },
    )

    assert page.status_code == 200
    assert page.context["form"].initial["contact_email"] == organization.email
    assert page.context["form"].initial["contact_name"] == organization.contact_person
    case = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == case_url("edit", case)
    assert (case.kind, case.theme, case.organization, case.created_by) == (
        Proposal.Kind.THEME,
        theme,
        organization,
        proposer,
    )
    assert case.is_draft


@pytest.mark.parametrize(
    "theme_kwargs",
    [
        {"closed": True},
        {"accepts_until": timezone.localdate() - datetime.timedelta(days=1)},
        {"accepts_from": timezone.localdate() + datetime.timedelta(days=3)},
    ],
    ids=["closed", "past_deadline", "not_yet_open"],
)
def test_proposer_is_refused_on_a_theme_not_accepting_and_nothing_is_saved(signed_in, theme_kwargs):
    theme = ThemeFactory(**theme_kwargs)
    url = reverse("proposals:create_theme", args=[theme.number])

    shown = signed_in.get(url)
    posted = signed_in.post(
        url,
        {
            "title": "案",
            "outline": "概要",
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    for response in (shown, posted):
        assert response.status_code == 200
        assert [t.name for t in response.templates][0] == "proposals/theme_not_accepting.html"
        assert reverse("proposals:create_free") in response.content.decode()
    assert not Proposal.objects.exists()


def test_proposer_gets_404_for_a_draft_or_unknown_theme(signed_in):
    draft_theme = ThemeFactory(draft=True)

    assert (
        signed_in.get(reverse("proposals:create_theme", args=[draft_theme.number])).status_code
        == 404
    )
    assert signed_in.get(reverse("proposals:create_theme", args=[99999])).status_code == 404


def test_theme_that_closes_while_the_form_is_open_refuses_the_draft(signed_in):
    theme = ThemeFactory()
    url = reverse("proposals:create_theme", args=[theme.number])
    signed_in.get(url)
    theme.status = theme.Status.CLOSED
    theme.closed_at = timezone.now()
    theme.save()

    response = signed_in.post(
        url,
        {
            "title": "案",
            "outline": "概要",
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    assert [t.name for t in response.templates][0] == "proposals/theme_not_accepting.html"
    assert not Proposal.objects.exists()


def test_proposer_starts_a_free_proposal_in_a_field_with_a_department_in_mind(signed_in):
    department = DepartmentFactory(name="子育て支援課", code="kosodate")

    shown = signed_in.get(FREE_URL, {"field": "environment"})
    response = signed_in.post(
        FREE_URL,
        {
            "field": field("environment").pk,
            "preferred_department": department.pk,
            "title": "ごみ収集の見える化",
            "outline": "収集車の位置を公開します。",
            "intent": "proposal",
            "contact_name": "担当 花子",
            "contact_email": "contact@biz.example.jp",
        },
    )

    assert shown.context["form"].initial["field"] == field("environment")
    case = Proposal.objects.get()
    assert response.url == case_url("edit", case)
    assert (case.kind, case.field, case.preferred_department, case.intent) == (
        Proposal.Kind.FREE,
        field("environment"),
        department,
        Proposal.Intent.PROPOSAL,
    )


def test_proposer_gets_an_error_by_each_missing_field_and_nothing_is_saved(signed_in):
    response = signed_in.post(FREE_URL, {"title": "  ", "intent": "proposal"})

    assert response.status_code == 200
    assert form_errors(response) == {
        "field": ["required"],
        "title": ["required"],
        "outline": ["required"],
        "contact_name": ["required"],
        "contact_email": ["required"],
    }
    page = response.content.decode()
    assert 'id="id_title_error"' in page
    assert re.search(
        r'<input[^>]*name="title"[^>]*aria-describedby="id_title_helptext id_title_error"', page
    )
    assert not Proposal.objects.exists()


def test_proposer_gets_an_error_for_a_20000_character_outline_and_nothing_is_saved(signed_in):
    response = signed_in.post(
        FREE_URL,
        {
            "field": field().pk,
            "title": "長すぎる概要",
            "outline": "あ" * 20000,
            "intent": "consultation",
            "contact_name": "担当",
            "contact_email": "a@b.example.jp",
        },
    )

    assert form_errors(response) == {"outline": ["max_length"]}
    assert not Proposal.objects.exists()


# Entry points on the public pages ------------------------------------------------------------


def test_theme_page_links_to_a_new_proposal_on_the_theme(client):
    theme = ThemeFactory()

    page = client.get(theme.get_absolute_url()).content.decode()

    assert f'href="{reverse("proposals:create_theme", args=[theme.number])}"' in page


def test_free_proposal_page_links_to_a_new_free_proposal(client):
    page = client.get(reverse("free_proposal")).content.decode()

    assert f'href="{FREE_URL}"' in page

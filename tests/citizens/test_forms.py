"""Sending without an account: the honeypot, the signed timestamp and the limit per address
refuse spam, and a refusal saves nothing (citizens/antispam.py)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from citizens import antispam, services
from citizens.models import IssueSuggestion, Moderation, ServiceFeedback
from proposals.models import Proposal
from proposals.workflow import A, transition
from tests.scenarios import VALID, case_at, published

from .data import feedback_form, running_service, suggestion_form

pytestmark = pytest.mark.django_db
SUGGEST = reverse("citizens:suggest")


def refusal_codes(response) -> list[str]:
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def test_citizen_suggests_an_issue_without_an_account_and_it_waits_for_moderation(client):
    shown = client.get(SUGGEST)
    response = client.post(SUGGEST, suggestion_form(title="ＡＢＣ通りの街灯 "))

    assert shown.status_code == 200
    assert 'class="trap-field"' in shown.content.decode()
    assert response.status_code == 302
    assert response["Location"] == reverse("citizens:suggestions")
    saved = IssueSuggestion.objects.get()
    assert (saved.title, saved.status) == ("ABC通りの街灯", Moderation.PENDING)
    assert saved.email == "secret-citizen@example.jp"


def test_a_filled_honeypot_is_refused_and_nothing_is_saved(client):
    response = client.post(SUGGEST, suggestion_form(website="http://spam.example.com"))

    assert response.status_code == 200
    assert refusal_codes(response) == ["honeypot"]
    assert not IssueSuggestion.objects.exists()


def test_a_form_sent_back_too_fast_is_refused_and_nothing_is_saved(client):
    response = client.post(SUGGEST, suggestion_form(issued=antispam.issue_token()))

    assert response.status_code == 200
    assert refusal_codes(response) == ["too_fast"]
    assert not IssueSuggestion.objects.exists()
    # The form shown again carries a fresh token, and what the person wrote.
    assert response.context["form"].data["issued"] != suggestion_form()["issued"]
    assert "源兵衛川の遊歩道に日陰がほしい" in response.content.decode()


def test_a_form_shown_hours_ago_is_refused(client):
    stale = antispam.issue_token(at=time.time() - antispam.MAX_SECONDS - 60)

    response = client.post(SUGGEST, suggestion_form(issued=stale))

    assert refusal_codes(response) == ["expired"]
    assert not IssueSuggestion.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", '{"at": 0}'])
def test_a_missing_or_forged_timestamp_is_refused(client, token):
    response = client.post(SUGGEST, suggestion_form(issued=token))

    assert refusal_codes(response) == ["bad_token"]
    assert not IssueSuggestion.objects.exists()


def test_bad_input_is_shown_by_its_field_and_nothing_is_saved(client):
    response = client.post(SUGGEST, suggestion_form(title="", email="not-an-address"))

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["title"]] == ["required"]
    assert [error.code for error in errors["email"]] == ["invalid"]
    assert not IssueSuggestion.objects.exists()


def test_sendings_are_limited_per_address_across_requests_and_clients(settings):
    settings.KYOSO_CITIZENS_RATE_LIMIT = "2/m/ip"
    first, second = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.7")

    answers = [first.post(SUGGEST, suggestion_form()).status_code for _ in range(2)]
    refused = second.post(SUGGEST, suggestion_form())
    elsewhere = Client(REMOTE_ADDR="198.51.100.9").post(SUGGEST, suggestion_form())

    assert answers == [302, 302]
    assert refused.status_code == 429
    assert elsewhere.status_code == 302
    assert IssueSuggestion.objects.count() == 3
    assert first.get(SUGGEST).status_code == 200  # reading the form is not counted


def test_refused_sendings_count_towards_the_limit(settings, client):
    settings.KYOSO_CITIZENS_RATE_LIMIT = "2/m/ip"
    for _ in range(2):
        client.post(SUGGEST, suggestion_form(website="spam"))

    assert client.post(SUGGEST, suggestion_form()).status_code == 429
    assert not IssueSuggestion.objects.exists()


def test_citizen_gives_feedback_on_a_service_in_operation(client, office_user):
    publication, agreement = running_service(office=office_user)
    url = reverse("citizens:feedback", args=[publication.pk])

    shown = client.get(url)
    response = client.post(url, feedback_form())

    assert shown.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == reverse("outcomes:result", args=[publication.pk])
    saved = ServiceFeedback.objects.get()
    assert (saved.agreement, saved.rating, saved.status) == (agreement, 4, Moderation.PENDING)


def test_feedback_honeypot_and_haste_are_refused_and_nothing_is_saved(client, office_user):
    publication, _agreement = running_service(office=office_user)
    url = reverse("citizens:feedback", args=[publication.pk])

    trapped = client.post(url, feedback_form(website="x"))
    hasty = client.post(url, feedback_form(issued=antispam.issue_token()))

    assert refusal_codes(trapped) == ["honeypot"]
    assert refusal_codes(hasty) == ["too_fast"]
    assert not ServiceFeedback.objects.exists()


def test_no_feedback_form_for_a_decision_whose_service_is_not_running(client, office_user):
    adopted = published(case_at(Proposal.Status.ADOPTED, office=office_user), office=office_user)

    response = client.get(reverse("citizens:feedback", args=[adopted.pk]))
    result = client.get(reverse("outcomes:result", args=[adopted.pk]))

    assert response.status_code == 404
    assert reverse("citizens:feedback", args=[adopted.pk]) not in result.content.decode()


def test_feedback_is_refused_once_the_service_is_completed(client, office_user):
    publication, agreement = running_service(office=office_user)
    transition(agreement.proposal, A.COMPLETE, by=office_user, **VALID[A.COMPLETE])

    with pytest.raises(services.ValidationError) as refusal:
        services.submit_feedback(agreement=agreement, body="よかった", respondent="user")

    assert refusal.value.code == "not_operating"
    assert not ServiceFeedback.objects.exists()
    assert client.get(reverse("citizens:feedback", args=[publication.pk])).status_code == 404

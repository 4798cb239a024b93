"""/api/v1/soundings: the published soundings only; the results name only who agreed."""

import json

import pytest
from django.core.cache import cache

from tests.factories.soundings import RegistrationFactory, SoundingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    settings.KYOSO_API_RATE_LIMIT = "1000/m/ip"
    cache.clear()
    yield
    cache.clear()


def _get(client, path, **params):
    response = client.get(path, params)
    return response.status_code, json.loads(response.content.decode("utf-8"))


def test_the_api_lists_published_soundings_and_names_only_consenting_participants(client):
    summarised = SoundingFactory(summarised=True)
    RegistrationFactory(
        sounding=summarised,
        organization__name="株式会社公開可",
        agrees_to_be_named=True,
        written_answers="SECRET-ANSWER",
    )
    RegistrationFactory(sounding=summarised, organization__name="株式会社非公開")
    SoundingFactory(title="下書きのサウンディング", draft=True)

    status, body = _get(client, "/api/v1/soundings")

    assert status == 200
    assert [row["number"] for row in body["results"]] == [summarised.number]
    assert body["results"][0]["participants"] == ["株式会社公開可"]
    text = json.dumps(body, ensure_ascii=False)
    assert "株式会社非公開" not in text and "SECRET-ANSWER" not in text


def test_the_api_shows_no_participant_before_the_results(client, registration):
    registration.agrees_to_be_named = True
    registration.save()

    status, body = _get(client, f"/api/v1/soundings/{registration.sounding.number}")

    assert status == 200
    assert (body["participants"], body["summary"]) == ([], "")
    assert len(body["slots"]) == 2


def test_the_api_answers_404_for_a_draft(client):
    draft = SoundingFactory(draft=True)

    status, _body = _get(client, f"/api/v1/soundings/{draft.number}")

    assert status == 404


@pytest.mark.parametrize("count", [1, 20])
def test_the_api_list_in_constant_queries(client, count, django_assert_num_queries):
    for _n in range(count):
        RegistrationFactory(sounding=SoundingFactory(summarised=True), agrees_to_be_named=True)
    client.get("/api/v1/soundings")
    cache.clear()

    with django_assert_num_queries(4):  # count, rows, slots, named registrations
        client.get("/api/v1/soundings", {"limit": 100})

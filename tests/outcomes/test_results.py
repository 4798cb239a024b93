"""The public results: /results/, /results/<pk>/, /results.csv and /results.json.

Only what the city published: the snapshot's public fields, the proposer's name and outline
when disclosed, a selection's totals named or as A, B, C…, the indicator results marked public.
"""

import csv
import io
import json

import pytest
from django.urls import reverse

from proposals.workflow import A
from tests.scenarios import VALID, adopted_and_published, case_at, decided_selection, published

from .data import (
    PUBLIC_REASON,
    SECRET_FILE,
    SECRET_ORGANIZATION,
    SECRET_OUTLINE,
    SECRET_REASON,
    SECRETS,
    S,
    confidential_case,
    monitored,
)

pytestmark = pytest.mark.django_db

RESULTS = reverse("outcomes:results")
CSV = reverse("outcomes:results_csv")
JSON = reverse("outcomes:results_json")
NEVER_PUBLIC = (
    *SECRETS.values(),
    SECRET_FILE,
    SECRET_REASON,
    "SECRET-GOAL",
    "SECRET-REPORT",
    "SECRET-ASSESSMENT",
    "SECRET-NOTE",
)


def _public_texts(client, publication):
    return {
        url: client.get(url).content.decode("utf-8-sig")
        for url in (RESULTS, publication.get_absolute_url(), CSV, JSON)
    }


def test_visitor_sees_the_public_fields_and_nothing_confidential(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    monitored(case, office=office_user)

    for url, text in _public_texts(client, publication).items():
        assert case.title in text, url
        assert PUBLIC_REASON in text, url
        for secret in NEVER_PUBLIC:
            assert secret not in text, (url, secret)
        # 原則3: not disclosed, so neither the proposer's name nor the outline.
        assert SECRET_ORGANIZATION not in text, url
        assert SECRET_OUTLINE not in text, url


def test_visitor_sees_the_proposer_name_and_outline_only_when_disclosed(client, office_user):
    case = confidential_case(office=office_user, consent=True)
    publication = published(case, office=office_user, discloses_proposer=True)

    for url, text in _public_texts(client, publication).items():
        assert SECRET_ORGANIZATION in text, url
        assert SECRET_OUTLINE in text, url
        for secret in NEVER_PUBLIC:
            assert secret not in text, (url, secret)


def test_visitor_does_not_see_an_unpublished_decision(client, office_user):
    shown = published(confidential_case(office=office_user), office=office_user)
    hidden = case_at(S.ADOPTED, office=office_user, title="未公表の採択案件")

    texts = _public_texts(client, shown)

    for url, text in texts.items():
        assert hidden.title not in text, url
    assert client.get(reverse("outcomes:result", args=[shown.pk + 1000])).status_code == 404


def test_visitor_sees_a_withdrawn_publication_no_more(client, office_user):
    from outcomes.services import withdraw_publication

    publication = published(confidential_case(office=office_user), office=office_user)
    url = publication.get_absolute_url()
    withdraw_publication(publication=publication, by=office_user)

    assert client.get(url).status_code == 404
    assert publication.title not in client.get(RESULTS).content.decode()


def test_visitor_sees_a_selection_anonymised_as_a_b_c(client, office_user):
    round, original, step = decided_selection(office=office_user, select="B")
    from outcomes.services import publish_decision

    publication = publish_decision(transition=step, by=office_user, discloses_proposer=False)
    page = client.get(publication.get_absolute_url())
    html = page.content.decode()

    assert [(c["label"], c["name"], c["total"]) for c in page.context["candidates"]] == [
        ("B", "", "64.75"),
        ("A", "", "64.25"),
        ("C", "", "50.75"),
    ]
    assert "64.75" in html and "50.75" in html
    assert "株式会社C" not in html
    assert original.organization.name not in html
    assert "株式会社B" in html  # the selected business is public
    candidates = client.get(JSON).json()["results"][0]["candidates"]
    assert [c["name"] for c in candidates] == ["", "", ""]


def test_visitor_sees_the_candidates_named_when_the_city_chose_so(client, office_user):
    round, original, step = decided_selection(office=office_user, select="B")
    from outcomes.services import publish_decision

    publication = publish_decision(
        transition=step, by=office_user, discloses_proposer=False, shows_candidate_names=True
    )
    html = client.get(publication.get_absolute_url()).content.decode()

    assert "株式会社C" in html
    assert original.organization.name in html  # named as a candidate, by the city's choice
    assert "SECRET" not in html


def test_visitor_sees_only_the_indicator_results_the_city_published(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    monitored(case, office=office_user, public=True, value="1234")
    other_case = case_at(S.ADOPTED, office=office_user)
    monitored(other_case, office=office_user, public=False, value="9876")
    published(other_case, office=office_user)

    shown = client.get(publication.get_absolute_url())
    hidden = client.get(other_case.publications.get().get_absolute_url())

    assert [r.value for r in shown.context["indicator_results"]] == ["1234"]
    assert "オンライン予約件数" in shown.content.decode()
    assert "1000" in shown.content.decode()  # the target
    assert hidden.context["indicator_results"] == []
    assert "9876" not in hidden.content.decode()


def test_visitor_filters_the_results_by_decision(client, office_user):
    adopted = published(confidential_case(office=office_user), office=office_user)
    refused = case_at(S.PLANNING, office=office_user)
    from proposals.workflow import transition

    transition(refused, A.NOT_ADOPT, by=office_user, **VALID[A.NOT_ADOPT])
    not_adopted = published(
        refused, office=office_user, step=A.NOT_ADOPT, title="公共施設の分野のご提案"
    )

    response = client.get(RESULTS, {"decision": A.NOT_ADOPT})

    assert [row["publication"] for row in response.context["rows"]] == [not_adopted]
    assert [r["id"] for r in client.get(JSON, {"decision": A.ADOPT}).json()["results"]] == [
        adopted.pk
    ]


def test_visitor_filters_the_results_by_fiscal_year_and_field(client, office_user):
    from django.utils import timezone

    from proposals.fiscal import fiscal_year

    publication = published(confidential_case(office=office_user), office=office_user)
    year = fiscal_year(timezone.localdate())
    field = publication.proposal.theme.fields.get()

    assert client.get(RESULTS, {"year": year}).context["result_count"] == 1
    assert client.get(RESULTS, {"field": field.code}).context["result_count"] == 1
    assert client.get(RESULTS, {"field": "welfare"}).context["result_count"] == 0


def test_results_csv_opens_in_excel_and_neutralises_formulas(client, office_user):
    case = confidential_case(office=office_user, consent=True, title='=HYPERLINK("x")')
    published(case, office=office_user, discloses_proposer=True)

    response = client.get(CSV)
    raw = response.content

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="results.csv"'
    assert raw.startswith("\ufeff".encode())
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1
    assert rows[0]["title"] == '\'=HYPERLINK("x")'
    assert rows[0]["decision"] == "adopt"
    assert rows[0]["proposer_name"] == SECRET_ORGANIZATION


def test_results_json_parses_with_iso_dates(client, office_user):
    from django.utils import timezone

    publication = published(confidential_case(office=office_user), office=office_user)

    data = json.loads(client.get(JSON).content)

    assert data["count"] == 1
    record = data["results"][0]
    assert record["id"] == publication.pk
    assert record["decision"] == "adopt"
    assert record["decided_on"] == timezone.localdate(publication.decided_at).isoformat()
    assert record["published_at"][:4].isdigit() and "T" in record["published_at"]
    assert record["proposer_name"] == "" and record["outline"] == ""
    assert record["url"].endswith(publication.get_absolute_url())


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_the_results_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    adopted_and_published(office=office_user, count=count)
    client.get(RESULTS)

    with django_assert_num_queries(4):
        response = client.get(RESULTS, {"decision": A.ADOPT})

    assert response.context["result_count"] == count


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_a_result_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    for _ in range(count):
        monitored(case, office=office_user)
    client.get(publication.get_absolute_url())

    # the decision, the case's timeline, the indicators, the running service (citizens' link)
    with django_assert_num_queries(4):
        response = client.get(publication.get_absolute_url())

    assert len(response.context["indicator_results"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_open_data_takes_constant_queries(client, office_user, count, django_assert_num_queries):
    adopted_and_published(office=office_user, count=count)

    with django_assert_num_queries(2):
        client.get(CSV)
    with django_assert_num_queries(2):
        assert client.get(JSON).json()["count"] == count

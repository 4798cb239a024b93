"""A crawler over the whole API (DESIGN §5): every endpoint the OpenAPI document lists, every
filter value it documents, every page and every object the lists name, and the numbers of
what is not public; no answer carries anything of a confidential case, a draft theme or call,
an unpublished decision or an evaluator. Modelled on tests/test_leak_crawler.py: a positive
control (the public text is found) and a test that the checker catches a planted leak."""

import json
import re

import pytest
from django.test import Client

from evaluation.models import EvaluatorAssignment
from outcomes.services import publish_decision
from tests.factories.cocreation_list import ThemeFactory
from tests.outcomes.data import (
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
from tests.scenarios import case_at, decided_selection, draft_call, published, published_call

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
DRAFT_THEME = "LEAK-DRAFT-THEME-下書きテーマ"
DRAFT_CALL = "LEAK-DRAFT-CALL-下書き公募"
UNPUBLISHED = "LEAK-UNPUBLISHED-未公表の採択"


def _world(office):
    """A published decision and a published call on confidential cases, a decided selection
    published anonymised, and what must stay hidden: drafts, an unpublished decision, the
    evaluators. Returns (the strings no answer may carry, the public strings to find)."""
    case = confidential_case(office=office)
    published(case, office=office)
    monitored(case, office=office, public=False)
    call = published_call(office=office, case=confidential_case(office=office))
    ThemeFactory(draft=True, title=DRAFT_THEME, background=DRAFT_THEME)
    draft_call(office=office, title=DRAFT_CALL, summary=DRAFT_CALL)
    case_at(S.ADOPTED, office=office, title=UNPUBLISHED)
    round, original, step = decided_selection(office=office)
    publish_decision(transition=step, by=office, discloses_proposer=False)
    evaluators = [
        assignment.evaluator
        for assignment in EvaluatorAssignment.objects.filter(round=round).select_related(
            "evaluator"
        )
    ]
    never = {
        *SECRETS.values(),
        SECRET_FILE,
        SECRET_REASON,
        SECRET_ORGANIZATION,
        SECRET_OUTLINE,
        "SECRET-GOAL",
        "SECRET-REPORT",
        "SECRET-ASSESSMENT",
        "SECRET-NOTE",
        DRAFT_THEME,
        DRAFT_CALL,
        UNPUBLISHED,
        original.organization.name,  # a candidate, not named by the city
        *(evaluator.email for evaluator in evaluators),
        *(evaluator.full_name for evaluator in evaluators if evaluator.full_name),
    }
    return never, {case.title, PUBLIC_REASON, call.title}


def leaks(text: str, never) -> list[str]:
    return sorted(secret for secret in never if secret in text)


def _requests(document) -> list[tuple[str, dict]]:
    """Each list endpoint plainly and with every enum value of each of its parameters."""
    found = []
    for path, operations in document["paths"].items():
        if "{" in path:
            continue
        found.append((path, {"limit": 100}))
        for parameter in operations["get"].get("parameters", []):
            for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                for value in option.get("enum", []):
                    found.append((path, {"limit": 100, parameter["name"]: value}))
    return found


def crawl(client) -> dict[str, str]:
    """Every answer of the API, by URL: lists (each page), then each object they name and the
    numbers around them (a draft's number is one of them)."""
    texts = {OPENAPI: client.get(OPENAPI).content.decode()}
    document = json.loads(texts[OPENAPI])
    detail_paths = [path for path in document["paths"] if "{" in path]
    seen_ids: set[int] = set()
    for path, params in _requests(document):
        url = path
        while url:
            response = client.get(url, params)
            params = None  # the next links carry them
            text = response.content.decode()
            texts[response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]] = text
            body = json.loads(text)
            url = body.get("next") if response.status_code == 200 else None
            for row in body.get("results", []) if isinstance(body, dict) else []:
                seen_ids.update(v for k, v in row.items() if k in ("number", "id"))
    guesses = seen_ids | set(range(1, max(seen_ids, default=0) + 10))
    for path in detail_paths:
        for number in sorted(guesses):
            url = re.sub(r"\{\w+\}", str(number), path)
            texts[url] = client.get(url).content.decode()
    return texts


def test_no_api_answer_carries_anything_not_public(office_user):
    never, public = _world(office_user)
    client = Client()

    texts = crawl(client)

    found = {url: leaks(text, never) for url, text in texts.items()}
    assert {url: hit for url, hit in found.items() if hit} == {}
    everything = "\n".join(texts.values())
    for text in public:  # positive control: the crawler reached the public data
        assert text in everything, text
    assert len(texts) > 30


def test_the_checker_catches_a_planted_leak(office_user):
    never, _public = _world(office_user)

    planted = json.dumps({"title": f"公開 {SECRETS['know_how']}"}, ensure_ascii=False)

    assert leaks(planted, never) == [SECRETS["know_how"]]

"""Private URLs use opaque identifiers (issue 12, item 7): a business cannot count the cases,
files or rounds by their numbers, nor try its neighbours'."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from mishima_kyoso.common.ids import TOKEN_LENGTH, decode_id, encode_id
from tests.factories.proposals import ProposalFactory, attach

PRIVATE_APPS = ("proposals", "dialogue", "evaluation", "partnership", "outcomes")
# Public pages keep their public numbers: theme numbers, call numbers, published results.
PUBLIC_NUMBERS = {
    "proposals:create_theme",
    "proposals:create_application",
    "proposals:version",  # the version's number within its case, not a row's key
    "outcomes:result",
    "outcomes:call",
    "proposals:call_question",  # a published open call's public number, as outcomes:call
}


def test_a_token_decodes_back_to_its_key():
    for value in (1, 2, 41, 10**6, 2**63):
        token = encode_id(value)
        assert len(token) == TOKEN_LENGTH
        assert decode_id(token) == value


def test_neighbouring_keys_give_unrelated_tokens():
    first, second = encode_id(41), encode_id(42)

    assert sum(a == b for a, b in zip(first, second, strict=True)) < TOKEN_LENGTH // 2
    assert not re.search(r"41|42", first + second)


def test_a_token_depends_on_the_installations_secret_key(settings):
    before = encode_id(42)
    settings.SECRET_KEY = "another-installation-" + "x" * 40

    assert encode_id(42) != before
    with pytest.raises(ValueError):
        decode_id(before)


@pytest.mark.parametrize(
    "garbage", ["", "42", "A" * TOKEN_LENGTH, "!" * TOKEN_LENGTH, encode_id(42)[:-1] + "~"]
)
def test_garbage_is_not_an_identifier(garbage):
    with pytest.raises(ValueError):
        decode_id(garbage)


def test_a_tampered_token_is_refused():
    token = encode_id(42)
    flipped = token[:5] + ("B" if token[5] != "B" else "C") + token[6:]

    with pytest.raises(ValueError):
        decode_id(flipped)


def _patterns():
    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in PRIVATE_APPS:
                yield f"{namespace}:{pattern.name}", pattern

    yield from walk(get_resolver().url_patterns, None)


def test_no_private_url_of_the_portals_case_apps_takes_a_sequential_number():
    sequential = [
        name
        for name, pattern in _patterns()
        if name not in PUBLIC_NUMBERS
        and any(type(c).__name__ == "IntConverter" for c in pattern.pattern.converters.values())
    ]

    assert sequential == []


@pytest.mark.django_db
def test_the_proposers_pages_carry_no_sequential_number(client):
    case = ProposalFactory()
    stored = attach(case)
    client.force_login(case.created_by)

    detail = reverse("proposals:detail", args=[case.pk])
    page = client.get(detail)

    assert page.status_code == 200
    assert f"/proposals/{case.pk}/" not in page.content.decode()
    assert detail == f"/proposals/{encode_id(case.pk)}/"
    download = reverse("proposals:attachment", args=[case.pk, stored.pk])
    assert client.get(download).status_code == 200


@pytest.mark.django_db
def test_the_old_numbered_url_and_a_made_up_token_answer_404(client):
    case = ProposalFactory()
    client.force_login(case.created_by)

    assert client.get(f"/proposals/{case.pk}/").status_code == 404
    assert client.get(f"/proposals/{'A' * TOKEN_LENGTH}/").status_code == 404
    assert client.get(f"/proposals/{encode_id(case.pk + 1000)}/").status_code == 404

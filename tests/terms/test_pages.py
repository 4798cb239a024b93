"""The public pages of the terms: the version in force for everyone, earlier versions by number,
linked from every page's footer; a constant number of queries however many versions exist."""

import pytest
from django.urls import reverse

from terms.models import Kind
from tests.factories.accounts import DepartmentFactory, OfficeUserFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.terms import TermsVersionFactory
from tests.proposals.helpers import people
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "proposer_member",
        "other_member",
        "assigned_department",
        "unassigned_department",
        "evaluator",
        "office",
    ],
)
def test_everyone_reads_the_terms_in_force_and_finds_them_in_the_footer(client, role):
    department = DepartmentFactory()
    case = case_at("received", office=OfficeUserFactory(), departments=[department])
    user = {**people(case, department), "evaluator": EvaluatorFactory()}[role]
    if user is not None:
        client.force_login(user)

    response = client.get(reverse("terms:document", args=[Kind.PROPOSAL_TERMS]))
    home = client.get(reverse("home")).content.decode()

    page = response.content.decode()
    assert response.status_code == 200
    assert "提案に要する費用" in page and "採用の義務" in page
    assert f'href="{reverse("terms:document", args=[Kind.PROPOSAL_TERMS])}"' in home
    assert f'href="{reverse("terms:document", args=[Kind.PRIVACY])}"' in home


def test_a_new_version_replaces_the_old_one_which_stays_readable_by_its_number(client):
    revised = TermsVersionFactory(kind=Kind.PRIVACY, title="個人情報の取扱いについて（改定）")

    current = client.get(reverse("terms:document", args=[Kind.PRIVACY]))
    earlier = client.get(reverse("terms:version", args=[Kind.PRIVACY, 1]))

    assert current.context["document"] == revised
    assert earlier.status_code == 200 and earlier.context["document"].version == 1
    assert not earlier.context["is_current"]
    assert reverse("terms:version", args=[Kind.PRIVACY, 1]) in current.content.decode()


@pytest.mark.parametrize("path", ["/terms/unknown/", "/terms/privacy/99/"])
def test_an_unknown_document_or_version_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("versions", [0, 5])
def test_terms_page_takes_the_same_queries_however_many_versions_exist(
    client, versions, django_assert_num_queries
):
    for _ in range(versions):
        TermsVersionFactory(kind=Kind.PLEDGE, title="誓約事項")
    url = reverse("terms:document", args=[Kind.PLEDGE])
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.context["document"].version == versions + 1

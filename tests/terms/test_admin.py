"""The office publishes a new version in the admin (a new row, the next number) and reads the
acceptances; nobody changes a published version there; department staff do not enter."""

import pytest
from django.urls import reverse

from terms.models import Acceptance, Kind, TermsVersion
from tests.factories.accounts import DepartmentUserFactory
from tests.factories.proposals import ProposalFactory
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


def test_office_publishes_a_new_version_and_the_first_one_stays_as_it_was(client, office_user):
    first = TermsVersion.objects.get(kind=Kind.PROPOSAL_TERMS, version=1)
    client.force_login(office_user)

    response = client.post(
        reverse("admin:terms_termsversion_add"),
        {
            "kind": Kind.PROPOSAL_TERMS,
            "title": "三島市民間提案制度 提案規約",
            "body": "第2版の本文です。",
            "effective_on": "2026-04-01",
        },
    )

    assert response.status_code == 302
    added = TermsVersion.objects.get(kind=Kind.PROPOSAL_TERMS, version=2)
    assert (added.body, added.created_by) == ("第2版の本文です。", office_user)
    assert TermsVersion.objects.get(pk=first.pk).body == first.body
    change = client.get(reverse("admin:terms_termsversion_change", args=[first.pk]))
    assert change.status_code == 200 and 'name="body"' not in change.content.decode()


def test_office_reads_the_acceptances_of_a_case_and_department_staff_do_not(client, office_user):
    case = submit(ProposalFactory(complete=True))
    url = reverse("admin:terms_acceptance_changelist") + f"?q={case.reference}"

    client.force_login(office_user)
    listed = client.get(url)
    client.force_login(DepartmentUserFactory())
    refused = client.get(url)

    assert listed.status_code == 200
    assert set(listed.context["cl"].result_list) == set(Acceptance.objects.filter(proposal=case))
    assert listed.context["cl"].result_count == 3
    assert refused.status_code in (302, 403)

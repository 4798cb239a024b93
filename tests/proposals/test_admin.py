"""The office reads cases in the admin; it does not change a business's content there."""

import pytest
from django.urls import reverse

from tests.factories.proposals import ProposalFactory, attach
from tests.scenarios import submit

pytestmark = pytest.mark.django_db


def test_office_reads_a_case_and_downloads_its_file_through_the_checked_view(client, office_user):
    case = ProposalFactory(complete=True)
    stored = attach(case, name="提案概要.pdf")
    submit(case)
    client.force_login(office_user)

    listed = client.get(reverse("admin:proposals_proposal_changelist"))
    page = client.get(reverse("admin:proposals_proposal_change", args=[case.pk]))

    assert listed.status_code == 200 and case.title in listed.content.decode()
    assert page.status_code == 200
    content = page.content.decode()
    assert f'href="{stored.get_absolute_url()}"' in content
    assert stored.file.name not in content  # the storage path never appears
    assert 'name="title"' not in content  # read-only: no input for the content


def test_office_cannot_add_or_delete_a_case_in_the_admin(client, office_user):
    case = ProposalFactory()
    client.force_login(office_user)

    assert client.get(reverse("admin:proposals_proposal_add")).status_code == 403
    assert client.get(reverse("admin:proposals_proposal_delete", args=[case.pk])).status_code == 403

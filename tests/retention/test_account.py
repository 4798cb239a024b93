"""A proposer's own export (everything their organisation submitted, as one ZIP) and closing
their account (退会): no sign-in, personal data removed, the cases kept for the retention rule."""

import io
import zipfile

import pytest
from django.urls import reverse

from accounts.models import Membership
from proposals.models import Proposal
from tests.disclosure.roles import answer_of, people_around
from tests.factories.accounts import PASSWORD
from tests.factories.dialogue import send
from tests.factories.proposals import ProposalFactory, attach, pdf_bytes
from tests.scenarios import case_at, submitted_case

pytestmark = pytest.mark.django_db
S = Proposal.Status


def exported(client, user) -> dict[str, bytes]:
    client.force_login(user)
    response = client.post(reverse("retention:export_download"))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_holds_exactly_the_organisations_submitted_cases_and_their_files_byte_equal(
    client, office_user
):
    mine = case_at(S.CONSULTING, office=office_user)
    member = mine.created_by
    second = submitted_case(organization=mine.organization)
    attach(mine, name="計画書.pdf", content=pdf_bytes("MINE-PLAN"))
    draft = ProposalFactory(organization=mine.organization, title="社内検討中の下書き")
    others = submitted_case()
    send(mine, by=office_user, body="市からの質問です。")
    send(mine, by=office_user, body="内部メモ：評価は高い", internal=True)

    archive = exported(client, member)

    folders = {name.split("/")[0] for name in archive}
    assert folders == {mine.reference, second.reference}
    assert draft.reference is None and others.reference not in folders
    assert archive[f"{mine.reference}/files/01_計画書.pdf"] == pdf_bytes("MINE-PLAN")
    dialogue = archive[f"{mine.reference}/dialogue.txt"].decode()
    assert "市からの質問です。" in dialogue
    assert "内部メモ" not in dialogue


def test_closing_an_account_stops_sign_in_removes_personal_data_and_keeps_the_cases(
    client, office_user
):
    case = case_at(S.CONSULTING, office=office_user)
    member = case.created_by
    email = member.email
    client.force_login(member)

    wrong = client.post(reverse("retention:close"), {"password": "not-the-password"})
    assert wrong.status_code == 200
    member.refresh_from_db()
    assert member.is_active

    client.post(reverse("retention:close"), {"password": PASSWORD})

    member.refresh_from_db()
    assert (member.is_active, member.full_name, member.has_usable_password()) == (False, "", False)
    assert email not in member.email
    assert not Membership.objects.filter(user=member).exists()
    assert not client.login(email=email, password=PASSWORD)
    assert Proposal.objects.filter(pk=case.pk, organization=case.organization).exists()


def test_the_export_and_close_pages_are_a_signed_in_members_own(
    client, office_user, department_user
):
    case = case_at(S.CONSULTING, office=office_user, departments=[department_user.department])
    people = people_around(case, office=office_user, department_user=department_user)
    for role, user in people.items():
        status = answer_of(client, user, reverse("retention:export")).status_code
        expected = 200 if role in ("proposer", "other_business") else 302
        assert status == expected, role
        status = answer_of(client, user, reverse("retention:close")).status_code
        assert status == (302 if role == "anonymous" else 200), role


def test_the_export_reads_in_constant_queries_however_many_cases(client, office_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = case_at(S.CONSULTING, office=office_user)
    member = first.created_by
    exported(client, member)
    with CaptureQueriesContext(connection) as few:
        exported(client, member)
    for _ in range(3):
        case = submitted_case(organization=first.organization)
        attach(case)
        send(case, by=office_user, body="ご連絡")

    with CaptureQueriesContext(connection) as many:
        archive = exported(client, member)

    assert len({name.split("/")[0] for name in archive}) == 4
    assert len(many) == len(few)

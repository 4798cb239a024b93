"""Applications to an open call: the intake of proposals, without the adopted case's content."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from proposals.models import Proposal
from proposals.services import create_application
from proposals.workflow import A, transition
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import attach
from tests.factories.terms import APPLICATION, submit_data
from tests.scenarios import TODAY, adopted_case, application, call_fields, published_call

pytestmark = pytest.mark.django_db
S = Proposal.Status
START = {
    "title": "応募タイトル",
    "outline": "応募の概要です。",
    "contact_name": "応募 太郎",
    "contact_email": "apply@biz.example.jp",
}


def test_business_applies_and_its_application_is_selecting_with_a_reference_and_receipt(
    office_user, mailoutbox, run_jobs
):
    call = published_call(office=office_user)

    case = application(call)
    run_jobs()

    assert case.kind == Proposal.Kind.APPLICATION
    assert case.status == S.SELECTING
    assert case.reference
    assert case.intent == Proposal.Intent.PROPOSAL
    assert case.open_call == call
    assert any(case.reference in mail.subject for mail in mailoutbox)


def test_application_takes_the_field_of_the_adopted_case_or_its_theme(office_user):
    call = published_call(office=office_user)

    case = application(call)

    assert case.field == call.proposal.theme.fields.order_by("sort_order", "pk").first()


def test_original_proposer_is_refused_an_application(office_user):
    call = published_call(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        create_application(call=call, by=call.proposal.created_by, **START)

    assert refusal.value.code == "original_proposer"
    assert not call.applications.exists()


def test_an_organisation_applies_once(office_user):
    call = published_call(office=office_user)
    first = application(call)

    with pytest.raises(ValidationError) as refusal:
        create_application(call=call, by=first.created_by, **START)

    assert refusal.value.code == "already_applied"
    assert call.applications.count() == 1


def test_a_call_not_accepting_refuses_applications(office_user):
    case = adopted_case(office=office_user)
    call = published_call(
        office=office_user,
        case=case,
        starts_on=TODAY() + datetime.timedelta(days=3),
        ends_on=TODAY() + datetime.timedelta(days=10),
    )

    with pytest.raises(ValidationError) as refusal:
        create_application(call=call, by=MemberFactory(), **START)

    assert refusal.value.code == "call_closed"
    assert not call.applications.exists()


def test_business_starts_an_application_on_the_apply_page(client, office_user):
    call = published_call(office=office_user)
    member = MemberFactory()
    client.force_login(member)
    url = reverse("proposals:create_application", args=[call.number])

    assert client.get(url).status_code == 200
    response = client.post(url, {**START, "title": "<b>応募</b>😀"})

    case = Proposal.objects.get(open_call=call)
    assert response.status_code == 302
    assert case.organization == member.membership.organization
    assert case.status == S.DRAFT
    edit = client.get(reverse("proposals:edit", args=[case.pk]))
    assert "intent" not in edit.context["form"].fields


@pytest.mark.parametrize("who", ["original_proposer", "already_applied"])
def test_apply_page_refuses_with_a_message_and_creates_nothing(client, office_user, who):
    call = published_call(office=office_user)
    user = call.proposal.created_by if who == "original_proposer" else application(call).created_by
    client.force_login(user)
    before = Proposal.objects.count()

    response = client.post(reverse("proposals:create_application", args=[call.number]), START)

    assert response.status_code == 200
    assert response.context["refusal"].code == who
    assert Proposal.objects.count() == before


def test_apply_page_of_a_draft_or_unknown_call_is_404(client, office_user):
    client.force_login(MemberFactory())

    assert client.get(reverse("proposals:create_application", args=[999])).status_code == 404


def test_applicant_submits_through_the_confirmation_page(client, office_user, mailoutbox, run_jobs):
    call = published_call(office=office_user)
    draft = application(call, submit=False)
    client.force_login(draft.created_by)
    url = reverse("proposals:submit", args=[draft.pk])

    assert client.get(url).status_code == 200
    client.post(url, submit_data(context=APPLICATION))
    run_jobs()

    draft.refresh_from_db()
    assert draft.status == S.SELECTING
    assert draft.transitions.get().step == A.APPLY
    assert mailoutbox


def test_applicant_sees_the_call_title_never_the_adopted_case(client, office_user):
    call = published_call(office=office_user)
    original = call.proposal
    attach(original, name="原提案資料.pdf")
    case = application(call)
    client.force_login(case.created_by)

    dashboard = client.get(reverse("proposals:dashboard")).content.decode()
    page = client.get(case.get_absolute_url()).content.decode()

    for html in (dashboard, page):
        assert call.title in html
        assert original.title not in html
        assert original.know_how not in html
        assert original.organization.name not in html
    for url in (
        reverse("proposals:detail", args=[original.pk]),
        reverse("partnership:agreement", args=[original.pk]),
        reverse("partnership:monitoring", args=[original.pk]),
        reverse("proposals:attachment", args=[original.pk, original.attachments.get().pk]),
        reverse("proposals:staff_case", args=[original.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_original_proposer_never_sees_applications(client, office_user):
    call = published_call(office=office_user)
    case = application(call)
    client.force_login(call.proposal.created_by)

    assert client.get(case.get_absolute_url()).status_code == 404
    dashboard = client.get(reverse("proposals:dashboard")).content.decode()
    assert case.title not in dashboard
    assert case.organization.name not in dashboard


def test_applicant_withdraws_an_application(office_user):
    call = published_call(office=office_user)
    case = application(call)

    case = transition(case, A.WITHDRAW, by=case.created_by, reason="体制変更のため。")

    assert case.status == S.WITHDRAWN


def test_office_sees_applications_in_the_work_list_and_on_the_original_case(client, office_user):
    call = published_call(office=office_user)
    cases = [application(call) for _ in range(2)]
    application(call, submit=False, title="下書きの応募")
    client.force_login(office_user)

    work_list = client.get(reverse("proposals:staff_cases")).content.decode()
    original = client.get(reverse("proposals:staff_case", args=[call.proposal.pk]))

    assert "Application to an open call" in work_list or "公募への応募" in work_list
    assert original.context["applications"] == cases
    assert "下書きの応募" not in original.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_original_case_page_lists_applications_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    call = published_call(office=office_user)
    for _ in range(count):
        application(call)
    client.force_login(office_user)
    url = reverse("proposals:staff_case", args=[call.proposal.pk])
    client.get(url)

    # (the formal documents and the terms accepted: 2 of them; the similar cases and themes: 2)
    with django_assert_num_queries(21):
        response = client.get(url)

    assert len(response.context["applications"]) == count


@pytest.mark.parametrize("count", [1, 6])
def test_applicant_dashboard_is_constant_in_queries(
    client, office_user, count, django_assert_num_queries
):
    member = MemberFactory()
    for _ in range(count):
        application(published_call(office=office_user), member=member)
    client.force_login(member)
    url = reverse("proposals:dashboard")
    client.get(url)

    with django_assert_num_queries(9):
        client.get(url)


def test_call_fields_helper_is_a_valid_call():
    assert call_fields()["starts_on"] <= call_fields()["ends_on"]

"""公募: the office writes and publishes the call of a case adopted with an open call."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from proposals import calls
from proposals.models import OpenCall, Opportunity, Proposal
from tests.factories.accounts import MemberFactory
from tests.scenarios import TODAY, adopted_case, application, call_fields, published_call

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_office_saves_and_publishes_a_call_with_the_next_number(office_user):
    first = published_call(office=office_user)
    second = published_call(office=office_user)

    assert (first.number, second.number) == (1, 2)
    assert second.status == OpenCall.Status.PUBLISHED
    assert second.published_at is not None


def test_office_is_refused_a_call_when_the_adoption_chose_a_direct_agreement(office_user):
    case = adopted_case(office=office_user, opportunity=Opportunity.DIRECT)

    with pytest.raises(ValidationError) as refusal:
        calls.save_call(case=case, by=office_user, **call_fields())

    assert refusal.value.code == "no_open_call"
    assert not OpenCall.objects.exists()


def test_department_staff_may_not_write_a_call(office_user, department, department_user):
    case = adopted_case(office=office_user, departments=[department])

    with pytest.raises(PermissionDenied):
        calls.save_call(case=case, by=department_user, **call_fields())


def test_a_published_call_can_no_longer_be_changed_or_published_again(office_user):
    call = published_call(office=office_user)

    with pytest.raises(ValidationError) as changed:
        calls.save_call(case=call.proposal, by=office_user, **call_fields(title="変更"))
    with pytest.raises(ValidationError) as again:
        calls.publish_call(call=call, by=office_user)

    assert changed.value.code == "call_published"
    assert again.value.code == "already_published"
    call.refresh_from_db()
    assert call.number == 1


def test_a_period_ending_before_it_starts_is_refused_by_the_field(office_user):
    case = adopted_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        calls.save_call(
            case=case,
            by=office_user,
            **call_fields(ends_on=TODAY() - datetime.timedelta(days=5)),
        )

    assert "period_order" in str(refusal.value.error_dict) or refusal.value.error_dict
    assert not OpenCall.objects.exists()


def test_a_call_whose_period_is_over_is_not_published(office_user):
    case = adopted_case(office=office_user)
    call = calls.save_call(
        case=case,
        by=office_user,
        **call_fields(
            starts_on=TODAY() - datetime.timedelta(days=10),
            ends_on=TODAY() - datetime.timedelta(days=1),
        ),
    )

    with pytest.raises(ValidationError) as refusal:
        calls.publish_call(call=call, by=office_user)

    assert refusal.value.code == "period_over"
    call.refresh_from_db()
    assert call.number is None


# Pages ---------------------------------------------------------------------------------------


def test_office_writes_the_call_on_its_page_and_publishes_after_confirming(client, office_user):
    case = adopted_case(office=office_user)
    client.force_login(office_user)
    url = reverse("proposals:call_edit", args=[case.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "公開" in page.content.decode() or "public" in page.content.decode()
    data = {**call_fields(), "title": "<script>alert(1)</script>公募"}
    response = client.post(url, data)
    assert response.status_code == 302
    call = OpenCall.objects.get()
    assert call.status == OpenCall.Status.DRAFT

    unconfirmed = client.post(reverse("proposals:call_publish", args=[case.pk]), {})
    assert unconfirmed.status_code == 200
    call.refresh_from_db()
    assert call.number is None
    client.post(reverse("proposals:call_publish", args=[case.pk]), {"confirm": "on"})
    call.refresh_from_db()
    assert call.number == 1
    shown = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in shown
    assert "&lt;script&gt;" in shown


def test_hostile_input_in_the_call_form_gives_clear_messages(client, office_user):
    case = adopted_case(office=office_user)
    client.force_login(office_user)

    response = client.post(
        reverse("proposals:call_edit", args=[case.pk]),
        {
            **call_fields(),
            "title": "あ" * 20000,
            "starts_on": "２０２６／０４／０１",
            "ends_on": "２０２６年３月１日",
            "summary": "😀" * 3,
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors
    assert (
        form.cleaned_data.get("starts_on") == datetime.date(2026, 4, 1) or "__all__" in form.errors
    )
    assert not OpenCall.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "business", "proposer", "unassigned", "assigned"])
def test_call_page_is_refused_to_everyone_but_the_office(
    client, office_user, department, department_user, who
):
    from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory

    case = adopted_case(office=office_user, departments=[department])
    users = {
        "anonymous": None,
        "business": MemberFactory(),
        "proposer": case.created_by,
        "unassigned": DepartmentUserFactory(department=DepartmentFactory(code="other")),
        "assigned": department_user,
    }
    if users[who] is not None:
        client.force_login(users[who])

    response = client.get(reverse("proposals:call_edit", args=[case.pk]))
    publish = client.post(reverse("proposals:call_publish", args=[case.pk]), {"confirm": "on"})

    expected = {"anonymous": 302, "assigned": 403}.get(who, 404)
    assert response.status_code == expected
    assert publish.status_code == expected
    assert not OpenCall.objects.exists()


def test_office_call_page_lists_applications_in_constant_queries(
    client, office_user, django_assert_num_queries
):
    call = published_call(office=office_user)
    client.force_login(office_user)
    url = reverse("proposals:call_edit", args=[call.proposal.pk])
    counts = []
    for total in (1, 5):
        while call.applications.count() < total:
            application(call)
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured))
        assert len(response.context["applications"]) == total
    assert counts[0] == counts[1]

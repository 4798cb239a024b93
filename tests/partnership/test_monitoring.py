"""モニタリング: reports against the indicators, improvement actions, and the whole flow."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnership import agreements, monitoring, selectors
from partnership.models import ImprovementAction, IndicatorResult, MonitoringReport
from proposals.models import Proposal
from proposals.services import save_goal
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.proposals import pdf_bytes, upload
from tests.scenarios import (
    TODAY,
    VALID,
    agreement_with_item,
    application,
    monitoring_report,
    operating_case,
    published_call,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_city_side_writes_a_report_with_indicator_results(office_user, department, department_user):
    case = operating_case(office=office_user, departments=[department])

    report = monitoring_report(case, by=department_user)

    assert report.results.get().value == "62"
    assert report.history.count() == 1


def test_monitoring_is_refused_once_the_case_is_completed(office_user):
    case = operating_case(office=office_user)
    case = transition(case, A.COMPLETE, by=office_user, **VALID[A.COMPLETE])

    with pytest.raises(ValidationError) as refusal:
        monitoring_report(case, by=office_user)

    assert refusal.value.code == "not_operating"
    assert not MonitoringReport.objects.exists()


def test_unassigned_staff_and_the_proposer_may_not_write(office_user):
    case = operating_case(office=office_user)
    outsider = DepartmentUserFactory(department=DepartmentFactory(code="other"))

    for user in (outsider, case.created_by):
        with pytest.raises(PermissionDenied):
            monitoring_report(case, by=user)


def test_a_reversed_period_is_refused_and_nothing_is_saved(office_user):
    case = operating_case(office=office_user)

    with pytest.raises(ValidationError):
        monitoring_report(case, by=office_user, period_start=TODAY() + datetime.timedelta(days=1))

    assert not MonitoringReport.objects.exists()
    assert not IndicatorResult.objects.exists()


def test_improvement_action_is_added_and_marked_done(office_user):
    case = operating_case(office=office_user)
    action = monitoring.save_improvement_action(
        case=case,
        by=office_user,
        description="予約画面の改善",
        owner_side="business",
        owner_name="運営事業者",
        due_on=TODAY() + datetime.timedelta(days=30),
    )

    done = monitoring.complete_improvement_action(action=action, done_on=TODAY(), by=office_user)
    with pytest.raises(ValidationError) as again:
        monitoring.complete_improvement_action(action=action, done_on=TODAY(), by=office_user)

    assert done.done_on == TODAY()
    assert again.value.code == "already_done"


def test_staff_pages_write_a_report_with_hostile_input(client, office_user):
    case = operating_case(office=office_user)
    indicator = selectors.case_indicators(case).get()
    client.force_login(office_user)
    prefix = f"indicator-{indicator.pk}"

    refused = client.post(
        reverse("partnership:monitoring_report_create", args=[case.pk]),
        {"period_start": "2026-04-01", "period_end": "2026-06-30", "summary": "あ" * 20000},
    )
    response = client.post(
        reverse("partnership:monitoring_report_create", args=[case.pk]),
        {
            "period_start": "２０２６／０４／０１",
            "period_end": "2026年6月30日",
            "summary": "<script>alert(1)</script>運用😀",
            "is_shared": "on",
            f"{prefix}-value": "６２",
            f"{prefix}-is_public": "on",
        },
    )

    assert refused.status_code == 200
    assert refused.context["editor"].has_errors
    assert response.status_code == 302
    result = IndicatorResult.objects.get()
    assert (result.value, result.is_public) == ("62", True)
    page = client.get(reverse("partnership:staff_monitoring", args=[case.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    "who, staff_page, proposer_page, write",
    [
        ("anonymous", 302, 302, 302),
        ("business", 404, 404, 404),
        ("proposer", 404, 200, 404),
        ("unassigned", 404, 404, 404),
        ("assigned", 200, 200, 200),
        ("office", 200, 200, 200),
    ],
)
def test_monitoring_pages_for_every_role(
    client, office_user, department, department_user, who, staff_page, proposer_page, write
):
    case = operating_case(office=office_user, departments=[department])
    monitoring_report(case, by=office_user, is_shared=False)
    users = {
        "anonymous": None,
        "business": MemberFactory(),
        "proposer": case.created_by,
        "unassigned": DepartmentUserFactory(department=DepartmentFactory(code="other")),
        "assigned": department_user,
        "office": office_user,
    }
    if users[who] is not None:
        client.force_login(users[who])

    assert (
        client.get(reverse("partnership:staff_monitoring", args=[case.pk])).status_code
        == staff_page
    )
    proposer = client.get(reverse("partnership:monitoring", args=[case.pk]))
    assert proposer.status_code == proposer_page
    assert (
        client.get(reverse("partnership:monitoring_report_create", args=[case.pk])).status_code
        == write
    )
    if who == "proposer":
        assert proposer.context["reports"] == []  # the unshared report stays with the city


@pytest.mark.parametrize("count", [1, 10])
def test_monitoring_pages_are_constant_in_queries(
    client, office_user, count, django_assert_num_queries
):
    case = operating_case(office=office_user)
    for _ in range(count):
        monitoring_report(case, by=office_user)
        monitoring.save_improvement_action(
            case=case,
            by=office_user,
            description="改善",
            owner_side="city",
            owner_name="担当課",
            due_on=TODAY(),
        )
    client.force_login(office_user)
    url = reverse("partnership:staff_monitoring", args=[case.pk])
    client.get(url)

    # with the read log's membership check and entry, and the citizens' feedback
    with django_assert_num_queries(14):
        response = client.get(url)

    assert len(response.context["reports"]) == count


def test_whole_flow_from_open_call_to_completion(client, office_user, department):
    # adopted with an open call → the call is published → two applications
    call = published_call(office=office_user)
    original = transition(
        call.proposal, A.START_SELECTION, by=office_user, **VALID[A.START_SELECTION]
    )
    first, second = application(call), application(call)
    # the selection itself is the evaluation app's: here the steps directly
    first = transition(first, A.SELECT, by=office_user, **VALID[A.SELECT])
    for other in (second, original):
        transition(other, A.NOT_SELECT, by=office_user, **VALID[A.NOT_SELECT])
    # agreement with its table and a document → signing → operating
    agreement = agreement_with_item(first, office=office_user)
    agreements.add_agreement_document(
        agreement=agreement, by=office_user, uploaded=upload("協定書.pdf", pdf_bytes())
    )
    first = agreements.sign_agreement(case=first, signed_on=TODAY(), by=office_user)
    assert first.status == S.OPERATING
    # monitoring with an indicator result and an improvement action → completion
    save_goal(
        case=first,
        by=office_user,
        viewpoint="region",
        description="地域の施設稼働率の向上",
        indicators=[{"name": "稼働率", "target": "70", "unit": "%"}],
    )
    monitoring_report(first, by=office_user)
    monitoring.save_improvement_action(
        case=first,
        by=office_user,
        description="周知の強化",
        owner_side="both",
        owner_name="双方",
        due_on=TODAY(),
    )
    first = transition(first, A.COMPLETE, by=office_user, **VALID[A.COMPLETE])

    assert first.status == S.COMPLETED
    assert ImprovementAction.objects.filter(proposal=first).count() == 1
    client.force_login(first.created_by)
    assert client.get(reverse("partnership:monitoring", args=[first.pk])).status_code == 200
    client.force_login(office_user)
    page = client.get(reverse("partnership:staff_monitoring", args=[first.pk]))
    assert page.status_code == 200
    assert page.context["may_write"] is False

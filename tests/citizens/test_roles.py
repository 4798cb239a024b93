"""Who reads the citizens' voice: the office everything (and moderates in the admin), the
departments the feedback on their own cases' services beside the monitoring reports; businesses
and evaluators nothing that is not public."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from citizens import selectors, services
from citizens.models import IssueSuggestion, Moderation, ServiceFeedback
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.evaluation import EvaluatorFactory

from .data import feedback, running_service, suggestion

pytestmark = pytest.mark.django_db


def monitoring_page(client, user, case):
    client.force_login(user)
    return client.get(reverse("partnership:staff_monitoring", args=[case.pk]))


def test_office_and_the_department_in_charge_read_feedback_beside_the_monitoring(
    client, office_user, department, department_user
):
    _publication, agreement = running_service(office=office_user, departments=[department])
    pending = feedback(agreement, body="確認待ちの声")
    case = agreement.proposal

    for user in (office_user, department_user):
        response = monitoring_page(client, user, case)
        assert response.status_code == 200
        assert "確認待ちの声" in response.content.decode()
    assert selectors.case_feedback(department_user, case) == [pending]


def test_other_departments_businesses_and_evaluators_read_no_feedback(client, office_user):
    _publication, agreement = running_service(office=office_user)
    feedback(agreement, body="確認待ちの声SECRET")
    case = agreement.proposal
    others = {
        "other department": DepartmentUserFactory(department=DepartmentFactory(code="other")),
        "business": MemberFactory(),
        "proposer": case.created_by,
        "evaluator": EvaluatorFactory(),
    }

    for who, user in others.items():
        assert list(selectors.visible_feedback(user)) == [], who
        assert selectors.case_feedback(user, case) == [], who
    proposer_page = monitoring_page(client, case.created_by, case)
    assert "確認待ちの声SECRET" not in proposer_page.content.decode()
    client.force_login(others["other department"])
    assert client.get(reverse("partnership:staff_monitoring", args=[case.pk])).status_code == 404


def test_office_publishes_and_declines_in_the_admin(client, office_user):
    published = suggestion()
    declined = suggestion(title="別の提案")
    client.force_login(office_user)
    changelist = reverse("admin:citizens_issuesuggestion_changelist")

    client.post(changelist, {"action": "publish_selected", "_selected_action": [published.pk]})
    client.post(changelist, {"action": "decline_selected", "_selected_action": [declined.pk]})

    published.refresh_from_db()
    declined.refresh_from_db()
    assert (published.status, published.moderated_by) == (Moderation.PUBLISHED, office_user)
    assert declined.status == Moderation.DECLINED
    assert client.get(changelist).status_code == 200


def test_office_moderates_feedback_in_the_admin(client, office_user):
    _publication, agreement = running_service(office=office_user)
    item = feedback(agreement)
    client.force_login(office_user)

    client.post(
        reverse("admin:citizens_servicefeedback_changelist"),
        {"action": "publish_selected", "_selected_action": [item.pk]},
    )

    item.refresh_from_db()
    assert item.status == Moderation.PUBLISHED
    change = client.get(reverse("admin:citizens_servicefeedback_change", args=[item.pk]))
    assert change.status_code == 200


def test_nobody_but_the_office_moderates(office_user, department_user):
    item = suggestion()

    for user in (department_user, MemberFactory(), EvaluatorFactory()):
        with pytest.raises(PermissionDenied):
            services.publish(item, by=user)

    item.refresh_from_db()
    assert item.status == Moderation.PENDING


@pytest.mark.parametrize("who", ["department", "business", "evaluator"])
def test_only_the_office_enters_the_moderation_admin(client, department_user, who):
    suggestion()
    user = {
        "department": department_user,
        "business": MemberFactory(),
        "evaluator": EvaluatorFactory(),
    }[who]
    client.force_login(user)

    for model in ("issuesuggestion", "servicefeedback"):
        response = client.get(reverse(f"admin:citizens_{model}_changelist"))
        assert response.status_code in (302, 403), (who, model)
    assert IssueSuggestion.objects.get().status == Moderation.PENDING


@pytest.mark.parametrize("count", [1, 12])
def test_monitoring_page_with_feedback_is_read_in_constant_queries(
    client, office_user, count, django_assert_max_num_queries
):
    _publication, agreement = running_service(office=office_user)
    for _ in range(count):
        feedback(agreement)
    client.force_login(office_user)
    url = reverse("partnership:staff_monitoring", args=[agreement.proposal.pk])
    client.get(url)

    with django_assert_max_num_queries(30) as captured:
        response = client.get(url)

    assert len(response.context["feedback"]) == count
    assert ServiceFeedback.objects.count() == count
    feedback_queries = [
        q for q in captured.captured_queries if "citizens_servicefeedback" in q["sql"]
    ]
    assert len(feedback_queries) == 1


def test_office_writes_the_public_reply_in_the_admin_and_contacts_stay_read_only(
    client, office_user
):
    item = suggestion(by=office_user, status="published")
    client.force_login(office_user)
    url = reverse("admin:citizens_issuesuggestion_change", args=[item.pk])

    response = client.post(
        url,
        {
            "title": item.title,
            "body": item.body,
            "field": "",
            "reply": "担当課と検討を始めました。",
            "name": "書き換え",
            "email": "changed@example.jp",
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.reply == "担当課と検討を始めました。"
    assert (item.name, item.email) == ("三島 太郎SECRET", "secret-citizen@example.jp")
    assert item.status == Moderation.PUBLISHED

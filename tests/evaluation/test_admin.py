"""The office's admin: criteria sets authored until a round opens with them; rounds read-only."""

import pytest
from django.urls import reverse

from evaluation.models import CriteriaSet
from tests.factories.evaluation import CriteriaSetFactory
from tests.scenarios import adoption_round

pytestmark = pytest.mark.django_db


def change_url(criteria_set):
    return reverse("admin:evaluation_criteriaset_change", args=[criteria_set.pk])


def test_office_changes_a_criteria_set_no_round_has_opened_with(client, office_user):
    criteria_set = CriteriaSetFactory(criteria=1)
    client.force_login(office_user)

    page = client.get(change_url(criteria_set))

    assert page.status_code == 200
    assert page.context["has_change_permission"]


def test_a_criteria_set_used_by_an_opened_round_is_read_only(client, office_user):
    round = adoption_round(office=office_user)
    criteria_set = round.criteria_set
    client.force_login(office_user)

    page = client.get(change_url(criteria_set), follow=True)
    refused = client.post(change_url(criteria_set), {"name": "書き換え"})
    deleted = client.post(
        reverse("admin:evaluation_criteriaset_delete", args=[criteria_set.pk]), {"post": "yes"}
    )

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert "Copy it to make a new one" in page.content.decode() or "コピー" in (
        page.content.decode()
    )
    assert refused.status_code == 403
    assert deleted.status_code == 403
    criteria_set.refresh_from_db()
    assert criteria_set.name != "書き換え"


def test_office_copies_a_criteria_set_from_the_list(client, office_user):
    original = CriteriaSetFactory(criteria=2, name="選定基準2026")
    client.force_login(office_user)

    response = client.post(
        reverse("admin:evaluation_criteriaset_changelist"),
        {"action": "copy_criteria_sets", "_selected_action": [original.pk]},
    )

    assert response.status_code == 302
    copy = CriteriaSet.objects.exclude(pk=original.pk).get(
        name__contains="選定基準2026", is_default=False
    )
    assert copy.criteria.count() == 2


def test_rounds_are_read_only_in_the_admin_with_filters(client, office_user):
    round = adoption_round(office=office_user)
    client.force_login(office_user)

    listing = client.get(
        reverse("admin:evaluation_round_changelist"), {"kind": "adoption", "status": "open"}
    )
    page = client.get(reverse("admin:evaluation_round_change", args=[round.pk]))
    history = client.get(reverse("admin:evaluation_round_history", args=[round.pk]))

    assert listing.status_code == 200 and round.title in listing.content.decode()
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert history.status_code == 200
    assert client.get(reverse("admin:evaluation_round_add")).status_code == 403


def test_department_staff_do_not_enter_the_evaluation_admin(client, department_user):
    client.force_login(department_user)

    # The admin is the office's: department staff are sent to their staff home (issue 13).
    for name in ("admin:evaluation_criteriaset_changelist", "admin:evaluation_round_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("proposals:staff_home")

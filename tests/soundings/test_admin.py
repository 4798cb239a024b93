"""The office manages soundings, slots, records and the summary in the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from soundings.models import Sounding

pytestmark = pytest.mark.django_db


def test_office_records_a_dialogue_on_the_registration_page(client, office_user, registration):
    client.force_login(office_user)
    url = reverse("admin:soundings_registration_change", args=[registration.pk])

    response = client.post(
        url,
        {
            "records-TOTAL_FORMS": "1",
            "records-INITIAL_FORMS": "0",
            "records-MIN_NUM_FORMS": "0",
            "records-MAX_NUM_FORMS": "1000",
            "records-0-held_on": timezone.localdate().isoformat(),
            "records-0-notes": "事業スキームについて意見交換しました。",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    record = registration.records.get()
    assert (record.notes, record.recorded_by) == (
        "事業スキームについて意見交換しました。",
        office_user,
    )


def test_office_publishes_the_results_with_the_admin_action(client, office_user, sounding):
    sounding.summary = "2者と対話しました。"
    sounding.save()
    client.force_login(office_user)

    client.post(
        reverse("admin:soundings_sounding_changelist"),
        {"action": "publish_summary_selected", "_selected_action": [sounding.pk]},
    )

    sounding.refresh_from_db()
    assert sounding.status == Sounding.Status.SUMMARY_PUBLISHED


def test_department_staff_do_not_enter_the_soundings_admin(client, department_user, sounding):
    client.force_login(department_user)

    response = client.get(reverse("admin:soundings_sounding_change", args=[sounding.pk]))

    assert response.status_code in (302, 403, 404)

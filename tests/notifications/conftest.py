"""Fixtures of the notification tests: a business whose case the city moves on."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from proposals.workflow import A, transition
from tests.factories.accounts import MemberFactory
from tests.jobs import send_setup_mail
from tests.scenarios import submitted_case

LIST_URL = reverse("notifications:list")
SETTINGS_URL = reverse("notifications:settings")
MARK_ALL_URL = reverse("notifications:mark_all_read")


@pytest.fixture
def member(db):
    return MemberFactory(email="member@biz.example.jp")


@pytest.fixture
def case(member):
    """A case of the member's organisation, received; its receipts already sent and read."""
    case = submitted_case(organization=member.membership.organization, created_by=member)
    send_setup_mail()
    Notification.objects.all().delete()
    return case


def start_dialogue(case, office):
    """The office's step that tells the proposer their case has moved (a status change)."""
    return transition(case, A.START_DIALOGUE, by=office)


def open_url(notification):
    return reverse("notifications:open", args=[notification.pk])

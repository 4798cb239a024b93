"""Who sees which registration and dialogue record: the registered business and the office,
nobody else (共創指針 原則3)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from soundings import selectors
from tests.factories.soundings import DialogueRecordFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

SEES = {"registered_business", "office"}
ROLES = ["anonymous", "other_business", "registered_business", "office", "department", "evaluator"]


def _as(users, role):
    return users[role] or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_registered_business_and_the_office_see_a_registration(users, registration, role):
    other = RegistrationFactory(sounding=registration.sounding)  # what could leak exists

    seen = set(selectors.visible_registrations(_as(users, role)))

    expected = {registration} if role in SEES else set()
    if role == "office":
        expected = {registration, other}
    assert seen == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_registered_business_and_the_office_see_a_dialogue_record(users, record, role):
    other = DialogueRecordFactory(
        registration=RegistrationFactory(sounding=record.registration.sounding)
    )

    seen = set(selectors.visible_records(_as(users, role)))

    expected = {record} if role in SEES else set()
    if role == "office":
        expected = {record, other}
    assert seen == expected


@pytest.mark.parametrize("role", ROLES)
def test_own_registration_is_found_only_by_a_member_of_the_registered_organisation(
    users, record, role
):
    found = selectors.own_registration(_as(users, role), record.registration.sounding)

    assert found == (record.registration if role == "registered_business" else None)

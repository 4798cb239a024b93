"""The rules of a sounding: the deadline, one registration per organisation, the office's
steps and the summary."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from soundings import services
from soundings.models import Registration, Sounding
from tests.factories.accounts import MemberFactory
from tests.factories.soundings import RegistrationFactory, SoundingFactory

pytestmark = pytest.mark.django_db


def _register(sounding, member, **changes):
    return services.register(
        sounding=sounding,
        organization=member.membership.organization,
        by=member,
        contact_name="三島 一郎",
        contact_email="ichiro@biz.example.jp",
        preferred_slots=list(sounding.slots.all()[:1]),
        **changes,
    )


def test_registration_after_the_deadline_is_refused_and_nothing_is_saved(sounding):
    member = MemberFactory()

    with pytest.raises(ValidationError) as refusal:
        _register(sounding, member, on=sounding.registration_deadline + datetime.timedelta(days=1))

    assert refusal.value.code == "registration_closed"
    assert not Registration.objects.exists()


@pytest.mark.parametrize("trait", ["closed", "summarised", "draft"])
def test_registration_is_refused_unless_the_sounding_is_published(trait):
    sounding = SoundingFactory(**{trait: True})

    with pytest.raises(ValidationError) as refusal:
        _register(sounding, MemberFactory())

    assert refusal.value.code == "registration_closed"


def test_an_organisation_registers_once(registration):
    colleague = MemberFactory(organization=registration.organization)

    with pytest.raises(ValidationError) as refusal:
        _register(registration.sounding, colleague)

    assert refusal.value.code == "already_registered"


def test_a_slot_of_another_sounding_is_refused(sounding):
    other = SoundingFactory()
    member = MemberFactory()

    with pytest.raises(ValidationError) as refusal:
        services.register(
            sounding=sounding,
            organization=member.membership.organization,
            by=member,
            contact_name="三島 一郎",
            contact_email="ichiro@biz.example.jp",
            preferred_slots=list(other.slots.all()),
        )

    assert refusal.value.code == "foreign_slot"


def test_nobody_registers_for_another_organisation(sounding):
    member, stranger = MemberFactory(), MemberFactory()

    with pytest.raises(PermissionDenied):
        services.register(
            sounding=sounding,
            organization=stranger.membership.organization,
            by=member,
            contact_name="三島 一郎",
            contact_email="ichiro@biz.example.jp",
        )


def test_office_publishes_a_draft_with_slots_and_refuses_one_without(office_user):
    ready, empty = SoundingFactory(draft=True), SoundingFactory(draft=True, slots=0)

    services.publish_sounding(sounding=ready, by=office_user)
    with pytest.raises(ValidationError) as refusal:
        services.publish_sounding(sounding=empty, by=office_user)

    ready.refresh_from_db()
    assert ready.status == Sounding.Status.PUBLISHED and ready.published_at is not None
    assert refusal.value.code == "slot_required"


def test_department_staff_cannot_publish(department_user):
    with pytest.raises(PermissionDenied):
        services.publish_sounding(sounding=SoundingFactory(draft=True), by=department_user)


def test_results_are_published_only_with_a_summary(office_user, sounding):
    with pytest.raises(ValidationError) as refusal:
        services.publish_summary(sounding=sounding, by=office_user)
    sounding.summary = "5者と対話しました。"
    sounding.save()
    services.publish_summary(sounding=sounding, by=office_user)

    sounding.refresh_from_db()
    assert refusal.value.code == "summary_required"
    assert sounding.status == Sounding.Status.SUMMARY_PUBLISHED


def test_office_records_a_dialogue_and_others_cannot(office_user, department_user, registration):
    record = services.record_dialogue(
        registration=registration, by=office_user, held_on=timezone.localdate(), notes="意見交換"
    )

    with pytest.raises(PermissionDenied):
        services.record_dialogue(
            registration=registration,
            by=department_user,
            held_on=timezone.localdate(),
            notes="担当課の記録",
        )
    assert list(registration.records.all()) == [record]


def test_a_sounding_keeps_its_public_number():
    first, second = SoundingFactory(), SoundingFactory()

    first.title = "変更後"
    first.save()

    first.refresh_from_db()
    assert second.number == first.number + 1


def test_registration_factory_makes_a_member_of_the_organisation():
    registration = RegistrationFactory()

    assert registration.registered_by.membership.organization == registration.organization

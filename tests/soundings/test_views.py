"""The public pages of soundings, the business's registration and its own records; every role
against the registration and records of one business."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from soundings.models import Registration, Sounding
from tests.factories.accounts import MemberFactory
from tests.factories.soundings import DialogueRecordFactory, RegistrationFactory, SoundingFactory

pytestmark = pytest.mark.django_db

SECRETS = ("SECRET-ANSWER", "SECRET-RECORD")
CLOSED = (
    "Registration for this sounding has closed. Please contact the office if you wish to take part."
)
ROLES = ["anonymous", "other_business", "registered_business", "office", "department", "evaluator"]


def _client_as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# Public pages ---------------------------------------------------------------------------------


def test_visitor_sees_public_soundings_and_never_a_draft(client):
    public = SoundingFactory(title="公開中のサウンディング")
    SoundingFactory(title="下書きのサウンディング", draft=True)

    response = client.get(reverse("soundings:list"))

    assert response.status_code == 200
    assert list(response.context["soundings"]) == [public]
    assert "下書きのサウンディング" not in response.content.decode()


def test_visitor_gets_a_draft_sounding_as_not_found(client):
    draft = SoundingFactory(draft=True)

    assert client.get(reverse("soundings:detail", args=[draft.number])).status_code == 404


def test_the_list_is_paginated(client, settings):
    SoundingFactory.create_batch(21, slots=0)

    first = client.get(reverse("soundings:list"))
    second = client.get(reverse("soundings:list"), {"page": 2})

    assert len(first.context["soundings"]) == 20
    assert len(second.context["soundings"]) == 1
    assert first.context["result_count"] == 21


@pytest.mark.parametrize("count", [1, 25])
def test_visitor_gets_the_list_in_constant_queries(client, count, django_assert_num_queries):
    SoundingFactory.create_batch(count, slots=2)
    client.get(reverse("soundings:list"))

    with django_assert_num_queries(2):  # the count and the page
        client.get(reverse("soundings:list"))


@pytest.mark.parametrize("count", [1, 20])
def test_visitor_gets_a_sounding_with_its_results_in_constant_queries(
    client, count, django_assert_num_queries
):
    sounding = SoundingFactory(summarised=True, slots=count)
    for _n in range(count):
        RegistrationFactory(sounding=sounding, agrees_to_be_named=True)
    url = sounding.get_absolute_url()
    client.get(url)

    with django_assert_num_queries(3):  # the sounding, its slots, the named participants
        response = client.get(url)

    assert len(response.context["named_participants"]) == count


@pytest.mark.parametrize("count", [1, 20])
def test_registered_business_gets_its_registration_in_constant_queries(
    client, count, django_assert_max_num_queries
):
    sounding = SoundingFactory(slots=count)
    registration = RegistrationFactory(sounding=sounding, preferred_slots=sounding.slots.all())
    DialogueRecordFactory.create_batch(count, registration=registration)
    client.force_login(registration.registered_by)
    client.get(sounding.get_absolute_url())

    with django_assert_max_num_queries(10):
        response = client.get(sounding.get_absolute_url())
    with django_assert_max_num_queries(10):
        mine = client.get(reverse("soundings:mine"))

    assert len(response.context["registration"].records.all()) == count
    assert len(mine.context["registrations"][0].records.all()) == count


# Results: only the participants who agreed are named ---------------------------------------------


def test_published_results_name_only_the_participants_who_agreed(client):
    sounding = SoundingFactory(summarised=True)
    RegistrationFactory(
        sounding=sounding, organization__name="株式会社名前公開", agrees_to_be_named=True
    )
    RegistrationFactory(
        sounding=sounding, organization__name="株式会社名前非公開", agrees_to_be_named=False
    )

    page = client.get(sounding.get_absolute_url()).content.decode()

    assert "株式会社名前公開" in page
    assert "株式会社名前非公開" not in page
    assert sounding.summary in page


def test_no_participant_is_named_before_the_results_are_published(client, sounding):
    RegistrationFactory(
        sounding=sounding, organization__name="株式会社早すぎ", agrees_to_be_named=True
    )

    response = client.get(sounding.get_absolute_url())

    assert response.context["named_participants"] == []
    assert "株式会社早すぎ" not in response.content.decode()


# Every role against one business's registration and records -------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_registered_business_reads_its_answers_and_records_on_the_sounding_page(
    client, users, record, role
):
    response = _client_as(client, users[role]).get(record.registration.sounding.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    shown = {secret for secret in SECRETS if secret in page}
    assert shown == (set(SECRETS) if role == "registered_business" else set())


@pytest.mark.parametrize("role", ROLES)
def test_only_the_registered_business_reads_its_records_on_its_own_page(
    client, users, record, role
):
    response = _client_as(client, users[role]).get(reverse("soundings:mine"))

    page = response.content.decode() if response.status_code == 200 else ""
    shown = {secret for secret in SECRETS if secret in page}
    assert shown == (set(SECRETS) if role == "registered_business" else set())
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["office", "department", "evaluator", "other_business"])
def test_nobody_but_the_office_reads_registrations_and_records_in_the_admin(
    client, users, record, role
):
    client.force_login(users[role])
    urls = [
        reverse("admin:soundings_registration_changelist"),
        reverse("admin:soundings_registration_change", args=[record.registration.pk]),
    ]

    codes = [client.get(url).status_code for url in urls]

    if role == "office":
        assert codes[:2] == [200, 200]
        page = client.get(urls[1]).content.decode()
        assert all(secret in page for secret in SECRETS)
    else:
        assert all(code in (302, 403, 404) for code in codes), codes


# Registration -----------------------------------------------------------------------------------


def _registration_data(sounding, **changes):
    return {
        "contact_name": "三島 一郎",
        "contact_email": "ichiro@biz.example.jp",
        "contact_phone": "055-000-1111",
        "preferred_slots": [sounding.slots.first().pk],
        "written_answers": "週末の定期イベントを想定しています。",
        "agrees_to_be_named": "on",
        **changes,
    }


def test_business_registers_with_its_preferred_slots_and_answers(client, sounding):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(
        reverse("soundings:register", args=[sounding.number]), _registration_data(sounding)
    )

    assert response.status_code == 302
    registration = Registration.objects.get(sounding=sounding)
    assert registration.organization == member.membership.organization
    assert registration.agrees_to_be_named is True
    assert list(registration.preferred_slots.all()) == [sounding.slots.first()]
    page = client.get(sounding.get_absolute_url()).content.decode()
    assert "週末の定期イベントを想定しています。" in page


def test_registration_is_refused_after_the_deadline_with_a_japanese_message(client):
    sounding = SoundingFactory(
        registration_deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(MemberFactory())

    response = client.post(
        reverse("soundings:register", args=[sounding.number]), _registration_data(sounding)
    )

    assert response.status_code == 200
    assert response.context["refusal"] == _(CLOSED)  # in Japanese once the catalogue has it
    assert _(CLOSED) in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_is_accepted_on_the_deadline_day(client):
    sounding = SoundingFactory(registration_deadline=timezone.localdate())
    client.force_login(MemberFactory())

    client.post(reverse("soundings:register", args=[sounding.number]), _registration_data(sounding))

    assert Registration.objects.filter(sounding=sounding).count() == 1


def test_registration_without_a_slot_or_contact_shows_japanese_errors(client, sounding):
    client.force_login(MemberFactory())

    response = client.post(
        reverse("soundings:register", args=[sounding.number]),
        _registration_data(sounding, preferred_slots=[], contact_email="", contact_name=""),
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["preferred_slots"] == [_("Choose at least one slot that suits you.")]
    assert form.errors["contact_email"] == [_("Enter the contact e-mail address.")]
    assert not Registration.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in_before_registering(client, sounding):
    response = client.get(reverse("soundings:register", args=[sounding.number]))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["office", "department"])
def test_city_staff_cannot_register(client, users, registration, role):
    sounding = registration.sounding
    client.force_login(users[role])

    response = client.post(
        reverse("soundings:register", args=[sounding.number]), _registration_data(sounding)
    )

    assert response.status_code == 302  # to their staff home
    assert list(Registration.objects.filter(sounding=sounding)) == [registration]


def test_a_second_registration_of_the_same_organisation_is_not_made(client, registration):
    client.force_login(registration.registered_by)

    response = client.post(
        reverse("soundings:register", args=[registration.sounding.number]),
        _registration_data(registration.sounding),
    )

    assert response.status_code == 302
    assert Registration.objects.filter(sounding=registration.sounding).count() == 1


def test_a_draft_sounding_takes_no_registration(client):
    draft = SoundingFactory(draft=True)
    client.force_login(MemberFactory())

    response = client.post(reverse("soundings:register", args=[draft.number]), {})

    assert response.status_code == 404
    assert draft.status == Sounding.Status.DRAFT

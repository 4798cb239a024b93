"""How each kind of event is mailed: at once, in the daily digest, or not at all; the office's
defaults; reminders of response deadlines always mailed at once."""

import pytest
from django.core import mail
from django_q.models import Schedule

from jobs.queue import enqueue
from notifications.jobs import send_digests
from notifications.models import Delivery, Kind, KindDefault, Notification, Preference
from outbox.services import queue_mail
from proposals.reminders import send_due_reminders
from proposals.services import assign_department
from tests.factories.accounts import DepartmentUserFactory, UserFactory
from tests.jobs import run_queued_jobs
from tests.scenarios import submitted_days_ago

from .conftest import LIST_URL, SETTINGS_URL, start_dialogue

pytestmark = pytest.mark.django_db


def choose(user, kind, delivery):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def run_daily_digest():
    """The daily schedule's job, enqueued as django-q2's scheduler does, run by the engine."""
    enqueue(send_digests)
    run_queued_jobs()


def test_immediate_mails_the_status_change_now(case, member, office_user, mailoutbox):
    choose(member, Kind.CASE_UPDATE, Delivery.IMMEDIATE)

    start_dialogue(case, office_user)
    run_queued_jobs()

    assert len(mails_to(member.email)) == 1
    assert Notification.objects.get(user=member).delivery == Delivery.IMMEDIATE


def test_digest_mails_nothing_now_then_one_digest_listing_the_events_and_never_again(
    case, member, office_user, mailoutbox
):
    choose(member, Kind.CASE_UPDATE, Delivery.DIGEST)
    choose(member, Kind.MESSAGE, Delivery.DIGEST)
    start_dialogue(case, office_user)
    queue_mail(subject="市から新着メッセージ", body="本文", to=[member.email], kind=Kind.MESSAGE)
    run_queued_jobs()
    assert mails_to(member.email) == []
    # The contact address of the case has no account: it is still mailed at once.
    assert len(mails_to("contact@biz.example.jp")) == 1

    run_daily_digest()

    [digest] = mails_to(member.email)
    for notification in Notification.objects.filter(user=member):
        assert notification.subject in digest.body
        assert notification.digested_at is not None
    assert case.get_absolute_url() in digest.body

    mail.outbox.clear()
    run_daily_digest()  # the next run (or a retry): nothing left to list
    assert mails_to(member.email) == []


def test_the_digest_is_a_daily_schedule_of_the_job_engine():
    schedule = Schedule.objects.get(name="kyoso:notifications.jobs.send_digests")

    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.func == "notifications.jobs.send_digests"


def test_none_mails_nothing_but_the_notification_is_listed(
    client, case, member, office_user, mailoutbox
):
    choose(member, Kind.CASE_UPDATE, Delivery.NONE)

    start_dialogue(case, office_user)
    run_queued_jobs()
    run_daily_digest()

    assert mails_to(member.email) == []
    client.force_login(member)
    listed = client.get(LIST_URL).context["notifications"]
    assert [n.user for n in listed] == [member]


def test_a_deadline_reminder_is_mailed_at_once_whatever_was_chosen(
    office_user, department, mailoutbox
):
    staff = DepartmentUserFactory(department=department, email="tanto@city.example.jp")
    # Not possible through the form; even a stored choice is overruled.
    choose(staff, Kind.DEADLINE, Delivery.NONE)
    KindDefault.objects.filter(kind=Kind.DEADLINE).update(delivery=Delivery.NONE)
    case = submitted_days_ago(40)
    assign_department(case=case, department=department, by=office_user)
    run_queued_jobs()
    mail.outbox.clear()

    assert send_due_reminders() >= 1
    run_queued_jobs()

    assert len(mails_to(staff.email)) == 1
    reminder = Notification.objects.get(user=staff, kind=Kind.DEADLINE)
    assert reminder.delivery == Delivery.IMMEDIATE


def test_the_office_default_applies_to_users_who_have_not_chosen(
    case, member, office_user, mailoutbox
):
    KindDefault.objects.filter(kind=Kind.CASE_UPDATE).update(delivery=Delivery.DIGEST)
    chose_at_once = UserFactory(email="contact@biz.example.jp")
    choose(chose_at_once, Kind.CASE_UPDATE, Delivery.IMMEDIATE)

    start_dialogue(case, office_user)
    run_queued_jobs()

    assert mails_to(member.email) == []
    assert len(mails_to(chose_at_once.email)) == 1
    assert Notification.objects.get(user=member).delivery == Delivery.DIGEST


def test_the_defaults_are_seeded_one_per_kind_at_once():
    defaults = dict(KindDefault.objects.values_list("kind", "delivery"))

    assert defaults == dict.fromkeys(Kind.values, Delivery.IMMEDIATE)


def test_the_office_cannot_make_deadline_reminders_optional():
    from django.core.exceptions import ValidationError

    default = KindDefault.objects.get(kind=Kind.DEADLINE)
    default.delivery = Delivery.NONE

    with pytest.raises(ValidationError) as refusal:
        default.full_clean()

    assert refusal.value.error_dict["delivery"][0].code == "fixed_kind"


# The settings page --------------------------------------------------------------------------


def test_the_settings_page_offers_every_kind_but_shows_deadline_reminders_as_fixed(client, member):
    client.force_login(member)

    response = client.get(SETTINGS_URL)

    form = response.context["form"]
    assert set(form.fields) == set(Kind.values) - {Kind.DEADLINE}
    assert [label for label, _reason in response.context["fixed"]] == [Kind.DEADLINE.label]
    html = response.content.decode()
    assert html.count("<fieldset") == len(Kind.values)
    assert 'type="radio"' in html


def test_a_user_saves_a_choice_and_only_what_they_changed_is_stored(client, member):
    client.force_login(member)
    form = client.get(SETTINGS_URL).context["form"]
    shown = {name: field.initial for name, field in form.fields.items()}
    data = {**shown, Kind.MESSAGE: Delivery.DIGEST}

    response = client.post(SETTINGS_URL, data)

    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=member).values_list("kind", "delivery")) == {
        Kind.MESSAGE: Delivery.DIGEST
    }


def test_a_forged_choice_is_refused_in_japanese_and_nothing_is_saved(client, member):
    client.force_login(member)
    data = dict.fromkeys(Kind.values, Delivery.IMMEDIATE)
    data[Kind.MESSAGE] = "毎時間"
    data[Kind.DEADLINE] = Delivery.NONE

    response = client.post(SETTINGS_URL, data, HTTP_ACCEPT_LANGUAGE="ja")

    assert response.status_code == 200
    assert response.context["form"].errors.as_data()[Kind.MESSAGE][0].code == "invalid_choice"
    assert not Preference.objects.exists()
    assert "正しく選択してください" in response.content.decode()


def test_a_deadline_choice_posted_by_hand_is_ignored(client, member):
    client.force_login(member)
    data = dict.fromkeys(Kind.values, Delivery.IMMEDIATE)
    data[Kind.DEADLINE] = Delivery.NONE

    client.post(SETTINGS_URL, data)

    assert not Preference.objects.filter(kind=Kind.DEADLINE).exists()


def test_the_settings_page_needs_a_signed_in_user(client):
    response = client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [0, 7])
def test_the_settings_page_takes_the_same_queries_whatever_was_chosen(
    client, member, count, django_assert_num_queries
):
    for kind in list(Kind.values)[:count]:
        choose(member, kind, Delivery.DIGEST)
    client.force_login(member)
    client.get(SETTINGS_URL)

    # session, user, the office's defaults, the user's choices
    with django_assert_num_queries(4):
        client.get(SETTINGS_URL)


def test_the_unread_notifications_of_a_digest_stay_unread(case, member, office_user):
    choose(member, Kind.CASE_UPDATE, Delivery.DIGEST)
    start_dialogue(case, office_user)

    run_daily_digest()

    assert Notification.objects.get(user=member).read_at is None

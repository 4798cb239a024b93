"""Each mail about an event leaves a notification for every active portal user among its
recipients, in the same transaction as the mail."""

import pytest
from django.db import transaction

from notifications.models import Delivery, Kind, Notification
from outbox.models import Mail
from outbox.services import held, queue_mail
from tests.factories.accounts import MemberFactory, UserFactory

from .conftest import start_dialogue

pytestmark = pytest.mark.django_db


def test_a_status_change_notifies_each_member_and_no_address_without_an_account(
    case, member, office_user
):
    colleague = MemberFactory(organization=member.membership.organization)

    start_dialogue(case, office_user)

    notified = Notification.objects.all()
    assert {n.user for n in notified} == {member, colleague}
    assert {n.kind for n in notified} == {Kind.CASE_UPDATE}
    mail = Mail.objects.latest("pk")
    # The case's contact address has no account: mailed, but nobody's notification.
    assert "contact@biz.example.jp" in mail.to
    notification = notified.first()
    assert notification.subject == mail.subject
    assert notification.body == mail.body
    assert notification.link == case.get_absolute_url()
    assert notification.read_at is None


def test_the_address_is_matched_whatever_its_case():
    user = UserFactory(email="Tanaka@Example.jp")

    queue_mail(subject="件名", body="本文", to=["TANAKA@example.JP"], kind=Kind.MESSAGE)

    assert Notification.objects.get().user == user


def test_a_closed_account_gets_no_notification_but_its_address_still_gets_the_mail():
    UserFactory(email="closed@example.jp", is_active=False)

    mail = queue_mail(subject="件名", body="本文", to=["closed@example.jp"], kind=Kind.MESSAGE)

    assert not Notification.objects.exists()
    assert mail.to == ["closed@example.jp"]


def test_nothing_is_recorded_when_the_deciding_transaction_rolls_back(case, office_user):
    mails_before = Mail.objects.count()

    with pytest.raises(RuntimeError), transaction.atomic():
        start_dialogue(case, office_user)
        assert Notification.objects.count() == 1
        raise RuntimeError("the step fails after the mail was queued")

    assert not Notification.objects.exists()
    assert Mail.objects.count() == mails_before


def test_an_account_mail_without_a_kind_leaves_no_notification():
    UserFactory(email="someone@example.jp")

    queue_mail(subject="パスワードの再設定", body="リンク", to=["someone@example.jp"])

    assert not Notification.objects.exists()


def test_a_link_to_another_site_is_not_kept():
    UserFactory(email="someone@example.jp")

    queue_mail(
        subject="件名",
        body="本文",
        to=["someone@example.jp"],
        kind=Kind.MESSAGE,
        link="https://evil.example.com//evil.example.com/x",
    )

    assert Notification.objects.get().link == ""


def test_demo_mails_are_held_for_everyone_and_never_left_for_a_digest():
    user = UserFactory(email="demo@example.jp")
    user.notification_preferences.create(kind=Kind.MESSAGE, delivery=Delivery.DIGEST)

    with held():
        mail = queue_mail(subject="件名", body="本文", to=["demo@example.jp"], kind=Kind.MESSAGE)

    assert mail.status == Mail.Status.HELD
    assert Notification.objects.get().delivery == Delivery.IMMEDIATE


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        queue_mail(subject="件名", body="本文", to=["x@example.jp"], kind="bogus")

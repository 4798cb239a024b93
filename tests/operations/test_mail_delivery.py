"""Every mail through the job engine, sent once, whatever the mail server does (issue 10 §2).

A real SMTP server on loopback (tests/operations/mailserver.py) is down, refuses, hangs on QUIT
after accepting, or goes silent after receiving a whole message. The portal's pages answer
normally all the while: no request talks to the mail server. Jobs run here in the test's
process (the `run_jobs` fixture: django-q2's own worker function); the guarantees that need
worker processes are in test_job_engine.py.
"""

import smtplib

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from accounts.models import User
from outbox.jobs import deliver
from outbox.models import Mail
from outbox.services import queue_mail
from proposals.models import Proposal
from proposals.workflow import A
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import ProposalFactory
from tests.factories.terms import signup_data, submit_data
from tests.scenarios import case_at, step_form

from .mailserver import MailServer

pytestmark = pytest.mark.django_db

S = Proposal.Status
PASSWORD = "kyoso-Mishima-2026-new"


@pytest.fixture
def mail_server(settings):
    """A real SMTP server on loopback, the portal's mail server for the test; stopped after."""
    server = MailServer()
    settings.EMAIL_BACKEND = "outbox.backends.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.stop()


def queue_one() -> Mail:
    return queue_mail(subject="受付のお知らせ", body="リンクのみ", to=["proposer@example.jp"])


def test_a_queued_mail_is_sent_once_with_its_message_id_and_its_text_erased(mail_server, run_jobs):
    mail_server.start()
    mail = queue_one()

    run_jobs()
    deliver(mail.pk)  # the same job again (a retry, a second worker): nothing more leaves

    mail.refresh_from_db()
    assert mail_server.message_ids() == [mail.message_id]
    assert (mail.status, mail.attempts, mail.body) == (Mail.Status.SENT, 1, "")


def test_with_the_server_down_the_mail_waits_and_goes_once_when_it_is_back(mail_server, run_jobs):
    mail = queue_one()  # the server is not started: its port is closed

    with pytest.raises(ConnectionRefusedError):
        run_jobs()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (Mail.Status.QUEUED, 1)
    assert "ConnectionRefusedError" in mail.last_error

    mail_server.start()
    run_jobs()

    mail.refresh_from_db()
    assert mail_server.message_ids() == [mail.message_id]
    assert (mail.status, mail.attempts, mail.last_error) == (Mail.Status.SENT, 2, "")


def test_a_server_refusing_for_now_gets_the_mail_on_a_later_attempt(mail_server, run_jobs):
    mail_server.start()
    mail_server.refusing = True
    mail = queue_one()

    with pytest.raises(smtplib.SMTPRecipientsRefused):
        run_jobs()
    mail_server.refusing = False
    run_jobs()

    assert mail_server.message_ids() == [mail.message_id]


def test_a_server_that_hangs_on_quit_after_accepting_gets_no_second_copy(mail_server, run_jobs):
    mail_server.start()
    mail_server.hang_on_quit = 3  # longer than EMAIL_TIMEOUT
    mail = queue_one()

    run_jobs()  # the timeout on QUIT is not a failure: the server had accepted the mail
    deliver(mail.pk)

    mail.refresh_from_db()
    assert mail.status == Mail.Status.SENT
    assert mail_server.message_ids() == [mail.message_id]


def test_a_server_silent_after_the_whole_message_is_not_sent_a_second_copy_unless_the_office_asks(
    mail_server, run_jobs, client, office_user
):
    mail_server.start()
    mail_server.silent_after_data = 3  # it has the message; its confirmation never comes in time
    mail = queue_one()

    run_jobs()
    deliver(mail.pk)
    mail.refresh_from_db()
    assert mail.status == Mail.Status.UNCONFIRMED
    assert mail_server.message_ids() == [mail.message_id]  # once: no automatic second copy

    # The office checks with the recipient, then sends it again from the admin.
    mail_server.silent_after_data = 0
    client.force_login(office_user)
    response = client.post(
        reverse("admin:outbox_mail_changelist"),
        {"action": "send_again", helpers.ACTION_CHECKBOX_NAME: [mail.pk]},
    )
    run_jobs()

    mail.refresh_from_db()
    assert response.status_code == 302
    assert mail.status == Mail.Status.SENT
    assert mail_server.message_ids() == [mail.message_id] * 2


def test_a_mail_another_worker_is_sending_is_left_to_it(mail_server, run_jobs):
    mail_server.start()
    mail = queue_one()
    Mail.objects.filter(pk=mail.pk).update(claimed_until=mail.created_at.replace(year=2100))

    assert deliver(mail.pk).startswith("not sent here")
    assert mail_server.message_ids() == []


def test_the_office_reads_mail_states_but_never_the_texts_and_others_see_no_mail_list(
    client, office_user, mail_server, run_jobs
):
    mail_server.start()
    sent = queue_one()
    run_jobs()
    waiting = queue_mail(subject="パスワード再設定", body="SECRET-RESET-LINK", to=["a@example.jp"])
    changelist = reverse("admin:outbox_mail_changelist")

    client.force_login(office_user)
    page = client.get(changelist).content.decode()
    detail = client.get(reverse("admin:outbox_mail_change", args=[waiting.pk])).content.decode()
    client.force_login(MemberFactory())
    business = client.get(changelist)

    assert sent.subject in page and waiting.subject in page
    assert "SECRET-RESET-LINK" not in page + detail
    assert business.status_code == 302  # to the admin's sign-in: not staff


def test_with_the_mail_server_down_sign_up_submission_messages_and_decisions_answer_normally(
    client, mail_server, run_jobs, office_user, department, department_user
):
    """Issue 10's acceptance: nothing waits on SMTP; every mail arrives once it is back."""
    signed_up = client.post(
        reverse("account_signup"),
        signup_data(email="hanako@example.jp", password1=PASSWORD, password2=PASSWORD),
    )
    proposer = MemberFactory(email="proposer@example.jp")
    draft = ProposalFactory(
        organization=proposer.membership.organization, created_by=proposer, complete=True
    )
    client.force_login(proposer)
    submitted = client.post(reverse("proposals:submit", args=[draft.pk]), submit_data())
    messaged = client.post(
        reverse("dialogue:thread", args=[draft.pk]), {"body": "試行の時期をご相談したいです。"}
    )
    planning = case_at(S.PLANNING, office=office_user, departments=[department])
    client.force_login(office_user)
    decided = client.post(
        reverse("proposals:staff_step", args=[planning.pk, A.ADOPT]),
        step_form(A.ADOPT, S.PLANNING),
    )

    assert [signed_up.status_code, submitted.status_code, decided.status_code] == [302] * 3
    assert messaged.status_code == 302
    assert User.objects.filter(email="hanako@example.jp").exists()
    draft.refresh_from_db()
    planning.refresh_from_db()
    assert (draft.status, planning.status) == (S.RECEIVED, S.ADOPTED)
    queued = list(Mail.objects.values_list("message_id", flat=True))
    assert len(queued) >= 5  # verification, receipt, office notice, message, decision…
    assert mail_server.message_ids() == []

    mail_server.start()
    run_jobs()

    assert sorted(mail_server.message_ids()) == sorted(queued)  # each one, once
    assert not Mail.objects.exclude(status=Mail.Status.SENT).exists()

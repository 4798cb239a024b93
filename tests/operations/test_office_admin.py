"""送信メール and 失敗した処理 in the admin: the office reads them and sends again; every other
role is kept out; the lists take the same number of queries for 1 and 20 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import Mail
from outbox.services import queue_mail
from tests.factories.accounts import DepartmentUserFactory, MemberFactory, OfficeUserFactory
from tests.factories.evaluation import EvaluatorFactory
from tests.operations.sample_jobs import slow_trace

pytestmark = pytest.mark.django_db

MAILS = reverse("admin:outbox_mail_changelist")
FAILED_JOBS = reverse("admin:jobs_failedjob_changelist")
ROLES = {
    "office": OfficeUserFactory,
    "department staff": DepartmentUserFactory,
    "business": MemberFactory,
    "evaluator": EvaluatorFactory,
}


def failed_job():
    """A job that raised once, as the worker's monitor records it."""
    from django.utils import timezone
    from django_q.models import Task

    return Task.objects.create(
        id=f"{Task.objects.count():032d}",
        name="failed",
        func=slow_trace.job_path,
        args=("/nowhere", 0),
        kwargs={},
        started=timezone.now(),
        stopped=timezone.now(),
        result="ConnectionRefusedError: smtp down",
        success=False,
        attempt_count=1,
    )


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
@pytest.mark.parametrize("url", [MAILS, FAILED_JOBS], ids=["mails", "failed jobs"])
def test_only_the_office_opens_the_mail_and_failed_job_lists(client, role, url):
    queue_mail(subject="受付のお知らせ", body="-", to=["a@example.jp"])
    failed_job()
    if role != "anonymous":
        client.force_login(ROLES[role]())

    response = client.get(url)

    if role == "office":
        assert response.status_code == 200
    elif role == "department staff":  # the admin is the office's: to the staff home
        assert response.status_code == 302
        assert response["Location"] == reverse("proposals:staff_home")
    else:
        assert response.status_code == 302  # to the sign-in page: not staff
        assert "受付のお知らせ" not in response.content.decode()


def queries_to_list(client, url) -> int:
    client.get(url)  # warm the caches (content types, the session)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries)


def test_the_mail_list_takes_the_same_queries_for_1_and_20_mails(client):
    client.force_login(OfficeUserFactory())
    queue_mail(subject="お知らせ", body="-", to=["a@example.jp"])
    one = queries_to_list(client, MAILS)
    for n in range(19):
        queue_mail(subject=f"お知らせ {n}", body="-", to=[f"a{n}@example.jp", "b@example.jp"])
    twenty = queries_to_list(client, MAILS)

    assert one == twenty
    assert Mail.objects.count() == 20


def test_the_failed_job_list_takes_the_same_queries_for_1_and_20_jobs(client):
    client.force_login(OfficeUserFactory())
    failed_job()
    one = queries_to_list(client, FAILED_JOBS)
    for _n in range(19):
        failed_job()
    twenty = queries_to_list(client, FAILED_JOBS)

    assert one == twenty

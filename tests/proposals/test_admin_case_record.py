"""The case in the admin (issue 5 §3): its read-only page, its history (never restored), the
access log and the reminder log, which nobody writes in the admin."""

import pytest
from django.urls import reverse
from django.utils import timezone

from proposals.audit import log_access
from proposals.models import AccessLog, Proposal, ReminderLog
from proposals.services import assign_department, update_proposal
from proposals.workflow import A, transition
from tests.factories.proposals import ProposalFactory, attach
from tests.proposals.helpers import listed, received, row_of
from tests.scenarios import submit

pytestmark = pytest.mark.django_db

S = Proposal.Status


def test_the_case_page_is_read_only_and_links_files_versions_and_the_staff_page(
    client, office_user, department
):
    case = ProposalFactory(complete=True)
    stored = attach(case)
    case = submit(case)
    assign_department(case=case, department=department, by=office_user)
    case = transition(case, A.START_DIALOGUE, by=office_user)
    client.force_login(office_user)

    page = client.get(reverse("admin:proposals_proposal_change", args=[case.pk]))

    assert page.status_code == 200
    content = page.content.decode()
    assert f'href="{reverse("proposals:staff_case", args=[case.pk])}"' in content
    assert f'href="{stored.get_absolute_url()}"' in content
    assert f'href="{reverse("proposals:version", args=[case.pk, 1])}"' in content
    assert department.name in content  # the assignments, read-only
    assert str(A.START_DIALOGUE.label) in content  # the step, by its label
    assert case.know_how in content  # the confidential content, for the office…
    for name in ("title", "know_how", "assignments-0-department", "_save"):
        assert f'name="{name}"' not in content  # …read-only, assignments included
    entry = AccessLog.objects.get()  # …and the read is logged
    assert (entry.user, entry.proposal, entry.kind) == (office_user, case, AccessLog.Kind.CONTENT)


def test_the_history_shows_each_change_with_its_labels_and_is_never_restored(client, office_user):
    case = ProposalFactory()
    update_proposal(case=case, by=case.created_by, title="下書き段階の件名")  # private
    update_proposal(case=case, by=case.created_by, title="提出した件名")
    case = transition(submit(case), A.START_DIALOGUE, by=office_user)
    client.force_login(office_user)
    records = list(case.history.order_by("history_date"))
    received_record = next(record for record in records if record.status == S.RECEIVED)

    history = client.get(reverse("admin:proposals_proposal_history", args=[case.pk]))
    past = reverse(
        "admin:proposals_proposal_simple_history", args=[case.pk, received_record.history_id]
    )
    earlier = client.get(past)
    restore = client.post(past, {"_save": "1"})
    draft_record = records[0]
    draft_page = client.get(
        reverse("admin:proposals_proposal_simple_history", args=[case.pk, draft_record.history_id])
    )

    assert history.status_code == 200
    content = history.content.decode()
    status_change = f"{S.RECEIVED.label} &rarr; {S.CONSULTING.label}"  # labels, not codes
    assert status_change in content
    assert "下書き段階の件名" not in content  # the draft's edits are not shown
    assert earlier.status_code == 200 and 'name="_save"' not in earlier.content.decode()
    assert restore.status_code == 403
    assert draft_page.status_code == 404  # the draft's edits stay the proposer's
    case.refresh_from_db()
    assert case.status == S.CONSULTING
    assert set(AccessLog.objects.values_list("kind", flat=True)) == {AccessLog.Kind.VERSION}


def test_office_reads_the_access_log_and_nobody_writes_it_in_the_admin(
    client, office_user, department_user
):
    case = received()
    log_access(office_user, case, AccessLog.Kind.FILE, "提案概要.pdf")
    other = received()
    log_access(office_user, other, AccessLog.Kind.CONTENT, "admin")
    entry = AccessLog.objects.get(proposal=case)
    client.force_login(office_user)
    changelist = reverse("admin:proposals_accesslog_changelist")

    everything = client.get(changelist)
    files = client.get(changelist, {"kind__exact": AccessLog.Kind.FILE})
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = client.get(changelist, {"at__gte": str(midnight)})  # the filter's "today" link
    searched = client.get(changelist, {"q": case.reference})
    by_email = client.get(changelist, {"q": "office@test"})
    writes = [
        client.get(reverse("admin:proposals_accesslog_add")),
        client.post(
            reverse("admin:proposals_accesslog_change", args=[entry.pk]), {"object_label": "x"}
        ),
        client.get(reverse("admin:proposals_accesslog_delete", args=[entry.pk])),
    ]

    assert {row.pk for row in listed(everything)} == set(
        AccessLog.objects.values_list("pk", flat=True)
    )
    assert listed(files) == [entry]
    assert len(listed(today)) == 2
    assert listed(searched) == [entry]
    assert len(listed(by_email)) == 2
    row = row_of(everything.content.decode(), case.reference)
    assert "提案概要.pdf" in row and office_user.email in row
    assert [answer.status_code for answer in writes] == [403] * 3
    entry.refresh_from_db()
    assert entry.object_label == "提案概要.pdf"
    client.force_login(department_user)
    assert client.get(changelist)["Location"] == reverse("proposals:staff_home")  # issue 13


def test_the_reminder_log_is_read_only(client, office_user):
    case = received()
    reminder = ReminderLog.objects.create(
        proposal=case, kind=ReminderLog.Kind.FIRST_RESPONSE, due_on=case.first_response_due_on
    )
    client.force_login(office_user)

    answers = [
        client.get(reverse("admin:proposals_reminderlog_changelist")),
        client.get(reverse("admin:proposals_reminderlog_add")),
        client.get(reverse("admin:proposals_reminderlog_delete", args=[reminder.pk])),
    ]

    assert [answer.status_code for answer in answers] == [200, 403, 403]
    assert case.reference in answers[0].content.decode()


@pytest.mark.parametrize("count", [1, 5])
def test_the_case_page_takes_the_same_number_of_queries_for_1_and_5_files_and_versions(
    client, office_user, department, count, django_assert_num_queries
):
    case = ProposalFactory(complete=True)
    for number in range(count):
        attach(case, name=f"資料{number}.pdf")
    case = submit(case)
    for number in range(count - 1):
        case = update_proposal(case=case, by=case.created_by, schedule=f"改訂 {number}")
    assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)
    page = reverse("admin:proposals_proposal_change", args=[case.pk])
    client.get(page)  # warm the caches

    # 15: the sidebar asks whether the one publication policy exists (may it be added?).
    with django_assert_num_queries(15):
        response = client.get(page)

    assert response.status_code == 200
    assert response.content.decode().count('href="/proposals/') >= 2 * count

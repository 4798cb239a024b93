"""The read log (閲覧記録, proposals.audit): every read of a case's confidential content by the
city's side — the case page, the dialogue, the meeting records, the agreement and monitoring,
the evaluation pages — and every file download is one entry, with who, what and when; the
office alone reads a case's log on its page and exports it as CSV (BOM, CR LF, Japanese
header)."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Round
from evaluation.services import close_round
from partnership.selectors import agreement_of
from proposals.models import AccessLog, Proposal
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.factories.dialogue import pdf_upload, record, send
from tests.factories.evaluation import EvaluatorFactory
from tests.factories.proposals import attach
from tests.scenarios import (
    agreement_document,
    case_at,
    declare_none,
    monitoring_report,
    operating_case,
    round_of,
    score,
)

pytestmark = pytest.mark.django_db
S = Proposal.Status
K = AccessLog.Kind


def entries(case):
    return list(
        AccessLog.objects.filter(proposal=case)
        .order_by("pk")
        .values_list("user__email", "kind", "object_label")
    )


@pytest.fixture
def case(office_user, department):
    return case_at(S.CONSULTING, office=office_user, departments=[department])


@pytest.fixture
def people(case, office_user, department_user):
    """Every role against the case: the office, its department and another, its proposer,
    another business, an evaluator (of another case's round), a visitor."""
    return {
        "anonymous": AnonymousUser(),
        "proposer": case.created_by,
        "other_business": MemberFactory(),
        "assigned_department": department_user,
        "unassigned_department": DepartmentUserFactory(
            department=DepartmentFactory(name="都市計画課", code="toshi")
        ),
        "evaluator": EvaluatorFactory(),
        "office": office_user,
    }


# The log page and its export: the office alone ---------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),  # sent to sign in
        ("proposer", 404),
        ("other_business", 404),
        ("assigned_department", 404),
        ("unassigned_department", 404),
        ("evaluator", 404),
        ("office", 200),
    ],
)
@pytest.mark.parametrize("name", ["proposals:staff_read_log", "proposals:staff_read_log_csv"])
def test_only_the_office_sees_a_case_s_read_log_and_its_export(
    client, case, people, role, status, name, department_user
):
    client.get(reverse("proposals:staff_case", args=[case.pk]))  # nobody signed in: no entry
    client.force_login(department_user)
    client.get(reverse("proposals:staff_case", args=[case.pk]))
    client.logout()
    if role != "anonymous":
        client.force_login(people[role])

    response = client.get(reverse(name, args=[case.pk]))

    assert response.status_code == status
    if status == 200:
        body = b"".join(response) if response.streaming else response.content
        assert department_user.email in body.decode("utf-8-sig")


def test_the_staff_case_page_links_to_the_read_log_for_the_office_only(
    client, case, office_user, department_user
):
    url = reverse("proposals:staff_read_log", args=[case.pk])
    client.force_login(office_user)
    office_page = client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()
    client.force_login(department_user)
    department_page = client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()

    assert url in office_page
    assert url not in department_page


def test_reading_the_log_is_not_itself_logged(client, case, office_user):
    client.force_login(office_user)

    client.get(reverse("proposals:staff_read_log", args=[case.pk]))
    client.get(reverse("proposals:staff_read_log_csv", args=[case.pk]))

    assert entries(case) == []


def test_the_csv_export_has_the_japanese_header_the_bom_and_one_row_per_entry(
    client, case, office_user, department_user
):
    at = timezone.make_aware(datetime.datetime(2026, 5, 1, 9, 30, 5))
    AccessLog.objects.create(user=department_user, proposal=case, kind=K.CONTENT, at=at)
    AccessLog.objects.create(
        user=office_user,
        proposal=case,
        kind=K.MEETING,
        object_label="=2026-05-01 対話",
        at=at + datetime.timedelta(hours=1),
    )
    client.force_login(office_user)

    response = client.get(reverse("proposals:staff_read_log_csv", args=[case.pk]))

    raw = response.content
    assert raw.startswith("\ufeff".encode())
    assert b"\r\n" in raw
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows == [
        ["閲覧日時", "閲覧者", "メールアドレス", "閲覧内容", "対象"],
        [
            "2026-05-01 10:30:05",
            office_user.get_full_name(),
            office_user.email,
            "打合せ記録",
            "'=2026-05-01 対話",  # a formula cell neutralised
        ],
        [
            "2026-05-01 09:30:05",
            department_user.get_full_name(),
            department_user.email,
            str(K.CONTENT.label),
            "",
        ],
    ]


@pytest.mark.parametrize("name", ["proposals:staff_read_log", "proposals:staff_read_log_csv"])
def test_the_log_and_its_export_take_the_same_queries_for_1_and_40_entries(
    client, case, office_user, department_user, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(office_user)
    url = reverse(name, args=[case.pk])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    AccessLog.objects.create(user=department_user, proposal=case, kind=K.CONTENT)
    count()
    one = count()
    readers = [DepartmentUserFactory(department=department_user.department) for _ in range(4)]
    AccessLog.objects.bulk_create(
        AccessLog(user=readers[number % 4], proposal=case, kind=K.MESSAGES) for number in range(39)
    )

    assert count() == one


# What is logged: one entry per page view, naming what was shown ------------------------------


def test_the_staff_case_page_is_one_entry_per_view_not_per_included_part(
    client, case, department_user
):
    attach(case)
    client.force_login(department_user)

    client.get(reverse("proposals:staff_case", args=[case.pk]))
    client.get(reverse("proposals:staff_case", args=[case.pk]))

    assert entries(case) == [(department_user.email, K.CONTENT, "")] * 2


def test_a_staff_read_of_the_messages_is_logged_and_the_proposer_s_is_not(
    client, case, department_user
):
    send(case, by=case.created_by)
    send(case, by=department_user, body="回答します。")
    client.force_login(case.created_by)
    client.get(reverse("dialogue:thread", args=[case.pk]))
    client.force_login(department_user)

    response = client.get(reverse("dialogue:thread", args=[case.pk]))

    assert response.status_code == 200
    assert entries(case) == [(department_user.email, K.MESSAGES, "")]


def test_a_meeting_record_read_is_logged_with_the_record_and_the_list_as_such(
    client, case, office_user
):
    meeting = record(case, office_user, shared=True)
    client.force_login(office_user)

    client.get(reverse("dialogue:meetings", args=[case.pk]))
    client.get(reverse("dialogue:meeting", args=[case.pk, meeting.pk]))

    assert entries(case) == [
        (office_user.email, K.MEETINGS, ""),
        (office_user.email, K.MEETING, str(meeting)),
    ]


def test_the_agreement_and_monitoring_pages_are_logged_for_the_city_not_the_proposer(
    client, office_user, department, department_user
):
    case = operating_case(office=office_user, departments=[department])
    monitoring_report(case, by=office_user)
    pages = [
        reverse("partnership:staff_agreement", args=[case.pk]),
        reverse("partnership:staff_monitoring", args=[case.pk]),
        reverse("partnership:agreement", args=[case.pk]),
        reverse("partnership:monitoring", args=[case.pk]),
    ]
    client.force_login(case.created_by)
    for url in pages[2:]:
        assert client.get(url).status_code == 200
    client.force_login(department_user)

    for url in pages:
        assert client.get(url).status_code == 200

    assert [kind for _email, kind, _label in entries(case)] == [
        K.AGREEMENT,
        K.MONITORING,
        K.AGREEMENT,
        K.MONITORING,
    ]


def test_the_evaluator_s_candidate_page_and_the_office_s_results_are_logged(client, office_user):
    evaluator = EvaluatorFactory()
    case = case_at(S.PLANNING, office=office_user)
    round = round_of(case, Round.Kind.ADOPTION_REVIEW, office=office_user, evaluators=[evaluator])
    assignment = round.assignments.get()
    candidate = round.candidates.get()
    declare_none(assignment)
    client.force_login(evaluator)
    assert client.get(reverse("evaluation:score", args=[round.pk, candidate.pk])).status_code == 200
    score(assignment, candidate)
    close_round(round=round, by=office_user)
    client.force_login(office_user)

    for name in ("evaluation:results", "evaluation:results_print", "evaluation:results_csv"):
        assert client.get(reverse(name, args=[round.pk])).status_code == 200

    logged = entries(case)
    assert [(email, kind) for email, kind, _label in logged] == [
        (evaluator.email, K.CONTENT),
        (office_user.email, K.EVALUATION),
        (office_user.email, K.EVALUATION),
        (office_user.email, K.EVALUATION),
    ]
    assert all(round.title in label for _email, kind, label in logged[1:])


def test_each_file_download_is_logged_with_the_file_name(
    client, case, office_user, department, department_user
):
    proposal_file = attach(case, name="見積書.pdf")
    message = send(case, by=case.created_by, files=[pdf_upload("質問.pdf")])
    operating = operating_case(office=office_user, departments=[department])
    document = agreement_document(agreement_of(operating), office=office_user, name="協定書.pdf")
    client.force_login(department_user)
    AccessLog.objects.all().delete()

    for url in (
        reverse("proposals:attachment", args=[case.pk, proposal_file.pk]),
        reverse("dialogue:message_file", args=[case.pk, message.attachments.get().pk]),
        reverse("partnership:agreement_document", args=[operating.pk, document.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)

    assert entries(case) == [
        (department_user.email, K.FILE, "見積書.pdf"),
        (department_user.email, K.MESSAGE_FILE, "質問.pdf"),
    ]
    assert entries(operating) == [(department_user.email, K.FILE, "協定書.pdf")]

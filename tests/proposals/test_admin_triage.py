"""Triage in the admin (issue 5 §3): the office's list, its filters and its actions.

Every action opens an intermediate page, then goes through the services (assignments and
their grants) or the workflow (steps), case by case; a refused case is reported and left
exactly as it was.
"""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proposals.audit import log_access
from proposals.fiscal import fiscal_year
from proposals.models import (
    AccessLog,
    DepartmentAssignment,
    Opportunity,
    PPPMethod,
    Proposal,
    ReminderLog,
)
from proposals.selectors import visible_proposals
from proposals.services import assign_department, update_proposal
from proposals.workflow import A, transition
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import field
from tests.factories.dialogue import send
from tests.factories.proposals import ProposalFactory, attach
from tests.jobs import send_setup_mail
from tests.scenarios import case_at, days_ago, submit, submitted_case, withdraw

pytestmark = pytest.mark.django_db

S = Proposal.Status
LIST = "admin:proposals_proposal_changelist"


def received(**kwargs):
    """A case at `received`, its setup mail (receipt, assignment) sent: the tests read theirs."""
    return _settled(submitted_case(**kwargs))


def consulting(office_user, **kwargs):
    return _settled(case_at(S.CONSULTING, office=office_user, **kwargs))


def planning(office_user, **kwargs):
    return _settled(case_at(S.PLANNING, office=office_user, **kwargs))


def _settled(case):
    send_setup_mail()
    return case


def row_of(html, reference):
    """The list's row of a case, found by its reference number."""
    return next(row for row in html.split("<tr>") if f">{reference}</a>" in row)


def listed(response):
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def refusal_codes(response):
    """The codes of the messages of this answer: "" for a success, the refusals' codes else."""
    return [message.extra_tags for message in get_messages(response.wsgi_request)]


def act(client, action, cases, **data):
    """Choose an action for cases on the list (what the list's form posts)."""
    return client.post(
        reverse(LIST),
        {"action": action, "_selected_action": [case.pk for case in cases], "index": 0, **data},
    )


def apply(client, action, cases, **data):
    """Confirm an intermediate page (what its form posts), the status each case showed."""
    seen = {f"seen_status_{case.pk}": case.status for case in cases}
    client.cookies.pop("messages", None)  # only this answer's messages
    return client.post(
        reverse(LIST),
        {
            "action": action,
            "_selected_action": [case.pk for case in cases],
            "apply": "yes",
            **seen,
            **data,
        },
    )


# The list ----------------------------------------------------------------------------------


def test_office_lists_submitted_cases_most_urgent_first_and_never_drafts(client, office_user):
    later = received()
    with days_ago(3):
        sooner = received()
    no_deadline = consulting(office_user)  # the first response is given: nothing due
    draft = ProposalFactory(title="下書きの提案")
    client.force_login(office_user)

    response = client.get(reverse(LIST))

    assert listed(response) == [sooner, later, no_deadline]
    assert draft.title not in response.content.decode()


def test_office_cannot_open_a_draft_in_the_admin(client, office_user):
    draft = ProposalFactory()
    client.force_login(office_user)

    page = client.get(reverse("admin:proposals_proposal_change", args=[draft.pk]))
    history = client.get(reverse("admin:proposals_proposal_history", args=[draft.pk]))

    assert page.status_code == 302 and page.url == reverse("admin:index")  # "does not exist"
    assert history.status_code == 404


def test_the_list_shows_what_triage_needs_in_its_columns(client, office_user, department):
    with days_ago(30):  # 10 business days: past
        case = received(title="市民プールの予約")
    assign_department(case=case, department=department, by=office_user)
    fresh = received(free=True)
    client.force_login(office_user)

    response = client.get(reverse(LIST))

    html = response.content.decode()
    overdue_row, fresh_row = (row_of(html, case.reference), row_of(html, fresh.reference))
    case.refresh_from_db()
    due = date_format(case.next_due_on)
    with translation.override("ja"):
        thirty_days, zero_days = _("%(days)s days") % {"days": 30}, _("%(days)s days") % {"days": 0}
        overdue = _("%(date)s (overdue)") % {"date": due}
    for text in (
        "市民プールの予約",
        case.organization.name,
        "テーマ提示型",  # the type, in Japanese
        "提案・発想",  # the stage
        case.get_status_display(),
        department.name,
        thirty_days,  # days since receipt
        f"<strong>{overdue}</strong>",  # in words, not by colour only
    ):
        assert text in overdue_row
    assert "<strong>" not in fresh_row
    assert "自由提案型" in fresh_row and zero_days in fresh_row


@pytest.fixture
def world(office_user, department):
    """One case per kind of answer the filters give; a draft that none of them shows."""
    other_department = DepartmentFactory(name="デジタル推進課", code="digital")
    idea = received()
    assign_department(case=idea, department=department, by=office_user)
    free = consulting(office_user, free=True, field=field("welfare"))
    assign_department(case=free, department=other_department, by=office_user)
    with days_ago(30):  # planning, the reply to the proposer's message overdue…
        overdue = planning(office_user)
        send(overdue)
    overdue.refresh_from_db()
    closed = withdraw(received())
    ProposalFactory()  # a draft
    Proposal.objects.filter(pk=closed.pk).update(fiscal_year=fiscal_year(timezone.localdate()) - 1)
    return {
        "idea": idea,
        "free": free,
        "overdue": overdue,
        "closed": closed,
        "department": department,
        "other_department": other_department,
    }


FILTERS = {
    "stage=idea": ["idea", "free"],
    "stage=planning": ["overdue"],
    "stage=realization": [],
    "status=received": ["idea"],
    "status=withdrawn": ["closed"],
    "kind__exact=free": ["free"],
    "kind__exact=theme": ["idea", "overdue", "closed"],
    "field__id__exact={welfare}": ["free"],
    "theme__id__exact={idea_theme}": ["idea"],
    "department={department}": ["idea"],
    "department={other_department}": ["free"],
    "department=none": ["overdue", "closed"],
    "fiscal_year={this_year}": ["idea", "free", "overdue"],
    "fiscal_year={last_year}": ["closed"],
    "overdue=yes": ["overdue"],
    "overdue=no": ["idea", "free", "closed"],
}


@pytest.mark.parametrize("query", FILTERS)
def test_each_filter_answers_and_keeps_only_its_cases(client, office_user, world, query):
    values = {
        "welfare": field("welfare").pk,
        "idea_theme": world["idea"].theme_id,
        "department": world["department"].pk,
        "other_department": world["other_department"].pk,
        "this_year": fiscal_year(timezone.localdate()),
        "last_year": fiscal_year(timezone.localdate()) - 1,
    }
    client.force_login(office_user)

    response = client.get(reverse(LIST) + "?" + query.format(**values))

    assert {case.pk for case in listed(response)} == {world[name].pk for name in FILTERS[query]}


def test_the_filters_offer_the_stages_departments_and_fiscal_years(client, office_user, world):
    client.force_login(office_user)

    content = client.get(reverse(LIST)).content.decode()

    year = fiscal_year(timezone.localdate())
    with translation.override("ja"):
        this_year = _("Reiwa %(reiwa)s (FY %(year)s)") % {"reiwa": year - 2018, "year": year}
    for label in ("計画・検討", "事業具体化", "デジタル推進課", this_year):
        assert label in content
    assert "?status=draft" not in content  # drafts are not in the office's list


@pytest.mark.parametrize("term", ["reference", "title", "organisation"])
def test_office_searches_by_reference_title_or_organisation(client, office_user, term):
    case = received(title="図書館の電子書籍サービス")
    other = received()
    case.organization.name = "株式会社富士見ソフト"
    case.organization.save()
    query = {"reference": case.reference, "title": "電子書籍", "organisation": "富士見"}[term]
    client.force_login(office_user)

    response = client.get(reverse(LIST), {"q": query})

    assert listed(response) == [case]
    assert other.title not in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_the_list_takes_the_same_number_of_queries_for_1_and_50_cases(
    client, office_user, count, django_assert_num_queries
):
    departments = DepartmentFactory.create_batch(2)
    for case in ProposalFactory.create_batch(count):
        case = submit(case)
        for department in departments:
            assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)
    client.get(reverse(LIST))  # warm the caches (content types, sessions)

    with django_assert_num_queries(13):
        response = client.get(reverse(LIST))

    assert len(listed(response)) == count
    assert departments[1].name in response.content.decode()


# Who may use it ----------------------------------------------------------------------------


def test_department_staff_have_no_access_to_the_cases_in_the_admin(
    client, office_user, department, department_user
):
    case = received()
    assign_department(case=case, department=department, by=office_user)  # even their own
    client.force_login(department_user)

    answers = [
        client.get(reverse(LIST)),
        client.get(reverse("admin:proposals_proposal_change", args=[case.pk])),
        client.get(reverse("admin:proposals_proposal_history", args=[case.pk])),
        act(client, "take_step", [case]),
        apply(client, "take_step", [case], step=A.START_DIALOGUE),
    ]

    assert [answer.status_code for answer in answers] == [403] * 5
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert "proposals/proposal/" not in client.get(reverse("admin:index")).content.decode()


def test_businesses_are_sent_to_the_admin_login(client):
    case = received()
    client.force_login(case.created_by)

    answers = [
        client.get(reverse(LIST)),
        client.get(reverse("admin:proposals_proposal_change", args=[case.pk])),
        apply(client, "take_step", [case], step=A.START_DIALOGUE),
    ]

    assert [answer.status_code for answer in answers] == [302] * 3
    assert all(answer.url.startswith(reverse("admin:login")) for answer in answers)
    case.refresh_from_db()
    assert case.status == S.RECEIVED


# Assigning departments ---------------------------------------------------------------------


def test_office_assigns_departments_through_the_intermediate_page_and_they_see_the_cases(
    client,
    office_user,
    department,
    department_user,
    mailoutbox,
    run_jobs,
):
    cases = [received(), received()]
    other = DepartmentFactory(name="デジタル推進課", code="digital")
    client.force_login(office_user)

    page = act(client, "assign_departments", cases)
    done = apply(client, "assign_departments", cases, departments=[department.pk, other.pk])
    run_jobs()

    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="departments"' in content and department.name in content
    assert all(case.reference in content for case in cases)
    assert done.status_code == 302
    assert set(DepartmentAssignment.objects.values_list("proposal_id", "department_id")) == {
        (case.pk, dept.pk) for case in cases for dept in (department, other)
    }
    assert set(visible_proposals(department_user)) == set(cases)
    assert [mail.to for mail in mailoutbox] == [[department_user.email]] * 2
    assert refusal_codes(done) == ["", ""]  # one success message per department


def test_assigning_reports_a_refused_case_and_does_the_rest(client, office_user, department):
    already = received()
    assign_department(case=already, department=department, by=office_user)
    closed = withdraw(received())
    fresh = received()
    client.force_login(office_user)

    done = apply(
        client, "assign_departments", [already, closed, fresh], departments=[department.pk]
    )

    assert sorted(refusal_codes(done)) == ["", "already_assigned", "closed"]
    assert set(DepartmentAssignment.objects.values_list("proposal_id", flat=True)) == {
        already.pk,
        fresh.pk,
    }


def test_a_draft_gets_no_department_from_the_list_or_the_service(
    client, office_user, department, department_user
):
    draft = ProposalFactory()
    client.force_login(office_user)

    apply(client, "assign_departments", [draft], departments=[department.pk])
    with pytest.raises(ValidationError) as refusal:
        assign_department(case=draft, department=department, by=office_user)

    assert refusal.value.code == "draft"
    assert not DepartmentAssignment.objects.exists()
    assert list(visible_proposals(department_user)) == []


def test_the_assignment_page_asks_again_without_a_department(client, office_user):
    case = received()
    client.force_login(office_user)

    page = apply(client, "assign_departments", [case])

    assert page.status_code == 200
    assert page.context["form"].errors["departments"]
    assert 'aria-invalid="true"' in page.content.decode()
    assert not DepartmentAssignment.objects.exists()


def test_office_removes_a_department_and_its_staff_no_longer_see_the_case(
    client, office_user, department, department_user
):
    case = received()
    unassigned = received()
    assign_department(case=case, department=department, by=office_user)
    client.force_login(office_user)

    page = act(client, "unassign_department", [case, unassigned])
    done = apply(client, "unassign_department", [case, unassigned], department=department.pk)

    assert page.status_code == 200 and 'name="department"' in page.content.decode()
    assert done.status_code == 302
    assert sorted(refusal_codes(done)) == ["", "not_assigned"]
    assert not DepartmentAssignment.objects.exists()
    assert list(visible_proposals(department_user)) == []


# Workflow steps ----------------------------------------------------------------------------


def test_the_step_page_offers_the_office_steps_possible_and_shows_each_status(client, office_user):
    case = received()
    client.force_login(office_user)

    page = act(client, "take_step", [case])

    assert page.status_code == 200
    choices = [value for value, _label in page.context["form"].fields["step"].choices]
    assert choices == [A.START_DIALOGUE, A.DECLINE]
    content = page.content.decode()
    assert f'name="seen_status_{case.pk}" value="received"' in content
    assert A.WITHDRAW not in choices  # the proposer's step
    assert 'name="ppp_method"' not in content  # asked for only when adoption is possible


def test_office_starts_the_dialogue_for_several_cases_at_once(client, office_user):
    cases = [received(), received()]
    client.force_login(office_user)

    done = apply(client, "take_step", cases, step=A.START_DIALOGUE)

    assert done.status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert case.status == S.CONSULTING
        assert case.transitions.last().actor == office_user
        assert case.first_responded_at is not None


def test_office_moves_a_case_to_planning_with_its_reason(client, office_user):
    case = consulting(office_user)
    client.force_login(office_user)

    apply(client, "take_step", [case], step=A.TO_PLANNING, reason="目標を共有できた。")

    case.refresh_from_db()
    assert case.status == S.PLANNING
    assert case.transitions.last().reason == "目標を共有できた。"


def test_a_step_without_its_reason_is_refused_for_that_case_only(client, office_user):
    ready, wrong = consulting(office_user), received()
    client.force_login(office_user)

    done = apply(client, "take_step", [ready, wrong], step=A.TO_PLANNING)

    assert sorted(refusal_codes(done)) == ["reason_required", "wrong_status"]
    for case in (ready, wrong):
        status = case.status
        case.refresh_from_db()
        assert case.status == status


ADOPTION = {
    "reason": "予算措置済み。",
    "public_reason": "市民の利便性が高まるため採択します。",
    "ppp_method": PPPMethod.OUTSOURCING,
    "opportunity": Opportunity.OPEN_CALL,
}


@pytest.mark.parametrize(
    ("missing", "codes"),
    [
        ("ppp_method", "ppp_method_required"),
        ("opportunity", "opportunity_required"),
        ("public_reason", "public_reason_required"),
    ],
)
def test_adoption_without_what_it_needs_is_refused_and_nothing_changes(
    client, office_user, missing, codes
):
    case = planning(office_user)
    steps = case.transitions.count()
    client.force_login(office_user)

    done = apply(client, "take_step", [case], step=A.ADOPT, **{**ADOPTION, missing: ""})

    assert refusal_codes(done) == [codes]
    case.refresh_from_db()
    assert case.status == S.PLANNING
    assert case.transitions.count() == steps


def test_a_direct_agreement_needs_its_reason(client, office_user):
    case = planning(office_user)
    client.force_login(office_user)
    direct = {**ADOPTION, "opportunity": Opportunity.DIRECT}

    refused = apply(client, "take_step", [case], step=A.ADOPT, **direct)
    case.refresh_from_db()
    done = apply(
        client, "take_step", [case], step=A.ADOPT, direct_reason="特許技術のため。", **direct
    )

    assert refusal_codes(refused) == ["direct_reason_required"]
    assert refusal_codes(done) == [""]
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    assert case.transitions.last().details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.DIRECT,
        "direct_reason": "特許技術のため。",
    }


def test_office_adopts_with_the_ppp_method_and_the_opportunity(
    client, office_user, mailoutbox, run_jobs
):
    case = planning(office_user)
    client.force_login(office_user)

    page = act(client, "take_step", [case])
    done = apply(client, "take_step", [case], step=A.ADOPT, **ADOPTION)
    run_jobs()

    assert 'name="ppp_method"' in page.content.decode()
    assert refusal_codes(done) == [""]
    case.refresh_from_db()
    assert case.status == S.ADOPTED
    record = case.transitions.last()
    assert (record.step, record.public_reason) == (A.ADOPT, ADOPTION["public_reason"])
    assert record.details == {"ppp_method": "outsourcing", "opportunity": "open_call"}
    assert [mail.to for mail in mailoutbox] == [[case.contact_email, case.created_by.email]]


def test_a_step_on_a_case_someone_else_moved_meanwhile_is_refused_as_stale(client, office_user):
    case = received()
    seen = case.status  # what the intermediate page showed
    transition(case, A.START_DIALOGUE, by=office_user)  # a colleague, in the meantime
    client.force_login(office_user)

    done = apply(
        client,
        "take_step",
        [case],
        step=A.DECLINE,
        reason="対象外。",
        public_reason="市の事業の範囲外のため。",
        **{f"seen_status_{case.pk}": seen},
    )

    assert refusal_codes(done) == ["stale"]
    case.refresh_from_db()
    assert case.status == S.CONSULTING
    assert case.transitions.count() == 2


# The case page, its history and the logs ---------------------------------------------------


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
    assert client.get(changelist).status_code == 403


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

    with django_assert_num_queries(14):
        response = client.get(page)

    assert response.status_code == 200
    assert response.content.decode().count('href="/proposals/') >= 2 * count

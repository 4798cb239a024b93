"""Triage in the admin (issue 5 §3): the office's list of cases, its columns, filters and
search, its queries; nobody else uses it."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proposals.fiscal import fiscal_year
from proposals.models import Proposal
from proposals.services import assign_department
from proposals.workflow import A
from tests.factories.accounts import DepartmentFactory
from tests.factories.cocreation_list import field
from tests.factories.dialogue import send
from tests.factories.proposals import ProposalFactory
from tests.proposals.helpers import LIST, act, apply, consulting, listed, planning, received, row_of
from tests.scenarios import days_ago, submit, withdraw

pytestmark = pytest.mark.django_db

S = Proposal.Status


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


# The filters and the search ------------------------------------------------------------------


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

    # 14: the sidebar asks whether the one publication policy exists (may it be added?); the
    # theme filter reads the themes and their fields (grouped, issue 13 §2); the cases are
    # counted once, up to a bound, never a second time unfiltered (issue 14).
    with django_assert_num_queries(14):
        response = client.get(reverse(LIST))

    assert len(listed(response)) == count
    assert departments[1].name in response.content.decode()


# Who may use it ------------------------------------------------------------------------------


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

    # The admin is the office's: department staff are sent to their staff home (issue 13).
    assert [answer.status_code for answer in answers] == [302] * 5
    assert {answer["Location"] for answer in answers} == {reverse("proposals:staff_home")}
    case.refresh_from_db()
    assert case.status == S.RECEIVED
    assert client.get(reverse("admin:index"))["Location"] == reverse("proposals:staff_home")


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

"""The proposer's dashboard and case page: what the proposer and the office read there, the
next steps shown, and the queries each page needs."""

import re

import pytest
from django.urls import reverse

from proposals.models import Proposal
from proposals.views.proposer.cases import CASES_PER_PAGE
from tests.factories.accounts import MemberFactory, UserFactory
from tests.factories.cocreation_list import ThemeFactory
from tests.factories.proposals import ProposalFactory, attach, png_bytes
from tests.proposals.helpers import DASHBOARD_URL, FREE_URL, case_url, edit_data, messages_of
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db


# Dashboard -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [DASHBOARD_URL, FREE_URL, reverse("proposals:create_theme", args=[1])]
)
def test_user_without_organisation_is_sent_to_register_it_with_a_message(client, url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("accounts:organization_create")
    assert len(messages_of(response)) == 1


def test_office_staff_opening_the_dashboard_are_sent_to_the_staff_home(client, office_user):
    client.force_login(office_user)

    response = client.get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url == reverse("proposals:staff_home")


def test_proposer_sees_the_organisations_cases_newest_activity_first_with_next_steps(
    signed_in, proposer
):
    organization = proposer.membership.organization
    mine = {"organization": organization, "created_by": proposer}
    incomplete = ProposalFactory(**mine, intent=Proposal.Intent.PROPOSAL, title="未記入の案")
    ready = ProposalFactory(**mine, complete=True, title="提出できる案")
    on_closed_theme = ProposalFactory(**mine, theme=ThemeFactory(closed=True), title="締切後の案")
    received = submit(ProposalFactory(**mine, title="受付済みの案"))
    withdrawn = withdraw(submit(ProposalFactory(**mine, title="取下げ済みの案")))
    colleague_case = ProposalFactory(
        organization=organization, created_by=MemberFactory(organization=organization)
    )
    other = ProposalFactory(title="他社の秘密の案")
    ready.title = "提出できる案（更新）"
    ready.save()  # the newest activity

    response = signed_in.get(DASHBOARD_URL)

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row["case"] for row in rows] == [
        ready,
        colleague_case,
        withdrawn,
        received,
        on_closed_theme,
        incomplete,
    ]
    assert {row["case"].pk: row["next"] for row in rows} == {
        ready.pk: "submit",
        colleague_case.pk: "submit",
        withdrawn.pk: "none",
        received.pk: "wait",
        on_closed_theme.pk: "theme_closed",
        incomplete.pk: "complete",
    }
    page = response.content.decode()
    assert other.title not in page
    assert received.reference in page
    assert reverse("proposals:submit", args=[ready.pk]) in page
    assert reverse("proposals:edit", args=[incomplete.pk]) in page
    assert f'href="{reverse("cocreation_list:theme_list")}?state=accepting"' in page
    assert f'href="{FREE_URL}"' in page


@pytest.mark.parametrize("count", [1, 20])
def test_dashboard_needs_the_same_number_of_queries_for_1_or_20_cases(
    client, count, django_assert_num_queries
):
    member = MemberFactory()
    organization = member.membership.organization
    cases = ProposalFactory.create_batch(count + 1, organization=organization, created_by=member)
    submit(cases[0])
    withdraw(submit(ProposalFactory(organization=organization, created_by=member, free=True)))
    ProposalFactory(title="他社の案")
    client.force_login(member)
    client.get(DASHBOARD_URL)  # warm the content-type cache

    # session, user, membership, the user's permissions (own and groups), the cases counted
    # (up to a bound), the page of cases (without their long texts), the drafts' sections (to
    # say which are still empty), the organisation's name
    with django_assert_num_queries(10):
        response = client.get(DASHBOARD_URL)

    assert len(response.context["rows"]) == count + 2


@pytest.mark.parametrize("count", [3, CASES_PER_PAGE + 3])
def test_dashboard_shows_a_page_of_cases_with_the_same_queries_however_many(
    client, count, django_assert_num_queries
):
    member = MemberFactory()
    ProposalFactory.create_batch(
        count, organization=member.membership.organization, created_by=member
    )
    client.force_login(member)
    client.get(DASHBOARD_URL)  # warm the content-type cache

    with django_assert_num_queries(10):  # the drafts' sections included
        response = client.get(DASHBOARD_URL)

    assert len(response.context["rows"]) == min(count, CASES_PER_PAGE)
    page = response.content.decode()
    assert ('rel="next"' in page) == (count > CASES_PER_PAGE)
    if count > CASES_PER_PAGE:
        second = client.get(DASHBOARD_URL, {"page": 2})
        assert len(second.context["rows"]) == count - CASES_PER_PAGE


# The proposal page ---------------------------------------------------------------------------


def test_proposer_sees_content_confidential_know_how_files_timeline_and_steps(signed_in, draft):
    attach(draft, name="構想図.png", content=png_bytes())
    case = submit(draft)
    signed_in.post(case_url("edit", case), edit_data(case, schedule="前倒し", note="工程更新"))

    response = signed_in.get(case_url("detail", case))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (case.title, case.outline, case.body, case.know_how, case.reference, "構想図.png"):
        assert text in page
    know_how = re.search(
        r'<section class="proposal-section confidential"[^>]*>.*?</section>', page, re.S
    ).group(0)
    assert case.know_how in know_how and 'class="badge confidential"' in know_how
    assert [event["kind"] for event in response.context["timeline"]] == [
        "created",
        "upload",
        "version",
        "transition",
        "version",
    ]
    assert [step["code"] for step in response.context["steps"]] == ["withdraw"]
    assert response.context["may_edit"] and not response.context["may_delete"]
    assert case_url("attachment", case, case.attachments.get().pk) in page


def test_office_reads_the_case_and_gets_no_step_or_edit_link(client, office_user, draft):
    case = submit(draft)
    client.force_login(office_user)

    response = client.get(case_url("detail", case))

    assert response.status_code == 200
    assert response.context["steps"] == []
    assert not response.context["may_edit"] and response.context["upload_form"] is None
    assert case_url("edit", case) not in response.content.decode()


@pytest.mark.parametrize("files", [1, 6])
def test_proposal_page_needs_the_same_number_of_queries_for_1_or_6_files(
    client, files, django_assert_num_queries
):
    case = ProposalFactory(complete=True)
    for number in range(files):
        attach(case, name=f"資料{number}.pdf")
    case = submit(case)
    client.force_login(case.created_by)
    client.get(case_url("detail", case))

    # session, user, the case, membership, permissions (2), versions, steps, files, goals, the
    # formal documents
    with django_assert_num_queries(12):
        response = client.get(case_url("detail", case))

    assert len(response.context["attachments"]) == files

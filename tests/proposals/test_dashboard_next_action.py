"""One next action per case (issue 13, point 5): the dashboard (/my/) and the case page say the
same single thing, by one rule: an unread message from the city comes first; then what the
workflow leaves to the proposer (finish and submit a draft); then waiting for the city."""

import datetime
import re

import pytest
from django.utils import timezone

from proposals.models import Proposal, ReadMark
from proposals.next_steps import NEXT_STEPS, next_action
from tests.factories.accounts import MemberFactory
from tests.factories.proposals import ProposalFactory
from tests.proposals.helpers import DASHBOARD_URL, case_url
from tests.scenarios import submit, withdraw

pytestmark = pytest.mark.django_db


def city_writes(case, *, at=None):
    """The city's message, as the dialogue records it on the case (last_city_message_at)."""
    Proposal.objects.filter(pk=case.pk).update(last_city_message_at=at or timezone.now())


def _row(page, case):
    return re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(case.title)}.*?</tr>", page, re.S).group(0)


def test_an_unread_message_from_the_city_comes_before_waiting(signed_in, proposer, draft):
    case = submit(draft)
    city_writes(case)

    response = signed_in.get(DASHBOARD_URL)

    (row,) = response.context["rows"]
    assert row["next"] == "read_message"
    html = _row(response.content.decode(), case)
    assert str(NEXT_STEPS["read_message"]) in html
    assert str(NEXT_STEPS["wait"]) not in html  # one action, never two
    assert html.count('class="next-action') == 1


def test_once_read_the_case_waits_for_the_city_again(signed_in, proposer, draft):
    case = submit(draft)
    city_writes(case, at=timezone.now() - datetime.timedelta(hours=1))
    ReadMark.objects.create(user=proposer, proposal=case)

    response = signed_in.get(DASHBOARD_URL)

    assert [row["next"] for row in response.context["rows"]] == ["wait"]


def test_the_rule_in_priority_order(proposer):
    mine = {"organization": proposer.membership.organization, "created_by": proposer}
    incomplete = ProposalFactory(**mine, intent=Proposal.Intent.PROPOSAL)
    ready = ProposalFactory(**mine, complete=True)
    received = submit(ProposalFactory(**mine, complete=True))
    withdrawn = withdraw(submit(ProposalFactory(**mine, complete=True)))

    assert next_action(incomplete, proposer, has_unread=False) == "complete"
    assert next_action(ready, proposer, has_unread=False) == "submit"
    assert next_action(received, proposer, has_unread=False) == "wait"
    assert next_action(received, proposer, has_unread=True) == "read_message"
    assert next_action(withdrawn, proposer, has_unread=False) == "none"
    assert next_action(withdrawn, proposer, has_unread=True) == "read_message"
    # Someone else's case: nothing for them to do, unread or not.
    assert next_action(received, MemberFactory(), has_unread=True) == "none"


def test_the_case_page_says_the_same_next_action_as_the_dashboard(signed_in, draft):
    case = submit(draft)
    city_writes(case)

    dashboard = signed_in.get(DASHBOARD_URL).context["rows"][0]["next"]
    page = signed_in.get(case_url("detail", case))

    assert dashboard == page.context["action"]["code"] == "read_message"
    assert str(NEXT_STEPS["read_message"]) in page.content.decode()


def test_dashboard_is_a_card_table_with_a_label_on_every_cell(signed_in, proposer, draft):
    case = submit(draft)
    ProposalFactory(organization=proposer.membership.organization, created_by=proposer)

    page = signed_in.get(DASHBOARD_URL).content.decode()

    assert '<table class="case-table card-table">' in page
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    cells = re.findall(r"<td[^>]*>", body)
    assert cells and all("data-label=" in cell for cell in cells)
    assert f'<span class="ref">{case.reference}</span>' in body


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_with_unread_messages_needs_the_same_queries_for_2_or_20_cases(
    client, count, django_assert_num_queries
):
    member = MemberFactory()
    organization = member.membership.organization
    cases = ProposalFactory.create_batch(
        count, organization=organization, created_by=member, complete=True
    )
    for case in cases[: max(1, count // 2)]:
        city_writes(submit(case))
    ReadMark.objects.create(user=member, proposal=cases[0])
    client.force_login(member)
    client.get(DASHBOARD_URL)  # warm the content-type cache

    # session, user, membership, the user's permissions (own and groups), the cases counted
    # (up to a bound), the page of cases (without their long texts), the drafts' sections (to
    # say which are still empty), the organisation's name
    with django_assert_num_queries(10):
        response = client.get(DASHBOARD_URL)

    assert len(response.context["rows"]) == count

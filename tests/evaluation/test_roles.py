"""Every role against every evaluation URL: a leak (a 200 where the role has no business) fails.

Evaluator pages: only this round's evaluators (200); everyone else signed in 404, office
included; anonymous visitors are sent to sign in. Office pages: only the office (200); everyone
else signed in 404, this round's evaluators included.
"""

import pytest
from django.urls import reverse

from proposals.services import assign_department
from tests.evaluation.helpers import disguised_round
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.scenarios import adoption_round, declare_none, submit_sheet

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "business",
    "proposer",
    "department_assigned",
    "department_other",
    "office",
    "evaluator",
    "evaluator_elsewhere",
)


@pytest.fixture
def world(office_user, department):
    round, _secrets = disguised_round(office=office_user, applications=1, evaluators=2)
    assign_department(case=round.proposal, department=department, by=office_user)
    evaluator_assignment = declare_none(round.assignments.first())
    other = declare_none(round.assignments.last())
    candidate = round.candidates.order_by("label").first()
    sheet = submit_sheet(other, candidate)
    elsewhere = adoption_round(office=office_user)
    users = {
        "anonymous": None,
        "business": MemberFactory(),
        "proposer": round.proposal.created_by,
        "department_assigned": DepartmentUserFactory(department=department),
        "department_other": DepartmentUserFactory(),
        "office": office_user,
        "evaluator": evaluator_assignment.evaluator,
        "evaluator_elsewhere": declare_none(elsewhere.assignments.get()).evaluator,
    }
    file = candidate.proposal.attachments.first()
    pk = round.pk
    evaluator_urls = [
        reverse("evaluation:round", args=[pk]),
        reverse("evaluation:score", args=[pk, candidate.pk]),
        reverse("evaluation:candidate_file", args=[pk, candidate.pk, file.pk]),
    ]
    office_urls = [
        reverse("evaluation:case_rounds", args=[round.proposal.pk]),
        reverse("evaluation:manage_round", args=[pk]),
        reverse("evaluation:reopen_sheet", args=[pk, sheet.pk]),
        reverse("evaluation:decide", args=[pk]),
    ]
    office_posts = [
        reverse("evaluation:add_evaluator", args=[pk]),
        reverse("evaluation:remove_evaluator", args=[pk, other.pk]),
        reverse("evaluation:open_round", args=[pk]),
        reverse("evaluation:close_round", args=[pk]),
        reverse("evaluation:refresh_candidates", args=[pk]),
        reverse("evaluation:reopen_sheet", args=[pk, sheet.pk]),
        reverse("evaluation:decide", args=[pk]),
    ]
    return {
        "round": round,
        "elsewhere": elsewhere,
        "users": users,
        "evaluator_urls": evaluator_urls,
        "office_urls": office_urls,
        "office_posts": office_posts,
    }


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_evaluator_pages_answer_only_this_rounds_evaluators(client, world, role):
    sign_in(client, world["users"][role])

    codes = [fetch(client, url) for url in world["evaluator_urls"]]

    expected = {"anonymous": 302, "evaluator": 200}.get(role, 404)
    assert codes == [expected] * len(world["evaluator_urls"])


@pytest.mark.parametrize("role", ROLES)
def test_the_declaration_answers_only_this_rounds_evaluators(client, world, role):
    sign_in(client, world["users"][role])

    response = client.post(reverse("evaluation:declare", args=[world["round"].pk]), {})

    # This round's evaluator has declared already: sent back to the round, nothing changes.
    assert response.status_code == {"anonymous": 302, "evaluator": 302}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_my_rounds_lists_only_the_users_own_rounds(client, world, role):
    sign_in(client, world["users"][role])

    response = client.get(reverse("evaluation:my_rounds"))

    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    listed = [row["round"] for row in response.context["rows"]]
    expected = {"evaluator": [world["round"]], "evaluator_elsewhere": [world["elsewhere"]]}
    assert listed == expected.get(role, [])


@pytest.mark.parametrize("role", ROLES)
def test_office_pages_answer_only_the_office(client, world, role):
    sign_in(client, world["users"][role])

    codes = [fetch(client, url) for url in world["office_urls"]]

    expected = {"anonymous": 302, "office": 200}.get(role, 404)
    if role == "office":
        # The decision page sends the office back to the round while it is still open.
        assert codes == [200, 200, 200, 302]
    else:
        assert codes == [expected] * len(world["office_urls"])


@pytest.mark.parametrize("role", [role for role in ROLES if role != "office"])
def test_office_posts_are_refused_to_everyone_else_and_change_nothing(client, world, role):
    sign_in(client, world["users"][role])
    round = world["round"]

    codes = [
        client.post(url, {"reason": "x", "email": "a@b.jp"}).status_code
        for url in world["office_posts"]
    ]

    assert codes == [302 if role == "anonymous" else 404] * len(world["office_posts"])
    round.refresh_from_db()
    assert round.status == "open"
    assert round.assignments.count() == 2

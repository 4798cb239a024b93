"""The office's publication page of a case: /staff/cases/<pk>/publication/ (office only)."""

import pytest
from django.urls import reverse

from outcomes.models import PublishedDecision
from proposals.services import assign_department
from proposals.workflow import A
from tests.factories.accounts import DepartmentFactory, DepartmentUserFactory, MemberFactory
from tests.scenarios import adopted_and_published, decided_selection, decision_of, published

from .data import SECRET_ORGANIZATION, confidential_case, evaluator_of

pytestmark = pytest.mark.django_db


def _url(case):
    return reverse("outcomes:publish", args=[case.pk])


@pytest.fixture
def world(office_user, department):
    """A selection's original case (with a department in charge) and the people around it."""
    round, case, step = decided_selection(office=office_user, select="A")
    assign_department(case=case, department=department, by=office_user)
    other_round, _other_case, _step = decided_selection(office=office_user, select="B")
    people = {
        "office": office_user,
        "assigned_department": DepartmentUserFactory(department=department),
        "unassigned_department": DepartmentUserFactory(department=DepartmentFactory(code="toshi")),
        "proposer": MemberFactory(organization=case.organization),
        "other_business": MemberFactory(),
        "evaluator_of_this_round": evaluator_of(round),
        "evaluator_of_another_round": evaluator_of(other_round),
        "anonymous": None,
    }
    return {"case": case, "step": step, "people": people}


@pytest.mark.parametrize(
    "role",
    [
        "assigned_department",
        "unassigned_department",
        "proposer",
        "other_business",
        "evaluator_of_this_round",
        "evaluator_of_another_round",
    ],
)
def test_everyone_but_the_office_finds_no_publication_page(client, world, role):
    client.force_login(world["people"][role])

    page = client.get(_url(world["case"]))
    posted = client.post(_url(world["case"]), {"transition": world["step"].pk})

    assert (page.status_code, posted.status_code) == (404, 404)
    assert not PublishedDecision.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(_url(world["case"]))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_office_sees_the_decisions_waiting_with_the_consent_preset(client, office_user):
    case = confidential_case(office=office_user, consent=True)
    client.force_login(office_user)

    response = client.get(_url(case))

    assert response.status_code == 200
    (item,) = response.context["items"]
    assert item["step"] == decision_of(case, A.ADOPT)
    assert item["form"]["discloses_proposer"].value() is True
    assert "shows_candidate_names" not in item["form"].fields  # no round: no candidates


def test_office_is_offered_the_candidates_choice_for_a_decided_selection(client, world):
    client.force_login(world["people"]["office"])

    response = client.get(_url(world["case"]))

    adoption, selection = response.context["items"]
    assert (adoption["step"].step, adoption["round"]) == (A.ADOPT, None)
    assert "shows_candidate_names" not in adoption["form"].fields
    item = selection
    assert item["step"] == world["step"]
    assert item["round"] is not None
    assert "shows_candidate_names" in item["form"].fields
    assert item["form"]["discloses_proposer"].value() is False


def test_office_publishes_a_decision_from_the_page(client, office_user):
    case = confidential_case(office=office_user, consent=True)
    step = decision_of(case, A.ADOPT)
    client.force_login(office_user)

    response = client.post(_url(case), {"transition": step.pk, "discloses_proposer": "on"})

    assert response.status_code == 302
    publication = PublishedDecision.objects.get()
    assert publication.transition == step
    assert publication.proposer_name == SECRET_ORGANIZATION
    page = client.get(_url(case))
    assert page.context["items"] == []
    assert [entry["publication"] for entry in page.context["publications"]] == [publication]


def test_office_posting_an_already_published_decision_changes_nothing(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    client.force_login(office_user)

    response = client.post(
        _url(case), {"transition": publication.transition_id, "discloses_proposer": "on"}
    )

    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.discloses_proposer is False
    assert PublishedDecision.objects.count() == 1


def test_office_withdraws_a_publication_from_the_page(client, office_user):
    case = confidential_case(office=office_user)
    publication = published(case, office=office_user)
    client.force_login(office_user)

    response = client.post(reverse("outcomes:withdraw", args=[case.pk, publication.pk]))

    assert response.status_code == 302
    assert not PublishedDecision.objects.exists()


def test_department_staff_cannot_withdraw_a_publication(client, office_user, department):
    case = confidential_case(office=office_user)
    assign_department(case=case, department=department, by=office_user)
    publication = published(case, office=office_user)
    client.force_login(DepartmentUserFactory(department=department))

    response = client.post(reverse("outcomes:withdraw", args=[case.pk, publication.pk]))

    assert response.status_code == 404
    assert PublishedDecision.objects.count() == 1


def test_staff_case_page_links_to_the_publication_page_for_the_office_only(
    client, office_user, department
):
    case = confidential_case(office=office_user)
    assign_department(case=case, department=department, by=office_user)
    link = f'href="{_url(case)}"'

    client.force_login(office_user)
    assert link in client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()
    client.force_login(DepartmentUserFactory(department=department))
    assert link not in client.get(reverse("proposals:staff_case", args=[case.pk])).content.decode()


@pytest.mark.parametrize("count", [1, 20])
def test_office_gets_the_page_in_constant_queries(
    client, office_user, count, django_assert_num_queries
):
    case = confidential_case(office=office_user)
    published(case, office=office_user)
    adopted_and_published(office=office_user, count=count)
    client.force_login(office_user)
    client.get(_url(case))

    with django_assert_num_queries(9):
        response = client.get(_url(case))

    assert len(response.context["publications"]) == 1

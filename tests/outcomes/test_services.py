"""Publishing a decision (services.publish_decision) and withdrawing it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from outcomes.models import PublishedDecision
from outcomes.services import publish_decision, withdraw_publication
from proposals.models import Opportunity, PPPMethod, Proposal
from proposals.workflow import A
from tests.factories.accounts import DepartmentUserFactory, MemberFactory
from tests.scenarios import decided_selection, decision_of

from .data import PUBLIC_REASON, SECRET_ORGANIZATION, SECRET_OUTLINE, confidential_case

pytestmark = pytest.mark.django_db
S = Proposal.Status


def test_office_publishes_an_adoption_as_a_snapshot_without_the_proposer_by_default(office_user):
    case = confidential_case(office=office_user)

    publication = publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=False
    )

    assert publication.proposal == case
    assert publication.decision == A.ADOPT
    assert publication.title == case.title
    assert publication.public_reason == PUBLIC_REASON
    assert publication.ppp_method == PPPMethod.OUTSOURCING
    assert publication.opportunity == Opportunity.OPEN_CALL
    assert (publication.proposer_name, publication.outline) == ("", "")
    assert publication.selected_party == ""
    assert publication.candidates == []
    assert publication.round is None
    assert publication.published_by == office_user


def test_office_publishes_the_proposer_name_and_outline_when_it_discloses_them(office_user):
    case = confidential_case(office=office_user, consent=True)

    publication = publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=True
    )

    assert (publication.proposer_name, publication.outline) == (
        SECRET_ORGANIZATION,
        SECRET_OUTLINE,
    )


def test_office_is_refused_publishing_the_same_decision_twice(office_user):
    case = confidential_case(office=office_user)
    step = decision_of(case, A.ADOPT)
    publish_decision(transition=step, by=office_user, discloses_proposer=False)

    with pytest.raises(ValidationError) as refusal:
        publish_decision(transition=step, by=office_user, discloses_proposer=True)

    assert refusal.value.code == "already_published"
    assert PublishedDecision.objects.count() == 1


def test_office_is_refused_publishing_a_step_that_is_not_a_decision(office_user):
    case = confidential_case(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        publish_decision(
            transition=decision_of(case, A.TO_PLANNING), by=office_user, discloses_proposer=False
        )

    assert refusal.value.code == "not_a_decision"
    assert not PublishedDecision.objects.exists()


@pytest.mark.parametrize("who", ["department", "proposer"])
def test_others_than_the_office_may_not_publish_or_withdraw(office_user, department, who):
    case = confidential_case(office=office_user)
    person = (
        DepartmentUserFactory(department=department)
        if who == "department"
        else MemberFactory(organization=case.organization)
    )

    with pytest.raises(PermissionDenied):
        publish_decision(transition=decision_of(case, A.ADOPT), by=person, discloses_proposer=True)
    publication = publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=False
    )
    with pytest.raises(PermissionDenied):
        withdraw_publication(publication=publication, by=person)

    assert PublishedDecision.objects.count() == 1


def test_office_withdraws_a_publication_and_the_history_keeps_who_did(office_user):
    case = confidential_case(office=office_user)
    publication = publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=False
    )

    withdraw_publication(publication=publication, by=office_user)

    assert not PublishedDecision.objects.exists()
    deleted = PublishedDecision.history.filter(history_type="-").get()
    assert deleted.history_user == office_user
    # The decision can be published again afterwards.
    publish_decision(
        transition=decision_of(case, A.ADOPT), by=office_user, discloses_proposer=False
    )


def test_office_publishes_a_selection_with_anonymised_totals_on_the_original_case(office_user):
    round, original, step = decided_selection(office=office_user, select="B")

    publication = publish_decision(transition=step, by=office_user, discloses_proposer=False)

    assert publication.proposal == original
    assert publication.round == round
    assert publication.decision == A.SELECT
    assert publication.selected_party == "株式会社B"
    assert publication.public_reason == round.public_reason
    assert publication.shows_candidate_names is False
    assert publication.candidates == [
        {"label": "B", "name": "", "total": "64.75", "rank": 1, "passed": True, "selected": True},
        {"label": "A", "name": "", "total": "64.25", "rank": 2, "passed": True, "selected": False},
        {"label": "C", "name": "", "total": "50.75", "rank": 3, "passed": False, "selected": False},
    ]


def test_office_publishes_a_selection_with_the_candidates_named_when_it_chooses(office_user):
    round, original, step = decided_selection(office=office_user, select="A")
    # The original proposer consented to publication (共創指針 原則3).
    Proposal.objects.filter(pk=original.pk).update(consent_to_publish=True)

    publication = publish_decision(
        transition=step, by=office_user, discloses_proposer=True, shows_candidate_names=True
    )

    assert [(row["label"], row["name"], row["selected"]) for row in publication.candidates] == [
        ("B", "株式会社B", False),
        ("A", original.organization.name, True),
        ("C", "株式会社C", False),
    ]
    assert publication.selected_party == original.organization.name
    assert publication.proposer_name == original.organization.name


def test_candidate_names_are_never_kept_for_a_decision_without_a_round(office_user):
    case = confidential_case(office=office_user)

    publication = publish_decision(
        transition=decision_of(case, A.ADOPT),
        by=office_user,
        discloses_proposer=False,
        shows_candidate_names=True,
    )

    assert publication.shows_candidate_names is False

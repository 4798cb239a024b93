"""evaluation.services: a closed round decided, a selection (the winner selected, the others
not) or an adoption review (adopted with its PPP details, or not); a refused decision
changes nothing."""

import pytest
from django.core.exceptions import ValidationError

from evaluation import services
from evaluation.models import Candidate, Round, RoundEvent
from proposals.models import Opportunity, PPPMethod, Proposal, ProposalTransition
from tests.evaluation.helpers import codes
from tests.scenarios import adoption_round, closed_round, selection_round

pytestmark = pytest.mark.django_db
S = Proposal.Status
R = Round.Status


def test_decide_selection_moves_the_winner_to_selected_and_the_others_to_not_selected(
    office_user,
):
    round = closed_round(
        selection_round(office=office_user, applications=2, evaluators=1), by=office_user
    )
    winner = round.candidates.filter(is_original_proposer=False).first()

    services.decide_selection(
        round=round,
        selected=winner,
        reason="最高点",
        public_reason="評価の結果、最も優れていたため。",
        by=office_user,
    )

    round.refresh_from_db()
    assert (round.status, round.selected, round.public_reason) == (
        R.DECIDED,
        winner,
        "評価の結果、最も優れていたため。",
    )
    statuses = {
        c.proposal_id: c.proposal.status for c in round.candidates.select_related("proposal")
    }
    assert statuses == {
        c.proposal_id: (S.SELECTED if c == winner else S.NOT_SELECTED)
        for c in round.candidates.all()
    }
    assert RoundEvent.Kind.DECIDED in round.events.values_list("kind", flat=True)


def test_a_refused_selection_changes_nothing(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)
    winner = round.candidates.first()

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round, selected=winner, reason="最高点", public_reason="", by=office_user
        )

    assert codes(refusal.value) == {"public_reason_required"}
    round.refresh_from_db()
    assert round.status == R.CLOSED and round.selected is None
    assert set(
        Proposal.objects.filter(candidacies__round=round).values_list("status", flat=True)
    ) == {S.SELECTING}
    assert not ProposalTransition.objects.filter(step__in=["select", "not_select"]).exists()


def test_deciding_an_open_round_is_refused(office_user):
    round = selection_round(office=office_user, evaluators=1)

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round,
            selected=round.candidates.first(),
            reason="理由",
            public_reason="公表理由",
            by=office_user,
        )

    assert codes(refusal.value) == {"round_not_closed"}


def test_choosing_a_candidate_of_another_round_is_refused(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)
    other = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round,
            selected=other.candidates.first(),
            reason="理由",
            public_reason="公表理由",
            by=office_user,
        )

    assert codes(refusal.value) == {"not_a_candidate"}
    assert not Candidate.objects.filter(proposal__status=S.SELECTED).exists()


def test_decide_adoption_adopts_the_case_with_its_ppp_details(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    services.decide_adoption(
        round=round,
        adopt=True,
        reason="予算措置の見込みあり。",
        public_reason="市民の利便性向上が見込まれるため。",
        ppp_method=PPPMethod.OUTSOURCING,
        opportunity=Opportunity.DIRECT,
        direct_reason="特許技術を有するのは提案者のみのため。",
        by=office_user,
    )

    round.refresh_from_db()
    case = round.proposal
    case.refresh_from_db()
    assert (round.status, round.is_adopted) == (R.DECIDED, True)
    assert case.status == S.ADOPTED
    step = case.transitions.get(step=ProposalTransition.Steps.ADOPT)
    assert step.details == {
        "ppp_method": PPPMethod.OUTSOURCING,
        "opportunity": Opportunity.DIRECT,
        "direct_reason": "特許技術を有するのは提案者のみのため。",
    }
    assert step.public_reason == "市民の利便性向上が見込まれるため。"


def test_decide_adoption_not_adopting_moves_the_case_to_not_adopted(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    services.decide_adoption(
        round=round,
        adopt=False,
        reason="費用対効果が低い。",
        public_reason="効果の検証が困難なため。",
        by=office_user,
    )

    round.proposal.refresh_from_db()
    round.refresh_from_db()
    assert round.proposal.status == S.NOT_ADOPTED
    assert round.is_adopted is False


def test_an_adoption_without_its_ppp_method_is_refused_and_nothing_changes(office_user):
    round = closed_round(adoption_round(office=office_user), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_adoption(
            round=round,
            adopt=True,
            reason="理由",
            public_reason="公表理由",
            opportunity=Opportunity.OPEN_CALL,
            by=office_user,
        )

    assert codes(refusal.value) == {"ppp_method_required"}
    round.refresh_from_db()
    assert round.status == R.CLOSED
    assert round.proposal.status == S.PLANNING


def test_an_adoption_decision_on_a_selection_round_is_refused(office_user):
    round = closed_round(selection_round(office=office_user, evaluators=1), by=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.decide_adoption(
            round=round, adopt=False, reason="理由", public_reason="公表理由", by=office_user
        )

    assert codes(refusal.value) == {"wrong_kind"}

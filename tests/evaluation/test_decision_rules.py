"""The selection's decision respects the minimum pass mark (最低基準点)."""

import pytest
from django.core.exceptions import ValidationError

from evaluation import services
from evaluation.models import Round
from proposals.models import ProposalTransition
from tests.scenarios import hand_checked_selection

pytestmark = pytest.mark.django_db


def test_office_cannot_select_a_candidate_below_the_pass_mark_and_nothing_changes(office_user):
    round = hand_checked_selection(office=office_user)  # C: 50.75 < 60, fails
    failing = round.candidates.get(label="C")

    with pytest.raises(ValidationError) as refusal:
        services.decide_selection(
            round=round,
            selected=failing,
            reason="価格が最も低い。",
            public_reason="価格が最も低いため。",
            by=office_user,
        )

    assert refusal.value.code == "below_pass_mark"
    round.refresh_from_db()
    assert round.status == Round.Status.CLOSED and round.selected is None
    assert not ProposalTransition.objects.filter(step__in=["select", "not_select"]).exists()

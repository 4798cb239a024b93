"""evaluation.services: opening a round's scoring (labels drawn, evaluators mailed a link)
and closing it, and the refusals of either."""

import pytest
from django.core.exceptions import ValidationError

from evaluation import services
from evaluation.models import Round, RoundEvent, ScoreSheet
from mishima_kyoso.common.ids import encode_id
from tests.evaluation.helpers import codes
from tests.scenarios import adoption_round, selection_round

pytestmark = pytest.mark.django_db
R = Round.Status


def test_opening_gives_labels_mails_the_evaluators_after_commit_and_logs(
    office_user, mailoutbox, run_jobs
):
    round = selection_round(office=office_user, applications=2, evaluators=2, opened=False)

    services.open_round(round=round, by=office_user)
    run_jobs()

    round.refresh_from_db()
    assert round.status == R.OPEN and round.opened_at is not None
    assert sorted(round.candidates.values_list("label", flat=True)) == ["A", "B", "C"]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        round.assignments.values_list("evaluator__email", flat=True)
    )
    link = f"/evaluation/rounds/{encode_id(round.pk)}/"
    assert all(link in message.body for message in mailoutbox)
    # Links only: no candidate, no case title in the mail.
    case = round.proposal
    assert all(case.title not in message.body + message.subject for message in mailoutbox)
    assert RoundEvent.Kind.OPENED in round.events.values_list("kind", flat=True)


def test_labels_are_drawn_so_that_the_original_proposer_is_not_always_a(office_user):
    round = selection_round(office=office_user, applications=3, evaluators=1, opened=False)
    seen = set()
    for _attempt in range(30):
        Round.objects.filter(pk=round.pk).update(status=R.DRAFT)
        services.open_round(round=round, by=office_user)
        seen.add(round.candidates.get(is_original_proposer=True).label)
        if len(seen) > 1:
            break

    assert len(seen) > 1


def test_labels_run_past_z_spreadsheet_style():
    assert [services.label_for(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_opening_without_an_evaluator_is_refused(office_user):
    round = adoption_round(office=office_user, evaluators=0, opened=False)

    with pytest.raises(ValidationError) as refusal:
        services.open_round(round=round, by=office_user)

    assert codes(refusal.value) == {"no_evaluators"}
    round.refresh_from_db()
    assert round.status == R.DRAFT


def test_opening_an_open_round_again_is_refused(office_user):
    round = adoption_round(office=office_user)

    with pytest.raises(ValidationError) as refusal:
        services.open_round(round=round, by=office_user)

    assert codes(refusal.value) == {"not_draft"}


def test_closing_keeps_missing_sheets_as_missing_and_logs(office_user):
    round = adoption_round(office=office_user, evaluators=2)

    services.close_round(round=round, by=office_user)

    round.refresh_from_db()
    assert round.status == R.CLOSED and round.closed_at is not None
    assert not ScoreSheet.objects.filter(candidate__round=round).exists()
    assert RoundEvent.Kind.CLOSED in round.events.values_list("kind", flat=True)


def test_closing_a_draft_is_refused(office_user):
    round = adoption_round(office=office_user, opened=False)

    with pytest.raises(ValidationError) as refusal:
        services.close_round(round=round, by=office_user)

    assert codes(refusal.value) == {"round_not_open"}

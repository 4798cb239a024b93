"""The four-stage tracker on the proposer's case page (issue 13, point 5): the guidelines'
stages 提案・発想, 計画・検討, 事業具体化, 改善, where the case is, and what happens next."""

import re

import pytest

from proposals.models import Proposal
from proposals.next_steps import WHAT_HAPPENS_NEXT, case_tracker
from proposals.states import Status
from tests.proposals.helpers import case_url
from tests.scenarios import case_at

pytestmark = pytest.mark.django_db

S = Status
D, C, U, E, N, X = "done", "current", "upcoming", "ended", "not_reached", "skipped"

# status: (the states of the four stages, the status the last step left for an ended case)
EXPECTED = {
    S.DRAFT: ((U, U, U, U), None),
    S.RECEIVED: ((C, U, U, U), None),
    S.CONSULTING: ((C, U, U, U), None),
    S.DECLINED: ((E, N, N, N), S.CONSULTING),
    S.PLANNING: ((D, C, U, U), None),
    S.ADOPTED: ((D, D, C, U), None),
    S.NOT_ADOPTED: ((D, E, N, N), S.PLANNING),
    S.SELECTING: ((D, D, C, U), None),
    S.SELECTED: ((D, D, C, U), None),
    S.NOT_SELECTED: ((D, D, E, N), S.SELECTING),
    S.AGREED: ((D, D, C, U), None),
    S.OPERATING: ((D, D, D, C), None),
    S.COMPLETED: ((D, D, D, D), None),
    S.WITHDRAWN: ((D, E, N, N), S.PLANNING),
}


def test_every_status_has_a_tracker_and_a_sentence_of_what_happens_next():
    assert set(EXPECTED) == set(Status)
    assert set(WHAT_HAPPENS_NEXT) == set(Status)


@pytest.mark.parametrize("status", list(Status))
def test_tracker_shows_where_the_case_is_for_every_status(status):
    stages, ended_from = EXPECTED[status]

    tracker = case_tracker(Proposal(status=status), ended_from=ended_from)

    assert [stage.code for stage in tracker.stages] == [
        "idea",
        "planning",
        "realization",
        "improvement",
    ]
    assert tuple(stage.state for stage in tracker.stages) == stages
    # An ended case is over, not in progress: it has no current stage.
    assert tracker.is_ended == (status in (S.DECLINED, S.NOT_ADOPTED, S.NOT_SELECTED, S.WITHDRAWN))
    if tracker.is_ended:
        assert not any(stage.is_current for stage in tracker.stages)
    assert tracker.happens_next == WHAT_HAPPENS_NEXT[status]
    assert all(str(stage.state_label) for stage in tracker.stages)


@pytest.mark.parametrize(
    ("status", "stages"),
    [(S.SELECTING, (X, X, C, U)), (S.NOT_SELECTED, (X, X, E, N)), (S.AGREED, (X, X, C, U))],
)
def test_an_application_joins_at_the_realization_stage(status, stages):
    tracker = case_tracker(
        Proposal(status=status, kind=Proposal.Kind.APPLICATION), ended_from=S.SELECTING
    )

    assert tuple(stage.state for stage in tracker.stages) == stages


def _tracker_html(response):
    page = response.content.decode()
    return re.search(r'<section id="tracker".*?</section>', page, re.S).group(0)


@pytest.mark.parametrize(
    ("status", "current"),
    [
        (S.DRAFT, None),
        (S.CONSULTING, "idea"),
        (S.PLANNING, "planning"),
        (S.OPERATING, "improvement"),
    ],
)
def test_proposer_sees_the_current_stage_marked_in_words_and_for_screen_readers(
    client, office_user, status, current
):
    case = case_at(status, office=office_user)
    client.force_login(case.created_by)

    html = _tracker_html(client.get(case_url("detail", case)))

    items = re.findall(r'<li class="tracker-stage stage-(\w+)"([^>]*)>', html)
    assert len(items) == 4
    marked = [state for state, attributes in items if 'aria-current="step"' in attributes]
    assert marked == ([] if current is None else ["current"])
    assert '<ol class="tracker">' in html
    assert str(WHAT_HAPPENS_NEXT[status]) in html
    assert 'class="tracker-state"' in html  # the state in text, not by colour alone


def test_a_case_not_adopted_is_shown_as_ended_where_it_stopped(client, office_user):
    case = case_at(S.NOT_ADOPTED, office=office_user)
    client.force_login(case.created_by)

    response = client.get(case_url("detail", case))

    html = _tracker_html(response)
    assert 'aria-current="step"' not in html
    assert re.findall(r"stage-(\w+)", html) == ["done", "ended", "not_reached", "not_reached"]
    assert 'class="tracker-status ended"' in html
    assert response.context["action"]["code"] == "none"


def test_the_city_reads_the_tracker_without_the_proposers_next_action(client, office_user):
    case = case_at(S.CONSULTING, office=office_user)
    client.force_login(office_user)

    response = client.get(case_url("detail", case))

    assert response.context["action"] is None
    assert 'class="tracker-action"' not in _tracker_html(response)

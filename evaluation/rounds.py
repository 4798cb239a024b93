"""The evaluation round's states (評価ラウンドの状態): the one place that reads `Round.status`.

    draft ──open──→ open ──close──→ closed ──decide──→ decided
    (being prepared)  (scoring)       (scoring closed)    (decided)

STEPS lists the moves the services make (services.open_round, close_round, decide_adoption and
decide_selection) and `advance()` makes them; nothing else writes the status. The predicates
below say what each status allows: the services refuse through them (each with its own code),
the views hand them to the templates as a `RoundState`, and querysets filter on the groups of
statuses (`status__in=rounds.OPENED`). Templates never compare a status.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .models import Round

R = Round.Status


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    stamp: str  # the round's field that records when the step was taken


OPEN, CLOSE, DECIDE = "open", "close", "decide"
STEPS: dict[str, Step] = {
    OPEN: Step((R.DRAFT,), R.OPEN, "opened_at"),
    CLOSE: Step((R.OPEN,), R.CLOSED, "closed_at"),
    DECIDE: Step((R.CLOSED,), R.DECIDED, "decided_at"),
}

# The statuses grouped by what they allow; querysets filter on these (status__in=…).
BEING_PREPARED = (R.DRAFT,)
SCORING = (R.OPEN,)
BEFORE_CLOSING = (R.DRAFT, R.OPEN)
OPENED = (R.OPEN, R.CLOSED, R.DECIDED)  # scoring has opened, and may since have closed
DECIDED = (R.DECIDED,)


def advance(round, step: str) -> list[str]:
    """Move the round, locked and checked by the calling service, along one of STEPS: its
    status and the time of the step. Returns the fields to save."""
    move = STEPS[step]
    if round.status not in move.sources:  # a service forgot its check: never skip a state
        raise ValueError(f"A round in {round.status} cannot take the step {step}.")
    round.status = move.target
    setattr(round, move.stamp, timezone.now())
    return ["status", move.stamp]


# What each status allows ---------------------------------------------------------------------


def may_open(round) -> bool:
    """The office opens the scoring of a round being prepared (draft), and only then."""
    return round.status in STEPS[OPEN].sources


def may_refresh_candidates(round) -> bool:
    """The candidates follow the case (new applications, withdrawn ones) only while the round
    is being prepared: once scoring opens, the candidates and their labels are fixed."""
    return round.status in BEING_PREPARED


def may_change_evaluators(round) -> bool:
    """Evaluators are added or removed while the round is being prepared or scored, never
    once the scoring is closed."""
    return round.status in BEFORE_CLOSING


def may_score(round) -> bool:
    """Evaluators declare their conflicts of interest and save or submit their score sheets
    only while the scoring is open."""
    return round.status in SCORING


def may_reopen_sheet(round) -> bool:
    """The office reopens a submitted sheet only while the scoring is open, so that its
    evaluator can still change and submit it."""
    return round.status in SCORING


def may_close(round) -> bool:
    """The office closes the scoring of a round being scored, and only then."""
    return round.status in STEPS[CLOSE].sources


def may_decide(round) -> bool:
    """The decision (adoption or not, or the selected candidate) is taken once the scoring is
    closed, and only once: a decided round is not decided again."""
    return round.status in STEPS[DECIDE].sources


def has_opened(round) -> bool:
    """Scoring has opened (and may since have closed or been decided): the round is shown to
    its evaluators, its labels are final, its criteria set is fixed and it has results."""
    return round.status in OPENED


def results_are_provisional(round) -> bool:
    """Until the scoring is closed, sheets may still come in or be reopened: the results are
    provisional."""
    return round.status in BEFORE_CLOSING


def is_decided(round) -> bool:
    """The round is finished: its decision is recorded and the case has moved on."""
    return round.status in DECIDED


PREDICATES: dict[str, Callable[[Round], bool]] = {
    predicate.__name__: predicate
    for predicate in (
        may_open,
        may_refresh_candidates,
        may_change_evaluators,
        may_score,
        may_reopen_sheet,
        may_close,
        may_decide,
        has_opened,
        results_are_provisional,
        is_decided,
    )
}


@dataclass(frozen=True)
class RoundState:
    """What the round's status allows now, for the templates: `{% if round_state.may_decide %}`."""

    may_open: bool
    may_refresh_candidates: bool
    may_change_evaluators: bool
    may_score: bool
    may_reopen_sheet: bool
    may_close: bool
    may_decide: bool
    has_opened: bool
    results_are_provisional: bool
    is_decided: bool

    @classmethod
    def of(cls, round) -> "RoundState":
        return cls(**{name: predicate(round) for name, predicate in PREDICATES.items()})

"""What the proposer should do next, and where the case is among the four stages.

One home for both: the dashboard (/my/) and the proposer's case page read the same next action
(`next_action`), and the case page's four-stage tracker (`case_tracker`) reads the stage of each
status from states.py.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy

from municipality.selectors import naming_the_city

from . import states
from .checks import missing_sections
from .models import Proposal
from .permissions import is_proposer
from .workflow import A, available_steps

S = states.Status

NEXT_STEPS = {
    "read_message": gettext_lazy("Read the new message from the city"),
    "complete": gettext_lazy("Some sections are still empty"),
    "submit": gettext_lazy("Please submit"),
    "theme_closed": gettext_lazy("The theme has closed; a free proposal is still possible"),
    "call_closed": gettext_lazy("The open call is not accepting applications now"),
    "wait": gettext_lazy("Please wait for the city to contact you"),
    "none": gettext_lazy("Nothing to do"),
}


def next_step(case: Proposal, user) -> str:
    """A key of NEXT_STEPS from the workflow alone (the messages aside); reads only the case and
    its theme or call."""
    steps = available_steps(case, user)
    today = timezone.localdate()
    if A.APPLY in steps:
        if missing_sections(case):
            return "complete"
        return "submit" if case.open_call.is_accepting(today) else "call_closed"
    if A.SUBMIT in steps:
        if missing_sections(case):
            return "complete"
        if case.kind == Proposal.Kind.THEME and not case.theme.is_accepting(today):
            return "theme_closed"
        return "submit"
    if case.status in states.BEFORE_AGREEMENT and is_proposer(user, case):
        return "wait"
    return "none"


def next_action(case: Proposal, user, *, has_unread: bool | None = None) -> str:
    """The one thing to do next on this case, as a key of NEXT_STEPS.

    The rule, in priority order:
    1. the city has written since this member last read the dialogue: read the message (it may
       ask for something, and it answers whatever the proposer was waiting for);
    2. otherwise what the workflow leaves to the proposer (next_step): finish and submit a draft
       or an application, or wait for the city while the case is before the agreement;
    3. otherwise nothing.

    `has_unread` defaults to the dashboard's annotation (selectors.organization_proposals).
    """
    if has_unread is None:
        has_unread = bool(getattr(case, "has_unread", False))
    if has_unread and is_proposer(user, case):
        return "read_message"
    return next_step(case, user)


# What happens next, from the proposer's side, in one sentence per status.
WHAT_HAPPENS_NEXT = {
    S.DRAFT: naming_the_city(
        gettext_lazy(
            "When you submit, the %(office)s receives the proposal and gives it a reference number."
        )
    ),
    S.RECEIVED: naming_the_city(
        gettext_lazy("The %(office)s reads your proposal and contacts you to start the dialogue.")
    ),
    S.CONSULTING: naming_the_city(
        gettext_lazy(
            "You and the city talk the idea through; the %(office)s then decides whether it "
            "moves on to planning."
        )
    ),
    S.PLANNING: gettext_lazy(
        "You and the city share goals and work out the plan; the city then decides whether to "
        "adopt it and publishes the reasons."
    ),
    S.ADOPTED: gettext_lazy(
        "The city prepares how the implementer is chosen: an open call to other businesses "
        "or a direct agreement."
    ),
    S.SELECTING: gettext_lazy(
        "The selection committee evaluates the applications; the city then announces who "
        "implements the service."
    ),
    S.SELECTED: gettext_lazy(
        "You and the city draft the agreement that fixes each side's roles and risks."
    ),
    S.AGREED: gettext_lazy(
        "The service starts as agreed; you and the city then monitor it together."
    ),
    S.OPERATING: gettext_lazy(
        "You run the service, report on the shared goals and meet the city to improve it."
    ),
    S.COMPLETED: gettext_lazy("The service has ended; its records stay available here."),
    S.DECLINED: gettext_lazy(
        "The case has ended: the city decided not to take it forward. The reasons are in the "
        "timeline."
    ),
    S.NOT_ADOPTED: gettext_lazy(
        "The case has ended: the city decided not to adopt it. The reasons are in the timeline."
    ),
    S.NOT_SELECTED: gettext_lazy(
        "The case has ended: another application was selected. The reasons are in the timeline."
    ),
    S.WITHDRAWN: gettext_lazy("The case has ended: it was withdrawn and cannot be resumed."),
}

# What each state of a stage is called, so the tracker does not speak by colour alone.
STAGE_STATES = {
    "done": gettext_lazy("Done"),
    "current": gettext_lazy("Current stage"),
    "upcoming": gettext_lazy("Not yet"),
    "ended": gettext_lazy("Ended here"),
    "not_reached": gettext_lazy("Not reached"),
    "skipped": gettext_lazy("Not part of an application"),
}


@dataclass(frozen=True)
class TrackerStage:
    code: str
    label: str
    state: str  # a key of STAGE_STATES

    @property
    def state_label(self) -> str:
        return STAGE_STATES[self.state]

    @property
    def is_current(self) -> bool:
        return self.state == "current"


@dataclass(frozen=True)
class Tracker:
    stages: list[TrackerStage]
    is_draft: bool
    is_ended: bool  # over before it ran (declined, not adopted, not selected, withdrawn)
    is_completed: bool
    happens_next: str


def case_tracker(case: Proposal, *, ended_from: str | None = None) -> Tracker:
    """Where the case is among the guidelines' four stages (states.STAGE_OF).

    A running case has its stage current, the stages before it done and the ones after it to
    come. A case that ended before it ran has no current stage: the stage it ended in (from
    `ended_from`, the status its last step left) is marked as ended, the later ones as not
    reached. A completed case has every stage done. An application to an open call joins at
    the realization stage: the stages before it are not part of it.
    """
    order = list(states.Stage)
    status = case.status
    is_ended = status in states.CLOSED and status != S.COMPLETED
    first = order.index(states.Stage.REALIZATION) if case.kind == Proposal.Kind.APPLICATION else 0
    if status == S.COMPLETED:
        where, before, after = len(order), "done", "done"
    elif is_ended:
        stage = states.stage_of(ended_from) if ended_from else None
        where = order.index(stage) if stage else -1
        before, after = "done", "not_reached"
    else:
        stage = states.stage_of(status)
        where = order.index(stage) if stage else -1  # a draft: every stage to come
        before, after = "done", "upcoming"
    stages = []
    for index, stage in enumerate(order):
        if index < first:
            state = "skipped"
        elif index < where:
            state = before
        elif index == where:
            state = "ended" if is_ended else "current"
        else:
            state = after
        stages.append(TrackerStage(code=stage.value, label=stage.label, state=state))
    return Tracker(
        stages=stages,
        is_draft=status == S.DRAFT,
        is_ended=is_ended,
        is_completed=status == S.COMPLETED,
        happens_next=WHAT_HAPPENS_NEXT[status],
    )

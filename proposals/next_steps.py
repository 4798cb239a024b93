"""What the proposer should do next, as the dashboard says it (from the workflow's table)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from . import states
from .checks import missing_sections
from .models import Proposal
from .permissions import is_proposer
from .workflow import A, available_steps

NEXT_STEPS = {
    "complete": gettext_lazy("Some sections are still empty"),
    "submit": gettext_lazy("Please submit"),
    "theme_closed": gettext_lazy("The theme has closed; a free proposal is still possible"),
    "call_closed": gettext_lazy("The open call is not accepting applications now"),
    "wait": gettext_lazy("Please wait for the city to contact you"),
    "none": gettext_lazy("Nothing to do"),
}


def next_step(case: Proposal, user) -> str:
    """A key of NEXT_STEPS for this user and case; reads only the case and its theme or call."""
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

"""The statuses of a case (案件), the stage of each, and every named set of them: one home.

A leaf (it imports nothing of the portal): the models, the workflow, the deadlines, the dialogue,
the views and the tests read the statuses here; nothing else lists statuses (DESIGN §4).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Where a case is in the workflow (proposals/workflow.py is the only writer)."""

    DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
    RECEIVED = "received", pgettext_lazy("proposal status", "Received")
    CONSULTING = "consulting", pgettext_lazy("proposal status", "In consultation")
    DECLINED = "declined", pgettext_lazy("proposal status", "Not taken forward")
    PLANNING = "planning", pgettext_lazy("proposal status", "In planning")
    # Adopted: an open call is written next, or the agreement is drafted directly
    # (the case's `opportunity` says which).
    ADOPTED = "adopted", pgettext_lazy("proposal status", "Adopted")
    NOT_ADOPTED = "not_adopted", pgettext_lazy("proposal status", "Not adopted")
    # The open call runs and the selection round decides: nothing else.
    SELECTING = "selecting", pgettext_lazy("proposal status", "Selecting the implementer")
    SELECTED = "selected", pgettext_lazy("proposal status", "Selected as the implementer")
    NOT_SELECTED = "not_selected", pgettext_lazy("proposal status", "Not selected")
    AGREED = "agreed", pgettext_lazy("proposal status", "Agreement signed")
    OPERATING = "operating", pgettext_lazy("proposal status", "In operation")
    COMPLETED = "completed", pgettext_lazy("proposal status", "Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")


class Stage(models.TextChoices):
    """The four stages of the guidelines (提案・発想, 計画・検討, 事業具体化, 改善)."""

    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Planning")
    REALIZATION = "realization", _("Realization")
    IMPROVEMENT = "improvement", _("Improvement")


S = Status

# The stage of every status. None: a draft (not yet the city's), or a case that ended before
# it ran (not taken forward, not adopted, not selected, withdrawn).
STAGE_OF: dict[str, str | None] = {
    S.DRAFT: None,
    S.RECEIVED: Stage.IDEA,
    S.CONSULTING: Stage.IDEA,
    S.DECLINED: None,
    S.PLANNING: Stage.PLANNING,
    S.ADOPTED: Stage.REALIZATION,
    S.NOT_ADOPTED: None,
    S.SELECTING: Stage.REALIZATION,
    S.SELECTED: Stage.REALIZATION,
    S.NOT_SELECTED: None,
    S.AGREED: Stage.REALIZATION,
    S.OPERATING: Stage.IMPROVEMENT,
    S.COMPLETED: Stage.IMPROVEMENT,
    S.WITHDRAWN: None,
}


def stage_of(status: str) -> str | None:
    return STAGE_OF[status]


def statuses_of_stage(stage: str) -> list[str]:
    return [status for status, of in STAGE_OF.items() if of == stage]


# Withdrawal is possible until an agreement is signed (DESIGN §4).
BEFORE_AGREEMENT = (S.RECEIVED, S.CONSULTING, S.PLANNING, S.ADOPTED, S.SELECTING, S.SELECTED)
# Over: no deadline runs, no step is left, the proposer writes no more messages.
CLOSED = (S.DECLINED, S.NOT_ADOPTED, S.NOT_SELECTED, S.WITHDRAWN, S.COMPLETED)
# The proposer changes a draft in place and a submitted case by new versions until the
# agreement fixes roles (共創指針 原則4).
EDITABLE = (S.DRAFT, *BEFORE_AGREEMENT)
# The open call is written and published while the adopted case waits for its implementer.
CALL = (S.ADOPTED, S.SELECTING)
# The agreement page: from the adoption (a direct agreement) or the selection on.
AGREEMENT = (S.ADOPTED, S.SELECTING, S.SELECTED, S.AGREED, S.OPERATING, S.COMPLETED)
# The agreement is drafted and signed before the case is agreed: after a direct adoption, or
# once the selection has chosen its implementer.
AGREEMENT_DRAFTING = (S.ADOPTED, S.SELECTED)
# Documents (the signed agreement, later amendments) are added while the case runs.
AGREEMENT_DOCUMENTS = (S.ADOPTED, S.SELECTED, S.AGREED, S.OPERATING)
# Monitoring (段階4): written while the service runs, read afterwards.
MONITORING = (S.OPERATING, S.COMPLETED)


# The stage pages a case has (the partnership app's agreement and monitoring pages), by the
# case's own fields, without a query: the case navigation of proposals shows their tabs
# without importing the app that serves them.


def has_agreement_page(case) -> bool:
    """The agreement page exists for this case: from a direct adoption, or from the selection
    on (an adoption that chose an open call waits for it); read-only once the case is over."""
    return case.status in AGREEMENT and not (case.status == S.ADOPTED and case.chose_open_call)


def has_monitoring_page(case) -> bool:
    """The monitoring page exists for this case: while it runs, and read afterwards."""
    return case.status in MONITORING


def stage_label(status: str) -> str:
    """The stage of this status as the reader's language says it; "" without a stage."""
    stage = STAGE_OF[status]
    return Stage(stage).label if stage else ""

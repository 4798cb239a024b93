"""The states the tests start from, built in one place through the real services and the
workflow's own step function (proposals.workflow.transition): what a user could reach.

By stage:
  cases.py        提案・発想, 計画・検討: submit, withdraw, a case at any status of the office's
                  path (case_at, advance), what the step form sends (VALID, step_form), a
                  moment in the past (days_ago)
  calls.py        事業具体化: an adoption with its opportunity, the open call, applications,
                  a case selecting its implementer
  rounds.py       評価・選定: adoption reviews and selections, declarations, score sheets, the
                  hand-checked selection (scored, closed, decided)
  agreements.py   協定: the agreement with its role and risk table, signed, its documents
  monitoring.py   改善: a case in operation with its goal, monitoring reports
  outcomes.py     公表: decisions published

Factories (tests/factories/) make single rows; what a test needs beyond them comes from here,
so that a scenario has one definition. Data that only one group of tests uses (planted
secrets, page data) stays beside those tests and is built from these.
"""

from .agreements import agreement_document, agreement_with_item, signed
from .calls import (
    COMPLETE_CONTENT,
    TODAY,
    adopted_case,
    applicant,
    application,
    call_fields,
    direct_agreement_case,
    draft_call,
    published_call,
    selecting_case,
    start_selection,
)
from .cases import (
    DIRECT_REASON,
    PATH,
    VALID,
    adoption_details,
    advance,
    case_at,
    days_ago,
    step_form,
    submit,
    submitted_case,
    submitted_days_ago,
    withdraw,
)
from .monitoring import monitoring_report, operating_case, with_goal
from .outcomes import adopted_and_published, decision_of, published
from .rounds import (
    HAND_CHECKED_CRITERIA,
    HAND_CHECKED_EVALUATORS,
    HAND_CHECKED_POINTS,
    adoption_round,
    assign,
    closed_round,
    decided_selection,
    declare,
    declare_none,
    full_points,
    hand_checked_selection,
    labels_in_intake_order,
    round_of,
    score,
    selection_round,
    submit_sheet,
)

__all__ = [
    "COMPLETE_CONTENT",
    "DIRECT_REASON",
    "HAND_CHECKED_CRITERIA",
    "HAND_CHECKED_EVALUATORS",
    "HAND_CHECKED_POINTS",
    "PATH",
    "TODAY",
    "VALID",
    "adopted_and_published",
    "adopted_case",
    "adoption_details",
    "adoption_round",
    "advance",
    "agreement_document",
    "agreement_with_item",
    "applicant",
    "application",
    "assign",
    "call_fields",
    "case_at",
    "closed_round",
    "days_ago",
    "decided_selection",
    "decision_of",
    "declare",
    "declare_none",
    "direct_agreement_case",
    "draft_call",
    "full_points",
    "hand_checked_selection",
    "labels_in_intake_order",
    "monitoring_report",
    "operating_case",
    "published",
    "published_call",
    "round_of",
    "score",
    "selecting_case",
    "selection_round",
    "signed",
    "start_selection",
    "step_form",
    "submit",
    "submit_sheet",
    "submitted_case",
    "submitted_days_ago",
    "with_goal",
    "withdraw",
]

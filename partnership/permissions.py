"""Who may read and write the agreement and the monitoring of a case: predicates on the case
(and the agreement), without a query beyond them. Services and views ask the same functions,
so a page never offers what a service would refuse.

Whether a case has these pages at all is read from its status by proposals (states.py:
has_agreement_page, has_monitoring_page), whose case navigation shows their tabs.
"""

from proposals.checks import awaits_selection
from proposals.permissions import is_office, is_proposer, works_on
from proposals.states import AGREEMENT_DOCUMENTS, AGREEMENT_DRAFTING, Status

# The agreement (協定) ------------------------------------------------------------------------


def may_draft(case, agreement, user) -> bool:
    """The office writes the agreement and its table until it is signed."""
    return (
        is_office(user)
        and case.status in AGREEMENT_DRAFTING
        and not awaits_selection(case)
        and (agreement is None or not agreement.is_signed)
    )


def may_add_documents(case, agreement, user) -> bool:
    return (
        is_office(user)
        and agreement is not None
        and case.status in AGREEMENT_DOCUMENTS
        and not awaits_selection(case)
    )


def may_read_agreement(case, user) -> bool:
    """The proposer, the office and the departments in charge read the agreement."""
    return is_proposer(user, case) or works_on(user, case)


# Monitoring (モニタリング) --------------------------------------------------------------------


def may_monitor(case, user) -> bool:
    """The city's side writes reports and actions while the case is in operation."""
    return case.status == Status.OPERATING and works_on(user, case)


def may_read_monitoring(case, user) -> bool:
    return is_proposer(user, case) or works_on(user, case)


# The living agreement: changes and incentive rules ---------------------------------------------

# A signed agreement changes while the case runs: agreed (waiting for its term) or in operation.
CHANGING = tuple(status for status in AGREEMENT_DOCUMENTS if status not in AGREEMENT_DRAFTING)


def may_record_changes(case, agreement, user) -> bool:
    """The office records changes of the signed agreement (and the city's signing of them)."""
    return (
        is_office(user)
        and agreement is not None
        and agreement.is_signed
        and case.status in CHANGING
    )


def may_sign_changes(case, user) -> bool:
    """A member of the proposing business signs a change for the business."""
    return is_proposer(user, case) and case.status in CHANGING


def may_set_incentives(case, agreement, user) -> bool:
    """The office states the incentive terms as rules, from the drafting to the operation."""
    return (
        is_office(user)
        and agreement is not None
        and case.status in AGREEMENT_DOCUMENTS
        and not awaits_selection(case)
    )

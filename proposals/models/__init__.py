"""Proposals (提案): the case, from the first consultation on, and what belongs to it.

A module per subject; every model is imported from here (`from proposals.models import X`).
"""

from mishima_kyoso.common.files import private_storage

from .assignments import (
    DepartmentAssignment,
    ProposalGroupObjectPermission,
    ProposalUserObjectPermission,
)
from .call_fairness import CallCommitteeMember, CallQuestion
from .calls import OpenCall
from .case import (
    CONTACT_SECTIONS,
    CONTENT_SECTIONS,
    STATUS_ORDER,
    SUMMARY_SECTIONS,
    TEXT_SECTIONS,
    VERSIONED_FIELDS,
    Opportunity,
    PPPMethod,
    Proposal,
    ProposalTransition,
    ProposalVersion,
    ReferenceCounter,
)
from .files import ProposalAttachment, attachment_path
from .goals import Indicator, SharedGoal
from .logs import AccessLog, ReadMark, ReminderLog

__all__ = [
    "STATUS_ORDER",
    "SUMMARY_SECTIONS",
    "TEXT_SECTIONS",
    "CONTENT_SECTIONS",
    "CONTACT_SECTIONS",
    "VERSIONED_FIELDS",
    "Proposal",
    "PPPMethod",
    "Opportunity",
    "ProposalVersion",
    "ProposalTransition",
    "ReferenceCounter",
    "ProposalAttachment",
    "ProposalUserObjectPermission",
    "ProposalGroupObjectPermission",
    "DepartmentAssignment",
    "SharedGoal",
    "Indicator",
    "ReadMark",
    "AccessLog",
    "ReminderLog",
    "OpenCall",
    "CallQuestion",
    "CallCommitteeMember",
    # Named by the migrations (a shipped migration is never edited).
    "private_storage",
    "attachment_path",
]

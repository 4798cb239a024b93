"""The workflow's checks on the agreement, added to its steps from apps.py (workflow.require):
AGREE waits for a signed agreement with its role and risk table, START_OPERATION for the
signing. Each raises a coded ValidationError (STYLE §6).

The AGREE step checks the selection itself (proposals.checks.check_selection_decided, which
reads only the case); check_agreement_ready asks it again, so that on its own it answers the
whole question "may this case be agreed?", in the same order as the step.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from proposals.checks import check_selection_decided


def check_agreement_signed(case) -> None:
    agreement = getattr(case, "agreement", None)
    if agreement is None or agreement.signed_on is None:
        raise ValidationError(
            _("Record the agreement and its signing date first."), code="agreement_required"
        )


def check_agreement_ready(case) -> None:
    """協定: signed, with its term and a role and risk table; after the selection when the
    adoption chose an open call (原則3: the chance of other businesses comes first)."""
    check_selection_decided(case)
    check_agreement_signed(case)
    if not case.agreement.items.exists():
        raise ValidationError(
            _("The agreement needs its role and risk table (at least one item)."),
            code="role_risk_table_required",
        )

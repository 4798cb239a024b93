"""協定 (stage 3): the agreement, its role and risk table, its documents and its signing.

The office writes; the departments in charge and the proposer read. Signing takes the workflow
steps AGREE and START_OPERATION in the same transaction (原則4: signing starts the operation).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.queue import enqueue
from mishima_kyoso.common.files import removed_on_failure, written_file
from mishima_kyoso.storage import PRIVATE
from proposals.checks import awaits_selection
from proposals.files import validate_upload
from proposals.jobs import delete_stored_file
from proposals.models import Proposal
from proposals.permissions import is_office
from proposals.states import AGREEMENT_DOCUMENTS, AGREEMENT_DRAFTING
from proposals.workflow import A, transition

from .models import Agreement, AgreementDocument, RoleRiskItem
from .permissions import may_add_documents

AGREEMENT_FIELDS = ("title", "starts_on", "ends_on", "incentives")
ITEM_FIELDS = ("item", "city_role", "business_role", "risk_bearer", "risk_note", "order")


def _drafting(case: Proposal, by) -> Proposal:
    """The case, locked, if the office may still write its agreement."""
    if not is_office(by):
        raise PermissionDenied
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    if awaits_selection(case):
        raise ValidationError(
            _("This case goes through the selection first: decide the selection round."),
            code="selection_required",
        )
    if case.status not in AGREEMENT_DRAFTING:
        raise ValidationError(
            _("The agreement can be written only before it is signed."), code="wrong_status"
        )
    return case


def _unsigned(case: Proposal) -> Agreement:
    agreement = Agreement.objects.select_for_update().filter(proposal=case).first()
    if agreement is None:
        raise ValidationError(_("Write the agreement first."), code="no_agreement")
    if agreement.is_signed:
        raise ValidationError(
            _("The agreement has been signed and can no longer be changed."), code="signed"
        )
    return agreement


@transaction.atomic
def save_agreement(*, case: Proposal, by, **fields) -> Agreement:
    """Write the agreement (title, term, incentives), or change it until it is signed."""
    case = _drafting(case, by)
    agreement = Agreement.objects.select_for_update().filter(proposal=case).first()
    if agreement is None:
        agreement = Agreement(proposal=case, created_by=by)
    elif agreement.is_signed:
        raise ValidationError(
            _("The agreement has been signed and can no longer be changed."), code="signed"
        )
    for name, value in fields.items():
        if name not in AGREEMENT_FIELDS:
            raise ValueError(name)
        setattr(agreement, name, value)
    agreement.full_clean()
    agreement.save()
    return agreement


@transaction.atomic
def save_role_risk_item(
    *, case: Proposal, by, row: RoleRiskItem | None = None, **fields
) -> RoleRiskItem:
    """Add a row to the role and risk table, or change `row`, until the agreement is signed."""
    case = _drafting(case, by)
    agreement = _unsigned(case)
    if row is None:
        row = RoleRiskItem(agreement=agreement)
    elif row.agreement_id != agreement.pk:
        raise PermissionDenied
    for name, value in fields.items():
        if name not in ITEM_FIELDS:
            raise ValueError(name)
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def delete_role_risk_item(*, row: RoleRiskItem, by) -> None:
    case = _drafting(row.agreement.proposal, by)
    agreement = _unsigned(case)
    if row.agreement_id != agreement.pk:
        raise PermissionDenied
    row.delete()


def _stored_bytes(agreement: Agreement) -> int:
    return agreement.documents.aggregate(total=Sum("size"))["total"] or 0


def add_agreement_document(*, agreement: Agreement, by, uploaded) -> AgreementDocument:
    """A private file of the agreement, checked as proposal files are; after signing too."""
    case = agreement.proposal
    if not may_add_documents(case, agreement, by):
        raise PermissionDenied
    _extension, content_type = validate_upload(uploaded, already_stored=_stored_bytes(agreement))
    document = written_file(
        AgreementDocument, uploaded, content_type=content_type, by=by, agreement=agreement
    )
    with removed_on_failure([document]), transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=case.pk)
        if locked.status not in AGREEMENT_DOCUMENTS:
            raise ValidationError(
                _("Documents can no longer be added to this case."), code="wrong_status"
            )
        document.save()
    return document


@transaction.atomic
def delete_agreement_document(*, document: AgreementDocument, by) -> None:
    """A document removed before the signing; after it, documents stay on record."""
    case = _drafting(document.agreement.proposal, by)
    _unsigned(case)
    name = document.file.name
    document.delete()
    # The file goes by a job queued in this transaction: a rollback keeps row and file.
    enqueue(delete_stored_file, PRIVATE, name)


@transaction.atomic
def sign_agreement(*, case: Proposal, signed_on: datetime.date, by) -> Proposal:
    """Record the signing and move the case to operation (AGREE, then START_OPERATION); when
    the term begins after the signing date, the case waits as "agreed" until it begins.

    All in one transaction: a refusal of either step (no role and risk item, the selection
    not decided…) leaves the agreement unsigned and the case where it was.
    """
    case = _drafting(case, by)
    agreement = _unsigned(case)
    if signed_on is None:
        raise ValidationError(_("Enter the signing date."), code="signed_on_required")
    if signed_on > timezone.localdate():
        raise ValidationError(
            _("The signing date cannot be in the future."), code="signed_on_future"
        )
    agreement.signed_on = signed_on
    agreement.signed_by = by
    agreement.save(update_fields=["signed_on", "signed_by", "updated_at"])
    case = transition(case, A.AGREE, by=by)
    if agreement.starts_on > signed_on:
        # The term begins later: the case waits as "agreed" until the office starts the
        # operation on the day the term begins (the step page offers it).
        return case
    return transition(case, A.START_OPERATION, by=by)

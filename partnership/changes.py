"""The living agreement (協定の変更・更新・延長): changes recorded after the signing, each dated,
with what changed and why, signed by both sides; and the current terms they make.

Rules, in words:
- The office records a change of a signed agreement while the case is agreed or in operation.
- An extension or a renewal gives a new end of the term, after the end in force before it;
  an amendment gives the clauses as they read after it (and may give a new end).
- A change applies once both sides have signed it: the office records the city's signing with
  the signed document (a private file of the agreement), a member of the business signs on
  the portal. An unsigned change applies to nothing and may be withdrawn.
- The current terms are the agreement as signed, then every signed change in the order it
  takes effect (effective date, then the order recorded): current_terms() is the one place
  that says so, and every page reads it.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from mishima_kyoso.common.files import removed_on_failure, written_file
from proposals.files import validate_upload
from proposals.models import Proposal

from . import permissions, selectors
from .models import Agreement, AgreementChange, AgreementDocument

K = AgreementChange.Kind
# Kinds that give the term a new end, later than the one in force.
EXTENDING = (K.EXTENSION, K.RENEWAL)


@dataclass(frozen=True)
class CurrentTerms:
    """The terms in force: the term (its end moved by the signed changes), the original terms
    that reward good operation, and the clauses changed since, in the order they took effect."""

    starts_on: datetime.date
    ends_on: datetime.date | None
    incentives: str
    amended: tuple = ()  # signed changes with changed clauses, in order
    applied: tuple = ()  # every signed change, in order
    pending: tuple = ()  # recorded, not yet signed by both sides
    changes: list = field(default_factory=list)  # every change, in order

    @property
    def is_changed(self) -> bool:
        return bool(self.applied)


def _in_order(changes) -> list[AgreementChange]:
    return sorted(changes, key=lambda change: (change.effective_on, change.pk or 0))


def current_terms(agreement: Agreement, changes=None) -> CurrentTerms:
    """The agreement's terms in force, from the original and its signed changes in order.

    `changes`: the agreement's changes already read (selectors.agreement_changes); read here
    when not given. Unsigned changes are listed as pending and change nothing.
    """
    ordered = _in_order(selectors.agreement_changes(agreement) if changes is None else changes)
    ends_on, amended, applied = agreement.ends_on, [], []
    for change in ordered:
        if not change.is_signed:
            continue
        applied.append(change)
        if change.ends_on is not None:
            ends_on = change.ends_on
        if change.terms.strip():
            amended.append(change)
    return CurrentTerms(
        starts_on=agreement.starts_on,
        ends_on=ends_on,
        incentives=agreement.incentives,
        amended=tuple(amended),
        applied=tuple(applied),
        pending=tuple(change for change in ordered if not change.is_signed),
        changes=ordered,
    )


def _end_before(agreement: Agreement, change: AgreementChange) -> datetime.date | None:
    """The end of the term in force just before `change` takes effect (the signed changes
    ordered before it)."""
    key = (change.effective_on, change.pk or float("inf"))
    before = [
        other
        for other in selectors.agreement_changes(agreement)
        if other.pk != change.pk and (other.effective_on, other.pk) < key
    ]
    return current_terms(agreement, before).ends_on


def _check_term(agreement: Agreement, change: AgreementChange) -> None:
    """An extension or a renewal ends later than the term in force before it."""
    if change.effective_on < agreement.starts_on:
        raise ValidationError(
            {
                "effective_on": ValidationError(
                    _("A change cannot take effect before the agreement's term begins (%(date)s).")
                    % {"date": formats.date_format(agreement.starts_on)},
                    code="effective_before_start",
                )
            }
        )
    if change.kind not in EXTENDING:
        return
    if change.ends_on is None:
        raise ValidationError(
            {
                "ends_on": ValidationError(
                    _("Enter the new end of the term for an extension or a renewal."),
                    code="ends_on_required",
                )
            }
        )
    current_end = _end_before(agreement, change)
    if current_end is None:
        raise ValidationError(
            _("The agreement has no fixed end, so it cannot be extended or renewed."),
            code="no_fixed_end",
        )
    if change.ends_on <= current_end:
        raise ValidationError(
            {
                "ends_on": ValidationError(
                    _(
                        "The new end of the term must be after the current end (%(date)s). "
                        "Enter a later date."
                    )
                    % {"date": formats.date_format(current_end)},
                    code="ends_on_not_later",
                )
            }
        )


def _changing(case: Proposal, by) -> tuple[Proposal, Agreement]:
    """The case, locked, and its agreement, if the office may record changes now."""
    case = Proposal.objects.select_for_update().get(pk=case.pk)
    agreement = Agreement.objects.select_for_update().filter(proposal=case).first()
    if not permissions.may_record_changes(case, agreement, by):
        raise PermissionDenied
    return case, agreement


@transaction.atomic
def record_agreement_change(
    *, case: Proposal, by, kind, effective_on, reason, ends_on=None, terms=""
) -> AgreementChange:
    """The office records a change of the signed agreement, to be signed by both sides."""
    case, agreement = _changing(case, by)
    if not (reason or "").strip():
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Enter the reason for the change."), code="reason_required"
                )
            }
        )
    if kind == K.AMENDMENT and not (terms or "").strip():
        raise ValidationError(
            {
                "terms": ValidationError(
                    _("Enter the clauses as they read after the amendment."),
                    code="terms_required",
                )
            }
        )
    change = AgreementChange(
        agreement=agreement,
        kind=kind,
        effective_on=effective_on,
        ends_on=ends_on,
        terms=terms or "",
        reason=reason,
        created_by=by,
    )
    change.full_clean()
    _check_term(agreement, change)
    change.save()
    return change


def _locked_change(change: AgreementChange) -> AgreementChange:
    return AgreementChange.objects.select_for_update().get(pk=change.pk)


def sign_change_for_city(*, change: AgreementChange, by, uploaded) -> AgreementChange:
    """The office records the city's signing with the signed document (a private file of the
    agreement, checked as every upload is). A refusal leaves neither the file nor the row."""
    case = change.agreement.proposal
    if uploaded is None:
        raise ValidationError(
            {"file": ValidationError(_("Attach the signed document."), code="document_required")}
        )
    agreement = change.agreement
    if not permissions.may_record_changes(case, agreement, by):
        raise PermissionDenied
    stored = sum(document.size for document in agreement.documents.all())
    _extension, content_type = validate_upload(uploaded, already_stored=stored)
    document = written_file(
        AgreementDocument, uploaded, content_type=content_type, by=by, agreement=agreement
    )
    with removed_on_failure([document]), transaction.atomic():
        case, agreement = _changing(case, by)
        change = _locked_change(change)
        if change.city_signed_at is not None:
            raise ValidationError(
                _("The city has already signed this change."), code="already_signed"
            )
        _check_term(agreement, change)
        document.save()
        change.document = document
        change.city_signed_at = timezone.now()
        change.city_signed_by = by
        change.save(update_fields=["document", "city_signed_at", "city_signed_by"])
    return change


@transaction.atomic
def sign_change_for_business(*, change: AgreementChange, by) -> AgreementChange:
    """A member of the business signs the change on the portal (原則4: both sides agree)."""
    case = Proposal.objects.select_for_update().get(pk=change.agreement.proposal_id)
    if not permissions.may_sign_changes(case, by):
        raise PermissionDenied
    change = _locked_change(change)
    if change.business_signed_at is not None:
        raise ValidationError(
            _("The business has already signed this change."), code="already_signed"
        )
    _check_term(change.agreement, change)
    change.business_signed_at = timezone.now()
    change.business_signed_by = by
    change.save(update_fields=["business_signed_at", "business_signed_by"])
    return change


@transaction.atomic
def withdraw_agreement_change(*, change: AgreementChange, by) -> None:
    """The office withdraws a change nobody has signed yet; a signed one stays on record."""
    _changing(change.agreement.proposal, by)
    change = _locked_change(change)
    if change.city_signed_at is not None or change.business_signed_at is not None:
        raise ValidationError(
            _("A change that has been signed stays on record and cannot be withdrawn."),
            code="signed",
        )
    change.delete()

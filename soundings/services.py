"""Writes on soundings: publishing, closing, registering, recording a dialogue, publishing
the summary. Keyword-only, the acting user as `by=`; a refusal leaves nothing behind."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_office

from .models import DialogueRecord, Registration, Sounding

S = Sounding.Status


def _locked(sounding: Sounding, by) -> Sounding:
    if not is_office(by):
        raise PermissionDenied
    return Sounding.objects.select_for_update().get(pk=sounding.pk)


@transaction.atomic
def publish_sounding(*, sounding: Sounding, by) -> Sounding:
    """Put a draft on the public list; businesses may register until its deadline."""
    sounding = _locked(sounding, by)
    if sounding.status != S.DRAFT:
        raise ValidationError(_("This sounding is already published."), code="already_published")
    if not sounding.slots.exists():
        raise ValidationError(
            _("Add at least one dialogue slot before publishing."), code="slot_required"
        )
    sounding.status = S.PUBLISHED
    sounding.published_at = sounding.published_at or timezone.now()
    sounding.save(update_fields=["status", "published_at", "updated_at"])
    return sounding


@transaction.atomic
def close_sounding(*, sounding: Sounding, by) -> Sounding:
    """Stop taking registrations; the sounding stays public."""
    sounding = _locked(sounding, by)
    if sounding.status != S.PUBLISHED:
        raise ValidationError(_("Only a published sounding can be closed."), code="not_published")
    sounding.status = S.CLOSED
    sounding.save(update_fields=["status", "updated_at"])
    return sounding


@transaction.atomic
def publish_summary(*, sounding: Sounding, by) -> Sounding:
    """Publish the summary of results, with the names of the participants who agreed only."""
    sounding = _locked(sounding, by)
    if sounding.status not in (S.PUBLISHED, S.CLOSED):
        raise ValidationError(
            _("The results are published after the sounding has been published."),
            code="wrong_status",
        )
    if not sounding.summary.strip():
        raise ValidationError(
            _("Write the summary of results before publishing it."), code="summary_required"
        )
    sounding.status = S.SUMMARY_PUBLISHED
    sounding.summary_published_at = timezone.now()
    sounding.save(update_fields=["status", "summary_published_at", "updated_at"])
    return sounding


@transaction.atomic
def register(
    *,
    sounding: Sounding,
    organization,
    by,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    preferred_slots=(),
    written_answers: str = "",
    agrees_to_be_named: bool = False,
    on=None,
) -> Registration:
    """A business registers for the dialogue; refused after the deadline or a second time."""
    sounding = Sounding.objects.select_for_update().get(pk=sounding.pk)
    membership = getattr(by, "membership", None)
    if membership is None or membership.organization_id != organization.pk:
        raise PermissionDenied
    if not sounding.is_accepting(on=on or timezone.localdate()):
        raise ValidationError(
            _(
                "Registration for this sounding has closed. Please contact the office if "
                "you wish to take part."
            ),
            code="registration_closed",
        )
    if sounding.registrations.filter(organization=organization).exists():
        raise ValidationError(
            _("Your organisation has already registered for this sounding."),
            code="already_registered",
        )
    slots = list(preferred_slots)
    if any(slot.sounding_id != sounding.pk for slot in slots):
        raise ValidationError(_("Choose slots of this sounding."), code="foreign_slot")
    registration = Registration(
        sounding=sounding,
        organization=organization,
        registered_by=by,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        written_answers=written_answers,
        agrees_to_be_named=agrees_to_be_named,
    )
    registration.full_clean()
    registration.save()
    registration.preferred_slots.set(slots)
    return registration


@transaction.atomic
def record_dialogue(*, registration: Registration, by, held_on, notes: str) -> DialogueRecord:
    """The office records one dialogue with a registered business."""
    if not is_office(by):
        raise PermissionDenied
    if not notes.strip():
        raise ValidationError(_("Write what was discussed."), code="notes_required")
    record = DialogueRecord(registration=registration, held_on=held_on, notes=notes, recorded_by=by)
    record.full_clean()
    record.save()
    return record

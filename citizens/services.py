"""Writes of the citizens' voice: sending (anyone, no account) and the office's moderation.

Each write is one transaction, checked before it writes: a refusal leaves nothing behind.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from mishima_kyoso.common.caching import bump_data_version
from partnership.models import Agreement
from proposals.models import Proposal

from .models import IssueSuggestion, Moderation, ServiceFeedback


@transaction.atomic
def submit_suggestion(*, title, body, field=None, name="", email="") -> IssueSuggestion:
    """A citizen suggests an issue; it waits for the office's moderation (never public before)."""
    suggestion = IssueSuggestion(title=title, body=body, field=field, name=name, email=email)
    suggestion.full_clean()
    suggestion.save()
    return suggestion


def accepts_feedback(agreement: Agreement) -> bool:
    """Feedback is for a service in operation (改善 stage): a signed agreement, case operating."""
    return agreement.is_signed and agreement.proposal.status == Proposal.Status.OPERATING


@transaction.atomic
def submit_feedback(*, agreement, body, respondent, rating=None) -> ServiceFeedback:
    """A citizen's or user's view of a running service; it carries no contact data."""
    agreement = Agreement.objects.select_related("proposal").get(pk=agreement.pk)
    if not accepts_feedback(agreement):
        raise ValidationError(
            _("This service is not in operation now, so it does not take feedback."),
            code="not_operating",
        )
    feedback = ServiceFeedback(agreement=agreement, body=body, respondent=respondent, rating=rating)
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def moderate(item, *, by, status: str, reply: str | None = None):
    """The office publishes or declines a suggestion or a feedback (`reply`: a suggestion's
    public reply, kept as it is when None)."""
    if not roles.is_office(by):
        raise PermissionDenied
    if status not in (Moderation.PUBLISHED, Moderation.DECLINED):
        raise ValueError(status)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if reply is not None:
        if not isinstance(item, IssueSuggestion):
            raise ValueError("reply")
        item.reply = reply.strip()
    item.status = status
    item.moderated_by = by
    item.moderated_at = timezone.now()
    item.full_clean()
    item.save()
    _public_pages_changed()
    return item


EDITABLE = ("title", "body", "field", "reply")


@transaction.atomic
def edit_suggestion(*, suggestion, by, fields=EDITABLE):
    """The office corrects a suggestion's text (e.g. removes a private detail) or its reply
    (the admin's change form, `suggestion` holding the new values of `fields`); a citizen's
    contact data and the moderation are never changed here."""
    if not roles.is_office(by):
        raise PermissionDenied
    if any(name not in EDITABLE for name in fields):
        raise ValueError(fields)
    suggestion.full_clean()
    suggestion.save(update_fields=list(fields))
    if suggestion.is_published:
        _public_pages_changed()
    return suggestion


def _public_pages_changed() -> None:
    """What the public pages show changed: their cache is stale once the write is committed.
    (A citizen's sending changes nothing public, so it leaves the cache alone: a flood of
    sendings cannot empty the public pages' cache.)"""
    transaction.on_commit(bump_data_version, robust=True)


def publish(item, *, by, reply: str | None = None):
    return moderate(item, by=by, status=Moderation.PUBLISHED, reply=reply)


def decline(item, *, by):
    return moderate(item, by=by, status=Moderation.DECLINED)

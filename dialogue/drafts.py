"""Message drafts (下書き): saved as the person types or with the page's button, restored into the
form on the next visit, deleted when the message is sent. Only the writer ever reads a draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MessageDraft
from .permissions import may_post, side_of


def message_draft(*, case, user) -> MessageDraft | None:
    return MessageDraft.objects.filter(proposal=case, author=user).first()


@transaction.atomic
def save_message_draft(*, case, by, body: str, visibility: str = "") -> MessageDraft | None:
    """Keep what `by` is writing on this case; an empty text deletes the draft (None).

    Refused, with nothing saved, where `by` may not write (a closed case, another side)."""
    if not may_post(side_of(by, case), case):
        raise ValidationError(_("Messages cannot be sent on this case."), code="not_writable")
    if not body.strip():
        discard_message_draft(case=case, by=by)
        return None
    draft = MessageDraft.objects.select_for_update().filter(proposal=case, author=by).first()
    draft = draft or MessageDraft(proposal=case, author=by)
    draft.body, draft.visibility, draft.updated_at = body, visibility, timezone.now()
    draft.full_clean(validate_unique=False, validate_constraints=False)
    draft.save()
    return draft


def discard_message_draft(*, case, by) -> None:
    MessageDraft.objects.filter(proposal=case, author=by).delete()

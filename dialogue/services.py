"""Writes of the dialogue: messages and internal notes, meeting records, read marks."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from mishima_kyoso.common.files import removed_on_failure, written_file
from municipality.selectors import words
from proposals import deadlines
from proposals.files import validate_upload
from proposals.models import Proposal, ReadMark
from proposals.permissions import works_on
from proposals.states import CLOSED

from . import notifications
from .models import MeetingRecord, Message, MessageAttachment, Side
from .permissions import side_of

# A message carries a few files; more belong in the proposal's own attachments.
MAX_FILES_PER_MESSAGE = 5
MEETING_FIELDS = (
    "kind",
    "held_on",
    "form",
    "city_attendees",
    "business_attendees",
    "summary",
    "next_steps",
    "is_shared_with_proposer",
)


def _refuse_draft(case: Proposal) -> None:
    if case.is_draft:
        raise ValidationError(
            _("The dialogue starts once the proposal has been submitted."), code="draft"
        )


def _check_may_post(case: Proposal, side: str) -> None:
    _refuse_draft(case)
    if side == Side.PROPOSER and case.status in CLOSED:
        raise ValidationError(
            _(
                "This case is closed, so no more messages can be sent. For questions, contact "
                "the %(office)s."
            )
            % words(),
            code="closed",
        )


def _normalise(body: str) -> str:
    """Stripped, with one kind of line break (as the forms count them)."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def thread_bytes(case: Proposal) -> int:
    """The size of every file sent in the case's dialogue so far."""
    return (
        MessageAttachment.objects.filter(message__proposal=case).aggregate(total=Sum("size"))[
            "total"
        ]
        or 0
    )


def _check_thread_total(adding: int, *, already_stored: int) -> None:
    # The dialogue has a budget of its own, the size of a proposal's: a conversation is never
    # blocked by the proposal's attachments, and the case still cannot grow without end.
    limit = settings.KYOSO_MAX_PROPOSAL_BYTES
    if already_stored + adding > limit:
        raise ValidationError(
            {
                "files": ValidationError(
                    _(
                        "The files of one case's dialogue may total at most %(limit)s, and "
                        "%(stored)s has been sent so far. Send a smaller file, or hand larger "
                        "material over at a meeting."
                    )
                    % {"limit": filesizeformat(limit), "stored": filesizeformat(already_stored)},
                    code="dialogue_files_too_large",
                )
            }
        )


def _check_files(files, *, already_stored: int) -> list[tuple[object, str]]:
    """Every file's size, type and content, before anything is stored; each problem is named."""
    if len(files) > MAX_FILES_PER_MESSAGE:
        raise ValidationError(
            {
                "files": ValidationError(
                    _("A message can carry at most %(count)s files.")
                    % {"count": MAX_FILES_PER_MESSAGE},
                    code="too_many_files",
                )
            }
        )
    checked, errors = [], []
    for uploaded in files:
        try:
            _extension, content_type = validate_upload(uploaded)
        except ValidationError as refusal:
            errors.extend(refusal.error_list)
        else:
            checked.append((uploaded, content_type))
    if errors:
        raise ValidationError({"files": errors})
    _check_thread_total(sum(item.size for item in files), already_stored=already_stored)
    return checked


def post_message(*, case: Proposal, by, body: str, files=(), internal: bool = False) -> Message:
    """A message to the other side, or (city only) an internal note; with files, all or nothing.

    The proposer writes while the case is open and submitted; the office and the departments
    in charge write messages and internal notes. A message from the proposer starts the city's
    reply deadline and one from the city meets it; an internal note changes no deadline and no
    date the proposer can see. Mail goes out after the commit, with a link only.
    """
    side = side_of(by, case)
    if side is None or (internal and side != Side.CITY):
        raise PermissionDenied
    _check_may_post(case, side)
    message = Message(
        proposal=case, author=by, side=side, body=_normalise(body), is_internal=internal
    )
    message.full_clean(exclude=["proposal", "author"])
    files = list(files)
    checked = _check_files(files, already_stored=thread_bytes(case))

    stored = []
    with removed_on_failure(stored):
        for uploaded, content_type in checked:
            stored.append(
                written_file(MessageAttachment, uploaded, content_type=content_type, by=by)
            )
        with transaction.atomic():
            # Under the case's lock: a case closed or reassigned meanwhile takes no message, two
            # uploads at once cannot pass the total together, and the deadlines stay consistent.
            case = Proposal.objects.select_for_update().get(pk=case.pk)
            if side_of(by, case) != side:
                raise PermissionDenied
            _check_may_post(case, side)
            _check_thread_total(
                sum(item.size for item in stored), already_stored=thread_bytes(case)
            )
            now = timezone.now()
            message.proposal, message.created_at = case, now
            message.save()
            for attachment in stored:
                attachment.message = message
                attachment.save()
            if not internal:
                _record_on_case(case, side, now)
            notifications.notify_message(message.pk)
    return message


def _record_on_case(case: Proposal, side: str, now) -> None:
    """The reply deadline and the dates the unread markers compare (ReadMark)."""
    if side == Side.PROPOSER:
        changed = deadlines.on_proposer_message(case, now)
        case.last_proposer_message_at = now
        changed = [*changed, "last_proposer_message_at"]
    else:
        changed = deadlines.on_city_response(case, now)
        case.last_city_message_at = now
        changed = [*changed, "last_city_message_at"]
    case.save(update_fields=[*changed, "updated_at"])


def _check_may_record(by, case: Proposal) -> None:
    if not works_on(by, case):
        raise PermissionDenied
    _refuse_draft(case)


def _set_fields(record: MeetingRecord, fields: dict) -> None:
    for name, value in fields.items():
        if name not in MEETING_FIELDS:
            raise ValueError(name)
        if isinstance(value, str):
            value = _normalise(value)
        setattr(record, name, value)


@transaction.atomic
def record_meeting(*, case: Proposal, by, **fields) -> MeetingRecord:
    """対話記録 / 連絡会: the city keeps a record, shared with the proposer or for itself."""
    _check_may_record(by, case)
    now = timezone.now()
    record = MeetingRecord(
        proposal=case, created_by=by, created_at=now, updated_by=by, updated_at=now
    )
    _set_fields(record, fields)
    record.full_clean()
    record.save()
    if record.is_shared_with_proposer:
        notifications.notify_meeting_shared(record.pk)
    return record


@transaction.atomic
def update_meeting(*, meeting: MeetingRecord, by, **fields) -> MeetingRecord:
    """A correction of a record (its history is kept); sharing it tells the proposer."""
    record = MeetingRecord.objects.select_for_update().select_related("proposal").get(pk=meeting.pk)
    _check_may_record(by, record.proposal)
    was_shared = record.is_shared_with_proposer
    _set_fields(record, fields)
    record.updated_by, record.updated_at = by, timezone.now()
    record.full_clean()
    record.save()
    if record.is_shared_with_proposer and not was_shared:
        notifications.notify_meeting_shared(record.pk)
    return record


@transaction.atomic
def mark_read(*, user, case: Proposal):
    """The user has read the case's dialogue now; returns when they read it before (or None)."""
    now = timezone.now()
    mark, created = ReadMark.objects.select_for_update().get_or_create(
        user=user, proposal=case, defaults={"read_at": now}
    )
    if created:
        return None
    previous = mark.read_at
    mark.read_at = now
    mark.save(update_fields=["read_at"])
    return previous

"""Reads of the dialogue that encode who sees what: internal notes and unshared records.

Every function takes a case the user already found through
proposals.selectors.visible_proposals() and the side they speak for (permissions.side_of).
The proposer's side gets the querysets without internal notes and unshared records, so
templates never have to leave anything out.
"""

from django.db.models import QuerySet

from .models import MeetingRecord, Message, MessageAttachment, Side


def thread_messages(case, *, side: str | None) -> QuerySet[Message]:
    """The thread, oldest first, with authors and files; the proposer's side without notes."""
    if side is None:
        return Message.objects.none()
    messages = (
        Message.objects.filter(proposal=case)
        .select_related("author__department")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    if side != Side.CITY:
        messages = messages.filter(is_internal=False)
    return messages


def message_files(case, *, side: str | None) -> QuerySet[MessageAttachment]:
    """The files this side may download: never one of an internal note for the proposer."""
    if side is None:
        return MessageAttachment.objects.none()
    files = MessageAttachment.objects.filter(message__proposal=case).select_related("message")
    if side != Side.CITY:
        files = files.filter(message__is_internal=False)
    return files


def meeting_records(case, *, side: str | None) -> QuerySet[MeetingRecord]:
    """The case's meeting records, newest first; the proposer's side sees the shared ones."""
    if side is None:
        return MeetingRecord.objects.none()
    records = MeetingRecord.objects.filter(proposal=case).select_related("created_by", "updated_by")
    if side != Side.CITY:
        records = records.filter(is_shared_with_proposer=True)
    return records

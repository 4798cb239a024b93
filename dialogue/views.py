"""The dialogue pages of a case: the thread, meeting records, files of messages.

Every lookup goes through proposals' access.visible_case(): a case the user may not see does not
exist (404). A case the user sees but takes no part in the dialogue of answers 403; an internal
note's file or an unshared record is not there for the proposer (404). The rules are in
services.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mishima_kyoso.common import autosave
from mishima_kyoso.common.forms import add_refusal
from proposals.access import visible_case
from proposals.audit import log_access
from proposals.files import private_download
from proposals.models import AccessLog, Proposal

from . import services
from .drafts import discard_message_draft, message_draft, save_message_draft
from .forms import MeetingRecordForm, MessageDraftForm, MessageForm
from .models import Side
from .permissions import may_post, side_of
from .selectors import meeting_records, message_files, thread_messages


def _case(request, pk) -> tuple[Proposal, str]:
    """The case (404 if unseen) and the side the user speaks for (403 if none)."""
    case = visible_case(request.user, pk)
    side = side_of(request.user, case)
    if side is None:
        raise PermissionDenied
    return case, side


def _case_context(case, side, current: str) -> dict:
    """The case's small navigation: its content, the dialogue, the meeting records."""
    city = side == Side.CITY
    return {
        "proposal": case,
        "side": side,
        "is_city": city,
        "current": current,
        "content_url": reverse(
            "proposals:staff_case" if city else "proposals:detail", args=[case.pk]
        ),
    }


def _bound(request) -> tuple:
    """A POST binds the form even when empty (every field then says what is missing)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _thread_url(case) -> str:
    return reverse("dialogue:thread", args=[case.pk])


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, pk):
    """/proposals/<pk>/dialogue/: the messages, oldest first, and a form to write one."""
    case, side = _case(request, pk)
    writable = may_post(side, case)
    saving_draft = request.method == "POST" and writable and SAVE_DRAFT in request.POST
    if saving_draft:
        response = _save_draft(request, case, side)
        if response is not None:
            return response
    form = None
    if writable:
        draft = message_draft(case=case, user=request.user) if request.method == "GET" else None
        form = MessageForm(
            *_bound(request),
            city=side == Side.CITY,
            initial={"body": draft.body, "visibility": draft.visibility or None} if draft else None,
        )
    if request.method == "POST":
        if not writable:
            messages.error(request, _("Messages cannot be sent on this case."))
            return redirect(_thread_url(case))
        if form.is_valid() and not saving_draft:
            try:
                sent = services.post_message(
                    case=case,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                    internal=side == Side.CITY and form.is_internal,
                )
            except ValidationError as refusal:
                add_refusal(form, refusal)
            else:
                discard_message_draft(case=case, by=request.user)
                messages.success(
                    request,
                    _("Your internal note has been saved.")
                    if sent.is_internal
                    else _("Your message has been sent."),
                )
                return redirect(sent.get_absolute_url())
    # Marked before the thread is read: a message arriving meanwhile stays new for next time.
    previous = services.mark_read(user=request.user, case=case)
    shown = list(thread_messages(case, side=side))
    for message in shown:
        message.is_new = message.author_id != request.user.pk and (
            previous is None or message.created_at > previous
        )
    # One read-log entry per view of the thread by the city's side (proposals.audit).
    log_access(request.user, case, AccessLog.Kind.MESSAGES)
    context = {
        **_case_context(case, side, "thread"),
        "thread": shown,
        "form": form,
    }
    return render(request, "dialogue/thread.html", context)


SAVE_DRAFT = "save_draft"  # the name of the 「下書きを保存」 button


def _save_draft(request, case, side):
    """「下書きを保存」 without JavaScript: the text is kept, the page comes back with it.
    None when the text is refused (too long…): the page then shows it with the errors."""
    form = MessageDraftForm(request.POST, city=side == Side.CITY)
    if not form.is_valid():
        return None
    try:
        draft = save_message_draft(case=case, by=request.user, **form.cleaned_data)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        if draft is None:
            messages.info(request, _("The draft was empty, so nothing is kept."))
        else:
            time = timezone.localtime(draft.updated_at).strftime("%H:%M")
            messages.success(request, _("Draft saved (%(time)s)") % {"time": time})
    return redirect(_thread_url(case) + "#write")


@require_POST
def draft(request, pk):
    """POST /proposals/<pk>/dialogue/draft/: the autosave of the message being written (JSON)."""
    if not request.user.is_authenticated:
        return autosave.signed_out()
    case, side = _case(request, pk)
    if not may_post(side, case):
        return autosave.refused(_("Messages cannot be sent on this case."), status=409)
    form = MessageDraftForm(request.POST, city=side == Side.CITY)
    if not form.is_valid():
        return autosave.form_refusal(form)
    try:
        saved = save_message_draft(case=case, by=request.user, **form.cleaned_data)
    except ValidationError as refusal:
        return autosave.refused(" ".join(refusal.messages))
    return autosave.saved(saved.updated_at if saved else None)


@login_required
@require_GET
def message_file(request, pk, file_pk):
    """A message's file, through the permission check; every download is logged."""
    case, side = _case(request, pk)
    stored = get_object_or_404(message_files(case, side=side), pk=file_pk)
    return private_download(request, case, stored, kind=AccessLog.Kind.MESSAGE_FILE)


@login_required
@require_http_methods(["GET", "POST"])
def meetings(request, pk):
    """/proposals/<pk>/meetings/: the records (the proposer's: shared ones); the city adds one."""
    case, side = _case(request, pk)
    form = None
    if side == Side.CITY and not case.is_draft:
        form = MeetingRecordForm(*_bound(request))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                record = services.record_meeting(case=case, by=request.user, **form.cleaned_data)
            except ValidationError as refusal:
                add_refusal(form, refusal)
            else:
                messages.success(request, _("The meeting record has been saved."))
                return redirect(record)
    log_access(request.user, case, AccessLog.Kind.MEETINGS)
    context = {
        **_case_context(case, side, "meetings"),
        "records": list(meeting_records(case, side=side)),
        "form": form,
    }
    return render(request, "dialogue/meetings.html", context)


@login_required
@require_GET
def meeting(request, pk, meeting_pk):
    case, side = _case(request, pk)
    record = get_object_or_404(meeting_records(case, side=side), pk=meeting_pk)
    log_access(request.user, case, AccessLog.Kind.MEETING, str(record))
    context = {**_case_context(case, side, "meetings"), "record": record}
    return render(request, "dialogue/meeting.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk, meeting_pk):
    """The city corrects a record or shares it; the history of each change is kept."""
    case, side = _case(request, pk)
    record = get_object_or_404(meeting_records(case, side=side), pk=meeting_pk)
    if side != Side.CITY:
        raise PermissionDenied
    # The form works on a copy, so the page keeps the saved record while errors show.
    form = MeetingRecordForm(*_bound(request), instance=copy.copy(record))
    if request.method == "POST" and form.is_valid():
        try:
            record = services.update_meeting(meeting=record, by=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The meeting record has been updated."))
            return redirect(record)
    log_access(request.user, case, AccessLog.Kind.MEETING, str(record))
    context = {**_case_context(case, side, "meetings"), "record": record, "form": form}
    return render(request, "dialogue/meeting_edit.html", context)

"""Writes of a disclosure request: record it, mark parts, ask the proposer's opinion, take
their answer, decide, close; every step logged (Event) and kept in history."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import is_office
from dialogue.services import post_message
from proposals.permissions import is_proposer
from proposals.sections import CONFIDENTIAL, SECTIONS
from proposals.states import CLOSED

from . import casefile
from .models import DisclosureRequest, Event, Ground, Mark, ThirdPartyOpinion

S = DisclosureRequest.Status
# The anchor of each section (proposals.sections), and those holding the proposer's know-how.
SECTION_ANCHORS = tuple(anchor for anchor, _title, _names in SECTIONS)
KNOW_HOW_ANCHORS = tuple(
    anchor for anchor, _title, names in SECTIONS if any(name in CONFIDENTIAL for name in names)
)
OPEN = (S.RECEIVED, S.OPINION_REQUESTED)


def _check_office(by) -> None:
    if not is_office(by):
        raise PermissionDenied


def _check_open(request: DisclosureRequest) -> None:
    if request.status not in OPEN:
        raise ValidationError(
            _("This request has been decided; its marks and opinions can no longer change."),
            code="request_decided",
        )


def _log(request, action, by, case=None, **details) -> Event:
    return Event.objects.create(
        request=request, case=case, action=action, actor=by, details=details
    )


def _locked(request: DisclosureRequest) -> DisclosureRequest:
    return DisclosureRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def record_request(*, by, received_on, requester, cases, decision_due_on) -> DisclosureRequest:
    """The office records a request against submitted cases. The proposer's know-how
    (共創指針 原則3: marked by the proposer as their own) is withheld from the start."""
    _check_office(by)
    cases = list(cases)
    if not cases:
        raise ValidationError(
            {"cases": ValidationError(_("Choose at least one case."), code="no_case")}
        )
    if any(case.is_draft for case in cases):
        raise ValidationError(
            {"cases": ValidationError(_("A draft is not a record of the city."), code="draft")}
        )
    if decision_due_on < received_on:
        raise ValidationError(
            {
                "decision_due_on": ValidationError(
                    _("The decision is due on or after the day of receipt."),
                    code="due_before_receipt",
                )
            }
        )
    request = DisclosureRequest(
        received_on=received_on,
        requester=requester.strip(),
        decision_due_on=decision_due_on,
        created_by=by,
    )
    request.full_clean()
    request.save()
    request.cases.set(cases)
    for case in cases:
        if case.know_how.strip():
            for anchor in KNOW_HOW_ANCHORS:
                Mark.objects.create(
                    request=request,
                    case=case,
                    section=anchor,
                    ground=Ground.CORPORATE,
                    marked_by=Mark.By.PROPOSER,
                    created_by=by,
                )
    _log(request, Event.Action.RECEIVE, by, cases=[case.reference for case in cases])
    return request


@transaction.atomic
def set_marks(*, request, case, by, sections: dict[str, str], files: dict[int, str]) -> None:
    """The office's marks of one case, as a whole: `sections` (anchor → ground) and `files`
    (attachment id → ground); what is left out is disclosed. The proposer's know-how mark is
    kept as theirs while it stays marked."""
    _check_office(by)
    request = _locked(request)
    _check_open(request)
    if not request.cases.filter(pk=case.pk).exists():
        raise PermissionDenied
    grounds = set(Ground.values)
    attachment_ids = set(case.attachments.values_list("pk", flat=True))
    if set(sections) - set(SECTION_ANCHORS) or set(files) - attachment_ids:
        raise ValidationError(_("Mark only the sections and files of this case."), code="unknown")
    if set(sections.values()) - grounds or set(files.values()) - grounds:
        raise ValidationError(_("Choose a ground from the list."), code="unknown_ground")
    existing = {
        (mark.section, mark.attachment_id): mark
        for mark in Mark.objects.filter(request=request, case=case)
    }
    wanted = {(anchor, None): ground for anchor, ground in sections.items()}
    wanted.update({("", pk): ground for pk, ground in files.items()})
    for key, mark in existing.items():
        if key not in wanted:
            mark.delete()
        elif mark.ground != wanted[key]:
            mark.ground, mark.marked_by, mark.created_by = wanted[key], Mark.By.OFFICE, by
            mark.save(update_fields=["ground", "marked_by", "created_by"])
    for (anchor, attachment_id), ground in wanted.items():
        if (anchor, attachment_id) not in existing:
            Mark.objects.create(
                request=request,
                case=case,
                section=anchor,
                attachment_id=attachment_id,
                ground=ground,
                marked_by=Mark.By.OFFICE,
                created_by=by,
            )
    _log(request, Event.Action.MARK, by, case, sections=sections, files=sorted(files))


def _opinion_text(request, case, due_on: datetime.date, link: str) -> str:
    return _(
        "A request for disclosure (情報公開請求) of the city's records of this case has been "
        "received. Before deciding, the city asks for your opinion (第三者意見照会): may the "
        "records be disclosed, or do you object, and why? The parts you marked as your own "
        "know-how are treated as not to be disclosed.\n\nPlease answer by %(due)s on this "
        "page: %(link)s"
    ) % {"due": date_format(due_on, "DATE_FORMAT"), "link": link}


@transaction.atomic
def request_opinion(*, request, case, by, due_on: datetime.date) -> ThirdPartyOpinion:
    """第三者意見照会: a message to the proposer in the case's dialogue, with its deadline."""
    _check_office(by)
    request = _locked(request)
    _check_open(request)
    if not request.cases.filter(pk=case.pk).exists():
        raise PermissionDenied
    if due_on <= timezone.localdate():
        raise ValidationError(
            {
                "due_on": ValidationError(
                    _("Give the proposer a deadline after today."), code="due_in_past"
                )
            }
        )
    if ThirdPartyOpinion.objects.filter(request=request, case=case).exists():
        raise ValidationError(
            _("The proposer's opinion on this request has already been asked."), code="asked"
        )
    opinion = ThirdPartyOpinion.objects.create(
        request=request, case=case, due_on=due_on, requested_by=by
    )
    link = reverse("disclosure:opinion", args=[opinion.pk])
    opinion.message = post_message(
        case=case, by=by, body=_opinion_text(request, case, due_on, link)
    )
    opinion.save(update_fields=["message"])
    if request.status == S.RECEIVED:
        request.status = S.OPINION_REQUESTED
        request.save(update_fields=["status"])
    _log(request, Event.Action.REQUEST_OPINION, by, case, due_on=due_on.isoformat())
    return opinion


@transaction.atomic
def answer_opinion(*, opinion, by, answer: str, reasons: str = "") -> ThirdPartyOpinion:
    """The proposer's answer: recorded on the request, and said in the dialogue while the case
    takes messages (a closed case keeps it on the request only)."""
    opinion = (
        ThirdPartyOpinion.objects.select_for_update().select_related("case").get(pk=opinion.pk)
    )
    if not is_proposer(by, opinion.case):
        raise PermissionDenied
    if opinion.answer:
        raise ValidationError(_("This opinion has already been answered."), code="answered")
    reasons = (reasons or "").strip()
    if answer not in ThirdPartyOpinion.Answer.values:
        raise ValidationError(
            {"answer": ValidationError(_("Choose your answer."), code="no_answer")}
        )
    if answer == ThirdPartyOpinion.Answer.OBJECT and not reasons:
        raise ValidationError(
            {
                "reasons": ValidationError(
                    _("Enter why you object, part by part."), code="reasons_required"
                )
            }
        )
    opinion.answer, opinion.reasons = answer, reasons
    opinion.answered_by, opinion.answered_at = by, timezone.now()
    opinion.save()
    label = ThirdPartyOpinion.Answer(answer).label
    body = _("Our opinion on the disclosure request: %(answer)s") % {"answer": label}
    if reasons:
        body += "\n\n" + reasons
    if not opinion.case.is_draft and opinion.case.status not in CLOSED:
        post_message(case=opinion.case, by=by, body=body)
    _log(opinion.request, Event.Action.ANSWER_OPINION, by, opinion.case, answer=answer)
    return opinion


@transaction.atomic
def decide(*, request, by, decision: str, decided_on: datetime.date) -> DisclosureRequest:
    """The decision (全部開示, 部分開示, 不開示); marks and opinions no longer change."""
    _check_office(by)
    request = _locked(request)
    _check_open(request)
    if decision not in DisclosureRequest.Decision.values:
        raise ValidationError(
            {"decision": ValidationError(_("Choose the decision."), code="no_decision")}
        )
    if decided_on < request.received_on:
        raise ValidationError(
            {
                "decided_on": ValidationError(
                    _("The decision comes on or after the day of receipt."),
                    code="decided_before_receipt",
                )
            }
        )
    request.status, request.decision, request.decided_on = S.DECIDED, decision, decided_on
    request.save(update_fields=["status", "decision", "decided_on"])
    _log(request, Event.Action.DECIDE, by, decision=decision)
    return request


@transaction.atomic
def close(*, request, by) -> DisclosureRequest:
    _check_office(by)
    request = _locked(request)
    if request.status != S.DECIDED:
        raise ValidationError(_("A request is closed after its decision."), code="not_decided")
    request.status = S.CLOSED
    request.save(update_fields=["status"])
    _log(request, Event.Action.CLOSE, by)
    return request


@transaction.atomic
def export_case_file(*, request, case, by, redacted: bool) -> bytes:
    """The case file for the review, logged on the request (who downloaded which version)."""
    _check_office(by)
    if not request.cases.filter(pk=case.pk).exists():
        raise PermissionDenied
    marks = list(Mark.objects.filter(request=request, case=case)) if redacted else None
    content = casefile.case_file(case, marks=marks)
    _log(request, Event.Action.EXPORT, by, case, version="disclosure" if redacted else "full")
    return content

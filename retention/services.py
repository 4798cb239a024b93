"""The retention rule: what is due for disposal (listed once, however often the job runs), and
the disposal itself, which only the office's approval starts.

Periods are months per record class (settings.KYOSO_RETENTION) counted from the day a record
closed: the last step of a closed or completed case, an access log entry's day, an account's
last sign-in (or its creation, if it never signed in).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import OFFICE_STAFF, is_office
from accounts.services import anonymise_user
from dialogue.models import MeetingRecord, MessageAttachment
from documents.models import IssuedDocument
from jobs.queue import enqueue
from mishima_kyoso.storage import PRIVATE
from partnership.models import AgreementDocument
from proposals.jobs import delete_stored_file
from proposals.models import AccessLog, Proposal, ProposalAttachment
from proposals.states import CLOSED

from .models import DisposalCandidate, DisposalRecord, RecordClass

S = Proposal.Status
C = DisposalCandidate.Status
CLOSED_WITHOUT_COMPLETION = tuple(status for status in CLOSED if status != S.COMPLETED)


def months_later(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` later (the month's last day when it has no such day); negative
    `months` go back."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def cutoff(record_class: str, now=None) -> datetime.datetime:
    """Records that closed before this moment have passed their retention period."""
    return months_later(now or timezone.now(), -settings.KYOSO_RETENTION[record_class])


def _retained_until(closed_at, record_class: str) -> datetime.date:
    return timezone.localdate(months_later(closed_at, settings.KYOSO_RETENTION[record_class]))


@transaction.atomic
def list_due(now=None) -> int:
    """Create a candidate for every record past its period not listed yet; how many were new."""
    now = now or timezone.now()
    created = 0
    for record_class, statuses in (
        (RecordClass.CLOSED_CASE, CLOSED_WITHOUT_COMPLETION),
        (RecordClass.COMPLETED_CASE, (S.COMPLETED,)),
    ):
        limit = cutoff(record_class, now)
        due = (
            Proposal.objects.filter(status__in=statuses)
            .annotate(closed_at=Max("transitions__created_at"))
            .filter(closed_at__lt=limit)
            .exclude(
                pk__in=DisposalCandidate.objects.filter(
                    record_class=record_class, proposal__isnull=False
                ).values("proposal_id")
            )
        )
        for case in due:
            DisposalCandidate.objects.create(
                record_class=record_class,
                proposal=case,
                retained_until=_retained_until(case.closed_at, record_class),
            )
            created += 1
    limit = cutoff(RecordClass.INACTIVE_ACCOUNT, now)
    accounts = (
        User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
        .exclude(groups__name=OFFICE_STAFF)
        .annotate(active_at=Coalesce("last_login", "date_joined"))
        .filter(active_at__lt=limit)
        .exclude(
            pk__in=DisposalCandidate.objects.filter(
                record_class=RecordClass.INACTIVE_ACCOUNT, user__isnull=False
            ).values("user_id")
        )
    )
    for user in accounts:
        DisposalCandidate.objects.create(
            record_class=RecordClass.INACTIVE_ACCOUNT,
            user=user,
            retained_until=_retained_until(user.active_at, RecordClass.INACTIVE_ACCOUNT),
        )
        created += 1
    limit = cutoff(RecordClass.ACCESS_LOG, now)
    pending_purge = DisposalCandidate.objects.filter(
        record_class=RecordClass.ACCESS_LOG, status=C.PENDING
    ).exists()
    if not pending_purge and AccessLog.objects.filter(at__lt=limit).exists():
        DisposalCandidate.objects.create(
            record_class=RecordClass.ACCESS_LOG,
            cutoff=limit,
            retained_until=timezone.localdate(now),
        )
        created += 1
    return created


def _file_names(case) -> list[str]:
    """The names of every file of the case in the private store, read before the rows go."""
    rows = [
        *ProposalAttachment.objects.filter(proposal=case),
        *MessageAttachment.objects.filter(message__proposal=case),
        *AgreementDocument.objects.filter(agreement__proposal=case),
        *IssuedDocument.objects.filter(proposal=case),
    ]
    return [row.file.name for row in rows if row.file.name]


def _dispose_case(candidate, by) -> dict:
    case = candidate.proposal
    closed_at = case.transitions.aggregate(at=Max("created_at"))["at"]
    kept = {
        "reference": case.reference or "",
        "submitted_on": timezone.localdate(case.submitted_at) if case.submitted_at else None,
        "closed_on": timezone.localdate(closed_at) if closed_at else None,
        "decision": case.status,
    }
    files = _file_names(case)
    pk = case.pk
    try:
        with transaction.atomic():
            # The content's history goes with it: simple-history keeps full copies.
            MeetingRecord.history.filter(proposal_id=pk).delete()
            case.delete()
            Proposal.history.filter(id=pk).delete()
    except ProtectedError as protected:
        raise ValidationError(
            _(
                "This case has records that must be kept (a published decision, an evaluation "
                "round or an open call); it cannot be disposed of yet."
            ),
            code="protected",
        ) from protected
    for name in files:
        enqueue(delete_stored_file, PRIVATE, name)
    return {**kept, "details": {"files": len(files)}}


@transaction.atomic
def approve_disposal(*, candidate, by) -> DisposalRecord:
    """The office approves and the record is disposed of at once, keeping a DisposalRecord;
    files leave the storage through jobs queued in the same transaction."""
    if not is_office(by):
        raise PermissionDenied
    candidate = DisposalCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != C.PENDING:
        raise ValidationError(_("This record has already been disposed of."), code="disposed")
    kept = {"details": {}}
    if candidate.record_class in (RecordClass.CLOSED_CASE, RecordClass.COMPLETED_CASE):
        if candidate.proposal is None:
            raise ValidationError(_("The case no longer exists."), code="gone")
        kept = _dispose_case(candidate, by)
        candidate.proposal = None  # the row went with the case (SET_NULL)
    elif candidate.record_class == RecordClass.ACCESS_LOG:
        deleted, _counts = AccessLog.objects.filter(at__lt=candidate.cutoff).delete()
        kept = {"details": {"entries": deleted, "before": candidate.cutoff.isoformat()}}
    elif candidate.user is not None:
        anonymise_user(candidate.user)
        kept = {"details": {"account": candidate.user_id}}
    candidate.status = C.DISPOSED
    candidate.save(update_fields=["status", "proposal"])
    return DisposalRecord.objects.create(
        candidate=candidate, record_class=candidate.record_class, approved_by=by, **kept
    )


def pending_candidates():
    """The office's list: what waits for approval, oldest period first."""
    return DisposalCandidate.objects.filter(status=C.PENDING).select_related("proposal", "user")


def disposal_records():
    return DisposalRecord.objects.select_related("approved_by")

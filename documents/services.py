"""Issuing the formal documents of a case: which step issues which, the document number.

The number is taken in the step's own transaction, under a row lock on the series' counter of
the fiscal year, so numbers are unique and without gaps: a step refused or rolled back takes
its number back with it. The PDF itself is rendered by a job queued in the same transaction
(jobs.render_document): a failure to render never loses the step, and a retry renders it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.queue import enqueue
from proposals.fiscal import fiscal_year
from proposals.models import ProposalTransition

from .jobs import render_document
from .models import DocumentCounter, DocumentSeries, IssuedDocument, Kind

A = ProposalTransition.Steps

# The steps after which the proposer receives a document: the receipt of a proposal or an
# application (受付票), and each decision on it (採否通知書: taken forward or not, adopted or
# not, selected or not). Completing a running case is no decision on the proposal.
ISSUED_AFTER: dict[str, str] = {
    A.SUBMIT: Kind.RECEIPT,
    A.APPLY: Kind.RECEIPT,
    A.DECLINE: Kind.DECISION,
    A.ADOPT: Kind.DECISION,
    A.NOT_ADOPT: Kind.DECISION,
    A.SELECT: Kind.DECISION,
    A.NOT_SELECT: Kind.DECISION,
}


def take_number(series: DocumentSeries, on) -> tuple[int, int]:
    """(fiscal year, serial): the next number of the series in the fiscal year of `on`."""
    year = fiscal_year(on)
    try:
        with transaction.atomic():
            DocumentCounter.objects.get_or_create(series=series, fiscal_year=year)
    except IntegrityError:  # another step created this year's counter at the same moment
        pass
    counter = DocumentCounter.objects.select_for_update().get(series=series, fiscal_year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return year, counter.last_serial


@transaction.atomic
def issue(*, record: ProposalTransition, kind: str) -> IssuedDocument:
    """Number the document of a step and queue its rendering; once per step."""
    existing = IssuedDocument.objects.filter(transition=record).first()
    if existing is not None:
        return existing
    series = DocumentSeries.objects.get(kind=kind)
    now = timezone.now()
    year, serial = take_number(series, timezone.localdate(now))
    document = IssuedDocument.objects.create(
        kind=kind,
        proposal_id=record.proposal_id,
        transition=record,
        series=series,
        fiscal_year=year,
        serial=serial,
        number=series.number(serial),
        issued_at=now,
        original_name="",
        size=0,
        content_type="application/pdf",
        uploaded_by_id=record.actor_id,
        uploaded_at=now,
    )
    enqueue(render_document, document.pk)
    return document


def issue_after_step(case, record: ProposalTransition) -> None:
    """The workflow's hook (apps.py): the document a step issues, if any."""
    kind = ISSUED_AFTER.get(record.step)
    if kind is not None:
        issue(record=record, kind=kind)

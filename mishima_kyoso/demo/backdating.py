"""Dating a story back to the days it tells: demo realism, and nothing the portal ever does.

The services and the workflow stamp each step with timezone.now(), and there is no clock to
turn back; but a demo whose cases were all received, discussed, adopted and completed in the
same second shows no case received long ago, no overdue deadline, no thread that reads like
weeks of work. So each step is taken now, exactly as on the site; right after it, the case's
own time stamps that the step wrote are moved back to the step's day, and once the story is
told, so are those of the rows its steps wrote (log, versions, files, assignments, messages,
meetings, goals, read marks, history) - with QuerySet.update() of those date fields alone.
The deadlines are counted again from the step's day by the rule the workflow uses
(add_business_days and the same settings), and next_due_on by proposals.deadlines itself.
Status, reference, reasons, grants and content stay exactly as the services wrote them.
(Reference numbers are taken now: a run in the first months of a fiscal year dates its oldest
cases in the year before, numbered in the current one.)
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from dialogue.models import MeetingRecord, Message
from disclosure.models import DisclosureRequest, Mark, ThirdPartyOpinion
from disclosure.models import Event as DisclosureEvent
from documents.models import IssuedDocument
from evaluation.models import (
    ConflictDeclaration,
    EvaluatorAssignment,
    Round,
    RoundEvent,
    ScoreSheet,
)
from outcomes.models import PublishedDecision
from partnership.models import (
    Agreement,
    AgreementChange,
    ImprovementAction,
    IncentiveRule,
    MonitoringReport,
)
from proposals import deadlines
from proposals.business_days import add_business_days, is_business_day
from proposals.models import (
    DepartmentAssignment,
    Indicator,
    OpenCall,
    Proposal,
    ProposalAttachment,
    ProposalTransition,
    ProposalVersion,
    ReadMark,
    SharedGoal,
)
from terms.models import Acceptance

CASE_STAMPS = (
    "created_at",
    "updated_at",
    "submitted_at",
    "first_responded_at",
    "last_city_message_at",
    "last_proposer_message_at",
)
ROW_STAMPS = (  # (model, lookup of the case, the fields it stamps; the first one is compared)
    (Proposal.history.model, "id", ("history_date",)),
    (ProposalVersion, "proposal", ("created_at",)),
    (ProposalTransition, "proposal", ("created_at",)),
    (ProposalAttachment, "proposal", ("uploaded_at",)),
    (DepartmentAssignment, "proposal", ("assigned_at",)),
    (DepartmentAssignment.history.model, "proposal", ("history_date",)),
    (Message, "proposal", ("created_at",)),
    (MeetingRecord, "proposal", ("created_at", "updated_at")),
    (MeetingRecord.history.model, "proposal", ("history_date",)),
    (SharedGoal, "proposal", ("updated_at",)),
    (SharedGoal.history.model, "proposal", ("history_date",)),
    (Indicator.history.model, "goal__proposal", ("history_date",)),
    (ReadMark, "proposal", ("read_at",)),
    (OpenCall, "proposal", ("updated_at", "published_at")),
    (Round, "proposal", ("created_at", "opened_at", "closed_at", "decided_at")),
    (RoundEvent, "round__proposal", ("at",)),
    (EvaluatorAssignment, "round__proposal", ("assigned_at", "declared_at")),
    (ConflictDeclaration, "assignment__round__proposal", ("declared_at",)),
    (ScoreSheet, "candidate__round__proposal", ("updated_at", "submitted_at")),
    (Agreement, "proposal", ("updated_at",)),
    (MonitoringReport, "proposal", ("created_at", "updated_at")),
    (ImprovementAction, "proposal", ("created_at",)),
    (IncentiveRule, "agreement__proposal", ("created_at",)),
    # A change's stamps one by one: an unsigned side stays unsigned (NULL is never moved).
    (AgreementChange, "agreement__proposal", ("created_at",)),
    (AgreementChange, "agreement__proposal", ("city_signed_at",)),
    (AgreementChange, "agreement__proposal", ("business_signed_at",)),
    (PublishedDecision, "proposal", ("published_at",)),
    (IssuedDocument, "proposal", ("issued_at", "uploaded_at")),
    (Acceptance, "proposal", ("accepted_at",)),
    (DisclosureRequest, "cases", ("created_at",)),
    (Mark, "case", ("created_at",)),
    (ThirdPartyOpinion, "case", ("requested_at",)),  # answered_at: the opinion step's own
    (DisclosureEvent, "request__cases", ("at",)),
)


def business_days_before(day: datetime.date, count: int) -> datetime.date:
    """The business day `count` business days before `day` (`day` itself when 0)."""
    while count:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def moment(today: datetime.date, ago: int, hour: int, minute: int = 0):
    """When a step happened; None for today: a step of today keeps the time it is taken."""
    if not ago:
        return None
    day = business_days_before(today, ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), on the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


class Backdating:
    """Takes the steps of one case's story and dates them back (see above)."""

    def __init__(self):
        self.windows = []  # (since, until, moment): what was stamped in between goes to moment

    def take(self, case: Proposal | None, moment, step) -> Proposal:
        """Take `step()` now and, if `moment` is set, date the case's own stamps back to it.

        `case` is the case the step works on (None: the step creates it and returns it).
        Returns the case as it is after the step.
        """
        since = timezone.now()
        reply_due_before = case.reply_due_on if case is not None else None
        result = step()
        case = Proposal.objects.get(pk=(case or result).pk)
        if moment is not None:
            self.windows.append((since, timezone.now(), moment))
            self.date_case(case, since=since, moment=moment, reply_due_before=reply_due_before)
        return case

    @staticmethod
    def date_case(case: Proposal, *, since, moment, reply_due_before) -> None:
        """The case's stamps written since `since` go to `moment`; its deadlines follow."""
        changes = {
            name: moment
            for name in CASE_STAMPS
            if getattr(case, name) is not None and getattr(case, name) >= since
        }
        day = timezone.localdate(moment)
        if "submitted_at" in changes:  # received that day: the first-response deadline runs
            changes["first_response_due_on"] = add_business_days(
                day, settings.KYOSO_FIRST_RESPONSE_DAYS
            )
        if case.reply_due_on is not None and reply_due_before is None:  # a message awaits reply
            changes["reply_due_on"] = add_business_days(day, settings.KYOSO_REPLY_DAYS)
        if not changes:
            return
        for name, value in changes.items():
            setattr(case, name, value)
        deadlines.on_status_change(case)  # next_due_on: the earliest open deadline (app's rule)
        Proposal.objects.filter(pk=case.pk).update(**changes, next_due_on=case.next_due_on)

    def date_rows(self, case: Proposal) -> None:
        """The rows the steps wrote, each moved to the moment of the step that wrote it."""
        if not self.windows:
            return
        for model, lookup, stamps in ROW_STAMPS:
            rows = model.objects.filter(
                **{lookup: case.pk, f"{stamps[0]}__gte": self.windows[0][0]}
            ).values_list("pk", stamps[0])
            moved = defaultdict(list)
            for pk, stamp in rows:
                for since, until, moment in self.windows:
                    if since <= stamp <= until:
                        moved[moment].append(pk)
                        break
            for moment, pks in moved.items():
                model.objects.filter(pk__in=pks).update(**dict.fromkeys(stamps, moment))

    @staticmethod
    def date_application(application: Proposal, moment) -> None:
        """An application made during another case's story: applied at `moment`."""
        if moment is None:
            return
        Proposal.objects.filter(pk=application.pk).update(
            created_at=moment - datetime.timedelta(hours=3), updated_at=moment, submitted_at=moment
        )
        application.versions.update(created_at=moment)
        application.transitions.update(created_at=moment)
        application.issued_documents.update(issued_at=moment, uploaded_at=moment)
        application.terms_acceptances.update(accepted_at=moment)

    @staticmethod
    def date_publications(case: Proposal) -> None:
        """A published decision is a snapshot taken when published: its date follows the
        step's."""
        for publication in PublishedDecision.objects.filter(proposal=case).select_related(
            "transition"
        ):
            PublishedDecision.objects.filter(pk=publication.pk).update(
                decided_at=publication.transition.created_at
            )

    @staticmethod
    def date_calls(periods: dict) -> None:
        """The open calls' periods as the stories tell them ({call pk: (starts, ends)})."""
        for pk, (starts_on, ends_on, *questions) in periods.items():
            asks = dict(zip(("questions_from", "questions_until"), questions, strict=False))
            OpenCall.objects.filter(pk=pk).update(starts_on=starts_on, ends_on=ends_on, **asks)

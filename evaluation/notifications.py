"""E-mails to evaluators: queued in the deciding transaction, a link and a date, never a
candidate's content or name (a round's title may name the case, so it is left out too)."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from municipality.selectors import words
from outbox.services import queue_messages
from proposals.notifications import absolute

from .models import EvaluatorAssignment, ScoreSheet


def _subject(text: str) -> str:
    return _("[%(city)s Kyoso portal] %(text)s") % {**words(), "text": text}


def notify_round_opened(round_pk: int, assignment_pks: list[int]) -> None:
    """Scoring is open: each evaluator gets the link to the round and its deadline."""
    assignments = EvaluatorAssignment.objects.filter(
        round_id=round_pk, pk__in=assignment_pks, evaluator__is_active=True
    ).select_related("round", "evaluator")
    messages = []
    for assignment in assignments:
        round = assignment.round
        link = absolute(reverse("evaluation:round", args=[round.pk]))
        messages.append(
            (
                _subject(_("An evaluation is waiting for your scoring")),
                _(
                    "You have been asked to evaluate as a member of the selection committee.\n\n"
                    "Scoring deadline: %(due)s\n\n"
                    "Declare your conflicts of interest and score in the portal "
                    "(sign-in required):\n%(link)s"
                )
                % {
                    "due": formats.date_format(round.scoring_due_on, "DATE_FORMAT"),
                    "link": link,
                },
                None,
                [assignment.evaluator.email],
                link,
            )
        )
    if messages:
        queue_messages(messages, kind="evaluation")


def notify_sheet_reopened(sheet_pk: int) -> None:
    """The office reopened a sheet: its evaluator gets the link."""
    sheet = ScoreSheet.objects.select_related("assignment__evaluator", "assignment__round").get(
        pk=sheet_pk
    )
    evaluator = sheet.assignment.evaluator
    if not evaluator.is_active:
        return
    link = absolute(
        reverse("evaluation:score", args=[sheet.assignment.round_id, sheet.candidate_id])
    )
    queue_messages(
        [
            (
                _subject(_("A score sheet has been reopened")),
                _(
                    "The %(office)s has reopened one of your score sheets so "
                    "that you can change it. Submit it again when you are done.\n\n"
                    "Open it in the portal (sign-in required):\n%(link)s"
                )
                % {**words(), "link": link},
                None,
                [evaluator.email],
                link,
            )
        ],
        kind="evaluation",
    )

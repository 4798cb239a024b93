"""The citizens' voice in the demo (citizens.toml): issue suggestions for the co-creation list
and feedback on a service in operation, sent as citizens send them and moderated by the office
through the citizens app's services, dated back to their days.

The file is optional (a data folder without it has no citizens' voice); when given, it is
checked with the other files before anything is written (datafiles.read), and a feedback names
the story of its service by the story's title.
"""

from pathlib import Path

from django.utils import timezone

from citizens import services
from citizens.models import IssueSuggestion, Moderation, ServiceFeedback
from partnership.models import Agreement

from .backdating import moment
from .checking import Choice, ListOf, Optional, Range, Record, Ref, Where

FILE = "citizens.toml"
AGO = Range(1, 10_000)  # business days before today
MODERATION = Optional(Choice.of(Moderation), Moderation.PENDING)

CITIZENS_FILE = {
    "suggestions": Optional(
        ListOf(
            {
                "title": str,
                "body": str,
                "field": Optional(Ref("field"), None),
                "name": Optional(str, ""),
                "email": Optional(str, ""),
                "ago": AGO,
                "status": MODERATION,
                "reply": Optional(str, ""),
                "moderated_ago": Optional(AGO, None),
            }
        ),
        [],
    ),
    "feedback": Optional(
        ListOf(
            {
                "story": str,  # the title of the story whose case runs the service
                "respondent": Choice.of(ServiceFeedback.Respondent),
                "rating": Optional(Range(1, 5), None),
                "body": str,
                "ago": AGO,
                "status": MODERATION,
                "moderated_ago": Optional(AGO, None),
            }
        ),
        [],
    ),
}


def exists(folder: Path) -> bool:
    return (Path(folder) / FILE).is_file()


def check_stories(voices: Record, stories: list[Record]) -> None:
    """Feedback names a story of the data, one that reaches operation (a `start_operation`)."""
    running = {
        story.title
        for story in stories
        if any(getattr(step, "workflow_step", None) == "start_operation" for step in story.steps)
    }
    for index, item in enumerate(voices.feedback):
        if item.story not in running:
            raise Where(FILE, f"feedback[{index}].story").error(
                f"no story of a service in operation has the title {item.story!r}"
            )


def play(run) -> None:
    """Send and moderate what the file holds; what is there already (same title, same text)
    is left as it is."""
    voices = run.data.citizens
    if voices is None:
        return
    office = run.user()
    for item in voices.suggestions:
        if IssueSuggestion.objects.filter(title=item.title).exists():
            continue
        suggestion = services.submit_suggestion(
            title=item.title,
            body=item.body,
            field=run.fields[item.field] if item.field else None,
            name=item.name,
            email=item.email,
        )
        _moderated(suggestion, item, run, office, reply=item.reply)
    for item in voices.feedback:
        story = next(story for story in run.data.stories if story.title == item.story)
        organisation = run.user(story.owner).membership.organization
        agreement = Agreement.objects.select_related("proposal").get(
            proposal__in=organisation.proposals.filter(title=story.title)
        )
        if agreement.citizen_feedback.filter(body=item.body).exists():
            continue
        feedback = services.submit_feedback(
            agreement=agreement, body=item.body, respondent=item.respondent, rating=item.rating
        )
        _moderated(feedback, item, run, office)


def _moderated(voice, item, run, office, reply=None) -> None:
    if item.status == Moderation.PUBLISHED:
        voice = services.publish(voice, by=office, reply=reply or None)
    elif item.status == Moderation.DECLINED:
        voice = services.decline(voice, by=office)
    # Dated back to the days the data tells (a moderation a day after receipt unless told).
    received = moment(run.today, item.ago, 10) or timezone.now()
    dates = {"created_at": received}
    if voice.moderated_at is not None:
        moderated_ago = item.moderated_ago or max(item.ago - 1, 1)
        dates["moderated_at"] = moment(run.today, moderated_ago, 15) or timezone.now()
    type(voice).objects.filter(pk=voice.pk).update(**dates)

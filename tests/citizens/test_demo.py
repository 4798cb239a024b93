"""The citizens' voice in the demo (mishima_kyoso/demo/data/citizens.toml): checked with the
other files before anything is written, and played through the citizens' services."""

import datetime
import shutil
from types import SimpleNamespace

import pytest
from django.utils import timezone

from citizens.models import IssueSuggestion, Moderation, ServiceFeedback
from cocreation_list.models import Field
from mishima_kyoso.demo import datafiles, voices
from mishima_kyoso.demo.checking import DemoDataError, Record

from .data import running_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def fields():
    return list(Field.objects.values_list("code", flat=True))


def test_the_demo_data_holds_a_published_and_a_pending_suggestion_and_feedback(fields):
    data = datafiles.read(fields=fields)

    statuses = [item.status for item in data.citizens.suggestions]
    assert statuses == [Moderation.PUBLISHED, Moderation.PENDING]
    assert data.citizens.suggestions[0].reply
    running = {item.story for item in data.citizens.feedback}
    assert running == {"湧水の水辺と里山で遊ぶ「放課後しぜん教室」"}


def test_feedback_on_a_story_that_is_not_a_running_service_is_refused(tmp_path, fields):
    folder = tmp_path / "data"
    shutil.copytree(datafiles.DATA, folder)
    text = (folder / voices.FILE).read_text()
    (folder / voices.FILE).write_text(
        text.replace("湧水の水辺と里山で遊ぶ「放課後しぜん教室」", "存在しない事業", 1)
    )

    with pytest.raises(DemoDataError) as refusal:
        datafiles.read(folder, fields=fields)

    assert (refusal.value.file, refusal.value.key) == (voices.FILE, "feedback[0].story")


def test_the_voices_are_played_through_the_services_and_a_second_run_changes_nothing(
    office_user, fields
):
    _publication, agreement = running_service(office=office_user)
    case = agreement.proposal
    checked = datafiles.read(fields=fields).citizens
    for item in checked.feedback:
        item.story = case.title
    run = SimpleNamespace(
        data=SimpleNamespace(
            citizens=checked, stories=[Record(title=case.title, owner=case.created_by.email)]
        ),
        today=timezone.localdate(),
        fields={field.code: field for field in Field.objects.all()},
        user=lambda email=None: office_user if email is None else case.created_by,
    )

    voices.play(run)
    voices.play(run)

    published = IssueSuggestion.objects.get(status=Moderation.PUBLISHED)
    assert published.reply and published.moderated_by == office_user
    assert published.created_at < published.moderated_at < timezone.now()
    assert IssueSuggestion.objects.filter(status=Moderation.PENDING).count() == 1
    feedback = ServiceFeedback.objects.filter(agreement=agreement)
    assert feedback.count() == 2
    assert feedback.filter(status=Moderation.PUBLISHED).count() == 1
    assert all(
        item.created_at.date() < timezone.localdate() + datetime.timedelta(days=1)
        for item in feedback
    )

"""The demo engine: the data read by datafiles.py played through the portal's services, in
the order the city would have lived it - departments, accounts, the co-creation list, the
businesses, then each case's story, dated back to the days it tells (backdating.py).

State lives in the objects below, passed along: a DemoRun for the whole run, a Scene for the
case whose story is being told. Nothing here sets a status, a reference number or a deadline
by hand; every step goes through steps.py.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.models import Department, Organization, User
from cocreation_list.models import Field
from proposals.models import Proposal
from retention.services import list_due

from . import soundings as demo_soundings
from . import steps, voices, world
from .backdating import Backdating, business_days_before, moment
from .datafiles import DemoData


@dataclass
class DemoRun:
    """One run of the demo: its data, what it made, and the files it wrote (removed again
    by the command if the run fails)."""

    data: DemoData
    stored: list = field(default_factory=list)  # (storage, name) of each file written
    today: datetime.date = field(default_factory=timezone.localdate)
    departments: dict[str, Department] = field(default_factory=dict)
    accounts: dict[str, tuple[User, bool]] = field(default_factory=dict)  # e-mail: (, created)
    users: dict[str, User] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    organisations: list[Organization] = field(default_factory=list)

    def user(self, email: str | None = None) -> User:
        """The demo account of that e-mail; the office account when None."""
        return self.users[email or self.data.office]


@dataclass
class Scene:
    """One case's story being told: who owns it, and what its steps made besides the case."""

    run: DemoRun
    story: object  # a checked story of the data (schema.STORY_FILE)
    owner: User
    extras: list[Proposal] = field(default_factory=list)  # applications to its open call
    call_periods: dict = field(default_factory=dict)  # {open call pk: (starts, ends)}

    def day(self, step) -> datetime.date:
        """The day a step happened: `ago` business days before today."""
        return business_days_before(self.run.today, step.ago)


def play(data: DemoData, stored: list | None = None) -> DemoRun:
    """Load everything the data holds; `stored` collects the files written, as they are."""
    run = DemoRun(data=data, stored=stored if stored is not None else [])
    run.fields = world.fields()
    world.load_departments(run)
    world.load_accounts(run)
    run.users = {email: user for email, (user, _created) in run.accounts.items()}
    world.load_themes(run)
    world.load_organisations(run)
    # Fresh accounts, with the memberships the organisations have just made.
    run.users = {
        user.email: user
        for user in User.objects.filter(email__in=list(run.accounts)).select_related(
            "membership__organization", "department"
        )
    }
    for story in data.stories:  # oldest receipt first: reference numbers follow the dates
        play_story(run, story)
    demo_soundings.load(run)  # after the organisations: businesses register for them
    voices.play(run)  # citizens' suggestions and feedback on the services in operation
    list_due()  # the retention rule's periodic job, as it runs every night: what is due
    return run


def play_story(run: DemoRun, story) -> None:
    """A case made and played step by step, each step dated back to its day.

    A case already there (same organisation, same title) is left as it is, whatever happened
    to it since: the demo never moves a case back or forward by itself.
    """
    owner = run.user(story.owner)
    if owner.membership.organization.proposals.filter(title=story.title).exists():
        return
    scene, clock = Scene(run=run, story=story, owner=owner), Backdating()
    prepared_ago = story.received_ago + 2 if story.received_ago else 0
    case = clock.take(None, moment(run.today, prepared_ago, 14), lambda: steps.create_case(scene))
    if story.submit:
        case = clock.take(
            case,
            moment(run.today, story.received_ago, 9, 30),
            lambda case=case: steps.submit_case(scene, case),
        )
    for minute, step in enumerate(story.steps, start=1):
        player = steps.PLAYERS[step.step]
        case = clock.take(
            case,
            moment(run.today, step.ago, step.hour, min(minute, 59)),
            lambda case=case, step=step, player=player: player(scene, step, case),
        )
    clock.date_rows(case)
    for application in scene.extras:
        clock.date_rows(application)
    clock.date_publications(case)
    clock.date_calls(scene.call_periods)

"""The scale run: the world, the co-creation list, the cases planned in memory, then every
table written in one go (writer.py), timed step by step."""

import datetime
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from accounts.models import Department, Organization, User
from cocreation_list.models import Theme
from dialogue.models import Message
from outcomes.models import PublishedDecision
from proposals.models import (
    DepartmentAssignment,
    Proposal,
    ProposalGroupObjectPermission,
    ProposalTransition,
    ProposalVersion,
)

from . import accounts, records, world
from . import cases as planning
from .writer import Ids, analyze, bulk_load, reset_sequences

# The department a field's cases usually go to, when the city has it (the demo's codes).
FIELD_DEPARTMENTS = {
    "machizukuri": "kiki",
    "environment": "kankyo",
    "health": "choju",
    "welfare": "choju",
    "childcare": "kosodate",
    "economy": "shoko",
    "education": "gakko",
    "administration": "digital",
    "other": "seisaku",
}
# The tables filled by the thousand: their secondary indexes are built once, at the end.
BULK = [
    Organization,
    Theme,
    Theme.fields.through,
    Proposal,
    ProposalVersion,
    DepartmentAssignment,
    ProposalGroupObjectPermission,
    ProposalTransition,
    Message,
    PublishedDecision,
]
FIRST_FISCAL_YEAR = datetime.date(2019, 4, 1)  # 令和元年度 (R1)


@dataclass
class ScaleRun:
    password: str
    seed: int = 2026
    rng: random.Random = field(init=False)
    ids: Ids = field(default_factory=Ids)
    now: datetime.datetime = field(default_factory=timezone.localtime)
    fields: list = field(default_factory=list)
    departments: list = field(default_factory=list)
    department_groups: dict = field(default_factory=dict)
    organisations: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    office: User | None = None
    department_user: User | None = None
    largest_user: User | None = None
    largest: tuple = (None, 0)  # (organisation name, its cases)
    counts: dict = field(default_factory=dict)
    timings: list = field(default_factory=list)

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.today = self.now.date()
        self.start = timezone.make_aware(
            datetime.datetime.combine(FIRST_FISCAL_YEAR, datetime.time(9)),
            timezone.get_current_timezone(),
        )
        self.business_days = planning.BusinessDays(
            FIRST_FISCAL_YEAR - datetime.timedelta(days=10),
            self.today + datetime.timedelta(days=120),
        )
        self._random = self.rng.random
        self._departments = {}

    def randint(self, low: int, high: int) -> int:
        """random.randint, without its checks (called a million times)."""
        return low + int(self._random() * (high - low + 1))

    def count(self, what: str, number: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    @contextmanager
    def timed(self, what: str):
        started = time.perf_counter()
        yield
        self.timings.append((what, time.perf_counter() - started))

    def moment_between(self, start, end) -> datetime.datetime:
        """A moment between two, in office hours when the day allows."""
        at = start + (end - start) * self.rng.random()
        at = at.replace(hour=self.randint(9, 17), minute=self.randint(0, 59))
        return max(start, min(at, end))

    def department_for(self, code: str) -> Department:
        if code in self._departments:
            return self._departments[code]
        by_code = {department.code: department for department in self.departments}
        wanted = FIELD_DEPARTMENTS.get(code)
        if wanted in by_code:
            found = by_code[wanted]
        else:
            codes = [f.code for f in self.fields]
            index = codes.index(code) if code in codes else 0
            found = self.departments[index % len(self.departments)]
        self._departments[code] = found
        return found


def load(run: ScaleRun, *, cases: int, themes: int, decisions: int) -> ScaleRun:
    with run.timed("world"):
        run.departments = world.load_departments()
        run.department_groups = {d.pk: d.group_id for d in run.departments}
        run.fields = world.load_fields()
        run.office = accounts.office_account(run.password)
    with bulk_load(BULK):
        with run.timed("organisations and themes"):
            world.load_organisations(run, max(8, cases // 25))
            world.load_themes(run, themes)
        with run.timed("planning"):
            planned = planning.plan(run, cases)
        with run.timed("cases, versions and grants"):
            records.write_cases(run, planned)
        with run.timed("transitions"):
            closing = records.write_transitions(run, planned)
        with run.timed("messages and decisions"):
            records.write_messages(run, planned)
            records.write_decisions(run, planned, closing, decisions)
        rebuild_from = time.perf_counter()  # bulk_load builds the indexes again as it ends
    run.timings.append(("indexes", time.perf_counter() - rebuild_from))
    with run.timed("sequences and statistics"):
        reset_sequences(run.ids.models())
        analyze(run.ids.models())
    with run.timed("accounts"):
        load_accounts(run)
    return run


def load_accounts(run: ScaleRun) -> None:
    """The department account in the department with the most cases, the business account in
    the organisation with the most cases."""
    busiest = (
        DepartmentAssignment.objects.values("department")
        .annotate(n=Count("pk"))
        .order_by("-n", "department")
        .first()
    )
    department = Department.objects.get(pk=busiest["department"]) if busiest else run.departments[0]
    run.department_user = accounts.department_account(run.password, department)
    largest = (
        Proposal.objects.values("organization", "organization__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization")
        .first()
    )
    if largest:
        run.largest = (largest["organization__name"], largest["n"])
        run.largest_user = accounts.largest_account(run.password, largest["organization"])

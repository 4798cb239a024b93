"""The cases planned in memory before anything is written: who proposes what, in which field,
how far each went through the workflow and when, its reference number, its departments and
its messages. The steps follow the workflow's own table (proposals.workflow.TRANSITIONS), so
every case's log leads from a draft to its status."""

import datetime

from django.conf import settings

from proposals.business_days import add_business_days, is_business_day
from proposals.fiscal import fiscal_year, reference_number
from proposals.models import Proposal, ProposalTransition, ReferenceCounter
from proposals.permissions import is_office
from proposals.states import CLOSED
from proposals.workflow import TRANSITIONS

from . import words

S, A = Proposal.Status, ProposalTransition.Steps

# Most cases have ended (closed); a few thousand of 100,000 are open, a few are drafts.
STATUS_WEIGHTS = {
    S.DRAFT: 1.0,
    S.RECEIVED: 0.7,
    S.CONSULTING: 1.3,
    S.PLANNING: 0.9,
    S.ADOPTED: 0.4,
    S.AGREED: 0.2,
    S.OPERATING: 1.0,
    S.DECLINED: 42.0,
    S.NOT_ADOPTED: 24.0,
    S.WITHDRAWN: 12.0,
    S.COMPLETED: 16.5,
}
FIELD_WEIGHTS = {"economy": 18, "machizukuri": 16, "environment": 12, "administration": 12}
# Days between a step and the one before it.
GAPS = {
    A.START_DIALOGUE: (2, 14),
    A.DECLINE: (5, 60),
    A.TO_PLANNING: (14, 120),
    A.ADOPT: (30, 150),
    A.NOT_ADOPT: (30, 150),
    A.AGREE: (20, 90),
    A.START_OPERATION: (7, 60),
    A.COMPLETE: (180, 720),
    A.WITHDRAW: (5, 90),
}
# The share of all cases of the few organisations with thousands of cases (at 100,000).
LARGE_SHARES = (0.03, 0.02, 0.012, 0.008, 0.005)


class Case:
    __slots__ = (
        "id", "kind", "theme", "field", "org", "status", "steps", "submitted", "year",
        "serial", "reference", "departments", "messages", "text", "consent", "created",
        "first_response_due", "first_responded", "reply_due", "next_due", "updated", "content",
    )  # fmt: skip


def path(status: str, rng) -> list[str]:
    """The steps that lead from a draft to this status."""
    dialogue = [A.SUBMIT, A.START_DIALOGUE]
    planning = [*dialogue, A.TO_PLANNING]
    adopted = [*planning, A.ADOPT]
    operating = [*adopted, A.AGREE, A.START_OPERATION]
    return {
        S.DRAFT: [],
        S.RECEIVED: [A.SUBMIT],
        S.CONSULTING: dialogue,
        S.DECLINED: (dialogue if rng.random() < 0.7 else [A.SUBMIT]) + [A.DECLINE],
        S.PLANNING: planning,
        S.NOT_ADOPTED: [*planning, A.NOT_ADOPT],
        S.ADOPTED: adopted,
        S.AGREED: [*adopted, A.AGREE],
        S.OPERATING: operating,
        S.COMPLETED: [*operating, A.COMPLETE],
        S.WITHDRAWN: rng.choice([[A.SUBMIT], dialogue, planning]) + [A.WITHDRAW],
    }[status]


def organisation_weights(run, count: int) -> list[float]:
    """A few organisations with thousands of cases, many with a handful."""
    large = LARGE_SHARES[: max(1, min(len(LARGE_SHARES), count // 4))]
    small = [1 + 4 * run.rng.random() ** 3 for _ in range(count - len(large))]
    rest = (1 - sum(large)) / sum(small) if small else 0
    return [*large, *(weight * rest for weight in small)]


def plan(run, count: int) -> list[Case]:
    """`count` cases in memory, numbered per fiscal year in the order they were received."""
    rng = run.rng
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
    owners = rng.choices(
        range(len(run.organisations)),
        weights=organisation_weights(run, len(run.organisations)),
        k=count,
    )
    field_weights = [FIELD_WEIGHTS.get(field.code, 8) for field in run.fields]
    cases = []
    for case_id, status, owner in zip(run.ids.take(Proposal, count), statuses, owners, strict=True):
        case = Case()
        case.id, case.status, case.org = case_id, status, run.organisations[owner]
        case.content = None  # records.content() writes it once
        theme = rng.choice(run.themes) if run.themes and rng.random() < 0.4 else None
        if theme:
            case.kind, case.theme, case.field = Proposal.Kind.THEME, theme["id"], None
            code, department = theme["field"], theme["department"]
        else:
            field = rng.choices(run.fields, weights=field_weights)[0]
            case.kind, case.theme, case.field = Proposal.Kind.FREE, None, field.pk
            code, department = field.code, run.department_for(field.code).pk
        case.text = case_text(rng, code)
        case.consent = rng.random() < 0.6
        date_steps(run, case, path(status, rng))
        case.departments = []
        if any(step in (A.START_DIALOGUE, A.DECLINE) for step, *_ in case.steps):
            case.departments.append(department)
            if rng.random() < 0.15:
                other = rng.choice(run.departments).pk
                if other != department:
                    case.departments.append(other)
        add_messages(run, case)
        deadlines(run, case)
        cases.append(case)
    number(cases)
    return cases


def date_steps(run, case: Case, steps: list[str]) -> None:
    """Date the steps: closed cases anywhere since R1, open ones recently."""
    now = run.now
    gaps = [run.randint(*GAPS[step]) for step in steps[1:]]
    total = datetime.timedelta(days=sum(gaps))
    if case.status in CLOSED:
        latest = now - total - datetime.timedelta(days=1)
        start = run.moment_between(run.start, max(run.start, latest))
    elif case.status in (S.DRAFT, S.RECEIVED):
        start = now - datetime.timedelta(days=run.randint(0, 20), hours=run.randint(1, 8))
    else:
        recent = 700 if case.status == S.OPERATING else 60
        start = now - total - datetime.timedelta(days=run.randint(1, recent))
    start = max(start, run.start)
    scale = min(1.0, (now - start) / total * 0.98) if total else 1.0
    case.created = start - datetime.timedelta(days=run.randint(0, 3), hours=run.randint(0, 5))
    case.submitted = start if steps else None
    case.steps, at, status = [], start, S.DRAFT
    for n, step in enumerate(steps):
        if n:
            at = at + datetime.timedelta(days=gaps[n - 1] * scale, minutes=run.randint(1, 300))
        rule = TRANSITIONS[step]
        assert status in rule.sources, (step, status)  # the workflow's own table
        case.steps.append((step, status, rule.target, min(at, now), rule))
        status = rule.target
    assert status == case.status, (case.status, steps)
    case.updated = case.steps[-1][3] if case.steps else case.created


def add_messages(run, case: Case) -> None:
    """A third of the cases in dialogue have a few messages, the proposer first."""
    case.messages = []
    started = next((at for step, _s, _t, at, _r in case.steps if step == A.START_DIALOGUE), None)
    if started is None or run.rng.random() > 0.35:
        return
    end = case.steps[-1][3] if case.status in CLOSED else run.now
    moments = sorted(run.moment_between(started, end) for _ in range(run.randint(1, 4)))
    for n, at in enumerate(moments):
        side = "proposer" if n % 2 == 0 else "city"
        internal = side == "city" and run.rng.random() < 0.1
        case.messages.append((side, internal, at))
    case.updated = max(case.updated, moments[-1])


def deadlines(run, case: Case) -> None:
    """The case's deadlines as proposals.deadlines keeps them."""
    case.first_response_due = case.first_responded = case.reply_due = case.next_due = None
    if case.submitted is None:
        return
    case.first_response_due = run.business_days.add(
        case.submitted.date(), settings.KYOSO_FIRST_RESPONSE_DAYS
    )
    city_steps = [at for _step, _s, _t, at, rule in case.steps if rule.who is is_office]
    city_messages = [at for side, internal, at in case.messages if side == "city" and not internal]
    responses = city_steps + city_messages
    case.first_responded = min(responses) if responses else None
    proposer = [at for side, _i, at in case.messages if side == "proposer"]
    if proposer and (not responses or max(proposer) > max(responses)):
        case.reply_due = run.business_days.add(max(proposer).date(), settings.KYOSO_REPLY_DAYS)
    if case.status in CLOSED:
        return
    open_deadlines = [
        due
        for due in (
            case.first_response_due if case.first_responded is None else None,
            case.reply_due,
        )
        if due is not None
    ]
    case.next_due = min(open_deadlines, default=None)


class BusinessDays:
    """proposals.business_days.add_business_days over a calendar read once: jpholiday answers
    each day once, not once per case."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first, self.days = first, []
        day = first
        while day <= last:
            self.days.append(is_business_day(day))
            day += datetime.timedelta(days=1)
        self.done: dict = {}

    def add(self, day: datetime.date, count: int) -> datetime.date:
        key = (day, count)
        found = self.done.get(key)
        if found is None:
            index = (day - self.first).days
            if not 0 <= index < len(self.days) - 60:
                found = add_business_days(day, count)
            else:
                while count:
                    index += 1
                    count -= self.days[index]
                found = self.first + datetime.timedelta(days=index)
            self.done[key] = found
        return found


def number(cases: list[Case]) -> None:
    """Reference numbers in the order of receipt, per fiscal year, after those already given;
    the counters moved past them, so the next submission takes the next number."""
    received = sorted((case for case in cases if case.submitted), key=lambda c: c.submitted)
    counters = dict(ReferenceCounter.objects.values_list("fiscal_year", "last_serial"))
    for case in cases:
        case.year = case.serial = case.reference = None
    for case in received:
        year = fiscal_year(case.submitted.date())
        counters[year] = counters.get(year, 0) + 1
        case.year, case.serial = year, counters[year]
        case.reference = reference_number(year, case.serial)
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(fiscal_year=year, defaults={"last_serial": last})


def case_text(rng, code: str) -> dict:
    """A case's summary and content in its field's words."""
    topic = rng.choice(words.TOPICS[code])
    place, method = rng.choice(words.PLACES), rng.choice(words.METHODS)
    action = rng.choice(words.ACTIONS)
    title = rng.choice(
        (f"{method}{topic}{action}", f"{place}での{topic}{action}", f"{topic}に関する{method}提案")
    )
    return {"title": title[:200], "topic": topic, "place": place, "method": method}

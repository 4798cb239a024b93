"""Reading the demo data: every TOML file of the data folder checked against the schema, then
the references between files and the rules of a story, before anything is written.

The folder holds departments.toml, accounts.toml, organisations.toml, themes/*.toml (one
theme a file, loaded in the order of their names) and stories/*.toml (one case a file, played
oldest receipt first: by `received_ago`, then by file name).
"""

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cocreation_list.models import Field

from . import schema, voices
from . import soundings as demo_soundings
from .checking import DemoDataError, Record, Where, check

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoData:
    """The checked content of a data folder."""

    password: str
    departments: list[Record]
    accounts: list[Record]
    organisations: list[Record]
    themes: list[Record]
    stories: list[Record]  # in the order they are played; each knows its `file`
    citizens: Record | None = None  # citizens.toml, when the folder has it (voices.py)
    soundings: tuple[Record, ...] = ()  # soundings/*.toml (demo/soundings.py)

    @property
    def office(self) -> str:
        """The office account: who takes a step whose `by` is left out."""
        return next(account.email for account in self.accounts if account.role == "office")


def read(folder: Path = DATA, *, fields: Iterable[str] | None = None) -> DemoData:
    """The data of `folder`, checked; `fields` are the codes of the fields of the co-creation
    list (read from the database when not given). Raises DemoDataError."""
    folder = Path(folder)
    refs = []
    departments = _file(folder, "departments.toml", schema.DEPARTMENTS_FILE, refs)
    accounts = _file(folder, "accounts.toml", schema.ACCOUNTS_FILE, refs)
    organisations = _file(folder, "organisations.toml", schema.ORGANISATIONS_FILE, refs)
    themes = [_file(folder, name, schema.THEME_FILE, refs) for name in _names(folder, "themes")]
    stories = [_file(folder, name, schema.STORY_FILE, refs) for name in _names(folder, "stories")]
    soundings = tuple(
        _file(folder, name, demo_soundings.SOUNDING_FILE, refs)
        for name in _names(folder, "soundings")
    )
    citizens = (
        _file(folder, voices.FILE, voices.CITIZENS_FILE, refs) if voices.exists(folder) else None
    )
    data = DemoData(
        password=accounts.password,
        departments=departments.departments,
        accounts=accounts.accounts,
        organisations=organisations.organisations,
        themes=themes,
        stories=sorted(stories, key=lambda story: (-story.received_ago, story.file)),
        citizens=citizens,
        soundings=soundings,
    )
    if fields is None:
        fields = Field.objects.values_list("code", flat=True)
    _check_names(data)
    _check_references(data, refs, set(fields))
    for story in data.stories:
        _check_story(story)
    for sounding in data.soundings:
        demo_soundings.check(sounding, Where(sounding.file))
    if citizens is not None:
        voices.check_stories(citizens, data.stories)
    return data


def _names(folder: Path, subfolder: str) -> list[str]:
    return sorted(f"{subfolder}/{path.name}" for path in (folder / subfolder).glob("*.toml"))


def _file(folder: Path, name: str, spec: dict, refs: list) -> Record:
    try:
        with open(folder / name, "rb") as handle:
            content = tomllib.load(handle)
    except FileNotFoundError:
        raise DemoDataError(name, "", "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(name, "", f"not valid TOML: {error}") from None
    record = check(name, content, spec, refs)
    record.file = name
    return record


def _check_names(data: DemoData) -> None:
    """Names other files refer to are given once; the roles are complete."""
    for file, records, key in [
        ("departments.toml", data.departments, "code"),
        ("accounts.toml", data.accounts, "email"),
        ("organisations.toml", data.organisations, "name"),
    ]:
        table = Where(file, file.removesuffix(".toml"))
        _unique((table.at(n).at(key), getattr(record, key)) for n, record in enumerate(records))
    for records in (data.themes, data.stories):
        _unique((Where(record.file, "title"), record.title) for record in records)
    offices = [account for account in data.accounts if account.role == "office"]
    if len(offices) != 1:
        raise DemoDataError("accounts.toml", "accounts", "exactly one account has role 'office'")
    for index, account in enumerate(data.accounts):
        if (account.role == "department") != (account.department is not None):
            raise Where("accounts.toml", f"accounts[{index}].department").error(
                "department staff have a department, and only they"
            )


def _unique(names: Iterable[tuple[Where, str]]) -> None:
    seen = set()
    for where, name in names:
        if name in seen:
            raise where.error(f"{name!r} is given twice")
        seen.add(name)


def _check_references(data: DemoData, refs: list, fields: set[str]) -> None:
    roles = {account.email: account.role for account in data.accounts}
    members = {
        email
        for organisation in data.organisations
        for email in (organisation.founder, *organisation.colleagues)
    }
    known = {
        "account": set(roles),
        "member": members,
        "department": {department.code for department in data.departments},
        "theme": {theme.title for theme in data.themes},
        "field": fields,
    }
    for role in ("office", "department", "evaluator", "business"):
        known[f"account:{role}"] = {email for email, each in roles.items() if each == role}
    for where, what, value in refs:
        if value not in known[what]:
            raise where.error(f"unknown {_described[what]} {value!r}")


_described = {
    "account": "account (accounts.toml)",
    "account:business": "business account (accounts.toml, role 'business')",
    "account:evaluator": "evaluator (accounts.toml, role 'evaluator')",
    "member": "member of an organisation (organisations.toml: a founder or a colleague)",
    "department": "department (departments.toml)",
    "theme": "theme (no file in themes/ has this title)",
    "field": "field of the co-creation list",
}


def _check_story(story: Record) -> None:
    """A case is theme-based or free; its story is told in order; what a step names was made
    by a step before it (an indicator by a goal, a candidate by an application)."""
    where = Where(story.file)
    if (story.theme is None) == (story.field is None):
        raise where.at("theme").error("a case has either a `theme` or a `field`")
    if story.theme is not None and story.department is not None:
        raise where.at("department").error("only a free proposal names a department")
    if story.steps and not story.submit:
        raise where.at("steps").error("a draft (submit = false) has no story")
    previous = (story.received_ago, 9)
    indicators, candidates = set(), {story.owner}
    for index, step in enumerate(story.steps):
        at = Where(story.file, f"steps[{index}] ({step.step})")  # as the schema names it
        if (step.ago, -step.hour) > (previous[0], -previous[1]):
            raise at.error(f"happens before the step above it (ago {step.ago}, hour {step.hour})")
        previous = (step.ago, step.hour)
        if step.step == "goal":
            indicators.update(indicator.name for indicator in step.indicators)
        if step.step == "apply":
            candidates.add(step.owner)
        if step.step == "report":
            for number, result in enumerate(step.results):
                if result.indicator not in indicators:
                    named = f"no goal above names the indicator {result.indicator!r}"
                    raise at.at("results").at(number).at("indicator").error(named)
        if step.step == "evaluate":
            _check_round(at, step, candidates)


def _check_round(at: Where, step: Record, candidates: set[str]) -> None:
    """Scores and conflicts name the round's evaluators and candidates (the case's owner, and
    the applicants of the `apply` steps above); a selection names who is selected."""
    for key in ("scores", "conflicts"):
        for number, row in enumerate(getattr(step, key)):
            row_at = at.at(key).at(number)
            if row.evaluator not in step.evaluators:
                raise row_at.at("evaluator").error("not one of the `evaluators`")
            if row.candidate not in candidates:
                raise row_at.at("candidate").error("not a candidate of the round")
    if (step.kind == "selection") != bool(step.selected):
        raise at.at("selected").error("a selection names who is selected, and only a selection")
    if step.selected and step.selected not in candidates:
        raise at.at("selected").error("not a candidate of the round")

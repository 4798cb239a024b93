"""The vocabulary of the demo data's schema (schema.py), and the check of a file against it.

A spec is a dict of keys, each a type: str, int, bool, a tuple of them (any of), a Range, a
Choice, a ListOf, a nested dict (a table), Checked (a table with a rule across its keys),
Fields (a table of optional keys, passed on as given), Steps (a table whose `step` key picks
its spec), or Optional(type, default). Ref notes a name defined in another file, resolved once
every file is read (datafiles.py).
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace


class DemoDataError(Exception):
    """A data file does not fit the schema: `file` and `key` say where, `problem` what."""

    def __init__(self, file: str, key: str, problem: str):
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


ABSENT = object()  # an Optional key with no default: left out of the result when not given


@dataclass(frozen=True)
class Optional:
    kind: object
    default: object = ABSENT


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]

    @classmethod
    def of(cls, choices) -> "Choice":
        return cls(tuple(choices.values))


@dataclass(frozen=True)
class Range:
    low: int
    high: int


@dataclass(frozen=True)
class ListOf:
    kind: object


@dataclass(frozen=True)
class Ref:
    """A name defined in another file, checked by datafiles.py: "account" (an e-mail of
    accounts.toml), "account:<role>" (of that role), "member" (a business account that founds
    or joins an organisation), "department" (a code), "theme" (a title), "field" (a code)."""

    what: str


@dataclass(frozen=True)
class Checked:
    """A table with a rule across its keys: `rule(where, values)` raises where it is broken."""

    spec: dict
    rule: Callable


@dataclass(frozen=True)
class Fields:
    """A table whose keys are all optional and passed on as given (a dict, no defaults)."""

    spec: dict


class Record(SimpleNamespace):
    """A checked table: its keys as attributes, defaults filled in."""


@dataclass(frozen=True)
class Steps:
    """A story step: a table whose `step` key names its spec; every step has these `common`
    keys too."""

    specs: dict
    common: dict


def check(file: str, data: dict, spec: dict, refs: list) -> Record:
    """`data` checked against `spec`: a Record; each Ref is noted in `refs` as (where, what,
    value) for datafiles.py to resolve."""
    return _table(Where(file), data, spec, refs)


@dataclass(frozen=True)
class Where:
    file: str
    key: str = ""

    def at(self, part) -> "Where":
        if isinstance(part, int):
            return Where(self.file, f"{self.key}[{part}]")
        return Where(self.file, f"{self.key}.{part}" if self.key else part)

    def error(self, problem: str) -> DemoDataError:
        return DemoDataError(self.file, self.key, problem)


def _table(where: Where, data, spec: dict, refs: list) -> Record:
    return Record(**_keys(where, data, spec, refs, defaults=True))


def _keys(where: Where, data, spec: dict, refs: list, *, defaults: bool) -> dict:
    if not isinstance(data, dict):
        raise where.error(f"expected a table, found {_name(data)}")
    for key in data:
        if key not in spec:
            raise where.at(key).error(f"unknown key (expected one of: {', '.join(spec)})")
    values = {}
    for key, kind in spec.items():
        optional = isinstance(kind, Optional) or not defaults
        if key not in data:
            if not optional:
                raise where.at(key).error("missing key")
            if defaults and kind.default is not ABSENT:
                values[key] = copy.copy(kind.default)  # a list or table of its own
            continue
        kind = kind.kind if isinstance(kind, Optional) else kind
        values[key] = _value(where.at(key), data[key], kind, refs)
    return values


def _value(where: Where, value, kind, refs: list):
    if isinstance(kind, Steps):
        return _step(where, value, kind, refs)
    if isinstance(kind, dict):
        return _table(where, value, kind, refs)
    if isinstance(kind, Checked):
        table = _table(where, value, kind.spec, refs)
        kind.rule(where, vars(table))
        return table
    if isinstance(kind, Fields):
        return _keys(where, value, kind.spec, refs, defaults=False)
    if isinstance(kind, ListOf):
        if not isinstance(value, list):
            raise where.error(f"expected a list, found {_name(value)}")
        return [_value(where.at(index), item, kind.kind, refs) for index, item in enumerate(value)]
    if isinstance(kind, Choice):
        if value not in kind.values:
            raise where.error(
                f"unknown value {value!r} (expected one of: {', '.join(kind.values)})"
            )
        return value
    if isinstance(kind, Range):
        _value(where, value, int, refs)
        if not kind.low <= value <= kind.high:
            raise where.error(f"{value} is out of range ({kind.low} to {kind.high})")
        return value
    if isinstance(kind, Ref):
        _value(where, value, str, refs)
        refs.append((where, kind.what, value))
        return value
    types = kind if isinstance(kind, tuple) else (kind,)
    # TOML's booleans are not numbers, whatever Python thinks of them.
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        expected = " or ".join(_type_names[item] for item in types)
        raise where.error(f"expected {expected}, found {_name(value)}")
    return value


def _step(where: Where, value, kind: Steps, refs: list) -> Record:
    if not isinstance(value, dict):
        raise where.error(f"expected a table, found {_name(value)}")
    if "step" not in value:
        raise where.at("step").error("missing key")
    name = value["step"]
    if name not in kind.specs:
        raise where.at("step").error(
            f"unknown step {name!r} (expected one of: {', '.join(kind.specs)})"
        )
    spec = {"step": str, **kind.common, **kind.specs[name]}
    return _table(Where(where.file, f"{where.key} ({name})"), value, spec, refs)


_type_names = {str: "a string", int: "an integer", bool: "true or false"}


def _name(value) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return f"{_type_names.get(type(value), type(value).__name__)} ({value!r})"

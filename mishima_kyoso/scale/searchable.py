"""The search columns a model keeps beside its text (search_text, search_grams), computed for
rows written without save(): by the model's own refresh_search() when it has one, run on a
plain namespace instead of a model instance, else as Theme.save() used to fold its text."""

from functools import cache
from types import SimpleNamespace

from cocreation_list.text import normalize_for_search

NAMES = ("search_text", "search_grams")


@cache
def columns(model) -> tuple[str, ...]:
    """The search columns this model has, in a fixed order."""
    present = {field.attname for field in model._meta.concrete_fields}
    return tuple(name for name in NAMES if name in present)


def values(model, row: dict) -> tuple:
    """The values of columns(model) for a row given as {field name: value}."""
    wanted = columns(model)
    if not wanted:
        return ()
    searched = getattr(model, "SEARCHED_FIELDS", ())
    refresh = getattr(model, "refresh_search", None)
    if refresh is None:
        text = normalize_for_search("\n".join(row.get(name) or "" for name in searched))
        return tuple(text if name == "search_text" else "" for name in wanted)
    holder = SimpleNamespace(
        SEARCHED_FIELDS=searched,
        SEARCHED_COMPACT=getattr(model, "SEARCHED_COMPACT", ()),
        **row,
    )
    refresh(holder)
    return tuple(getattr(holder, name, "") for name in wanted)

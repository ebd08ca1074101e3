"""Plain TOML data: what a reader gives back for the values an edit writes, and how two
lists of participants are matched person by person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from schedules.core_schema import table_keys
from schedules.diagnostics import KeyPath
from schedules.edit_error import EditError
from schedules.i18n import _
from schedules.rules import normalise_name

__all__ = ["NotPlain", "difference", "match_people", "ordered", "plain", "plain_table", "same"]

# The order keys are written in when a table is created: the order of the file format (the
# models' order, read from the committed core schema, so that editing needs no pydantic).
KEY_ORDER = {
    "visits": table_keys()["Visit"],
    "actions": table_keys()["Action"],
    "waivers": table_keys()["Waiver"],
    "agreements": table_keys()["Agreement"],
}
PARTICIPANT_KEYS = table_keys()["Participant"]
AGENDA_ITEM_KEYS = table_keys()["AgendaItem"]


class NotPlain(Exception):
    """A value that a schedule file cannot hold."""


def plain(value: object) -> Any:
    """`value` as the plain data tomllib would read back: str, int, bool, date, list, dict."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        raise NotPlain("schedules hold dates, not dates with a time")
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Mapping):
        return plain_table(value)
    if isinstance(value, list | tuple):
        if any(element is None for element in value):
            raise NotPlain("a list in a schedule cannot hold an empty value")
        return [plain(element) for element in value]
    raise NotPlain(f"a schedule cannot hold a {type(value).__name__}")


def plain_table(values: Mapping[str, Any]) -> dict[str, Any]:
    """A table's plain data; keys whose value is None are left out."""
    return {str(key): plain(value) for key, value in values.items() if value is not None}


def ordered(values: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    """The known keys in the file format's order, then any others as given."""
    known = {key: values[key] for key in order if key in values}
    return known | {key: value for key, value in values.items() if key not in known}


def same(left: object, right: object) -> bool:
    """Equal as TOML data: `true` is not `1`."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same, left, right))
    return type(left) is type(right) and left == right


def difference(left: object, right: object, where: KeyPath = ()) -> KeyPath:
    """The path of the first place where `left` and `right` differ."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(key for key in right if key not in left)]:
            if key not in left or key not in right:
                return (*where, key)
            if not same(left[key], right[key]):
                return difference(left[key], right[key], (*where, key))
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (one, other) in enumerate(zip(left, right, strict=True)):
            if not same(one, other):
                return difference(one, other, (*where, index))
    return where


def _same_person(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """One person: the same `id`, or the same name as the checks compare names."""
    if old.get("id") is not None and old.get("id") == new.get("id"):
        return True
    old_name, new_name = old.get("name"), new.get("name")
    if not isinstance(old_name, str) or not isinstance(new_name, str):
        return False
    return normalise_name(old_name) == normalise_name(new_name)


def match_people(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[int | None]:
    """For each person of `new`, the index of their table in `old` (None for someone new):
    the same id or name, else (a renamed person) the unmatched table at the same place."""
    taken: set[int] = set()
    found: list[int | None] = []
    for person in new:
        index = next(
            (i for i, was in enumerate(old) if i not in taken and _same_person(was, person)),
            None,
        )
        if index is not None:
            taken.add(index)
        found.append(index)
    for position, index in enumerate(found):
        renamed = index is None and position < len(old) and position not in taken
        if renamed and (old[position].get("id") is None or new[position].get("id") is None):
            found[position] = position
            taken.add(position)
    return found


# --- what an edit is given, as plain data --------------------------------------------------


def agenda_of(name: str, value: Any) -> Any:
    """Agenda tables with their keys in the file format's order."""
    if name != "agenda" or not isinstance(value, list):
        return value
    return [ordered(v, AGENDA_ITEM_KEYS) if isinstance(v, dict) else v for v in value]


def plain_value(value: object) -> Any:
    try:
        return plain(value)
    except NotPlain as error:
        raise EditError(str(error)) from error


def plain_values(values: Mapping[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    try:
        return ordered(plain_table(values), order)
    except NotPlain as error:
        raise EditError(str(error)) from error


def people_of(value: object) -> list[dict[str, Any]]:
    """A plain list of participant tables, each with its keys in the file format's order."""
    if not isinstance(value, list | tuple) or not all(isinstance(p, Mapping) for p in value):
        raise EditError(_("the participants must be a list of people (name, party, …)"))
    return [plain_values(person, PARTICIPANT_KEYS) for person in value]

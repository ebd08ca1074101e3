"""Choices a form offers from the schedule (its parties, its visits), what a choice holds, and
ids suggested so as not to clash."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Select

from schedules import Schedule
from tui.screens.form import literal


def visit_select(schedule: Schedule, chosen: str | None, prompt: str) -> Select[str]:
    """An optional choice of one of the schedule's visits (id and title), `chosen` if it exists."""
    known = {visit.id for visit in schedule.visits}
    return Select(
        [(literal(f"{v.id}: {v.title}" if v.title else v.id), v.id) for v in schedule.visits],
        value=chosen if chosen in known else Select.NULL,
        prompt=prompt,
        compact=True,
        id="visit",
    )


def party_select(schedule: Schedule, chosen: object, prompt: str, ident: str) -> Select[str]:
    """A choice of one of the schedule's parties (by name), `chosen` if it is one."""
    return Select(
        party_options((p, party.name) for p, party in schedule.parties.items()),
        value=chosen if isinstance(chosen, str) and chosen in schedule.parties else Select.NULL,
        prompt=prompt,
        compact=True,
        id=ident,
    )


def select_value(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


def party_options(
    parties: Iterable[tuple[str, str]],
) -> list[tuple[Text, str]]:
    """(label, id) pairs as Select options, labels shown literally."""
    return [(literal(label), ident) for ident, label in parties]


def first_free(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"

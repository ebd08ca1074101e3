"""The drafts' common ground: a draft writes its TOML table; what is wrong with it is a
`DraftProblem`; an edit that cannot be made is an `EditError`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class DraftProblem:
    """What is wrong with a draft: the TOML key it is about and a planner's message."""

    key: str
    message: str


def _table(pairs: Sequence[tuple[str, object]]) -> dict[str, Any]:
    """The pairs whose value is set (not None, not empty), as a table."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if value is None or value == "" or value == ():
            continue
        if isinstance(value, tuple):
            value = [table_of(v) if isinstance(v, Draft) else v for v in value]
        elif isinstance(value, Draft):
            value = value.table()
        table[key] = value
    return table


@dataclass(frozen=True)
class Draft:
    """A typed draft of one table; `table()` is the TOML table it writes."""

    keys: ClassVar[tuple[str, ...]] = ()
    """The file's keys in the file format's order, each the name of a field; by default
    the fields in their order."""

    def table(self) -> dict[str, Any]:
        names = self.keys or tuple(f.name for f in fields(self))
        return _table([(name, getattr(self, name)) for name in names])


def table_of(value: object) -> Any:
    """A draft's table; a mapping as it is (plain tables are accepted too)."""
    if isinstance(value, Draft):
        return value.table()
    if isinstance(value, Mapping):
        return dict(value)
    return value

"""The ids a schedule defines and where they are referred to.

Read from the document's TOML data rather than its model, so that a file with a schema error
still has its parties, visits and rules for hover, completion and go to definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from schedules.diagnostics import KeyPath
from schedules.lsp.text import Place

IdKind = Literal["party", "visit", "rule", "agreement", "action"]
TargetKind = Literal[IdKind, "rule-or-code", "duration", "partial-date"]

PARTY_KEYS: frozenset[tuple[str, str]] = frozenset(
    {
        ("visits", "host"),
        ("visits", "guests"),
        ("visits", "party"),  # a participant's
        ("visits", "lead"),  # an agenda item's
        ("agreements", "host"),  # a commitment's
        ("agreements", "order"),  # a rotation's
        ("actions", "owner"),
    }
)
VISIT_KEYS: frozenset[tuple[str, str]] = frozenset({("actions", "visit"), ("waivers", "visit")})
RULE_KEYS: frozenset[tuple[str, str]] = frozenset({("waivers", "rule")})
DURATION_KEYS: frozenset[tuple[str, str]] = frozenset(
    ("agreements", key) for key in ("max", "min", "tolerance", "horizon")
)
PARTIAL_DATE_KEYS: frozenset[tuple[str, str]] = frozenset(
    {("visits", "when"), ("agreements", "when")}
)
_DEFINED_BY_ID: dict[tuple[str, ...], IdKind] = {
    ("visits",): "visit",
    ("agreements",): "agreement",
    ("agreements", "rules"): "rule",
    ("actions",): "action",
}


@dataclass(frozen=True, slots=True)
class Target:
    """What the cursor's token stands for."""

    kind: TargetKind
    text: str
    definition: bool = False
    """The token is where the id is defined, not a reference to it."""

    @property
    def id_kind(self) -> IdKind | None:
        """The kind of id it is (a waiver's `rule` is looked up as a rule id)."""
        kind = self.kind
        if kind == "rule-or-code":
            return "rule"
        if kind == "duration" or kind == "partial-date":
            return None
        return kind


def target_at(place: Place) -> Target | None:
    token = place.token
    if token is None or token.kind == "punct" or place.on_key:
        return None
    if place.key is None:
        if len(place.table) == 2 and place.table[0] == "parties" and token.value == place.table[1]:
            return Target("party", token.value, definition=True)
        return None
    if place.key == "id" and place.table in _DEFINED_BY_ID:
        return Target(_DEFINED_BY_ID[place.table], token.value, definition=True)
    where = (place.root or "", place.key)
    if token.kind != "string":
        return None  # ids, durations and partial dates are strings
    if where in PARTY_KEYS:
        return Target("party", token.value)
    if where in VISIT_KEYS:
        return Target("visit", token.value)
    if where in RULE_KEYS:
        return Target("rule-or-code", token.value)
    if where in DURATION_KEYS:
        return Target("duration", token.value)
    if where in PARTIAL_DATE_KEYS:
        return Target("partial-date", token.value)
    return None


def _tables(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    found = data.get(key)
    if isinstance(found, list):
        for index, table in enumerate(found):
            if isinstance(table, dict):
                yield index, table


@dataclass(frozen=True, slots=True)
class Defined:
    """One id's definition: its table's key path and the table."""

    kind: IdKind
    ident: str
    path: KeyPath
    table: dict[str, Any]


def definitions(data: dict[str, Any] | None) -> Iterator[Defined]:
    """Every id the file defines, in file order by kind."""
    if data is None:
        return
    parties = data.get("parties")
    if isinstance(parties, dict):
        for ident, table in parties.items():
            if isinstance(table, dict):
                yield Defined("party", ident, ("parties", ident), table)
    for i, agreement in _tables(data, "agreements"):
        yield from _with_id("agreement", ("agreements", i), agreement)
        for j, rule in _tables(agreement, "rules"):
            yield from _with_id("rule", ("agreements", i, "rules", j), rule)
    for i, visit in _tables(data, "visits"):
        yield from _with_id("visit", ("visits", i), visit)
    for i, action in _tables(data, "actions"):
        yield from _with_id("action", ("actions", i), action)


def _with_id(kind: IdKind, path: KeyPath, table: dict[str, Any]) -> Iterator[Defined]:
    ident = table.get("id")
    if isinstance(ident, str):
        yield Defined(kind, ident, path, table)


def find(data: dict[str, Any] | None, kind: IdKind, ident: str) -> Defined | None:
    """The first definition of `ident` as a `kind`."""
    return next((d for d in definitions(data) if d.kind == kind and d.ident == ident), None)


def ids(data: dict[str, Any] | None, kind: IdKind) -> list[Defined]:
    return [d for d in definitions(data) if d.kind == kind]

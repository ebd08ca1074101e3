"""Completion: the ids and values a key takes, where the cursor is writing its value."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from lsprotocol import types
from pydantic import BaseModel

from schedules import model
from schedules.codes import WAIVABLE
from schedules.dates import toml_quoted
from schedules.i18n import _
from schedules.lsp.ids import PARTY_KEYS, RULE_KEYS, VISIT_KEYS, IdKind, ids
from schedules.lsp.text import Lines, Place


def _literals(table: type[BaseModel], name: str) -> tuple[str, ...]:
    """The values a `Literal` field allows (`X | None` included), from the model itself."""
    annotation = table.model_fields[name].annotation
    values: list[str] = []
    for arg in (annotation,) if get_origin(annotation) is Literal else get_args(annotation):
        if get_origin(arg) is Literal:
            values.extend(v for v in get_args(arg) if isinstance(v, str))
    return tuple(values)


def allowed_values(root: str | None, key: str, data: dict[str, Any] | None) -> list[str]:
    """The allowed values of `kind`, `status`, `role` and `per` at that place."""
    if root == "agreements" and key == "kind":
        return list(model.RULE_KINDS)
    if root == "agreements" and key == "per":
        return list(_literals(model.QuotaRule, "per"))
    if root == "visits" and key == "status":
        return list(_literals(model.Visit, "status"))
    if root == "visits" and key == "role":
        return list(_literals(model.Participant, "role"))
    if root == "actions" and key == "status":
        return list(_literals(model.Action, "status"))
    if root == "visits" and key == "kind":
        return _visit_kinds(data)
    return []


def _visit_kinds(data: dict[str, Any] | None) -> list[str]:
    """The kinds the rules count, then those the visits already use."""
    kinds: dict[str, None] = {}
    if data is None:
        return []
    agreements = data.get("agreements")
    for agreement in agreements if isinstance(agreements, list) else []:
        rules = agreement.get("rules") if isinstance(agreement, dict) else None
        for rule in rules if isinstance(rules, list) else []:
            counted = rule.get("visits") if isinstance(rule, dict) else None
            for kind in counted if isinstance(counted, list) else []:
                if isinstance(kind, str):
                    kinds[kind] = None
    visits = data.get("visits")
    for visit in visits if isinstance(visits, list) else []:
        if isinstance(visit, dict) and isinstance(visit.get("kind"), str):
            kinds[visit["kind"]] = None
    return list(kinds)


def _ids(data: dict[str, Any] | None, kind: IdKind) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for defined in ids(data, kind):
        table = defined.table
        about = next(
            (
                table[k]
                for k in ("name", "title", "description", "kind")
                if isinstance(table.get(k), str)
            ),
            None,
        )
        found.append((defined.ident, about))
    return found


def candidates(
    place: Place, data: dict[str, Any] | None
) -> list[tuple[str, str | None, types.CompletionItemKind]]:
    """(value, what it is, item kind) for the value being written at `place`."""
    if place.on_key or place.key is None:
        return []
    where = (place.root or "", place.key)
    if where in PARTY_KEYS:
        return [(i, about, types.CompletionItemKind.Reference) for i, about in _ids(data, "party")]
    if where in VISIT_KEYS:
        return [(i, about, types.CompletionItemKind.Reference) for i, about in _ids(data, "visit")]
    if where in RULE_KEYS:
        rules = [(i, about, types.CompletionItemKind.Reference) for i, about in _ids(data, "rule")]
        codes = [
            (str(c), _("built-in check"), types.CompletionItemKind.Keyword)
            for c in sorted(WAIVABLE)
        ]
        return rules + codes
    return [
        (value, None, types.CompletionItemKind.EnumMember)
        for value in allowed_values(place.root, place.key, data)
    ]


def completions(
    place: Place, lines: Lines, column: int, data: dict[str, Any] | None
) -> list[types.CompletionItem]:
    """Items that replace the string (or word) being typed with the quoted value."""
    found = candidates(place, data)
    if not found:
        return []
    token = place.token
    text = lines.line(place.line)
    if token is not None and token.kind != "punct":
        start, end = token.start, token.end
    else:
        start = end = column
    prefix = "" if start == 0 or text[start - 1] in " \t[{," else " "
    replaced = types.Range(
        start=lines.position(place.line, start), end=lines.position(place.line, end)
    )
    items = []
    for order, (value, about, kind) in enumerate(found):
        quoted = toml_quoted(value)
        items.append(
            types.CompletionItem(
                label=value,
                kind=kind,
                detail=about,
                filter_text=quoted if token is not None and token.kind == "string" else value,
                sort_text=f"{order:04d}",
                text_edit=types.TextEdit(range=replaced, new_text=prefix + quoted),
            )
        )
    return items

"""The words of a schema error: what pydantic-core found wrong with a file's tables, said in
TOML and planner terms ("visit `talks-2023`: key `start` must be a TOML date, not a string").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from schedules import tables
from schedules.core_schema import table_keys
from schedules.dates import toml_quoted
from schedules.diagnostics import Code, Diagnostic, KeyPath, Severity
from schedules.i18n import N_
from schedules.messages import (
    NOTHING,
    Choices,
    Listing,
    Phrase,
    Said,
    WordedError,
    did_you_mean,
    said,
)
from schedules.toml_input import number_text

if TYPE_CHECKING:
    from pydantic_core import ValidationError

    from schedules.loader import Document

_LOOKS_LIKE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_TAGS = frozenset(tables.RULE_KINDS) | {tables.AGENDA_TEXT_TAG, tables.AGENDA_TABLE_TAG}

_EXPECTED = {
    "string_type": N_("a string (in quotes)"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_parsing_size": N_("a whole number from -9223372036854775808 to 9223372036854775807"),
    "bool_type": N_("true or false"),
    "date_type": N_("a date like 2023-04-04 (no quotes)"),
    "list_type": N_("an array"),
    "model_type": N_("a table"),
    "dict_type": N_("a table"),
    "model_attributes_type": N_("a table"),
    "literal_error": "",
}

_PATTERN_MESSAGES = {
    tables.SLUG_PATTERN: N_('lowercase letters, digits and "-" (like "talks")'),
    tables.COUNTRY_PATTERN: N_('a two-letter ISO 3166-1 country code in capitals (like "VN")'),
    tables.TIME_PATTERN: N_('a time of day HH:MM (like "09:00")'),
}

_CONTAINERS: dict[str, tuple[str, str]] = {
    # the item with its id, and the item by its number
    "agreements": (N_("agreement `{id}`"), N_("agreement {number}")),
    "rules": (N_("rule `{id}`"), N_("rule {number}")),
    "visits": (N_("visit `{id}`"), N_("visit {number}")),
    "participants": (N_("participant “{id}”"), N_("participant {number}")),
    "actions": (N_("action `{id}`"), N_("action {number}")),
    "waivers": (N_("waiver `{id}`"), N_("waiver {number}")),
    "agenda": (N_("agenda item “{id}”"), N_("agenda item {number}")),
}
_NAMED = ("agenda", "participants")
"""Items named by their `name` (in quotes) rather than by an id."""


def toml_type(value: object) -> Said:
    """How a parsed TOML value is spelled to a person: 'a string ("x")', 'a table'..."""
    if isinstance(value, bool):
        return said("{value}", value=str(value).lower())
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return said("a string ({text})", text=toml_quoted(shown))
    if isinstance(value, int):
        return said("the number {number}", number=number_text(value))
    if isinstance(value, float):
        return said("the number {number}", number=value)
    if isinstance(value, dt.datetime):
        return said("a date with a time")
    if isinstance(value, dt.date):
        return said("a date")
    if isinstance(value, dt.time):
        return said("a time")
    if isinstance(value, list):
        return said("an array")
    if isinstance(value, dict):
        return said("a table")
    return said("{value}", value=type(value).__name__)


def _clean_loc(loc: tuple[str | int, ...]) -> KeyPath:
    """Drop pydantic's union tags ('interval', ...) that follow an array index."""
    cleaned: list[str | int] = []
    for index, part in enumerate(loc):
        if part in _TAGS and index > 0 and isinstance(loc[index - 1], int):
            continue
        cleaned.append(part)
    return tuple(cleaned)


def subject(data: object, path: KeyPath) -> tuple[Phrase | None, KeyPath]:
    """Name the innermost described item of `path` ('visit `talks-2023`') and the rest of it."""
    label: Phrase | None = None
    rest_start = 0
    node: object = data
    for index, part in enumerate(path):
        parent = path[index - 1] if index else None
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
            if parent == "parties" and index == 1:
                label, rest_start = said("party `{party}`", party=part), index + 1
            elif index == 0 and part == "partnership":
                label, rest_start = said("[partnership]"), 1
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            nouns = _CONTAINERS.get(str(parent))
            if nouns is None:
                continue
            by_id, by_number = nouns
            key = "name" if parent in _NAMED else "id"
            ident = node.get(key) if isinstance(node, dict) else None
            inner = (
                Said(by_id, {"id": ident})
                if isinstance(ident, str) and ident
                else Said(by_number, {"number": part + 1})
            )
            named_inside = parent in _NAMED and label is not None
            label = Listing([label, inner]) if named_inside else inner
            rest_start = index + 1
        else:
            break
    return label, path[rest_start:]


def key_text(rest: KeyPath) -> str:
    """`agenda[2].item` for a key path relative to its item."""
    text = ""
    for part in rest:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _table_name(path: KeyPath, data: object) -> str | None:
    """The class name of the table at `path` (rules by their `kind`), or None."""
    shape = tuple(
        "#" if isinstance(part, int) else ("*" if index == 1 and path[0] == "parties" else part)
        for index, part in enumerate(path)
    )
    if shape == ("agreements", "#", "rules", "#"):
        node: object = data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                node = None
        kind = node.get("kind") if isinstance(node, dict) else None
        return _RULE_TABLES.get(kind) if isinstance(kind, str) else None
    return _TABLES.get(shape)


_RULE_TABLES = {kind: f"{kind.title()}Rule" for kind in tables.RULE_KINDS}
_TABLES: dict[tuple[str, ...], str] = {
    (): "Schedule",
    ("partnership",): "Partnership",
    ("parties", "*"): "Party",
    ("agreements", "#"): "Agreement",
    ("visits", "#"): "Visit",
    ("visits", "#", "agenda", "#"): "AgendaItem",
    ("visits", "#", "participants", "#"): "Participant",
    ("actions", "#"): "Action",
    ("waivers", "#"): "Waiver",
}


def fields_at(path: KeyPath, data: object) -> list[str]:
    """The keys allowed in the table at `path` (for 'did you mean')."""
    name = _table_name(path, data)
    return list(table_keys()[name]) if name is not None else []


def schema_problems(document: Document, error: ValidationError) -> list[Diagnostic]:
    """A `schema` error for each of pydantic-core's errors about the document's data, worded
    in TOML terms, at the key or value it is about."""
    data = document.data or {}
    seen: set[tuple[KeyPath, str]] = set()
    problems = []
    for item in error.errors(include_url=False):
        path = _clean_loc(item["loc"])
        kind = item["type"]
        if (path, kind) in seen:
            continue
        seen.add((path, kind))
        message, target, at_key = _schema_message(data, path, kind, item)
        sourcemap = document.sourcemap
        position = (sourcemap.key(target) if at_key else None) or sourcemap.locate(target)
        problems.append(
            Diagnostic(
                document.path,
                Severity.ERROR,
                Code.SCHEMA,
                message.english(),
                line=position.line,
                column=position.column,
                visit=_visit_id(data, path),
                target=target,
                said=message,
            )
        )
    return sorted(problems, key=Diagnostic.sort_key)


def _visit_id(data: dict[str, Any], path: KeyPath) -> str | None:
    if len(path) >= 2 and path[0] == "visits" and isinstance(path[1], int):
        visits = data.get("visits")
        if isinstance(visits, list) and path[1] < len(visits) and isinstance(visits[path[1]], dict):
            ident = visits[path[1]].get("id")
            return ident if isinstance(ident, str) else None
    return None


def _schema_message(
    data: dict[str, Any], path: KeyPath, kind: str, item: Any
) -> tuple[Said, KeyPath, bool]:
    """(message, the path to point at, whether to point at the key rather than the value)."""
    value = item.get("input")
    ctx = item.get("ctx") or {}
    label, rest = subject(data, path)

    def about(problem: Said) -> Said:
        return (
            problem
            if label is None
            else said("{subject}: {problem}", subject=label, problem=problem)
        )

    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        kinds = ", ".join(f'"{k}"' for k in tables.RULE_KINDS)
        if kind == "union_tag_not_found":
            missing = said("required key `kind` is missing (one of {kinds})", kinds=kinds)
            return about(missing), path, True
        tag = value.get("kind") if isinstance(value, dict) else ctx.get("tag")
        wrong = said(
            "key `kind` must be one of {kinds}, not {found}{suggestion}",
            kinds=kinds,
            found=toml_type(tag),
            suggestion=did_you_mean(ctx.get("tag"), tables.RULE_KINDS),
        )
        return about(wrong), (*path, "kind"), False
    key = key_text(rest) if rest else ""
    if kind == "missing":
        if path in (("partnership",), ("parties",)):
            return said("required table [{table}] is missing", table=path[0]), path[:-1], True
        return about(said("required key `{key}` is missing", key=key)), path[:-1], True
    if kind == "extra_forbidden":
        suggestion = did_you_mean(path[-1], fields_at(path[:-1], data))
        if len(path) == 1:
            unknown = said(
                "key `{key}` is not known at the top of the file{suggestion}",
                key=key,
                suggestion=suggestion,
            )
        else:
            unknown = said("key `{key}` is not known{suggestion}", key=key, suggestion=suggestion)
        return about(unknown), path, True
    name = said("key `{key}`", key=key) if key else said("this value")
    if kind == "literal_error":
        if path == ("format",):
            if not isinstance(value, int) or isinstance(value, bool):
                found = toml_type(value)
                return (
                    said("key `format` must be the number 1, not {found}", found=found),
                    path,
                    False,
                )
            return (
                said(
                    "format {number} is not supported: this version of visits reads format 1",
                    number=number_text(value),
                ),
                path,
                False,
            )
        expected = str(ctx.get("expected", "")).replace("'", '"')
        options = re.findall(r'"([^"]*)"', expected)
        return (
            about(
                said(
                    "{name} must be {expected}, not {found}{suggestion}",
                    name=name,
                    expected=Choices(expected, tuple(options)),
                    found=toml_type(value),
                    suggestion=did_you_mean(value, options),
                )
            ),
            path,
            False,
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        wanted = _PATTERN_MESSAGES.get(pattern)
        return (
            about(
                said(
                    "{name} must be {expected}, not {found}{suggestion}",
                    name=name,
                    expected=Said(wanted) if wanted else said("match {pattern}", pattern=pattern),
                    found=toml_type(value),
                    suggestion=NOTHING,
                )
            ),
            path,
            False,
        )
    if kind in ("string_too_short",):
        return about(said("{name} must not be empty", name=name)), path, False
    if kind == "too_short":
        return about(said("{name} must list at least one item", name=name)), path, False
    if kind == "greater_than_equal":
        shown = number_text(value) if isinstance(value, int) else value
        least = said(
            "{name} must be at least {min}, not {value}", name=name, min=ctx.get("ge"), value=shown
        )
        return about(least), path, False
    if kind == "value_error":
        error = ctx.get("error")
        reason = error.said if isinstance(error, WordedError) else str(error or item.get("msg", ""))
        return about(said("{name}: {reason}", name=name, reason=reason)), path, False
    if kind == "date_type" and isinstance(value, str):
        example = value if _LOOKS_LIKE_DATE.fullmatch(value) else "2023-04-04"
        return (
            about(
                said(
                    "{name} must be a TOML date, not {found}: write {key} = {example} (no quotes)",
                    name=name,
                    found=toml_type(value),
                    key=path[-1],
                    example=example,
                )
            ),
            path,
            False,
        )
    expected_text = _EXPECTED.get(kind)
    if expected_text:
        return (
            about(
                said(
                    "{name} must be {expected}, not {found}{suggestion}",
                    name=name,
                    expected=Said(expected_text),
                    found=toml_type(value),
                    suggestion=NOTHING,
                )
            ),
            path,
            False,
        )
    return about(said("{name}: {reason}", name=name, reason=item.get("msg", kind))), path, False

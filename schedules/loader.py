"""Reading a schedule file: bytes → TOML data (with locations) → validated `Schedule`.

Every problem becomes a `Diagnostic` with a line and column and a message in TOML terms;
nothing here raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from schedules import model
from schedules.core_schema import validate_schedule
from schedules.dates import toml_quoted
from schedules.diagnostics import Diagnostic, KeyPath, Severity
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
from schedules.sourcemap import BlockSourceMap, Position, SourceMap
from schedules.toml_input import TomlSyntaxError, number_text, out_of_range_integers, parse_toml


@dataclass
class Document:
    """One schedule file as read: its text, its data, and its model when it is valid."""

    path: str
    text: str | None = None
    data: dict[str, Any] | None = None
    schedule: model.Schedule | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    _sourcemap: SourceMap | None = field(default=None, repr=False)
    _placed: dict[KeyPath, Position] = field(default_factory=dict, repr=False)
    tables: dict[str, int] | None = field(default=None, repr=False)
    """The number of tables of each top-level array of tables, when neither the data nor the
    model is kept (so that a position is still found without mapping the whole text)."""

    @property
    def is_schedule(self) -> bool:
        """Has a top-level `partnership` (directory scans skip other TOML files)."""
        if self.schedule is not None:  # valid: its data may be gone (`partnership.id = …`)
            return True
        if self.data is not None:
            return "partnership" in self.data
        if self.text is None:  # unreadable: it may be a schedule, so report it rather than skip it
            return True
        return _PARTNERSHIP_HEADER.search(self.text) is not None

    @property
    def ok(self) -> bool:
        return self.schedule is not None and not self.problems

    @property
    def sourcemap(self) -> SourceMap:
        """Where each key is written. When the file is laid out as usual (each array of tables
        in one piece), only the tables looked up are scanned: a few, of thousands."""
        if self._sourcemap is None:
            text = self.text or ""
            self._sourcemap = BlockSourceMap.split(text, self.arrays()) or SourceMap.from_text(text)
        return self._sourcemap

    def arrays(self) -> dict[str, int]:
        """The number of tables of each top-level array of tables (as far as known)."""
        if self.data is not None:
            return {
                key: len(value)
                for key, value in self.data.items()
                if isinstance(value, list) and value and all(isinstance(t, dict) for t in value)
            }
        if self.schedule is not None:  # the data was dropped: the model has the same tables
            return {key: n for key in _ARRAYS if (n := len(getattr(self.schedule, key)))}
        return dict(self.tables or {})

    def release_sourcemap(self) -> None:
        """Drop the source map (it is rebuilt when needed): it is the largest part of a
        document in memory."""
        self._sourcemap = None
        self._placed.clear()

    def locate(self, target: KeyPath) -> Position:
        return self.sourcemap.locate(target)

    def place(self, diagnostic: Diagnostic) -> Diagnostic:
        """The diagnostic with the line and column of its target filled in."""
        if diagnostic.line is not None or self.text is None:
            return diagnostic
        target = diagnostic.target
        position = self._placed.get(target)  # a rule may report on its line 100,000 times
        if position is None:
            position = self.sourcemap.key(target) or self.locate(target)
            self._placed[target] = position
        return replace(diagnostic, line=position.line, column=position.column)


_ARRAYS = ("agreements", "visits", "actions", "waivers")
"""The schedule's arrays of tables."""
_PARTNERSHIP_HEADER = re.compile(r"^[ \t]*(\[[ \t]*partnership[ \t]*\]|partnership[ \t]*=)", re.M)
_LOOKS_LIKE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def load_file(path: Path | str, display: str | None = None, *, keep_data: bool = True) -> Document:
    """Read and validate one file; problems are in `Document.problems`.

    Without `keep_data`, the parsed TOML tables of a valid file are dropped once its model is
    built (the model holds the same values).
    """
    shown = display if display is not None else str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return _io_error(shown, said("file not found"))
    except IsADirectoryError:
        return _io_error(shown, said("is a directory, not a file"))
    except OSError as error:
        return _io_error(shown, said("cannot be read: {reason}", reason=error.strerror or error))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # columns count characters, as everywhere else, not bytes
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = f"0x{raw[error.start]:02x}"
        document = _io_error(
            shown,
            said(
                "is not UTF-8 text: byte {byte} cannot be decoded (save the file as UTF-8)",
                byte=byte,
            ),
            line=line,
            column=column,
        )
        # kept for the snippet, and so that a directory scan still sees a `[partnership]`
        document.text = raw.decode("utf-8", "replace")
        return document
    document = load_text(text, shown)
    if not keep_data and document.ok:
        document.data = None
    return document


def load_text(text: str, path: str = "<text>") -> Document:
    """Parse and validate TOML text."""
    text = text.removeprefix("\ufeff")
    document = Document(path=path, text=text)
    try:
        data = parse_toml(text)
    except TomlSyntaxError as error:
        problem = Diagnostic(
            path,
            Severity.ERROR,
            "syntax",
            error.message,
            line=error.line,
            column=error.column,
            said=error.said,
        )
        document.problems.append(problem)
        return document
    huge = list(out_of_range_integers(text, data))
    if huge:
        document.data = data
        for target, message in huge:
            where = document.locate(target)
            document.problems.append(
                Diagnostic(
                    path,
                    Severity.ERROR,
                    "syntax",
                    message.english(),
                    line=where.line,
                    column=where.column,
                    target=target,
                    said=message,
                )
            )
        return document
    return _validated(document, data, None)


def document_of(
    text: str,
    data: dict[str, Any],
    path: str,
    *,
    sourcemap: SourceMap | None = None,
    previous: Document | None = None,
) -> Document:
    """The document `load_text(text, path)` returns, from `data`, which must be what `text`
    reads as (kept in step with edits, for example): nothing is parsed again, and the models
    of the tables that are the very same objects in `previous.data` are reused, not
    validated again. `sourcemap`, when given, must map `text`."""
    document = Document(path=path, text=text, _sourcemap=sourcemap)
    return _validated(document, data, previous)


def _validated(document: Document, data: dict[str, Any], previous: Document | None) -> Document:
    document.data = data
    fields: dict[str, Any] = data
    if previous is not None and previous.schedule is not None and previous.data is not None:
        fields = dict(data)
        for key in _ARRAYS:
            tables, before = data.get(key), previous.data.get(key)
            models = getattr(previous.schedule, key)
            if isinstance(tables, list) and isinstance(before, list) and len(before) == len(models):
                fields[key] = _reused(tables, before, models)
    try:
        document.schedule = validate_schedule(fields)
    except ValidationError as error:
        document.problems.extend(_schema_errors(document, error))
        return document
    # imported here: validate imports this module
    from schedules.validate import validate

    document.problems.extend(validate(document.schedule, document.path))
    document.problems = [document.place(problem) for problem in document.problems]
    return document


def _reused(tables: list[Any], before: list[Any], models: list[BaseModel]) -> list[Any]:
    """`tables` with each table that is also in `before` replaced by its model (pydantic takes
    a model instance as it is)."""
    if tables is before:
        return list(models)
    known = {id(table): (table, made) for table, made in zip(before, models, strict=True)}
    reused: list[Any] = []
    for table in tables:
        found = known.get(id(table))
        reused.append(found[1] if found is not None and found[0] is table else table)
    return reused


def _io_error(
    path: str, message: Said, line: int | None = None, column: int | None = None
) -> Document:
    problem = Diagnostic(
        path, Severity.ERROR, "io", message.english(), line=line, column=column, said=message
    )
    return Document(path=path, problems=[problem])


# --- schema errors -------------------------------------------------------------------------

_TAGS = frozenset(model.RULE_KINDS) | {model.AGENDA_TEXT_TAG, model.AGENDA_TABLE_TAG}

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
    model.SLUG_PATTERN: N_('lowercase letters, digits and "-" (like "talks")'),
    model.COUNTRY_PATTERN: N_('a two-letter ISO 3166-1 country code in capitals (like "VN")'),
    model.TIME_PATTERN: N_('a time of day HH:MM (like "09:00")'),
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


def _table_model(path: KeyPath, data: object) -> type[BaseModel] | None:
    """The model of the table at `path` (rules by their `kind`), or None."""
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
        return model.RULE_MODELS.get(kind) if isinstance(kind, str) else None
    return _TABLE_MODELS.get(shape)


_TABLE_MODELS: dict[tuple[str, ...], type[BaseModel]] = {
    (): model.Schedule,
    ("partnership",): model.Partnership,
    ("parties", "*"): model.Party,
    ("agreements", "#"): model.Agreement,
    ("visits", "#"): model.Visit,
    ("visits", "#", "agenda", "#"): model.AgendaItem,
    ("visits", "#", "participants", "#"): model.Participant,
    ("actions", "#"): model.Action,
    ("waivers", "#"): model.Waiver,
}


def fields_at(path: KeyPath, data: object) -> list[str]:
    """The keys allowed in the table at `path` (for 'did you mean')."""
    table = _table_model(path, data)
    if table is None:
        return []
    return [field.alias or name for name, field in table.model_fields.items()]


def _schema_errors(document: Document, error: ValidationError) -> list[Diagnostic]:
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
                "schema",
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
        kinds = ", ".join(f'"{k}"' for k in model.RULE_KINDS)
        if kind == "union_tag_not_found":
            missing = said("required key `kind` is missing (one of {kinds})", kinds=kinds)
            return about(missing), path, True
        tag = value.get("kind") if isinstance(value, dict) else ctx.get("tag")
        wrong = said(
            "key `kind` must be one of {kinds}, not {found}{suggestion}",
            kinds=kinds,
            found=toml_type(tag),
            suggestion=did_you_mean(ctx.get("tag"), model.RULE_KINDS),
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

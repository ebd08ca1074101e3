"""Reading a schedule file: bytes → TOML data (with locations) → validated `Schedule`.

Every problem becomes a `Diagnostic` with a line and column and a message in TOML terms;
nothing here raises for bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from schedules.core_schema import is_lean, validated
from schedules.diagnostics import Code, Diagnostic, KeyPath, Severity
from schedules.messages import Said, said
from schedules.sourcemap import BlockSourceMap, Position, SourceMap
from schedules.tables import Schedule
from schedules.toml_input import TomlSyntaxError, out_of_range_integers, parse_toml

if TYPE_CHECKING:
    from schedules import model

__all__ = ["Document", "document_of", "load_file", "load_text", "with_models"]


@dataclass
class Document:
    """One schedule file as read: its text, its data, and its model when it is valid."""

    path: str
    text: str | None = None
    data: dict[str, Any] | None = None
    schedule: model.Schedule | None = None
    """The file's tables, when they are valid: `schedules.model`'s models, or, when loaded
    `lean` (by `visits check`), lean classes with the same keys and the methods of
    `schedules.tables` but none of pydantic's (`model_copy`, `model_dump`...)."""
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


def load_file(
    path: Path | str, display: str | None = None, *, keep_data: bool = True, lean: bool = False
) -> Document:
    """Read and validate one file; problems are in `Document.problems`.

    Without `keep_data`, the parsed TOML tables of a valid file are dropped once its model is
    built (the model holds the same values). With `lean`, the schedule is made of lean classes
    (see `Document.schedule`): for a command that only reads it, as `visits check` does.
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
    document = load_text(text, shown, lean=lean)
    if not keep_data and document.ok:
        document.data = None
    return document


def load_text(text: str, path: str = "<text>", *, lean: bool = False) -> Document:
    """Parse and validate TOML text (`lean`: as `load_file`)."""
    text = text.removeprefix("\ufeff")
    document = Document(path=path, text=text)
    try:
        data = parse_toml(text)
    except TomlSyntaxError as error:
        problem = Diagnostic(
            path,
            Severity.ERROR,
            Code.SYNTAX,
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
                    Code.SYNTAX,
                    message.english(),
                    line=where.line,
                    column=where.column,
                    target=target,
                    said=message,
                )
            )
        return document
    return _validated(document, data, None, lean=lean)


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


def with_models(document: Document) -> Document:
    """`document` with its schedule made of `schedules.model`'s models, when it was read
    `lean` (and kept its data): the app reads lean, so that its first screen needs no
    pydantic, and makes the models once, after, for its forms. The problems, the text and
    the data stay the same; so do the values (the same validator reads the same data)."""
    schedule = document.schedule
    if schedule is None or document.data is None or not is_lean(schedule):
        return document
    outcome = validated(document.data)
    if not isinstance(outcome, Schedule):  # pragma: no cover - the lean one read the same data
        return document
    return replace(
        document,
        schedule=cast("model.Schedule", outcome),
        problems=list(document.problems),
        _placed=dict(document._placed),
    )


def _validated(
    document: Document, data: dict[str, Any], previous: Document | None, *, lean: bool = False
) -> Document:
    document.data = data
    fields: dict[str, Any] = data
    if (
        previous is not None
        and previous.schedule is not None
        and previous.data is not None
        and not is_lean(previous.schedule)  # a lean table is not a model: pydantic refuses it
    ):
        fields = dict(data)
        for key in _ARRAYS:
            tables, before = data.get(key), previous.data.get(key)
            models = getattr(previous.schedule, key)
            if isinstance(tables, list) and isinstance(before, list) and len(before) == len(models):
                fields[key] = _reused(tables, before, models)
    size = len(document.text) if document.text is not None else None
    outcome = validated(fields, lean=lean, size=size)
    if not isinstance(outcome, Schedule):
        from schedules.schema_errors import schema_problems  # worded only when needed

        document.problems.extend(schema_problems(document, outcome))
        return document
    # lean: the same attributes and methods as a model's (see `Document.schedule`)
    document.schedule = cast("model.Schedule", outcome)
    # imported here: validate imports this module
    from schedules.validate import validate

    document.problems.extend(validate(document.schedule, document.path))
    document.problems = [document.place(problem) for problem in document.problems]
    return document


def _reused(tables: list[Any], before: list[Any], models: list[Any]) -> list[Any]:
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
        path, Severity.ERROR, Code.IO, message.english(), line=line, column=column, said=message
    )
    return Document(path=path, problems=[problem])

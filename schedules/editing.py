"""Editing a schedule file in place, and saving it safely.

Edits go through tomlkit so that everything not edited keeps its comments, key order and layout:
values are changed in place, new tables are appended to their array of tables, and no table is
ever replaced whole.  Where tomlkit attaches comments to the wrong table (the comments above a
`[[visits]]` header belong, for tomlkit, to the end of the table before it), this module moves
that trailing text itself, so a new visit lands *before* the comments that introduce the next
section, and a deleted visit takes its own comments with it but leaves its neighbours' alone.

Every save renders the text, reads it back with `tomllib` and with the checker's own reader, and
writes nothing unless the data is exactly what was intended and the schedule has no input
errors.  Writes go to a temporary file in the same folder, which replaces the original only once
it is complete on disk.

Parsing with tomlkit is slow (about ten times `tomllib`): build `EditableSchedule` off the UI
thread.  Instances share no state.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from pydantic import BaseModel
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Comment, InlineTable, Item, Key, Null, Table, Whitespace

from schedules import model
from schedules.diagnostics import Diagnostic, KeyPath
from schedules.loader import Document, document_of, key_text, load_text
from schedules.rules import normalise_name
from schedules.sourcemap import ArrayBlocks, Block, BlockSourceMap, SourceMap

__all__ = ["ConflictError", "EditableSchedule", "LoadError", "SaveError", "Snapshot"]


class LoadError(Exception):
    """The file cannot be opened for editing: unreadable, not UTF-8, not TOML, or tomlkit cannot
    keep its layout."""


class SaveError(Exception):
    """Nothing was written: the edited schedule is not valid, or the file could not be written."""


class ConflictError(SaveError):
    """The file changed on disk since it was loaded or saved."""


def _field_names(table: type[BaseModel]) -> tuple[str, ...]:
    return tuple(field.alias or name for name, field in table.model_fields.items())


# The order keys are written in when a table is created: the order of the file format.
_VISIT_KEYS = _field_names(model.Visit)
_PARTICIPANT_KEYS = _field_names(model.Participant)
_ACTION_KEYS = _field_names(model.Action)
_WAIVER_KEYS = _field_names(model.Waiver)
_AGENDA_ITEM_KEYS = _field_names(model.AgendaItem)
# Sub-tables indent by two spaces in the format's own examples.
_NESTED_INDENT = "  "


class EditableSchedule:
    """One schedule file held as a tomlkit document, edited in place and saved safely."""

    path: Path | None

    def __init__(
        self, text: str, path: Path | str | None = None, *, read: Document | None = None
    ) -> None:
        """`text` must be the file's exact content (decode its bytes; `read_text` would lose
        CRLF line ends); prefer `load`. `read`, when given, must be the checker's document of
        exactly this text: its data and source map are shared rather than made again."""
        self.path = Path(path) if path is not None else None
        self._mode: int | None = None
        self._take(_Parsed.of(text, self._shown(), read.data if read else None), read)

    @classmethod
    def load(cls, path: Path | str, *, read: Document | None = None) -> EditableSchedule:
        """Read a file for editing; `LoadError` if it cannot be read or edited. `read` is the
        checker's document of the same file, if there is one: when the file has not changed
        since, its data is shared (never changed in place) instead of being read again."""
        path = Path(path)
        text, mode = _read(path)
        if read is not None and (read.data is None or read.text != text.removeprefix("\ufeff")):
            read = None  # the file changed since: read it again
        editable = cls(text, path, read=read)
        editable._mode = mode
        return editable

    @classmethod
    def from_text(cls, text: str, path: Path | str | None = None) -> EditableSchedule:
        """Edit `text`, the exact content of `path` (if given): saving goes to `path`."""
        return cls(text, path)

    # --- state ---------------------------------------------------------------------------------

    def _take(self, parsed: _Parsed, read: Document | None = None) -> None:
        self._doc = parsed.doc
        self._data = parsed.data
        """Kept in step with the document; never changed in place, so that what `snapshot`
        hands out stays as it was: each edit copies what it changes."""
        self._live = _Live.of(parsed.doc, parsed.text, read.sourcemap if read else None)
        self._crlf = parsed.crlf
        self._bom = parsed.bom
        self._digest = parsed.digest if self.path is not None else None
        self._dirty = False

    def _shown(self) -> str:
        return str(self.path) if self.path is not None else "<new schedule>"

    def render(self) -> str:
        """The text as it would be saved (without a byte-order mark)."""
        text = self._doc.as_string()
        return text.replace("\n", "\r\n") if self._crlf else text

    @property
    def dirty(self) -> bool:
        """Edited since it was loaded or saved."""
        return self._dirty

    def changed_on_disk(self) -> bool:
        """The file's bytes differ from what was loaded or last saved (or it is gone)."""
        if self.path is None or self._digest is None:
            return False
        try:
            return _digest(self.path.read_bytes()) != self._digest
        except OSError:
            return True

    # --- edits ---------------------------------------------------------------------------------

    def add_visit(self, values: Mapping[str, Any]) -> None:
        """Append a `[[visits]]` table after the last visit (at the end of the file if there is
        none); `participants` become `[[visits.participants]]` tables."""
        plain = _ordered(_plain_table(values), _VISIT_KEYS)
        participants = _participant_list(plain.pop("participants", []))
        existing = _array_of_tables(self._doc, "visits")
        header, indent = _style(existing.body[-1] if existing else None, "")
        table = _new_table(plain, indent)
        if participants:
            sub_header, sub_indent = _style(self._any_participant(), _NESTED_INDENT)
            sub_tables = [_new_table(participant, sub_indent) for participant in participants]
            tables = tomlkit.aot()
            for sub_table in sub_tables:
                tables.append(sub_table)
            table.append("participants", tables)
            for sub_table in sub_tables:  # a blank line before each sub-table header
                sub_table.trivia.indent = "\n" + sub_header
            plain["participants"] = participants
        _append_table(self._doc, "visits", table, header)
        self._appended("visits", plain)

    def update_visit(self, visit_id: str, changes: Mapping[str, Any]) -> None:
        """Change keys of a visit in place; a value of None removes the key.

        `participants` is the visit's whole new list of participants (None or [] for none).
        The list is matched, in order, against the `[[visits.participants]]` tables: a table
        is kept, with its comments and key order, for the same person (the same `id`, or the
        same name as the checks compare names), and only its changed keys are edited. The
        tables of people no longer listed go with the comment lines directly above them.
        From the first person who is new (or moved before someone), the rest of the list is
        appended after the visit's last participant: tables are never reordered.
        """
        changes = dict(changes)
        people = changes.pop("participants", _NOT_GIVEN)
        index = self._index("visits", visit_id, "visit")
        visit = self._table("visits", index)
        if people is not _NOT_GIVEN:
            # checked first: a list that cannot be written leaves the visit untouched
            listed = _participant_list(people or [])
            if not _same(self._data["visits"][index].get("participants", []), listed):
                _array_of_tables(visit.value, "participants")  # [[tables]], not an array
        data = self._own("visits", index)
        self._update(visit, data, changes)
        if people is not _NOT_GIVEN:
            self._set_participants(visit, data, listed)
        self._changed("visits", index)

    def delete_visit(self, visit_id: str) -> None:
        """Remove a visit with its participants and the comment lines directly above it."""
        index = self._index("visits", visit_id, "visit")
        _delete_table(self._doc, "visits", index)
        data = dict(self._data)
        visits = data.pop("visits")
        if len(visits) > 1:
            data["visits"] = visits[:index] + visits[index + 1 :]
        self._data = data
        if self._live is not None:
            self._live = self._live.deleted(self._doc, "visits", index)
        self._dirty = True

    def add_participant(self, visit_id: str, values: Mapping[str, Any]) -> None:
        """Append a `[[visits.participants]]` table to a visit."""
        index = self._index("visits", visit_id, "visit")
        plain = _ordered(_plain_table(values), _PARTICIPANT_KEYS)
        self._append_participant(self._table("visits", index), plain)
        data = self._own("visits", index)
        data["participants"] = [*data.get("participants", []), plain]
        self._changed("visits", index)
        self._dirty = True

    def _append_participant(self, visit: Table, plain: dict[str, Any]) -> None:
        existing = _array_of_tables(visit.value, "participants")
        style = existing.body[-1] if existing else self._any_participant()
        header, indent = _style(style, _NESTED_INDENT)
        _append_table(visit.value, "participants", _new_table(plain, indent), header)

    def _set_participants(
        self, visit: Table, data: dict[str, Any], people: list[dict[str, Any]]
    ) -> None:
        """Make the visit's participant tables say `people` (see `update_visit`)."""
        old: list[dict[str, Any]] = data.get("participants", [])
        if _same(old, people):
            return
        kept = _kept_participants(old, people)
        tables = _array_of_tables(visit.value, "participants")
        for person, index in zip(people, kept, strict=False):  # edited before any removal
            assert tables is not None, "a kept participant has a table"
            was = old[index]
            changes = {
                key: value for key, value in person.items() if not _same(was.get(key), value)
            }
            changes.update({key: None for key in was if key not in person})
            self._update(tables.body[index], dict(was), changes)
        for index in sorted(set(range(len(old))) - set(kept), reverse=True):
            _delete_table(visit.value, "participants", index)
        for person in people[len(kept) :]:
            self._append_participant(visit, person)
        if people:
            data["participants"] = people
        else:
            data.pop("participants", None)
        self._dirty = True

    def add_action(self, values: Mapping[str, Any]) -> None:
        """Append an `[[actions]]` table after the last action (or at the end of the file)."""
        self._add_top_level("actions", _ordered(_plain_table(values), _ACTION_KEYS))

    def update_action(self, action_id: str, changes: Mapping[str, Any]) -> None:
        """Change keys of an action in place (e.g. {"status": "done"}); None removes a key."""
        index = self._index("actions", action_id, "action")
        self._update(self._table("actions", index), self._own("actions", index), changes)
        self._changed("actions", index)

    def add_waiver(self, values: Mapping[str, Any]) -> None:
        """Append a `[[waivers]]` table (its start date is the key "from")."""
        self._add_top_level("waivers", _ordered(_plain_table(values), _WAIVER_KEYS))

    def _add_top_level(self, key: str, plain: dict[str, Any]) -> None:
        existing = _array_of_tables(self._doc, key)
        header, indent = _style(existing.body[-1] if existing else None, "")
        _append_table(self._doc, key, _new_table(plain, indent), header)
        self._appended(key, plain)

    def _appended(self, key: str, plain: dict[str, Any]) -> None:
        """Record a table appended to the array of tables `key`."""
        self._data = {**self._data, key: [*self._data.get(key, []), plain]}
        if self._live is not None:
            self._live = self._live.appended(self._doc, key)
        self._dirty = True

    def _own(self, key: str, index: int) -> dict[str, Any]:
        """The plain table `index` of `key`, copied (with the lists holding it) so that it can
        be changed in place."""
        items = list(self._data[key])
        items[index] = copy.deepcopy(items[index])
        self._data = {**self._data, key: items}
        table: dict[str, Any] = items[index]
        return table

    def _changed(self, key: str, index: int) -> None:
        """Record a change inside table `index` of the array of tables `key`."""
        if self._live is not None:
            self._live = self._live.changed(self._doc, key, index)

    def _index(self, key: str, ident: str, noun: str) -> int:
        items = self._data.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict) and item.get("id") == ident:
                    return index
        raise KeyError(f"no {noun} with id `{ident}`")

    def _table(self, key: str, index: int) -> Table:
        tables = _array_of_tables(self._doc, key)
        assert tables is not None, "the index was found in the same data"
        return tables.body[index]

    def _any_participant(self) -> Table | None:
        """A participant table to copy the indentation of new ones from."""
        visits = self._doc.get("visits")
        if not isinstance(visits, AoT):
            return None
        for visit in visits.body:
            participants = visit.get("participants")
            if isinstance(participants, AoT) and participants.body:
                return participants.body[0]
        return None

    def _update(self, table: Table, data: dict[str, Any], changes: Mapping[str, Any]) -> None:
        # converted first, so that a value that cannot be written leaves the table untouched
        changes = {key: None if value is None else _plain(value) for key, value in changes.items()}
        for key, value in changes.items():
            if value is None:
                if key in table:
                    _remove_key(table, key)
                    data.pop(key, None)
                    self._dirty = True
                continue
            if key in data and _same(data[key], value):
                continue  # keep the existing spelling (literal strings, number formats...)
            _set_key(table, key, value)
            data[key] = value
            self._dirty = True

    # --- saving --------------------------------------------------------------------------------

    def document(self) -> Document:
        """The rendered text as the checker reads it, with its problems; never raises."""
        return load_text(self.render(), self._shown())

    def snapshot(self) -> Snapshot:
        """The schedule as edited so far, for checking it while the editing goes on (in
        another thread: nothing in it changes afterwards). Cheap: the text is kept current
        table by table, unless an edit changed the text around the tables (the first table
        of an array deleted, or an array's first table added), which renders it all."""
        if self._live is None:
            text = self._doc.as_string()
            self._live = _Live.of(self._doc, text)
            if self._live is None:
                return Snapshot(self._data, text=text)
        return Snapshot(self._data, blocks=self._live.blocks())

    def verify(self) -> Document:
        """Render and read back; `SaveError` unless the text reads back to exactly the edited
        data and the schedule has no input errors (io, syntax, schema, reference)."""
        return self._verified(self._shown())

    def _verified(self, shown: str) -> Document:
        text = self.render()
        try:
            read_back = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise SaveError(
                f"cannot save {shown}: the edited text is not valid TOML ({error})"
            ) from error
        if not _same(self._data, read_back):
            where = key_text(_difference(self._data, read_back)) or "the top level"
            raise SaveError(
                f"cannot save {shown}: the rendered text does not read back to the edited "
                f"data (it differs at `{where}`)"
            )
        document = load_text(text, shown)
        problems = [problem for problem in document.problems if problem.is_input_error]
        if problems:
            raise SaveError(_problems_message(shown, problems))
        return document

    def save(self, *, overwrite: bool = False) -> None:
        """Write the file in place; `ConflictError` if it changed on disk since it was loaded
        (unless `overwrite`), `SaveError` if the schedule is not valid or cannot be written."""
        if self.path is None:
            raise SaveError("this schedule has no file yet: save it with save_as")
        if not overwrite and self.changed_on_disk():
            gone = not self.path.exists()
            raise ConflictError(
                f"{self.path} was {'deleted or moved' if gone else 'changed on disk'} since it "
                "was loaded: reload it, save under another name, or overwrite it"
            )
        self._write(self.path)

    def save_as(self, path: Path | str) -> None:
        """Write to `path` (replacing any file there), which becomes this schedule's file."""
        path = Path(path)
        self._write(path)
        self.path = path

    def _write(self, path: Path) -> None:
        self._verified(str(path))
        raw = ("\ufeff" if self._bom else "") + self.render()
        data = raw.encode("utf-8")
        try:
            _write_atomically(path, data, self._mode)
        except OSError as error:
            raise SaveError(f"cannot save {path}: {error.strerror or error}") from error
        self._digest = _digest(data)
        self._dirty = False

    def reload(self) -> None:
        """Read the file again from disk, dropping all edits; `LoadError` leaves it as it was."""
        if self.path is None:
            raise LoadError("this schedule has no file to reload")
        text, mode = _read(self.path)
        self._take(_Parsed.of(text, self._shown()))
        self._mode = mode


class Snapshot:
    """The edited schedule at one moment: its data, and its text (as blocks, when it is kept
    current table by table)."""

    def __init__(
        self,
        data: dict[str, Any],
        *,
        text: str | None = None,
        blocks: tuple[Block, tuple[ArrayBlocks, ...]] | None = None,
    ) -> None:
        self.data = data
        self._text = text
        self._blocks = blocks
        self._sourcemap: BlockSourceMap | None = None

    def _map(self) -> BlockSourceMap | None:
        if self._sourcemap is None and self._blocks is not None:
            self._sourcemap = BlockSourceMap(*self._blocks)
        return self._sourcemap

    @property
    def text(self) -> str:
        """The text as edited (with LF line ends and no byte-order mark)."""
        sourcemap = self._map()
        if sourcemap is not None:
            return sourcemap.text
        assert self._text is not None
        return self._text

    def document(self, path: str, previous: Document | None = None) -> Document:
        """What `load_text` reads from the text, without reading it again: the data is the
        edited data, the models of tables that are the same as in `previous` are reused, and
        only the tables looked up are mapped for line numbers."""
        sourcemap = self._map()
        if sourcemap is None:
            assert self._text is not None
            return load_text(self._text, path)
        return document_of(sourcemap.text, self.data, path, sourcemap=sourcemap, previous=previous)


# --- the text kept current -----------------------------------------------------------------

_TRIVIA = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]*(?:#[^\r\n]*)?")
"""Blank lines and comments only."""


class _Live:
    """The document's text as blocks for `BlockSourceMap`: everything before the first array
    of tables, then each top-level array of tables table by table. An edit renders again only
    the tables it changed, so the text is current without rendering the whole document."""

    def __init__(self, head: Block, arrays: dict[str, tuple[str, list[Block], Block]]) -> None:
        self.head = head
        self.arrays = arrays
        """Each array's key: (the key as its headers write it, its tables, the text after
        them: blank lines and comments)."""

    @classmethod
    def of(
        cls, doc: tomlkit.TOMLDocument, text: str, known: SourceMap | None = None
    ) -> _Live | None:
        """The blocks of `text`, which is what `doc` renders; None when the document is not
        laid out as a head followed by arrays of tables with only comments between them.
        The blocks of `known`, a map of the same text, that are the same text are taken with
        what they have mapped already."""
        render = getattr(doc, "_render_aot_table", None)  # what as_string renders a table with
        if not callable(render):
            return None
        arrays: dict[str, tuple[str, list[Block], Block]] = {}
        head: Block | None = None
        end = 0
        previous: str | None = None
        for key, item in doc.body:
            if not isinstance(item, AoT):
                continue
            if key is None or not item.body or key.key in arrays or key.is_dotted():
                return None
            prefix = key.as_string()
            try:
                elements = [render(table, prefix=prefix) for table in item.body]
            except (AttributeError, TypeError):  # another tomlkit: render it all instead
                return None
            joined = "".join(elements)
            start = text.find(joined, end)
            if start < 0:
                return None
            if previous is None:
                head = Block(text[:start])
            elif not _TRIVIA.fullmatch(text, end, start):
                return None
            else:
                prefix_before, tables_before, _ = arrays[previous]
                arrays[previous] = (prefix_before, tables_before, Block(text[end:start]))
            arrays[key.key] = (prefix, _adopted(known, key.key, elements), Block(""))
            previous = key.key
            end = start + len(joined)
        if head is None or previous is None or not _TRIVIA.fullmatch(text, end):
            return None
        prefix_last, tables_last, _ = arrays[previous]
        arrays[previous] = (prefix_last, tables_last, Block(text[end:]))
        return cls(head, arrays)

    def blocks(self) -> tuple[Block, tuple[ArrayBlocks, ...]]:
        return self.head, tuple(
            (key, tuple(tables), gap) for key, (_, tables, gap) in self.arrays.items()
        )

    def _render(self, doc: tomlkit.TOMLDocument, key: str, indices: range) -> _Live | None:
        prefix, tables, _ = self.arrays[key]
        written = _array_of_tables(doc, key)
        if written is None or len(written.body) != len(tables):
            return None
        render = getattr(doc, "_render_aot_table")  # noqa: B009 - checked by `of`
        for index in indices:
            if 0 <= index < len(tables):
                tables[index] = Block(render(written.body[index], prefix=prefix))
        return self

    def changed(self, doc: tomlkit.TOMLDocument, key: str, index: int) -> _Live | None:
        """After a change inside table `index` of the array `key`."""
        if key not in self.arrays:
            return None
        return self._render(doc, key, range(index - 1, index + 2))

    def appended(self, doc: tomlkit.TOMLDocument, key: str) -> _Live | None:
        """After a table was appended to the array `key` (the one before it changes too)."""
        if key not in self.arrays:
            return None  # a new array: the text before it changed
        tables = self.arrays[key][1]
        tables.append(Block(""))
        return self._render(doc, key, range(len(tables) - 2, len(tables)))

    def deleted(self, doc: tomlkit.TOMLDocument, key: str, index: int) -> _Live | None:
        """After table `index` of the array `key` was deleted (with the comments above it,
        which may be in the table before)."""
        tables = self.arrays[key][1] if key in self.arrays else []
        if index == 0 or not 0 < index < len(tables):
            return None  # the text before the array changed, or it is gone
        del tables[index]
        return self._render(doc, key, range(index - 1, index + 1))


def _adopted(known: SourceMap | None, key: str, elements: list[str]) -> list[Block]:
    """Blocks of the elements of the array `key`: those of `known` where the text is the same."""
    before = known.elements(key) if isinstance(known, BlockSourceMap) else ()
    if len(before) != len(elements):
        before = ()
    return [
        before[index] if before and before[index].text == text else Block(text)
        for index, text in enumerate(elements)
    ]


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    doc: tomlkit.TOMLDocument
    data: dict[str, Any]
    text: str
    """As edited: without a byte-order mark, and with LF line ends for a CRLF file."""
    crlf: bool
    bom: bool
    digest: str

    @classmethod
    def of(cls, text: str, shown: str, data: dict[str, Any] | None = None) -> _Parsed:
        digest = _digest(text.encode("utf-8"))
        bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        # Only a file that ends every line with CRLF is edited as LF and written back as CRLF;
        # a mixed file is edited as it is (new lines get LF).
        crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
        if crlf:
            text = text.replace("\r\n", "\n")
        try:
            if data is None:
                data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise LoadError(f"{shown} is not valid TOML ({error}); fix it by hand") from error
        try:
            doc = tomlkit.parse(text)
        except TOMLKitError as error:
            raise LoadError(
                f"{shown} cannot be edited: tomlkit cannot read it ({error})"
            ) from error
        rendered = doc.as_string()
        if rendered != text:
            line = _first_different_line(text, rendered)
            raise LoadError(
                f"{shown} cannot be edited here: tomlkit would change its layout from line {line} "
                "(for example an array of tables split by other tables); edit it by hand"
            )
        if not _same(doc.unwrap(), data):
            where = key_text(_difference(data, doc.unwrap())) or "the top level"
            raise LoadError(f"{shown} cannot be edited here: tomlkit reads `{where}` differently")
        return cls(doc, data, text, crlf, bom, digest)


def _read(path: Path) -> tuple[str, int]:
    try:
        raw = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as error:
        raise LoadError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        return raw.decode("utf-8"), mode
    except UnicodeDecodeError as error:
        raise LoadError(f"{path} is not UTF-8 text (save it as UTF-8)") from error


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _first_different_line(expected: str, actual: str) -> int:
    for number, (left, right) in enumerate(
        zip(expected.split("\n"), actual.split("\n"), strict=False), start=1
    ):
        if left != right:
            return number
    return min(expected.count("\n"), actual.count("\n")) + 1


# --- plain values ----------------------------------------------------------------------------


def _plain(value: object) -> Any:
    """`value` as the plain data tomllib would read back: str, int, bool, date, list, dict."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        raise TypeError(f"{value!r}: schedules hold dates, not dates with a time")
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, Mapping):
        return _plain_table(value)
    if isinstance(value, list | tuple):
        if any(element is None for element in value):
            raise TypeError("a list in a schedule cannot hold None")
        return [_plain(element) for element in value]
    raise TypeError(f"cannot write {type(value).__name__} to a schedule file")


def _plain_table(values: Mapping[str, Any]) -> dict[str, Any]:
    """A table's plain data; keys whose value is None are left out."""
    return {str(key): _plain(value) for key, value in values.items() if value is not None}


def _ordered(values: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The known keys in the file format's order, then any others as given."""
    known = {key: values[key] for key in order if key in values}
    return known | {key: value for key, value in values.items() if key not in known}


class _NotGiven:
    """The marker of a key that was not passed (None means "remove it")."""


_NOT_GIVEN = _NotGiven()


def _participant_list(value: object) -> list[dict[str, Any]]:
    """A plain list of participant tables, each with its keys in the file format's order."""
    if not isinstance(value, list) or not all(isinstance(each, dict) for each in value):
        raise TypeError("`participants` must be a list of tables (dicts)")
    return [_ordered(_plain_table(each), _PARTICIPANT_KEYS) for each in value]


def _same_person(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    """One person: the same `id`, or the same name as the checks compare names."""
    if old.get("id") is not None and old.get("id") == new.get("id"):
        return True
    old_name, new_name = old.get("name"), new.get("name")
    if not isinstance(old_name, str) or not isinstance(new_name, str):
        return False
    return normalise_name(old_name) == normalise_name(new_name)


def _kept_participants(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[int]:
    """For the first participants of `new`, in order, the index of their table in `old`:
    each is the next old participant that is the same person, skipping those removed. The
    rest of `new` is written as new tables."""
    kept: list[int] = []
    start = 0
    for person in new:
        found = next((i for i in range(start, len(old)) if _same_person(old[i], person)), None)
        if found is None:
            break
        kept.append(found)
        start = found + 1
    return kept


def _same(left: object, right: object) -> bool:
    """Equal as TOML data: `true` is not `1`."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return type(left) is type(right) and left == right


def _difference(left: object, right: object, where: KeyPath = ()) -> KeyPath:
    """The path of the first place where `left` and `right` differ."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(key for key in right if key not in left)]:
            if key not in left or key not in right:
                return (*where, key)
            if not _same(left[key], right[key]):
                return _difference(left[key], right[key], (*where, key))
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (one, other) in enumerate(zip(left, right, strict=True)):
            if not _same(one, other):
                return _difference(one, other, (*where, index))
    return where


def _problems_message(shown: str, problems: list[Diagnostic]) -> str:
    shown_problems = problems[:5]
    lines = [f"cannot save {shown}: the edited schedule would not be valid:"]
    for problem in shown_problems:
        at = f"line {problem.line}: " if problem.line is not None else ""
        lines.append(f"  {at}{problem.message} [{problem.code}]")
    if len(problems) > len(shown_problems):
        lines.append(f"  … and {len(problems) - len(shown_problems)} more")
    return "\n".join(lines)


# --- tomlkit items -----------------------------------------------------------------------------


def _to_item(key: str, value: Any, indent: str) -> Item:
    """A new tomlkit item for a plain value; an agenda of two or more entries is multi-line."""
    if isinstance(value, list):
        array = tomlkit.array()
        elements = [_to_inline(element) for element in value]
        if key == "agenda" and len(elements) > 1:
            for element in elements:
                array.add_line(element, indent=indent + _NESTED_INDENT)
            array.add_line(indent=indent)
        else:
            array.extend(elements)
        return array
    if isinstance(value, dict):
        return _inline_table(value)
    item: Item = tomlkit.item(value)
    return item


def _to_inline(value: Any) -> Any:
    return _inline_table(value) if isinstance(value, dict) else value


def _inline_table(values: dict[str, Any]) -> InlineTable:
    table = tomlkit.inline_table()
    for key, value in _ordered(values, _AGENDA_ITEM_KEYS).items():
        table.append(key, _to_item(key, value, ""))
    return table


def _new_table(values: dict[str, Any], indent: str) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        item = _to_item(key, value, indent)
        table.append(key, item)
        item.trivia.indent = indent
    return table


def _style(table: Table | None, default: str) -> tuple[str, str]:
    """(header indent, key indent) of an existing table, to write new ones alike."""
    if table is None:
        return default, default
    header = table.trivia.indent.rsplit("\n", 1)[-1]
    for key, item in table.value.body:
        if key is not None and not isinstance(item, Table | AoT):
            return header, item.trivia.indent
    return header, header


def _array_of_tables(container: Container, key: str) -> AoT | None:
    """The array of tables at `key` if it has tables; None if there is none yet."""
    if key not in container:
        return None
    existing = container[key]
    if not isinstance(existing, AoT):
        raise ValueError(f"`{key}` is not written as [[{key}]] tables: edit it by hand")
    return existing if existing.body else None


def _set_key(table: Table, key: str, value: Any) -> None:
    """Set a key: in place when it exists (keeping its comment), else after the table's own
    keys, before its sub-tables and before the comments that belong to the next header."""
    existing = table.get(key)
    if isinstance(existing, Table | AoT):  # e.g. [[visits.agenda]] replaced by an array
        _remove_key(table, key)
        existing = None
    indent = _style(table, "")[1]
    item = _to_item(key, value, indent)
    if existing is not None:
        table[key] = item
        return
    body = table.value.body
    own_end = max(
        (index + 1 for index, (k, v) in enumerate(body) if k is not None and _inline_value(v)),
        default=0,
    )
    # One non-fixed whitespace item is what tomlkit skips when it looks for the end of a
    # table's own keys; comments it would not skip.
    first_table = next(
        (index for index, (k, v) in enumerate(body) if k is not None and not _inline_value(v)),
        len(body),
    )
    _Region(table.value, own_end, max(own_end, first_table)).replace_text()
    table.append(key, item)
    item.trivia.indent = indent


def _inline_value(item: Item) -> bool:
    return not isinstance(item, Table | AoT | Null)


def _remove_key(table: Table, key: str) -> None:
    """Remove a key with the comment lines directly above it (which describe it)."""
    item = table.value.item(key)
    if isinstance(item, AoT | Table):  # e.g. [[visits.agenda]]: a header, not a key line
        end = _last_container(item.body[-1].value if isinstance(item, AoT) else item.value)
        _cut(_region_before(table.value, item), end, lambda: table.remove(key))
        return
    body = table.value.body
    position = next(index for index, (k, _) in enumerate(body) if k is not None and k.key == key)
    above = position - 1
    while above >= 0 and body[above][0] is None and isinstance(body[above][1], Comment | Null):
        body[above] = (None, Null())
        above -= 1
    del table[key]


# --- moving the text between tables ------------------------------------------------------------
#
# tomlkit keeps the blank lines and comments that follow a table's last key, up to the next
# header, inside that table (in its last sub-table if it has some).  Those lines are the
# *leading* text of whatever follows, so they are moved as text: the region is rewritten as one
# whitespace item holding the same characters.


@dataclass
class _Region:
    """Consecutive comment/whitespace items `body[start:end]` of a container."""

    container: Container
    start: int
    end: int

    @classmethod
    def tail(cls, container: Container) -> _Region:
        """The comments and blank lines at the end of a container."""
        return cls.before(container, len(container.body))

    @classmethod
    def before(cls, container: Container, end: int) -> _Region:
        body = container.body
        start = end
        while start > 0 and body[start - 1][0] is None and _is_trivia(body[start - 1][1]):
            start -= 1
        return cls(container, start, end)

    def text(self) -> str:
        return "".join(item.as_string() for _, item in self.container.body[self.start : self.end])

    def replace_text(self, text: str | None = None) -> None:
        """Rewrite the region as one item (its own text by default)."""
        text = self.text() if text is None else text
        body = self.container.body
        if self.start < self.end:
            body[self.start] = (None, Whitespace(text) if text else Null())
            for index in range(self.start + 1, self.end):
                body[index] = (None, Null())
        elif text and self.end == len(body):
            self.container.append(None, Whitespace(text))
        elif text:
            _prefix_next(self.container, self.end, text)


def _is_trivia(item: Item) -> bool:
    return isinstance(item, Whitespace | Comment | Null)


def _prefix_next(container: Container, start: int, text: str) -> None:
    """Put `text` before the next item that renders from `start` on (which has no trivia items
    before it to hold the text)."""
    body = container.body
    for index in range(start, len(body)):
        key, item = body[index]
        if isinstance(item, Null) or (isinstance(item, AoT) and not item.body):
            continue
        if isinstance(item, Whitespace):
            body[index] = (key, Whitespace(text + item.as_string()))
        else:
            target = item.body[0] if isinstance(item, AoT) else item
            target.trivia.indent = text + target.trivia.indent
        return
    container.append(None, Whitespace(text))


def _last_container(container: Container) -> Container:
    """The container whose end is the end of what `container` renders."""
    while True:
        last: tuple[Key | None, Item] | None = next(
            (
                (key, item)
                for key, item in reversed(container.body)
                if not isinstance(item, Null) and not (isinstance(item, AoT) and not item.body)
            ),
            None,
        )
        if last is None:
            return container
        key, item = last
        if isinstance(item, Table) and not (key is not None and key.is_dotted()):
            container = item.value
        elif isinstance(item, AoT):
            container = item.body[-1].value
        else:
            return container


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _is_blank(line: str) -> bool:
    return line.endswith("\n") and not line.strip(" \t\r\n")


def _split_separator(text: str) -> tuple[str, str]:
    """(the blank lines at the start, the rest): the separator and the next item's lead-in."""
    lines = _lines(text)
    count = 0
    while count < len(lines) and _is_blank(lines[count]):
        count += 1
    return "".join(lines[:count]), "".join(lines[count:])


def _without_lead_in(text: str) -> str:
    """`text` without its last paragraph of comments (those directly above the next header)."""
    lines = _lines(text)
    while lines and lines[-1].lstrip(" \t").startswith("#"):
        lines.pop()
    return "".join(lines)


def _without_trailing_blanks(text: str) -> str:
    lines = _lines(text)
    while lines and _is_blank(lines[-1]):
        lines.pop()
    return "".join(lines)


def _end_line(container: Container) -> None:
    """Make sure what `container` renders last ends its line (a file may end without one)."""
    body = container.body
    for index in range(len(body) - 1, -1, -1):
        key, item = body[index]
        if isinstance(item, Null):
            continue
        if isinstance(item, Whitespace):
            if not item.as_string().endswith("\n"):
                body[index] = (key, Whitespace(item.as_string() + "\n"))
        elif not isinstance(item, Table | AoT) and "\n" not in item.trivia.trail:
            item.trivia.trail += "\n"
        return


def _append_table(container: Container, key: str, table: Table, header: str) -> None:
    """Append `table` to the array of tables `key` of `container`, after the last table's keys
    and before the text that leads into what follows.  A new array goes at the end of a table,
    or at the very end of the file (after any closing comments) for a top-level one."""
    existing = _array_of_tables(container, key)
    if existing is None and isinstance(container, tomlkit.TOMLDocument):
        _end_line(_last_container(container))
        rendered = container.as_string()
        container.append(key, _array_with(table))
        blank = not rendered or rendered.endswith("\n\n")
        table.trivia.indent = ("" if blank else "\n") + header
        return
    end = _last_container(existing.body[-1].value if existing else container)
    region = _Region.tail(end)
    separator, lead_in = _split_separator(region.text())
    region.replace_text(separator)
    _end_line(end)
    if existing is not None:
        existing.append(table)
    else:
        container.append(key, _array_with(table))
    table.trivia.indent = ("" if separator else "\n") + header
    if separator or lead_in:
        _last_container(table.value).append(None, Whitespace(separator + lead_in))


def _array_with(table: Table) -> AoT:
    tables = tomlkit.aot()
    tables.append(table)
    return tables


def _delete_table(container: Container, key: str, index: int) -> None:
    """Remove table `index` of the array of tables `key` with the comments directly above its
    header, keeping the text that leads into the next item."""
    tables = _array_of_tables(container, key)
    assert tables is not None, "the index was found in the same data"
    if index > 0:
        before = _Region.tail(_last_container(tables.body[index - 1].value))
    else:
        before = _region_before(container, tables)

    def remove() -> None:
        del tables[index]
        if not tables.body:
            del container[key]

    _cut(before, _last_container(tables.body[index].value), remove)


def _cut(before: _Region, end: Container, remove: Callable[[], object]) -> None:
    """Remove a table (`remove`) whose header follows `before` and whose text ends at the end
    of `end`: the comment lines directly above its header go with it, while the text that
    leads into what follows it stays."""
    following = _Region.tail(end).text()
    kept = _without_lead_in(before.text())
    if _split_separator(following)[0]:
        kept = _without_trailing_blanks(kept)
    remove()
    before.replace_text(kept + following)


def _region_before(container: Container, item: Item) -> _Region:
    """The comments and blank lines rendered just before `item`, an item of `container`."""
    body = container.body
    position = next(index for index, (_, each) in enumerate(body) if each is item)
    region = _Region.before(container, position)
    if region.start == region.end and position > 0:
        previous_key, previous = body[position - 1]
        dotted = previous_key is not None and previous_key.is_dotted()
        if isinstance(previous, AoT) and previous.body:
            return _Region.tail(_last_container(previous.body[-1].value))
        if isinstance(previous, Table) and not dotted:
            return _Region.tail(_last_container(previous.value))
    return region


# --- writing -----------------------------------------------------------------------------------


def _write_atomically(path: Path, data: bytes, mode: int | None) -> None:
    """Write `data` to a temporary file beside `path`, sync it, then rename it over `path`."""
    target = path.resolve()  # through a symlink to the file it points to, not over the link
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = mode if mode is not None else 0o666 & ~_umask()
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        temp.replace(target)
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some systems cannot open or sync a folder, which is harmless."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would race with other threads)."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022

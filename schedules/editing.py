"""Editing one schedule file by changing its text, with undo and redo, and saving it safely.

An edit changes only the lines of the tables it touches (see `schedules.textedit`): a value
is replaced where it is written, a new table goes after the last table of its array, a
deleted table takes the comment lines directly above it. Every text state since the file
was loaded or saved is kept (they share all unchanged pieces), so undo goes back exactly,
to the original bytes.

Every save reads the text back with `tomllib` and with the checker's own reader, and writes
nothing unless the data is exactly what was intended and the schedule has no input errors.
Writes go through `schedules.atomic`.

One owner: an `EditableSchedule` is used from one thread (the app's UI thread); what other
threads get is a `Snapshot`, which never changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import tomli as toml_parser

from schedules import edit_words
from schedules.atomic import write_atomically
from schedules.drafts import Draft, EditError, table_of
from schedules.edit_file import (
    ConflictError,
    LoadError,
    SaveError,
    Snapshot,
    digest,
    known_pieces,
    read_file,
    verified,
)
from schedules.edit_history import History, TextState
from schedules.i18n import _
from schedules.loader import Document, load_text
from schedules.textedit.edits import set_keys
from schedules.textedit.pieces import Pieces
from schedules.textedit.plain import (
    KEY_ORDER,
    agenda_of,
    match_people,
    people_of,
    plain_value,
    plain_values,
    same,
)
from schedules.textedit.schedule_text import NotWritten, ScheduleText, participants_change
from schedules.textedit.tables import Layout

__all__ = ["ConflictError", "EditableSchedule", "LoadError", "SaveError", "Snapshot"]


class EditableSchedule:
    """One schedule file's text, edited table by table, with its undo history."""

    path: Path | None

    def __init__(
        self, text: str, path: Path | str | None = None, *, read: Document | None = None
    ) -> None:
        """`text` must be the file's exact content (decode its bytes; `read_text` would lose
        CRLF line ends); prefer `load`. `read`, when given, must be the checker's document of
        exactly this text: its data and block map are used rather than made again."""
        self.path = Path(path) if path is not None else None
        self._mode: int | None = None
        self._take(text, read)

    @classmethod
    def load(cls, path: Path | str, *, read: Document | None = None) -> EditableSchedule:
        """Read a file for editing; `LoadError` if it cannot be read. `read` is the checker's
        document of the same file, if there is one (used when the file has not changed)."""
        path = Path(path)
        text, mode = read_file(path)
        if read is not None and (read.data is None or read.text != text.removeprefix("\ufeff")):
            read = None
        editable = cls(text, path, read=read)
        editable._mode = mode
        return editable

    @classmethod
    def from_text(cls, text: str, path: Path | str | None = None) -> EditableSchedule:
        return cls(text, path)

    # --- state ---------------------------------------------------------------------------

    def _take(self, text: str, read: Document | None = None) -> None:
        self._digest = digest(text.encode("utf-8")) if self.path is not None else None
        self._bom = text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
        # Only a file that ends every line with CRLF is edited as LF and written back as CRLF.
        self._crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
        if self._crlf:
            text = text.replace("\r\n", "\n")
            read = None  # its offsets are those of the CRLF text
        data = read.data if read is not None else None
        if data is None:
            try:
                data = toml_parser.loads(text)
            except toml_parser.TOMLDecodeError as error:
                shown = self._shown()
                raise LoadError(
                    _("{file} is not valid TOML ({reason}); fix it by hand").format(
                        file=shown, reason=error
                    )
                ) from error
        pieces = known_pieces(text, read) or Pieces.of(text)
        self._history = History(TextState(ScheduleText(pieces), data))

    @property
    def _state(self) -> TextState:
        return self._history.current

    @property
    def _data(self) -> dict[str, Any]:
        return self._state.data

    def _push(self, text: ScheduleText, data: dict[str, Any]) -> None:
        self._history.push(TextState(text, data))

    def _shown(self) -> str:
        return str(self.path) if self.path is not None else "<new schedule>"

    def render(self) -> str:
        """The text as it would be saved (without a byte-order mark)."""
        text = self._state.text.text
        return text.replace("\n", "\r\n") if self._crlf else text

    @property
    def data(self) -> dict[str, Any]:
        """The data the text reads as (never change it in place)."""
        return self._data

    @property
    def dirty(self) -> bool:
        """Different from what was loaded or last saved."""
        return self._state is not self._history.saved

    def changed_on_disk(self) -> bool:
        """The file's bytes differ from what was loaded or last saved (or it is gone)."""
        if self.path is None or self._digest is None:
            return False
        try:
            return digest(self.path.read_bytes()) != self._digest
        except OSError:
            return True

    # --- undo ----------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def undo(self) -> bool:
        """Go back one edit; False when there is none since the file was loaded or saved."""
        return self._history.undo()

    def redo(self) -> bool:
        return self._history.redo()

    def one_step(self) -> AbstractContextManager[None]:
        """The edits made inside are one step for undo, and all or nothing."""
        return self._history.one_step()

    # --- edits ---------------------------------------------------------------------------

    def _index(self, key: str, ident: str) -> int:
        items = self._data.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict) and item.get("id") == ident:
                    return index
        raise EditError(edit_words.no_such(key, ident))

    def _append(self, key: str, values: Mapping[str, Any] | Draft) -> None:
        table = plain_values(table_of(values), KEY_ORDER[key])
        if "agenda" in table:
            table["agenda"] = agenda_of("agenda", table["agenda"])
        if key == "visits" and "participants" in table:
            table["participants"] = people_of(table["participants"])
        existing = list(self._data.get(key, []))
        try:
            text = self._state.text.append_element(key, table, existing[-1] if existing else None)
        except NotWritten as error:
            raise EditError(edit_words.cannot_add(key, error)) from error
        self._push(text, {**self._data, key: [*existing, table]})

    def add_visit(self, values: Mapping[str, Any] | Draft) -> None:
        """Append a `[[visits]]` table after the last visit (at the end of the file if there is
        none); `participants` become `[[visits.participants]]` tables."""
        self._append("visits", values)

    def add_action(self, values: Mapping[str, Any] | Draft) -> None:
        self._append("actions", values)

    def add_waiver(self, values: Mapping[str, Any] | Draft) -> None:
        """Append a `[[waivers]]` table (its start date is the key "from")."""
        self._append("waivers", values)

    def update_visit(self, visit_id: str, changes: Mapping[str, Any]) -> None:
        """Change keys of a visit; a value of None removes the key. `participants` is the
        visit's whole new list: each person keeps their table and its comments (matched by
        id, by name, or by place for someone renamed), whatever the new order. A new `id`
        is written in the actions and waivers that refer to the visit too (one edit)."""
        index = self._index("visits", visit_id)
        new_id = changes.get("id")
        with self.one_step():
            self._update("visits", index, changes)
            if isinstance(new_id, str) and new_id != visit_id:
                for key in ("actions", "waivers"):
                    self._replace_references(key, visit_id, new_id)

    def references(self, visit_id: str) -> tuple[list[str], list[int]]:
        """The ids of the actions and the indices of the waivers that refer to a visit."""
        actions = [
            str(a.get("id")) for a in self._data.get("actions", []) if a.get("visit") == visit_id
        ]
        waivers = [
            i for i, w in enumerate(self._data.get("waivers", [])) if w.get("visit") == visit_id
        ]
        return actions, waivers

    def _replace_references(self, key: str, visit_id: str, new_id: str | None) -> None:
        for index, table in enumerate(self._data.get(key, [])):
            if table.get("visit") == visit_id:
                self._update(key, index, {"visit": new_id})

    def update_action(self, action_id: str, changes: Mapping[str, Any]) -> None:
        self._update("actions", self._index("actions", action_id), changes)

    def update_waiver(self, index: int, changes: Mapping[str, Any]) -> None:
        self._update("waivers", index, changes)

    def add_participant(self, visit_id: str, values: Mapping[str, Any] | Draft) -> None:
        """Append a `[[visits.participants]]` table to a visit."""
        index = self._index("visits", visit_id)
        people = [*self._data["visits"][index].get("participants", []), table_of(values)]
        self._update("visits", index, {"participants": people})

    def _update(self, key: str, index: int, changes: Mapping[str, Any]) -> None:
        old: dict[str, Any] = self._data[key][index]
        new = dict(old)
        own: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "participants" and key == "visits":
                continue
            if value is None:
                if name in new:
                    del new[name]
                    own[name] = None
                continue
            value = agenda_of(name, plain_value(value))
            if name in old and same(old[name], value):
                continue  # keep the existing spelling (literal strings, number formats...)
            new[name] = own[name] = value
        people_before = old.get("participants", [])
        people = people_before
        if key == "visits" and "participants" in changes:
            people = people_of(changes["participants"] or [])
            if people:
                new["participants"] = people
            else:
                new.pop("participants", None)
        if not own and same(people, people_before):
            return
        intended = new
        order = KEY_ORDER[key]

        def change(layout_of: Callable[[str], Layout], text: str) -> str:
            table = (key, 0)
            layout = layout_of(text)
            inline_people = layout.key(table, "participants") is not None
            own_changes = dict(own)
            if inline_people and not same(people, people_before):
                own_changes["participants"] = people or None
            if own_changes:
                text = set_keys(layout_of, text, table, own_changes, order)
            if not inline_people and not same(people, people_before):
                matches = match_people(people_before, people)
                text = participants_change(layout_of, text, key, people_before, people, matches)
            return text

        try:
            text = self._state.text.edit_element(key, index, intended, change, order)
        except NotWritten as error:
            raise EditError(edit_words.cannot_change(key, error)) from error
        items = list(self._data[key])
        items[index] = intended
        self._push(text, {**self._data, key: items})

    def _delete(self, key: str, index: int) -> None:
        try:
            text = self._state.text.delete_element(key, index)
        except NotWritten as error:
            raise EditError(edit_words.cannot_delete(key, error)) from error
        data = dict(self._data)
        items = data.pop(key)
        if len(items) > 1:
            data[key] = items[:index] + items[index + 1 :]
        self._push(text, data)

    def delete_visit(self, visit_id: str, *, references: str = "keep") -> None:
        """Remove a visit with its participants and the comment lines directly above it.
        The actions and waivers that refer to it are kept as they are (`"keep"`: the
        schedule then has reference errors to fix), deleted too (`"delete"`), or kept
        without the visit (`"detach"`); all of it is one edit."""
        index = self._index("visits", visit_id)
        with self.one_step():
            if references == "delete":
                for action_id in reversed(self.references(visit_id)[0]):
                    self.delete_action(action_id)
                for waiver in reversed(self.references(visit_id)[1]):
                    self._delete("waivers", waiver)
            elif references == "detach":
                for key in ("actions", "waivers"):
                    self._replace_references(key, visit_id, None)
            elif references != "keep":
                raise EditError(
                    _("unknown choice for the visit's references: {choice}").format(
                        choice=repr(references)
                    )
                )
            self._delete("visits", index)

    def delete_action(self, action_id: str) -> None:
        self._delete("actions", self._index("actions", action_id))

    def delete_waiver(self, index: int) -> None:
        if not 0 <= index < len(self._data.get("waivers", [])):
            raise EditError(_("there is no waiver {number} in this file").format(number=index + 1))
        self._delete("waivers", index)

    # --- checking and saving -------------------------------------------------------------

    def document(self) -> Document:
        """The rendered text as the checker reads it, with its problems; never raises."""
        return load_text(self.render(), self._shown())

    def snapshot(self) -> Snapshot:
        """The schedule as edited so far, for checking it in another thread (nothing in it
        changes afterwards)."""
        pieces = self._state.text.pieces
        return Snapshot(self._data, pieces.text, pieces.sourcemap())

    def verify(self) -> Document:
        """Render and read back; `SaveError` unless the text reads back to exactly the edited
        data and the schedule has no input errors (io, syntax, schema, reference)."""
        return self._verified(self._shown())

    def _verified(self, shown: str) -> Document:
        return verified(self.render(), self._data, shown)

    def save(self, *, overwrite: bool = False) -> None:
        """Write the file in place; `ConflictError` if it changed on disk since it was loaded
        (unless `overwrite`), `SaveError` if the schedule is not valid or cannot be written."""
        if self.path is None:
            raise SaveError(_("this schedule has no file yet: save it with save_as"))
        if not overwrite and self.changed_on_disk():
            gone = not self.path.exists()
            raise ConflictError(edit_words.changed_on_disk(str(self.path), gone=gone))
        self._write(self.path)

    def save_as(self, path: Path | str) -> None:
        """Write to `path` (replacing any file there), which becomes this schedule's file."""
        path = Path(path)
        self._write(path)
        self.path = path

    def _write(self, path: Path) -> None:
        try:
            self._verified(str(path))
            data = (("\ufeff" if self._bom else "") + self.render()).encode("utf-8")
            write_atomically(path, data, self._mode)
        except OSError as error:
            raise SaveError(edit_words.cannot_save(path, error.strerror or str(error))) from error
        except MemoryError as error:
            raise SaveError(edit_words.cannot_save(path, None)) from error
        self._digest = digest(data)
        self._history.saved_now()

    def reload(self) -> None:
        """Read the file again from disk, dropping all edits; `LoadError` leaves it as it was."""
        if self.path is None:
            raise LoadError(_("this schedule has no file to reload"))
        text, mode = read_file(self.path)
        self._take(text)
        self._mode = mode

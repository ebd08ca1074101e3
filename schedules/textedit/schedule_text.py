"""The edits of a schedule file, as changes to its text: one visit, action or waiver at a time.

`ScheduleText` is immutable: each edit returns a new one, which shares every piece it did not
touch. Each edit reads the pieces it wrote back with a TOML reader and compares them with the
data intended; when a layout is beyond the precise edits (a table written inline, say), the
smallest enclosing value or table is written again, and checked the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import tomli as toml_parser

from schedules.textedit import inline
from schedules.textedit.edits import (
    CannotEdit,
    append_at_end,
    append_table,
    append_table_text,
    delete_table,
    reorder_tables,
    set_keys,
    table_chunks,
)
from schedules.textedit.pieces import Piece, Pieces
from schedules.textedit.tables import Layout
from schedules.textedit.values import NESTED_INDENT, table_text

__all__ = ["NotWritten", "ScheduleText"]

Table = dict[str, Any]
Element = tuple[str, int]
"""An array of tables' key and the table's index in it: ("visits", 3)."""


class NotWritten(Exception):
    """The edit could not be written so that the text reads back as intended."""


def _same(left: object, right: object) -> bool:
    """Equal as TOML data: `true` is not `1`."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return type(left) is type(right) and left == right


def _read(text: str) -> dict[str, Any] | None:
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError:
        return None


class ScheduleText:
    """A schedule's text, as pieces, with the edits that produce a new one."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: Pieces) -> None:
        self.pieces = pieces

    @classmethod
    def of(cls, text: str) -> ScheduleText:
        return cls(Pieces.of(text))

    @property
    def text(self) -> str:
        return self.pieces.text

    # --- one table of an array -----------------------------------------------------------

    def _piece(self, key: str, index: int) -> int | None:
        elements = self.pieces.elements(key)
        return elements[index] if 0 <= index < len(elements) else None

    def _layout_of(self, piece: int) -> Callable[[str], Layout]:
        followed = piece + 1 < len(self.pieces.pieces)
        return lambda text: Layout(text, followed=followed)

    def edit_element(
        self,
        key: str,
        index: int,
        intended: Table,
        change: Callable[[Callable[[str], Layout], str], str],
        order: Sequence[str] = (),
    ) -> ScheduleText:
        """Apply `change` (layout factory, piece text → new text) to the piece of table
        `index` of `key`, whose data must then be `intended`."""
        piece = self._piece(key, index)
        if piece is None:
            return self._rewrite_array(key, index, intended)
        old = self.pieces.pieces[piece]
        try:
            text = change(self._layout_of(piece), old.text)
        except CannotEdit:
            text = None
        if text is None or not _same(_read(text), {key: [intended]}):
            text = self._rendered_element(key, old, intended, order)
        return ScheduleText(self.pieces.replaced(piece, piece + 1, [text]))

    def _rendered_element(self, key: str, old: Piece, intended: Table, order: Sequence[str]) -> str:
        """The whole table written again (its comment lines at the end, which are the next
        table's, kept)."""
        layout = Layout(old.text, followed=True)
        indents = layout.indents((key, 0)) or ("", "")
        lead_in = old.text[layout.block((key, 0))[2] :] if (key, 0) in layout.tables else ""
        text = element_text(key, intended, indents, self._sub_indents(key)) + "\n" + lead_in
        if not _same(_read(text), {key: [intended]}):
            raise NotWritten(f"a {key} table could not be written")
        return text

    def _rewrite_array(self, key: str, index: int, intended: Table | None) -> ScheduleText:
        """The array `key` written inline (`visits = [{…}]`): its element `index` written
        again, appended (`index` past the end) or removed (`intended` None)."""
        for number, piece in enumerate(self.pieces.pieces):
            line = Layout(piece.text).key((), key) if not piece.names else None
            if line is None:
                continue
            current = _read(piece.text) or {}
            values = list(current.get(key, []))
            text = piece.text
            spans = inline.elements(text, line.value_start, line.value_end)
            if len(spans) != len(values):
                raise NotWritten(f"`{key}` is written in a way this editor cannot change")
            if intended is None:
                del values[index]
                if values:
                    text = inline.delete_element(text, spans, index)
                else:
                    text = text[: line.start] + text[line.end :]
            elif index >= len(values):
                values.append(intended)
                text = inline.append_element(text, spans, line.value_end, intended)
            else:
                values[index] = intended
                text = inline.replace_element(text, spans[index], intended)
            expected = {**current, key: values} if values else _without(current, key)
            if not _same(_read(text), expected):
                raise NotWritten(f"`{key}` could not be written")
            return ScheduleText(self.pieces.replaced(number, number + 1, [text]))
        raise NotWritten(f"there is no table {index + 1} in `{key}`")

    # --- adding and deleting tables of an array -------------------------------------------

    def append_element(self, key: str, values: Table, last: Table | None) -> ScheduleText:
        """Append a `[[key]]` table: after the last one (before the comments that lead into
        what follows), or at the end of the file. `last` is the data of the last table."""
        elements = self.pieces.elements(key)
        if not elements and last is not None:
            return self._rewrite_array(key, 10**9, values)
        at = elements[-1] if elements else len(self.pieces.pieces) - 1
        old = self.pieces.pieces[at]
        layout = Layout(old.text, followed=at + 1 < len(self.pieces.pieces))
        indents = layout.indents((key, 0)) if elements else None
        new = element_text(key, values, indents or ("", ""), self._sub_indents(key))
        if elements:
            text = append_table_text(layout, old.text, (key,), new)
            expected_old: dict[str, Any] | None = {key: [last]}
        else:
            text = append_at_end(old.text, new)
            expected_old = _read(old.text)
        expected = {**(expected_old or {}), key: [*([last] if elements else []), values]}
        if expected_old is None or not _same(_read(text), expected):
            raise NotWritten(f"the new {key} table could not be written")
        return ScheduleText(self.pieces.replaced(at, at + 1, [text]))

    def _sub_indents(self, key: str) -> tuple[str, str]:
        """How the file indents sub-tables such as `[[visits.participants]]`."""
        for piece_index in reversed(self.pieces.elements(key)[-50:]):
            text = self.pieces.pieces[piece_index].text
            if f"[[{key}." in text:
                layout = Layout(text)
                for path in layout.tables:
                    if len(path) == 4:
                        found = layout.indents(path)
                        if found is not None:
                            return found
        return NESTED_INDENT, NESTED_INDENT

    def delete_element(self, key: str, index: int) -> ScheduleText:
        """Remove table `index` of `key` with the comment lines directly above it."""
        piece = self._piece(key, index)
        if piece is None:
            return self._rewrite_array(key, index, None)
        before = self.pieces.pieces[piece - 1]
        removed = self.pieces.pieces[piece]
        joined = before.text + removed.text
        layout = Layout(joined, followed=piece + 1 < len(self.pieces.pieces))
        target = _last_header_at(layout, len(before.text))
        text = delete_table(layout, joined, target)
        if not _same(_read(text), _read(before.text)):
            raise NotWritten(f"the {key} table could not be removed")
        return ScheduleText(self.pieces.replaced(piece - 1, piece + 1, [text]))


def _without(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


def _last_header_at(layout: Layout, offset: int) -> tuple[str | int, ...]:
    for path, span in layout.tables.items():
        if span.header is not None and layout.statements[span.header].start == offset:
            return path
    raise CannotEdit("no header there")


def _split_sub_tables(values: Table) -> tuple[Table, dict[str, list[Table]]]:
    """The keys written on key lines, and the arrays written as sub-tables (participants)."""
    own: Table = {}
    subs: dict[str, list[Table]] = {}
    for name, value in values.items():
        if name == "participants" and isinstance(value, list) and value:
            subs[name] = value
        else:
            own[name] = value
    return own, subs


def element_text(
    key: str,
    values: Table,
    indents: tuple[str, str],
    sub_indents: tuple[str, str] = (NESTED_INDENT, NESTED_INDENT),
) -> str:
    """A `[[key]]` table and its participant sub-tables, written from scratch."""
    header_indent, key_indent = indents
    own, subs = _split_sub_tables(values)
    text = table_text(key, own, key_indent, header_indent)
    for name, tables in subs.items():
        for table in tables:
            text += "\n" + table_text(f"{key}.{name}", table, sub_indents[1], sub_indents[0])
    return text


def participants_change(
    layout_of: Callable[[str], Layout],
    text: str,
    key: str,
    old: Sequence[Table],
    new: Sequence[Table],
    matches: Sequence[int | None],
) -> str:
    """Make the `participants` sub-tables of the piece's table say `new`. `matches[i]` is the
    index in `old` of the table that is `new[i]`'s (None for a new person): a kept table is
    edited in place and moved with its comments; the others are removed with theirs."""
    array = (key, 0, "participants")
    layout = layout_of(text)
    if not new:
        while array in layout.arrays:
            text = delete_table(layout, text, layout.arrays[array][-1])
            layout = layout_of(text)
        return text
    kept = [index for index in matches if index is not None]
    in_order = kept == sorted(kept) and all(m is not None for m in matches[: len(kept)])
    # values first, in place
    for person, index in zip(new, matches, strict=True):
        if index is None:
            continue
        was = old[index]
        changes: dict[str, Any] = {k: v for k, v in person.items() if not _same(was.get(k), v)}
        changes.update({k: None for k in was if k not in person})
        if changes:
            text = set_keys(layout_of, text, (*array, index), changes)
    layout = layout_of(text)
    if in_order and len(kept) == len(old):
        for person in new[len(kept) :]:
            text = append_table(layout, text, array, f"{key}.participants", person)
            layout = layout_of(text)
        return text
    chunks = table_chunks(layout, text, array) if array in layout.arrays else []
    indents = layout.indents(layout.arrays[array][0]) if chunks else None
    header_indent, key_indent = indents or (NESTED_INDENT, NESTED_INDENT)
    written = [
        chunks[index]
        if index is not None
        else table_text(f"{key}.participants", person, key_indent, header_indent)
        for person, index in zip(new, matches, strict=True)
    ]
    if not chunks:
        raise CannotEdit("no participant tables")
    return reorder_tables(layout, text, array, written)

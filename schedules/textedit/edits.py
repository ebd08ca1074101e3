"""Edits of one piece of TOML text, each producing the new text: a value replaced where it is
written, a key line added where a person would put it or removed with the comment lines
above it, a table appended to its array of tables or removed with its own comments, the
tables of an array put in a new order with their comments.

Every function takes the text and the path of a table in it, and changes only the lines of
that table; the caller checks that the result reads back as intended.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from schedules.textedit.scan import Path
from schedules.textedit.tables import (
    Layout,
    split_blank_lines,
    with_line_end,
    without_trailing_blank_lines,
)
from schedules.textedit.values import NESTED_INDENT, key_value_line, table_text, value_text

__all__ = [
    "append_at_end",
    "append_table",
    "append_table_text",
    "delete_table",
    "reorder_tables",
    "set_keys",
]

LayoutOf = Callable[[str], Layout]


class CannotEdit(Exception):
    """The text is laid out in a way these edits do not handle (the caller falls back to
    writing the smallest enclosing value again)."""


def set_keys(
    layout_of: LayoutOf,
    text: str,
    table: Path,
    changes: Mapping[str, Any],
    order: Sequence[str] = (),
) -> str:
    """Set (or, for None, remove) keys of `table`'s own keys. A new key goes where a key
    removed in the same change was (`start` where `when` was), else after the key before it
    in `order`, else after the table's last key."""
    removed = [key for key, value in changes.items() if value is None]
    added = {key: value for key, value in changes.items() if value is not None}
    layout = layout_of(text)
    if table not in layout.tables:
        raise CannotEdit(f"no table {table}")
    new_lines: dict[str, Any] = {}
    for key, value in added.items():
        line = layout.key(table, key)
        if line is not None:
            indent = line.indent
            rendered = value_text(key, value, indent)
            text = text[: line.value_start] + rendered + text[line.value_end :]
            layout = layout_of(text)
        elif _sub_tables(layout, table, key):
            text = _remove_sub_tables(layout_of, text, table, key)
            layout = layout_of(text)
            new_lines[key] = value
        else:
            new_lines[key] = value
    anchor = next((key for key in removed if layout.key(table, key) is not None), None)
    if new_lines:
        text = _insert_keys(layout, text, table, new_lines, order, anchor)
        layout = layout_of(text)
    for key in removed:
        line = layout.key(table, key)
        if line is not None:
            text = _remove_key_line(layout, text, table, key)
            layout = layout_of(text)
        elif _sub_tables(layout, table, key):
            text = _remove_sub_tables(layout_of, text, table, key)
            layout = layout_of(text)
    return text


def _sub_tables(layout: Layout, table: Path, key: str) -> list[Path]:
    path = (*table, key)
    if path in layout.arrays:
        return list(layout.arrays[path])
    return [path] if path in layout.tables and layout.tables[path].header is not None else []


def _remove_sub_tables(layout_of: LayoutOf, text: str, table: Path, key: str) -> str:
    while True:
        layout = layout_of(text)
        found = _sub_tables(layout, table, key)
        if not found:
            return text
        text = delete_table(layout, text, found[-1])


def _key_indent(layout: Layout, table: Path) -> str:
    indents = layout.indents(table)
    if indents is not None:
        return indents[1]
    return ""


def _insert_keys(
    layout: Layout,
    text: str,
    table: Path,
    values: Mapping[str, Any],
    order: Sequence[str],
    anchor: str | None,
) -> str:
    indent = _key_indent(layout, table)
    position = _position_for(layout, table, next(iter(values)), order, anchor)
    lines = "".join(key_value_line(key, value, indent) for key, value in values.items())
    if position == len(text) and text and not text.endswith("\n"):
        lines = "\n" + lines
    return text[:position] + lines + text[position:]


def _position_for(
    layout: Layout, table: Path, key: str, order: Sequence[str], anchor: str | None
) -> int:
    """Where a person would add `key`: where the key it replaces was, else after the key
    before it in the file format's order, else after the table's last key."""
    if anchor is not None:
        line = layout.key(table, anchor)
        if line is not None:
            return line.end
    if key in order:
        for earlier in reversed(order[: order.index(key)]):
            line = layout.key(table, earlier)
            if line is not None:
                return line.end
    return layout.own_keys_end(table)


def _remove_key_line(layout: Layout, text: str, table: Path, key: str) -> str:
    line = layout.key(table, key)
    assert line is not None
    index = layout.statements.index(line)
    start = layout.offset(layout.lead_in(index))
    span = layout.tables[table]
    if span.header is not None and layout.lead_in(index) <= span.header:
        start = line.start
    return text[:start] + text[line.end :]


def delete_table(layout: Layout, text: str, table: Path) -> str:
    """Remove a header table (and its sub-tables) with the comment lines directly above it;
    the blank lines and comments after it, which lead into what follows, stay."""
    lead, content, trail = layout.block(table)
    span = layout.tables[table]
    assert span.header is not None
    before_index = layout.lead_in(span.header)
    previous_content = layout.offset(layout.content_end(0, before_index))
    kept = text[previous_content:lead]
    following = text[content:trail]
    if split_blank_lines(following)[0]:
        kept = without_trailing_blank_lines(kept)
    return text[:previous_content] + kept + following + text[trail:]


def append_table(
    layout: Layout,
    text: str,
    array: Path,
    header: str,
    values: Mapping[str, Any],
    default_indent: str = NESTED_INDENT,
) -> str:
    """Append a table to the array of tables `array` (a path such as `("visits", 2,
    "participants")`), indented like the array's last table."""
    existing = layout.arrays.get(array, [])
    indents = layout.indents(existing[-1]) if existing else None
    header_indent, key_indent = indents or (default_indent, default_indent)
    return append_table_text(
        layout, text, array, table_text(header, values, key_indent, header_indent)
    )


def append_table_text(layout: Layout, text: str, array: Path, new: str) -> str:
    """Append `new`, a table's text, to the array of tables `array`: after its last table,
    before the text that leads into what follows. A first table goes after the keys and
    sub-tables of the table holding the array."""
    existing = layout.arrays.get(array, [])
    parent = array[:-1]
    if existing:
        _, content, trail = layout.block(existing[-1])
    elif parent and parent in layout.tables and layout.tables[parent].header is not None:
        _, content, trail = layout.block(parent)
    else:
        raise CannotEdit("no table to append to")
    separator, lead_in = split_blank_lines(text[content:trail])
    head = with_line_end(text[:content])
    tail = separator + lead_in if (separator or lead_in) else ""
    return head + separator + ("" if separator else "\n") + new + tail + text[trail:]


def append_at_end(text: str, new: str) -> str:
    """`new`, a first table, at the very end of the text (after any closing comments)."""
    text = with_line_end(text)
    blank = not text or text.endswith("\n\n")
    return text + ("" if blank else "\n") + new


def reorder_tables(layout: Layout, text: str, array: Path, chunks: Sequence[str]) -> str:
    """Write the tables of `array` as `chunks` (each one table's text with the comment lines
    above it, see `table_chunks`), in that order, where the tables were; the blank lines
    between them are kept."""
    tables = layout.arrays.get(array, [])
    if not tables or not chunks:
        raise CannotEdit("nothing to reorder")
    blocks = [layout.block(path) for path in tables]
    separators = [text[content : blocks[i + 1][0]] for i, (_, content, _) in enumerate(blocks[:-1])]
    joined = []
    for index, chunk in enumerate(chunks):
        if index:
            joined.append(separators[min(index - 1, len(separators) - 1)] if separators else "\n")
        joined.append(chunk)
    return text[: blocks[0][0]] + "".join(joined) + text[blocks[-1][1] :]


def table_chunks(layout: Layout, text: str, array: Path) -> list[str]:
    """Each table of `array` as its text: the comment lines directly above its header, the
    header and its keys (not the blank lines after it)."""
    chunks = []
    for path in layout.arrays.get(array, []):
        lead, content, _ = layout.block(path)
        chunks.append(text[lead:content])
    return chunks

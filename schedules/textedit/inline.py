"""Edits inside an inline array of tables (`visits = [{…}, {…}]`): one element is written
again, appended after the last one on a line of its own (or on the same line, for a
one-line array), or removed with its line; comments between the elements stay."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from schedules.textedit.scan import value_end
from schedules.textedit.values import inline_value

__all__ = ["append_element", "delete_element", "elements", "replace_element"]

_SKIP = re.compile(r"(?:[ \t\r\n,]|#[^\n]*)*")
_SPACES = re.compile(r"[ \t]*")


def elements(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the elements of the array written at `text[start:end]`."""
    spans: list[tuple[int, int]] = []
    position = start + 1
    while True:
        position = _SKIP.match(text, position).end()  # type: ignore[union-attr]
        if position >= end - 1 or text[position] == "]":
            return spans
        stop = value_end(text, position)
        spans.append((position, stop))
        position = stop


def _padded(text: str, span: tuple[int, int]) -> bool:
    """Written `{ a = 1 }` rather than `{a = 1}`."""
    return text.startswith("{ ", span[0])


def _written(values: Mapping[str, Any], padded: bool) -> str:
    written = inline_value(values)
    return "{ " + written[1:-1] + " }" if padded and len(written) > 2 else written


def replace_element(text: str, span: tuple[int, int], values: Mapping[str, Any]) -> str:
    return text[: span[0]] + _written(values, _padded(text, span)) + text[span[1] :]


def append_element(
    text: str, spans: list[tuple[int, int]], end: int, values: Mapping[str, Any]
) -> str:
    """`values` after the last element of the array ending at `end`."""
    last = spans[-1]
    new = _written(values, _padded(text, last))
    multi_line = "\n" in text[spans[0][0] : end]
    after = _SPACES.match(text, last[1]).end()  # type: ignore[union-attr]
    has_comma = text.startswith(",", after)
    if not multi_line:
        point = after + 1 if has_comma else last[1]
        return text[:point] + (" " if has_comma else ", ") + new + text[point:]
    line_start = text.rfind("\n", 0, last[0]) + 1
    indent = text[line_start : _SPACES.match(text, line_start).end()]  # type: ignore[union-attr]
    if not has_comma:
        text = text[: last[1]] + "," + text[last[1] :]
        after += 1
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    return text[:line_end] + "\n" + indent + new + "," + text[line_end:]


def delete_element(text: str, spans: list[tuple[int, int]], index: int) -> str:
    """The array without element `index` (with its line, when it has one of its own)."""
    start, stop = spans[index]
    after = _SPACES.match(text, stop).end()  # type: ignore[union-attr]
    if text.startswith(",", after):
        after = _SPACES.match(text, after + 1).end()  # type: ignore[union-attr]
    line_start = text.rfind("\n", 0, start) + 1
    alone = not text[line_start:start].strip()
    if alone and (after >= len(text) or text[after] in "#\n"):
        line_end = text.find("\n", after)
        return text[:line_start] + text[(len(text) if line_end < 0 else line_end + 1) :]
    if index == len(spans) - 1 and index > 0:
        previous_end = spans[index - 1][1]
        return text[:previous_end] + text[stop:].removeprefix(",")
    return text[:start] + text[after:]

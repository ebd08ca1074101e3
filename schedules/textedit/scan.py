"""Where the statements of valid TOML text are: every table header, key line, comment line and
blank line, with the span of each value.

The loader's source map knows where keys and values *start*; editing text needs where they
*end*, and which comment lines belong to which table.  `statements` reads a piece of text (a
whole file, or one table cut out of it) line by line into `Statement`s; `group_starts` finds
only where each top-level table starts, fast enough for a file of thousands of visits.

Both are meant for text that `tomllib` accepted; they never raise on anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Statement", "group_starts", "statements", "value_end"]

Path = tuple[str | int, ...]
Kind = Literal["header", "key", "comment", "blank"]

_ML_BASIC = r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}'
_ML_LITERAL = r"'''(?:[^']|'{1,2}(?!'))*'{3,5}"
_BASIC = r'"(?:[^"\\\r\n]|\\[^\r\n])*"'
_LITERAL = r"'[^'\r\n]*'"
_STRING = re.compile(f"{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL}")
_ATOM = re.compile(
    r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?|[^\s,\]}#]+"
)
_INSIDE = re.compile(rf"{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL}|#[^\n]*|[\[\]{{}}]")
_KEY_PART = re.compile(rf"[ \t]*([A-Za-z0-9_\-]+|{_BASIC}|{_LITERAL})[ \t]*")
_LINE_END = re.compile(r"[ \t\r]*(#[^\n]*)?(\n|$)")
_BLANK = re.compile(r"[ \t\r]*(\n|$)")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"'}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|([\s\S]))")


@dataclass(frozen=True, slots=True)
class Statement:
    """One line (or, for a value written over several lines, several) of TOML text.

    `start`..`end` is the whole line with its line end; for a key, `value_start`..`value_end`
    is the value as written, and `names` the key's parts (dotted keys have several); for a
    header, `names` are the header's parts and `array` tells `[[...]]` from `[...]`."""

    kind: Kind
    start: int
    end: int
    names: tuple[str, ...] = ()
    array: bool = False
    value_start: int = 0
    value_end: int = 0
    indent: str = ""


def _key_text(token: str) -> str:
    if token.startswith("'"):
        return token[1:-1]
    if token.startswith('"'):
        return _ESCAPE.sub(_unescape, token[1:-1])
    return token


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        return chr(int(code, 16))
    char = match.group(4)
    return _ESCAPES.get(char, "\\" if char == "\\" else match.group())


def _key(text: str, position: int) -> tuple[tuple[str, ...], int] | None:
    """The parts of a (dotted) key at `position` and where it ends; None if there is none."""
    names: list[str] = []
    while True:
        match = _KEY_PART.match(text, position)
        if match is None:
            return None
        names.append(_key_text(match.group(1)))
        position = match.end()
        if position < len(text) and text[position] == ".":
            position += 1
            continue
        return tuple(names), position


def value_end(text: str, start: int) -> int:
    """Where the TOML value written at `start` ends."""
    if start >= len(text):
        return start
    first = text[start]
    if first in "\"'":
        match = _STRING.match(text, start)
        return match.end() if match else start + 1
    if first in "[{":
        depth = 0
        for match in _INSIDE.finditer(text, start):
            token = match.group()
            if token in ("[", "{"):
                depth += 1
            elif token in ("]", "}"):
                depth -= 1
                if depth == 0:
                    return match.end()
        return len(text)
    match = _ATOM.match(text, start)
    return match.end() if match else start + 1


def statements(text: str, start: int = 0, end: int | None = None) -> list[Statement]:
    """The statements of `text[start:end]`, which must begin at a line start."""
    stop = len(text) if end is None else end
    found: list[Statement] = []
    position = start
    while position < stop:
        blank = _BLANK.match(text, position)
        if blank is not None:
            found.append(Statement("blank", position, blank.end()))
            if blank.end() == position:
                break
            position = blank.end()
            continue
        line_start = position
        while text[position] in " \t":
            position += 1
        indent = text[line_start:position]
        char = text[position]
        if char == "#":
            line_end = text.find("\n", position)
            line_end = stop if line_end < 0 else line_end + 1
            found.append(Statement("comment", line_start, line_end, indent=indent))
            position = line_end
            continue
        if char == "[":
            array = text.startswith("[[", position)
            parsed = _key(text, position + (2 if array else 1))
            if parsed is None:
                break
            names, after = parsed
            after += 2 if array else 1
            tail = _LINE_END.match(text, after)
            line_end = tail.end() if tail else after
            found.append(Statement("header", line_start, line_end, names, array, indent=indent))
            position = line_end
            continue
        parsed = _key(text, position)
        if parsed is None or parsed[1] >= len(text) or text[parsed[1]] != "=":
            break  # not TOML this reader understands: stop rather than guess
        names, after = parsed
        value_start = after + 1
        while value_start < len(text) and text[value_start] in " \t":
            value_start += 1
        value_stop = value_end(text, value_start)
        tail = _LINE_END.match(text, value_stop)
        line_end = tail.end() if tail else value_stop
        found.append(
            Statement(
                "key",
                line_start,
                line_end,
                names,
                value_start=value_start,
                value_end=value_stop,
                indent=indent,
            )
        )
        position = line_end
    return found


# --- top-level tables, fast ------------------------------------------------------------------

_TOKENS = re.compile(
    rf"{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL}|#[^\n]*|(?m:^)[ \t]*(\[)|[\[\]{{}}]"
)


def group_starts(text: str) -> list[tuple[int, tuple[str, ...], bool]]:
    """(line start, names, is `[[...]]`) of every table header of `text`, in order; headers
    inside strings and multi-line values are not headers."""
    found: list[tuple[int, tuple[str, ...], bool]] = []
    depth = 0
    for match in _TOKENS.finditer(text):
        if match.start(1) >= 0:
            if depth == 0:
                bracket = match.start(1)
                array = text.startswith("[[", bracket)
                parsed = _key(text, bracket + (2 if array else 1))
                if parsed is not None:
                    found.append((match.start(), parsed[0], array))
                continue  # the header's other brackets balance out below
            depth += 1
            continue
        token = match.group()
        if token in ("[", "{"):
            depth += 1
        elif token in ("]", "}"):
            depth = max(0, depth - 1)
    return found

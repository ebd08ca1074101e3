"""Positions in a document's text, and what the cursor is on.

The loader counts lines and columns from 1 in code points; LSP counts from 0 in the client's
units (UTF-16 unless the client chose otherwise). What is under the cursor is read with a small
tokenizer over the cursor's line (and, inside a multi-line array, the lines above it): a key
path is not needed, only the table the line is in, the key and the value token.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from lsprotocol import types


class Lines:
    """A text's lines, and conversion between code points and the client's position units.

    Splitting 45,000 lines takes longer than checking an edit, so only a few line starts are
    found up front (one every few thousand characters); a line is found from the one before it.
    """

    _STEP = 4096

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self._count = text.count("\n") + 1
        self._lines = [0]
        self._offsets = [0]
        self._known: dict[int, str] = {}
        line = offset = 0
        while offset + self._STEP < len(text):
            newline = text.find("\n", offset + self._STEP)
            if newline < 0:
                break
            line += text.count("\n", offset, newline + 1)
            offset = newline + 1
            self._lines.append(line)
            self._offsets.append(offset)

    def __len__(self) -> int:
        return self._count

    def _start(self, index: int) -> int:
        """Where 0-based line `index` starts (it must exist)."""
        anchor = bisect_right(self._lines, index) - 1
        line, offset = self._lines[anchor], self._offsets[anchor]
        while line < index:
            offset = self.text.index("\n", offset) + 1
            line += 1
        return offset

    def line(self, index: int) -> str:
        """The 0-based line `index`, without its line ending ('' past the end)."""
        found = self._known.get(index)
        if found is not None:
            return found
        if not 0 <= index < self._count:
            return ""
        start = self._start(index)
        end = self.text.find("\n", start)
        found = self._known[index] = self.text[start : end if end >= 0 else len(self.text)]
        return found.removesuffix("\r")

    def _units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of 0-based `line` and code-point `column`."""
        line = max(0, min(line, len(self) - 1))
        return types.Position(line=line, character=self._units(self.line(line)[:column]))

    def column(self, position: types.Position) -> int:
        """The code-point column of an LSP position on its line."""
        text = self.line(position.line)
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return index
            units += self._units(char)
        return len(text)

    def line_of(self, offset: int) -> int:
        """The 0-based line of a code-point offset into the text."""
        anchor = bisect_right(self._offsets, offset) - 1
        return self._lines[anchor] + self.text.count("\n", self._offsets[anchor], offset)


TokenKind = Literal["string", "bare", "punct"]

_TOKEN = re.compile(
    r"""(?P<string>"(?:[^"\\]|\\.)*(?:"|$)|'[^']*(?:'|$))"""
    r"|(?P<bare>[A-Za-z0-9_+\-:]+)"
    r"|(?P<comment>\#.*)"
    r"|(?P<punct>[\[\]{},=.])"
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str
    """As written (with its quotes)."""
    start: int
    end: int
    """Code-point columns on the line, `end` exclusive."""

    @property
    def value(self) -> str:
        """The string without its quotes (escapes left as written), or the bare word."""
        if self.kind != "string":
            return self.text
        quote = self.text[0]
        inner = self.text[1:]
        return inner[:-1] if len(inner) and inner.endswith(quote) else inner

    @property
    def closed(self) -> bool:
        return self.kind != "string" or (len(self.text) >= 2 and self.text.endswith(self.text[0]))


def tokens(line: str) -> list[Token]:
    """The tokens of one line, up to a comment."""
    found: list[Token] = []
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup
        if kind == "comment":
            break
        if kind in ("string", "bare", "punct"):
            found.append(Token(kind, match.group(), match.start(), match.end()))  # type: ignore[arg-type]
    return found


def token_at(line: str, column: int) -> Token | None:
    """The string or word that `column` is in or just after."""
    for token in tokens(line):
        if token.start <= column <= token.end and token.kind != "punct":
            return token
    return None


_HEADER = re.compile(r"^[ \t]*\[(\[?)([^\[\]#]*)\]")
_HEADER_PART = re.compile(r"""[ \t]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_\-]+))[ \t]*""")


def header_names(line: str) -> tuple[str, ...] | None:
    """The key parts of a `[table]` or `[[array]]` header line; None for any other line."""
    match = _HEADER.match(line)
    if match is None:
        return None
    parts: list[str] = []
    for piece in match.group(2).split("."):
        part = _HEADER_PART.fullmatch(piece)
        if part is None:
            return None
        parts.append(next(group for group in part.groups() if group is not None))
    return tuple(parts)


@dataclass(frozen=True, slots=True)
class Place:
    """What the cursor is on."""

    table: tuple[str, ...]
    """The header of the table the line is in (`("visits", "participants")`); () at the top."""
    key: str | None
    """The (last part of the) key whose value the cursor is in or on."""
    token: Token | None
    """The string or word under the cursor."""
    on_key: bool
    """The cursor is on the key itself (before `=`)."""
    line: int
    """The cursor's 0-based line."""

    @property
    def root(self) -> str | None:
        return self.table[0] if self.table else None


_LOOK_BACK = 200
"""How many lines up to look for the key of a multi-line array."""


def place_at(lines: Lines, line: int, column: int) -> Place:
    """What is at 0-based `line`, code-point `column`."""
    text = lines.line(line)
    token = token_at(text, column)
    header = header_names(text)
    if header is not None:
        return Place(header, None, token, False, line)
    table = _table_of(lines, line)
    row = tokens(text)
    # the nearest `key =` left of the cursor: also right inside an inline table
    equals = [i for i, t in enumerate(row) if t.text == "=" and t.start < column]
    if equals:
        at = equals[-1]
        key = row[at - 1].value if at > 0 else None
        return Place(table, key, token, False, line)
    if token is not None and any(t.text == "=" for t in row if t.start >= token.end):
        return Place(table, token.value, token, True, line)
    return Place(table, _array_key(lines, line), token, False, line)


def _table_of(lines: Lines, line: int) -> tuple[str, ...]:
    for index in range(line, -1, -1):
        names = header_names(lines.line(index))
        if names is not None:
            return names
    return ()


def _array_key(lines: Lines, line: int) -> str | None:
    """The key of the multi-line array that `line` is inside, if any."""
    depth = 0
    for index in range(line - 1, max(-1, line - _LOOK_BACK), -1):
        text = lines.line(index)
        if header_names(text) is not None:
            return None
        row = tokens(text)
        for token in reversed(row):
            if token.text == "]":
                depth -= 1
            elif token.text == "[":
                depth += 1
        if depth > 0:
            equals = [i for i, t in enumerate(row) if t.text == "="]
            if equals and equals[0] > 0:
                return row[equals[0] - 1].value
            return None
    return None

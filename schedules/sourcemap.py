"""Where each key and value of a TOML document is written.

``tomllib`` parses fast but forgets positions.  :class:`SourceMap` re-reads the same text with a
small single-regex tokenizer and records, for every *path* into the parsed data (a tuple of
``str`` table keys and ``int`` array indices, exactly as the result of ``tomllib.loads`` is
indexed), the offset of its key and of its value.  Offsets become 1-based ``(line, column)``
positions only when looked up; columns count Unicode code points (``str`` index + 1).

What is recorded:

* ``k = v``: ``key`` is the first character of ``k`` and ``value`` the first character of ``v``
  (the opening quote of a string, the ``[`` of an array, the ``{`` of an inline table, the first
  character of a number, boolean or date).
* Dotted keys ``a.b.c = v``: each path gets the position of *its own* part: ``key(.., "a", "b",
  "c")`` is where ``c`` is written, ``key(.., "a")`` where ``a`` is written (the first time the
  table ``a`` is created).  Tables that have no literal value of their own (created by a header,
  implicitly by a header or a dotted key) have ``value() == key()``.
* Table headers ``[a.b]`` and array-of-tables elements ``[[a.b]]``: the ``[`` of the header, for
  the table itself and for the super-tables it implicitly creates (the first place where they are
  created; a later explicit ``[a]`` header takes precedence over an implicit creation).  The
  array of tables itself (``("a", "b")`` for ``[[a.b]]``) is at its first header.
* Array elements: ``key`` and ``value`` are both the element's first character.

The scanner is meant for text that ``tomllib`` accepted.  On anything else it never raises; it
records whatever it could make sense of.  Paths longer than 32 parts are not recorded: what is
nested deeper is skipped (its brackets counted, so that everything after it is mapped as usual),
which bounds memory on nonsense such as 100,000 nested ``[``; :meth:`SourceMap.locate` still
finds the nearest recorded ancestor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import accumulate, chain, pairwise

__all__ = ["Path", "Position", "SourceMap", "first_long_integer", "too_deep"]

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and a 1-based column counted in Unicode code points."""

    line: int
    column: int


# --------------------------------------------------------------------------------------------
# Tokenizer: one compiled alternation, run with ``finditer``.  Each match first skips
# whitespace and newlines, then takes exactly one token, so matches are contiguous and the
# search never has to retry at later positions.  Every alternative ends with its own
# capturing group, so ``match.lastindex`` is the token kind and ``match.start(kind)`` where the
# token starts.  Possessive quantifiers keep matching linear on broken input.

_ML_BASIC = r'"""(?:[^"\\]++|\\[\s\S]|"{1,2}(?!"))*+"{3,5}'
_ML_LITERAL = r"'''(?:[^']++|'{1,2}(?!'))*+'{3,5}"
_BASIC = r'"(?:[^"\\\r\n]++|\\[^\r\n])*+"'
_LITERAL = r"'[^'\r\n]*+'"
_STRING = f"{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL}"
# Numbers, booleans, dates and times, bare keys (a dotted bare key is one atom, split later).
# A date-time may use a space instead of ``T``; no valid key can look like that.
_ATOM = r"(?:\d{4}-\d\d-\d\d[ ](?=\d\d:))?[A-Za-z0-9_+\-:][A-Za-z0-9_+\-.:]*+"

_BARE_KEY = r"[A-Za-z0-9_\-]++"
_KEY_PART = rf"(?:{_BARE_KEY}|{_BASIC}|{_LITERAL})"
_COMMA = r"(?:[ \t]*+,)?"  # a comma after a scalar is taken with it: fewer tokens

_TOKEN = re.compile(
    r"[ \t\r\n]*+(?:"
    # 1, 2: the common case ``bare_key = scalar`` in one match.
    rf"({_BARE_KEY})[ \t]*+=[ \t]*+({_STRING}|{_ATOM}){_COMMA}"
    # 3: comment
    r"|(\#[^\r\n]*+)"
    # 4: a whole table header ``[a . "b"]`` or ``[[a.b]]``; in a value, the same text is an
    # array (``[1]``, ``[["x"]]``) and is then scanned again from its second character.
    rf"|(\[\[?[ \t]*+{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+[ \t]*+\]\]?)"
    # 5: string (a value or a quoted key)
    rf"|({_STRING}){_COMMA}"
    # 6: atom
    rf"|({_ATOM}){_COMMA}"
    # 7: punctuation
    r"|([\[\]{},=.])"
    # 8: anything else (one character; empty at the end of the text)
    r"|([\s\S]?))"
)
_KV_VALUE = 2
_COMMENT = 3
_HEADER_TOKEN = 4
_STR = 5
_ATOM_TOKEN = 6
_PUNCT = 7
_OTHER = 8

_HEADER_PART = re.compile(rf"({_BARE_KEY})|({_BASIC}|{_LITERAL})")

# Scanner modes.
_KEY = 0  # at a statement start, or expecting a key inside an inline table
_VALUE = 1  # after ``=``
_ARRAY = 2  # inside an array
_HEADER = 3  # inside ``[...]`` / ``[[...]]``

# The longest path recorded.  Real documents stay far below; the limit keeps nonsense such as
# 100,000 nested ``[`` from taking quadratic memory.  Deeper values are skipped.
_MAX_DEPTH = 32
# Where keys under a table or dotted key too deep to record go (no path of the data starts so).
_NOWHERE: tuple[str | int, ...] = ("\x00too deep",)


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|([\s\S]))")
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        value = int(code, 16)
        return chr(value) if value <= 0x10FFFF else match.group()
    char = match.group(4)
    return _SIMPLE_ESCAPES.get(char, match.group())


def _key_text(token: str) -> str:
    """The key string of a quoted key token (basic-string escapes decoded)."""
    if token.startswith(('"""', "'''")) and len(token) >= 6:
        token = token[2:-2]
    if token.startswith("'"):
        return token[1:-1]
    return _ESCAPE.sub(_unescape, token[1:-1])


class SourceMap:
    """Key and value positions of a TOML document, addressed by path into its parsed data."""

    __slots__ = ("_keys", "_line_starts", "_text", "_values")

    def __init__(self, text: str, keys: dict[Path, int], values: dict[Path, int]) -> None:
        """Use :meth:`from_text`.  *keys* and *values* map paths to offsets in *text*; a path
        with a value but no key entry is an array element (key = value) or ``bare = value``
        (the key is found back from the value)."""
        self._text = text
        self._keys = keys
        self._values = values
        self._line_starts: list[int] | None = None  # built on the first lookup

    @classmethod
    def from_text(cls, text: str) -> SourceMap:
        """Map *text*.  Never raises; on text ``tomllib`` rejects, maps what it can."""
        keys: dict[Path, int] = {}
        values: dict[Path, int] = {}
        _scan(text, keys, values)
        return cls(text, keys, values)

    # -- lookups ---------------------------------------------------------------------------

    def _starts(self) -> list[int]:
        starts = self._line_starts
        if starts is None:
            # each line's length plus its "\n", summed in C (a generator here costs 0.3 s per 30 MB)
            lengths = map((1).__add__, map(len, self._text.split("\n")))
            starts = [0, *accumulate(lengths)]
            starts.pop()
            self._line_starts = starts
        return starts

    def _position(self, offset: int) -> Position:
        starts = self._starts()
        index = bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1)

    def _key_offset(self, path: Path) -> int | None:
        offset = self._keys.get(path)
        if offset is not None:
            return offset
        offset = self._values.get(path)
        if offset is None or not path or not isinstance(path[-1], str):
            return offset  # unknown, or an array element: its key is its value
        # ``bare_key = value``, recorded by its value only: walk back over `` = `` and the key.
        text = self._text
        end = offset
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if end == 0 or text[end - 1] != "=":
            return offset
        end -= 1
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and text[start - 1] in _BARE_CHARS:
            start -= 1
        return start if start < end else offset

    def key(self, path: Path) -> Position | None:
        """Where the key of *path* is written, or ``None`` if unknown.

        ``k = v``: the first character of ``k``.  A dotted key ``a.b.c = v``: each part is at its
        own position, so the path ending in ``"c"`` is at ``c`` (not at the start of ``a``), and
        the path ending in ``"a"`` at ``a`` (where that table was first created).  A header
        table or array-of-tables element: the ``[`` of its header.  An inline array element: its
        first character.
        """
        try:
            offset = self._key_offset(path)
        except TypeError:  # an unhashable path
            return None
        return None if offset is None else self._position(offset)

    def value(self, path: Path) -> Position | None:
        """Where the value of *path* starts, or ``None`` if unknown.

        The first character of the string (its opening quote), number, boolean, date, ``[`` or
        ``{``.  For tables without a literal value (header tables, implicitly created tables),
        the same as :meth:`key`.
        """
        try:
            offset = self._values.get(path)
        except TypeError:  # an unhashable path
            return None
        return None if offset is None else self._position(offset)

    def locate(self, path: Path) -> Position:
        """Best effort, never raises: the value's position if known, else the key's, else the
        key of the nearest known ancestor, else ``Position(1, 1)``."""
        found = self.value(path) or self.key(path)
        if found is not None:
            return found
        try:
            parts = tuple(path)
        except TypeError:  # not a path at all
            return Position(1, 1)
        for end in range(len(parts) - 1, 0, -1):
            found = self.key(parts[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def line_text(self, line: int) -> str:
        """The text of 1-based *line*, without its line ending; ``''`` if out of range."""
        starts = self._starts()
        if not isinstance(line, int) or not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self._text)
        text = self._text[start:end]
        return text[:-1] if text.endswith("\r") else text

    def paths(self) -> list[Path]:
        """Every path with a known position, in the order of their first offsets."""
        merged = dict(self._values)
        merged.update(self._keys)
        return sorted(merged, key=merged.__getitem__)


_BARE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


# --------------------------------------------------------------------------------------------
# Scanner


def _scan(text: str, keys: dict[Path, int], values: dict[Path, int]) -> None:
    """Fill *keys* and *values* with offsets: a flat state machine over the tokens."""
    table: Path = ()  # the current [table] / [[array]] element
    base: Path = ()  # what keys are relative to: ``table`` or the innermost inline table
    aot_count: dict[Path, int] = {}  # array-of-tables path -> elements so far
    implicit: set[Path] = set()  # tables created only implicitly by a header so far
    header_names: dict[str, list[str]] = {}  # header token -> its key parts (a cache)
    # Open arrays and inline tables: their paths, and the next index (-1 for an inline table).
    stack_paths: list[Path] = []
    stack_next: list[int] = []
    parts: list[tuple[str, int]] = []  # key parts read so far, with their offsets
    pending: Path = ()  # the path whose value follows ``=``
    mode = _KEY
    header_start = 0  # of a header that did not come as one token (broken text)
    header_aot = False
    restart = 0  # where to (re)start tokenizing

    while restart >= 0:
        tokens = _TOKEN.finditer(text, restart)
        restart = -1
        for match in tokens:
            kind = match.lastindex

            # The frequent cases first: ``key = scalar`` and a scalar array element.  (In this
            # loop, ``a + (b,)`` and chained ``==`` are measurably faster than ``(*a, b)`` and
            # ``in (...)``, hence the ``noqa``.)
            if kind == _KV_VALUE and mode == _KEY:
                if parts:
                    parts.append((match.group(1), match.start(1)))
                    path = _record_key(base, parts, keys, values)
                    parts.clear()
                else:
                    # Only the value is recorded: the key is found back from it on lookup.
                    path = base + (match.group(1),)  # noqa: RUF005
                values[path] = match.start(2)
                continue
            if mode == _ARRAY and (kind == _STR or kind == _ATOM_TOKEN):  # noqa: SIM109
                index = stack_next[-1]
                stack_next[-1] = index + 1
                values[stack_paths[-1] + (index,)] = match.start(kind)
                continue
            if kind is None or kind == _COMMENT or kind == _OTHER:  # noqa: SIM109
                continue
            start = match.start(kind)

            if kind == _HEADER_TOKEN:
                if mode == _KEY and not stack_paths:
                    token = match.group(kind)
                    names = header_names.get(token)
                    if names is None:
                        names = header_names[token] = _header_names(token)
                    table = base = _enter_header(
                        names, start, token.startswith("[["), keys, values, aot_count, implicit
                    )
                    parts.clear()
                    continue
                # Not a header: take its ``[`` alone, and go on from the next character.
                kind = _PUNCT
                restart = start + 1

            if mode == _KEY:
                if kind == _ATOM_TOKEN:
                    offset = start
                    for name in match.group(kind).split("."):
                        if name:
                            parts.append((name, offset))
                        offset += len(name) + 1
                elif kind == _STR:
                    parts.append((_key_text(match.group(kind)), start))
                else:  # punctuation
                    char = text[start]
                    if char == "=":
                        if parts:
                            pending = _record_key(base, parts, keys, values)
                            parts.clear()
                            mode = _VALUE
                    elif char == "[":
                        parts.clear()
                        if not stack_paths:
                            mode = _HEADER
                            header_start = start
                            header_aot = text.startswith("[[", start)
                    elif char == "}":
                        parts.clear()
                        if stack_paths and stack_next[-1] < 0:
                            mode, base = _close(stack_paths, stack_next, table)
                    # A ``.`` between key parts needs nothing; ``,`` and ``]`` are ignored.
                if restart >= 0:
                    break
                continue

            if mode == _HEADER:  # only for broken text: a valid header is a single token
                if kind == _ATOM_TOKEN:
                    parts.extend(
                        (name, header_start) for name in match.group(kind).split(".") if name
                    )
                elif kind == _STR:
                    parts.append((_key_text(match.group(kind)), header_start))
                elif kind == _PUNCT and text[start] == "]":
                    if parts:
                        names = [name for name, _ in parts]
                        table = base = _enter_header(
                            names, header_start, header_aot, keys, values, aot_count, implicit
                        )
                        parts.clear()
                    mode = _KEY
                if restart >= 0:
                    break
                continue

            # A value after ``=`` (mode _VALUE) or an array element (mode _ARRAY) that is not a
            # scalar: an array, an inline table, punctuation, or (broken text) ``k = v`` again.
            if kind == _PUNCT:
                char = text[start]
                if char == "]" and mode == _ARRAY:
                    mode, base = _close(stack_paths, stack_next, table)
                    continue
                if char not in "[{":
                    # ``,`` between elements; anything else is broken text: drop the value.
                    if mode == _VALUE and char != ",":
                        mode = _KEY
                    continue
            elif kind == _KV_VALUE:
                start = match.start(2)
            if mode == _ARRAY:
                index = stack_next[-1]
                stack_next[-1] = index + 1
                path = (*stack_paths[-1], index)
            else:
                path = pending
            values[path] = start
            if kind == _PUNCT:
                if len(path) >= _MAX_DEPTH:
                    # too deep to record: go on after its closing bracket, as after a scalar
                    restart = _after_nested(text, start + 1)
                    if mode == _VALUE:
                        mode = _KEY
                    break
                stack_paths.append(path)
                if text[start] == "[":
                    stack_next.append(0)
                    mode = _ARRAY
                else:
                    stack_next.append(-1)
                    base = path
                    mode = _KEY
            elif mode == _VALUE:
                mode = _KEY  # a scalar ends the statement or the inline-table entry
            if restart >= 0:
                break


def _after_nested(text: str, start: int) -> int:
    """The offset after the bracket that closes the array or inline table opened just before
    *start* (the end of the text if none does)."""
    depth = 1
    for match in _TOKEN.finditer(text, start):
        kind = match.lastindex
        if kind == _PUNCT:
            char = text[match.start(kind)]
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return match.end()
        elif kind == _HEADER_TOKEN:  # in a value, ``[["a"]]`` is arrays: count its brackets
            token = match.group(kind)
            depth += (2 if token.startswith("[[") else 1) - (2 if token.endswith("]]") else 1)
            if depth <= 0:
                return match.end()
    return len(text)


def too_deep(text: str, limit: int) -> int | None:
    """The offset of the first ``[`` or ``{`` in a value that opens more than *limit* nested
    arrays or inline tables, or ``None``."""
    depth = 0
    after_equals = False  # a ``[`` at a statement's start opens a table header, not an array
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind is None or kind == _COMMENT or kind == _OTHER:  # noqa: SIM109
            continue
        start = match.start(kind)
        if kind == _HEADER_TOKEN and (depth or after_equals):  # arrays: ``[["a"]]``
            token = match.group(kind)
            opens = 2 if token.startswith("[[") else 1
            if depth + opens > limit:
                return start + limit - depth
            depth = max(0, depth + opens - (2 if token.endswith("]]") else 1))
        elif kind == _PUNCT:
            char = text[start]
            if char in "[{":
                depth += 1
                if depth > limit:
                    return start
            elif char in "]}":
                depth = max(0, depth - 1)
        after_equals = kind == _PUNCT and text[start] == "="
    return None


def first_long_integer(text: str, digits: int = 4300) -> int | None:
    """The offset of the first decimal integer value of more than *digits* digits, or
    ``None``."""
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind == _KV_VALUE or kind == _ATOM_TOKEN:  # noqa: SIM109
            atom = match.group(kind)
            if len(atom) > digits and atom.lstrip("+-")[:1].isdigit():
                count = sum(1 for char in atom if char.isdigit())
                if count > digits and not atom.lstrip("+-").startswith(("0x", "0o", "0b")):
                    return match.start(kind)
    return None


def _header_names(token: str) -> list[str]:
    """The key parts of a header token such as ``[ a . "b.c" ]`` or ``[[a.b]]``."""
    inner = token.strip("[] \t")
    if '"' not in inner and "'" not in inner:
        return [name.strip(" \t") for name in inner.split(".")]
    return [
        match.group() if match.lastindex == 1 else _key_text(match.group())
        for match in _HEADER_PART.finditer(inner)
    ]


def _record_key(
    base: Path, parts: list[tuple[str, int]], keys: dict[Path, int], values: dict[Path, int]
) -> Path:
    """Record the (dotted) key *parts* under *base*; return its full path.

    Each part is recorded at its own offset; the tables a dotted key creates keep the position
    where they were first written.
    """
    if len(base) + len(parts) > _MAX_DEPTH:
        return (*_NOWHERE, parts[-1][0])
    path = base
    for name, offset in parts[:-1]:
        path = (*path, name)
        if path not in keys:
            keys[path] = values[path] = offset
    name, offset = parts[-1]
    path = (*path, name)
    keys[path] = offset
    return path


def _close(stack_paths: list[Path], stack_next: list[int], table: Path) -> tuple[int, Path]:
    """Pop the innermost array or inline table; return the new scanner mode and key base."""
    stack_paths.pop()
    stack_next.pop()
    if not stack_paths:
        return _KEY, table
    if stack_next[-1] >= 0:
        return _ARRAY, stack_paths[-1]  # the base is unused in an array
    return _KEY, stack_paths[-1]


def _enter_header(
    names: list[str],
    start: int,
    is_array: bool,
    keys: dict[Path, int],
    values: dict[Path, int],
    aot_count: dict[Path, int],
    implicit: set[Path],
) -> Path:
    """Record the header ``[names]`` / ``[[names]]`` at *start*; return the new current table.

    A name that is an array of tables stands for its latest element, as in TOML.
    """
    path: Path = ()
    last = len(names) - 1
    for i, name in enumerate(names):
        if len(path) >= _MAX_DEPTH:
            return _NOWHERE
        path = (*path, name)
        if i < last:
            count = aot_count.get(path)
            if count is not None:
                path = (*path, count - 1)
            elif path not in keys:
                keys[path] = values[path] = start
                implicit.add(path)
        elif is_array:
            count = aot_count.get(path, 0)
            aot_count[path] = count + 1
            if count == 0 and (path not in keys or path in implicit):
                keys[path] = values[path] = start
                implicit.discard(path)
            path = (*path, count)
            keys[path] = values[path] = start
        elif path not in keys or path in implicit:
            keys[path] = values[path] = start
            implicit.discard(path)
    return path


# --------------------------------------------------------------------------------------------
# A text made of blocks


class Block:
    """A piece of text whose own source map is built on first use and then kept: a text that
    is edited piece by piece maps again only the pieces that changed.  The piece may be
    `source[start:end]`, cut only when it is mapped."""

    __slots__ = ("_map", "_newlines", "_source", "_text", "end", "start")

    def __init__(self, source: str, start: int = 0, end: int | None = None) -> None:
        self._source = source
        self.start = start
        self.end = len(source) if end is None else end
        whole = start == 0 and self.end == len(source)
        self._text: str | None = source if whole else None
        self._map: SourceMap | None = None
        self._newlines: int | None = None

    @property
    def text(self) -> str:
        found = self._text
        if found is None:
            found = self._text = self._source[self.start : self.end]
        return found

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def map(self) -> SourceMap:
        found = self._map
        if found is None:  # two threads may both build it: the same result either way
            found = self._map = SourceMap.from_text(self.text)
        return found

    @property
    def newlines(self) -> int:
        found = self._newlines
        if found is None:
            found = self._newlines = self._source.count("\n", self.start, self.end)
        return found


ArrayBlocks = tuple[str, tuple[Block, ...], Block]
"""An array of tables ``[[key]]`` as (key, its elements' text, the trivia after it)."""


class BlockSourceMap(SourceMap):
    """The source map of a text made of a head and arrays of tables, each element one block.

    The text is ``head`` followed, for each array, by its elements and then its trailing
    ``gap``.  What the caller guarantees: the head is everything before the first element, and
    the arrays' keys do not occur in it; each element block is exactly one ``[[key]]`` table
    with its sub-tables (its leading blank lines and trailing comments included); each gap
    holds only blank lines and comments.  Then every position is the one
    :meth:`SourceMap.from_text` finds in the whole text, but only the head and the elements
    looked up are ever scanned.
    """

    __slots__ = ("_arrays", "_head", "_index", "_starts_of")

    def __init__(
        self, head: Block, arrays: tuple[ArrayBlocks, ...], text: str | None = None
    ) -> None:
        """`text`, when given, must be the blocks joined."""
        if text is None:
            parts = [head.text]
            for _, elements, gap in arrays:
                parts.extend(element.text for element in elements)
                parts.append(gap.text)
            text = "".join(parts)
        super().__init__(text, {}, {})
        self._head = head
        self._arrays = arrays
        self._index = {key: elements for key, elements, _ in arrays}
        self._starts_of: dict[str, list[tuple[int, int]]] | None = None

    @classmethod
    def split(cls, text: str, arrays: Mapping[str, int]) -> BlockSourceMap | None:
        """The map of valid TOML `text` whose top-level arrays of tables are `arrays` (each
        key with its number of tables, as parsed), cut before each of their headers; None
        unless that layout is certain: each array's headers, found as written
        (``[[visits]]``), are as many as its tables and follow each other, and between them
        come only their own sub-tables (``[[visits.participants]]``)."""
        if not arrays or not all(_BARE_KEY_TEXT.fullmatch(key) for key in arrays):
            return None
        names = "|".join(f"{key}|\"{key}\"|'{key}'" for key in arrays)
        header = rf"([ \t]*\[\[[ \t]*({names})[ \t]*\]\][ \t]*(?:\#[^\r\n]*)?)(?=\r?\n|$)"
        at_start = re.compile(header).match(text)
        starts: dict[str, list[int]] = {}
        order: list[str] = []
        # (a search for "\n" first is several times faster than one that may also match at 0)
        for match in chain([at_start] if at_start else [], re.finditer("\n" + header, text)):
            key = match.group(2).strip("\"'")
            if key not in starts:
                order.append(key)
                starts[key] = []
            elif order[-1] != key:
                return None  # one array's tables are split by another's
            starts[key].append(match.start(1))
        if order == [] or any(len(starts.get(key, ())) != count for key, count in arrays.items()):
            return None
        ends = [starts[key][0] for key in order[1:]] + [len(text)]
        blocks: list[ArrayBlocks] = []
        for key, end in zip(order, ends, strict=True):
            first = starts[key][0]
            # anything but this array's own headers here would be another table
            foreign = re.compile(rf"\n[ \t]*\[(?!\[?[ \t]*(?:{key}|\"{key}\"|'{key}')[ \t]*[.\]])")
            if foreign.search(text, first, end) is not None:
                return None
            bounds = [*starts[key], end]
            elements = tuple(Block(text, a, b) for a, b in pairwise(bounds))
            blocks.append((key, elements, Block("")))
        return cls(Block(text, 0, starts[order[0]][0]), tuple(blocks), text)

    @property
    def text(self) -> str:
        """The whole text."""
        return self._text

    def elements(self, key: str) -> tuple[Block, ...]:
        """The blocks of the elements of the array `key` (none if it is not one of them)."""
        return self._index.get(key, ())

    def _element(self, path: Path) -> tuple[str, int, Path] | None:
        """(array key, element index, the same path inside the element's own text) for a path
        into one of the arrays; `_NOT_IN_ARRAYS` for any other path."""
        key = path[0] if path else None
        elements = self._index.get(key) if isinstance(key, str) else None
        if elements is None:
            return _NOT_IN_ARRAYS
        assert isinstance(key, str)
        if len(path) == 1:  # the array itself is where its first element is
            return (key, 0, path) if elements else None
        index = path[1]
        if not isinstance(index, int) or not 0 <= index < len(elements):
            return None
        return key, index, (key, 0, *path[2:])

    def _element_starts(self, key: str) -> list[tuple[int, int]]:
        """(0-based line, offset) where each element of the array `key` starts."""
        found = self._starts_of
        if found is None:
            found = {}
            line, offset = self._head.newlines, len(self._head)
            for array_key, elements, gap in self._arrays:
                starts = []
                for element in elements:
                    starts.append((line, offset))
                    line += element.newlines
                    offset += len(element)
                found[array_key] = starts
                line += gap.newlines
                offset += len(gap)
            self._starts_of = found
        return found[key]

    def _look_up(self, path: Path, value: bool) -> Position | None:
        try:
            found = self._element(path)
        except TypeError:  # an unhashable path
            return None
        if found is _NOT_IN_ARRAYS:
            head = self._head.map
            return head.value(path) if value else head.key(path)
        if found is None:
            return None
        key, index, inner = found
        element = self._index[key][index].map
        position = element.value(inner) if value else element.key(inner)
        if position is None:
            return None
        line, offset = self._element_starts(key)[index]
        column = position.column
        if position.line == 1:  # the element may start inside a line
            column += offset - (self._text.rfind("\n", 0, offset) + 1)
        return Position(position.line + line, column)

    def key(self, path: Path) -> Position | None:
        return self._look_up(path, value=False)

    def value(self, path: Path) -> Position | None:
        return self._look_up(path, value=True)

    def paths(self) -> list[Path]:
        """Every path with a known position (this scans the whole text)."""
        return SourceMap.from_text(self._text).paths()


_NOT_IN_ARRAYS: tuple[str, int, Path] = ("", -1, ())
_BARE_KEY_TEXT = re.compile(_BARE_KEY)

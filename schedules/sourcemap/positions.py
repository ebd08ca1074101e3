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

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from schedules.sourcemap.scan import Path, scan


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and a 1-based column counted in Unicode code points."""

    line: int
    column: int


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
        scan(text, keys, values)
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

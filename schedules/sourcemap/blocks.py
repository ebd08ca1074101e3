"""A text made of blocks: the live-edit source map, which maps again only the pieces of a text
that changed (the head and each ``[[table]]`` element one block)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import chain, pairwise

from schedules.sourcemap.positions import Position, SourceMap
from schedules.sourcemap.scan import Path
from schedules.sourcemap.tokens import _BARE_KEY


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

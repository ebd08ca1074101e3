"""Reading a document again after an edit, parsing only the tables that changed.

A schedule is mostly arrays of tables (`[[visits]]`, ...), each element a few lines. The text is
cut before each top-level `[[agreements]]`, `[[visits]]`, `[[actions]]` or `[[waivers]]` header;
each piece is parsed on its own and kept, keyed by its text, so an edit parses the piece it
touched and the head. The unchanged pieces keep their very tables, which lets the loader reuse
their validated models (`document_of(previous=...)`).

This gives what `load_text` gives on the whole text, because a piece starts at a header, where a
parser of the whole text is at the start of a statement, in a new table. Where that argument
does not hold, the whole text is parsed as `visits check` does: a head that itself defines one of
those arrays, a piece that defines another table (`[partnership]` after the visits), and a
syntax error at the very end of a piece that is not the last one (an unclosed multi-line string
or array would have gone on into the next piece).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from schedules.diagnostics import Diagnostic
from schedules.loader import Document, document_of, load_text
from schedules.sourcemap import ArrayBlocks, Block, BlockSourceMap

try:  # the loader's parser: the same results, the same messages
    import tomli as toml_parser
except ImportError:  # pragma: no cover - tomli is a dependency
    import tomllib as toml_parser  # type: ignore[no-redef]

ARRAY_KEYS = ("agreements", "visits", "actions", "waivers")
_HEADER = r"[ \t]*\[\[[ \t]*(?:agreements|visits|actions|waivers)[ \t]*\]\]"
_SPLIT_AT_START = re.compile(_HEADER)
_SPLIT_AFTER_NEWLINE = re.compile("\n" + _HEADER)  # several times faster than a `^` search


@dataclass(frozen=True, slots=True)
class _Piece:
    """One piece of text as parsed: its tables, or the reason it cannot be used alone."""

    data: dict[str, Any] | None
    """The piece's TOML data; None on a syntax error."""
    problem: Diagnostic | None
    """The syntax error, at a line counted from the piece's first line."""
    lines: int
    """How many lines the piece spans (its last line may be empty)."""
    alone: bool = True
    """False when the parser failed on the piece other than by a syntax error (a value it
    cannot take): then only the whole text tells what `visits check` says."""
    block: Block = field(default_factory=lambda: Block(""))
    """The piece's text, with its source map once something in it was looked up."""
    only_arrays: bool = False
    """It holds only elements of the split arrays (and their own sub-tables)."""
    single: str | None = None
    """The key of the one array it adds exactly one table to, if that is all it holds."""


def _pieces(text: str) -> list[tuple[int, str]]:
    """(first line, text) of the head and of each piece starting at an array header."""
    starts = [match.start() + 1 for match in _SPLIT_AFTER_NEWLINE.finditer(text)]
    if _SPLIT_AT_START.match(text):
        starts.insert(0, 0)
    bounds = [0, *starts, len(text)]
    found: list[tuple[int, str]] = []
    line = 0
    for start, end in pairwise(bounds):
        piece = text[start:end]
        found.append((line, piece))
        line += piece.count("\n")
    return found


class IncrementalParser:
    """Parses successive versions of one document, reusing the pieces that did not change."""

    def __init__(self) -> None:
        self._pieces: dict[str, _Piece] = {}
        self.reparsed = 0
        """How many pieces the last `load` parsed (the others came from the cache)."""

    def load(self, text: str, path: str, previous: Document | None = None) -> Document:
        """What `load_text(text, path)` returns."""
        text = text.removeprefix("\ufeff")
        pieces = _pieces(text)
        kept: dict[str, _Piece] = {}
        self.reparsed = 0
        data: dict[str, Any] = {}
        used: set[int] = set()
        blocks: list[tuple[str | None, Block]] = []
        for index, (first_line, piece_text) in enumerate(pieces):
            piece = kept.get(piece_text) or self._pieces.get(piece_text)
            if piece is None or (piece.data is not None and id(piece.data) in used):
                piece = self._parse(piece_text)  # new text, or a copy of a piece used already
                self.reparsed += 1
            kept[piece_text] = piece
            if piece.data is None:
                last = index == len(pieces) - 1
                problem = piece.problem
                at_end = problem is None or problem.line is None or problem.line >= piece.lines
                self._pieces.update(kept)  # the pieces after this one are still wanted
                if problem is None or not piece.alone or (at_end and not last):
                    return load_text(text, path)
                line = (problem.line or 1) + first_line
                located = replace(problem, path=path, line=line)
                return Document(path=path, text=text, problems=[located])
            used.add(id(piece.data))
            blocks.append((piece.single, piece.block))
            if index == 0:
                if any(key in piece.data for key in ARRAY_KEYS) and len(pieces) > 1:
                    self._pieces = kept
                    return load_text(text, path)  # `visits = [...]` and `[[visits]]` together
                data.update(piece.data)
                continue
            if not piece.only_arrays:
                self._pieces = kept
                return load_text(text, path)
            for key, tables in piece.data.items():
                data.setdefault(key, []).extend(tables)
        self._pieces = kept
        if previous is not None and previous.data is not None:
            for key in ARRAY_KEYS:
                # the very list of an unchanged array lets the loader take its models at once
                before, now = previous.data.get(key), data.get(key)
                if isinstance(before, list) and isinstance(now, list) and _same(before, now):
                    data[key] = before
        return document_of(text, data, path, sourcemap=_sourcemap(text, blocks), previous=previous)

    @staticmethod
    def _parse(text: str) -> _Piece:
        lines = text.count("\n") + 1
        try:
            data = toml_parser.loads(text)
        except toml_parser.TOMLDecodeError:
            problems = load_text(text).problems  # the loader words the syntax error
            return _Piece(None, problems[0] if problems else None, lines)
        except (RecursionError, ValueError):  # nesting too deep, an integer too long...
            return _Piece(None, None, lines, alone=False)
        return _Piece(
            data,
            None,
            lines,
            block=Block(text),
            only_arrays=_only_arrays(data),
            single=_single_table(data),
        )


def _same(before: list[Any], now: list[Any]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


def _single_table(data: dict[str, Any]) -> str | None:
    """The key of the one array the piece adds one table to, if that is all it holds."""
    if len(data) != 1:
        return None
    ((key, tables),) = data.items()
    return key if isinstance(tables, list) and len(tables) == 1 else None


def _sourcemap(text: str, blocks: list[tuple[str | None, Block]]) -> BlockSourceMap | None:
    """The source map of the pieces, each array element one block whose map is kept from one
    version to the next; None unless each piece after the head is one table of one array and
    each array's tables follow each other."""
    if len(blocks) < 2:
        return None
    arrays: list[tuple[str, list[Block]]] = []
    for key, block in blocks[1:]:
        if key is None:
            return None
        if arrays and arrays[-1][0] == key:
            arrays[-1][1].append(block)
        elif any(known == key for known, _ in arrays):
            return None  # one array's tables split by another's
        else:
            arrays.append((key, [block]))
    grouped: tuple[ArrayBlocks, ...] = tuple(
        (key, tuple(elements), Block("")) for key, elements in arrays
    )
    return BlockSourceMap(blocks[0][1], grouped, text)


def _only_arrays(data: dict[str, Any]) -> bool:
    """A piece holds only elements of the split arrays (and their own sub-tables)."""
    return all(
        key in ARRAY_KEYS
        and isinstance(tables, list)
        and all(isinstance(table, dict) for table in tables)
        for key, tables in data.items()
    )

"""A schedule's text as pieces: what comes before the first table header, then each
top-level table (an array-of-tables element with its sub-tables, or a plain table).

An edit changes the few pieces it touches and shares all the others, so a text state is
cheap to keep (for undo) and an edit of a 5,000-visit file costs what editing one visit's
lines costs.  Pieces start at a header line: the comment lines directly above a header are at
the end of the piece before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from schedules.sourcemap import Block, BlockSourceMap
from schedules.textedit.scan import group_starts

_BARE = re.compile(r"[A-Za-z0-9_\-]+")

__all__ = ["Piece", "Pieces", "split"]


@dataclass(frozen=True)
class Piece:
    """`names` of its first header (`("visits",)`, `("parties", "a")`; `()` for the text before
    any header), whether it is `[[...]]`, and its text."""

    names: tuple[str, ...]
    array: bool
    text: str

    @cached_property
    def block(self) -> Block:
        """The piece's text as a block of a `BlockSourceMap`: mapped once, when looked up,
        and kept while the piece is."""
        return Block(self.text)


def split(text: str) -> tuple[Piece, ...]:
    """`text` as pieces (the first one, before any header, may be empty)."""
    starts = group_starts(text)
    return _pieces(text, starts)


def _pieces(text: str, starts: Sequence[tuple[int, tuple[str, ...], bool]]) -> tuple[Piece, ...]:
    cuts: list[tuple[int, tuple[str, ...], bool]] = []
    for start, names, array in starts:
        if cuts:
            _, current, current_array = cuts[-1]
            if current_array and len(current) == 1 and len(names) > 1 and names[0] == current[0]:
                continue  # a sub-table of the current array element
        cuts.append((start, names, array))
    pieces = [Piece((), False, text[: cuts[0][0]] if cuts else text)]
    for number, (start, names, array) in enumerate(cuts):
        end = cuts[number + 1][0] if number + 1 < len(cuts) else len(text)
        pieces.append(Piece(names, array, text[start:end]))
    return tuple(pieces)


def split_known(text: str, elements: Mapping[str, Sequence[int]]) -> tuple[Piece, ...] | None:
    """The pieces of `text` when the offsets of every top-level array-of-tables element are
    already known (`elements`, from the loader's block map): only the text before the
    first element is scanned. None when the arrays are not one after the other."""
    bounds = sorted((offset, key) for key, offsets in elements.items() for offset in offsets)
    if not bounds:
        return None
    head_end = bounds[0][0]
    head = _pieces(text[:head_end], group_starts(text[:head_end]))
    pieces = list(head)
    for number, (start, key) in enumerate(bounds):
        end = bounds[number + 1][0] if number + 1 < len(bounds) else len(text)
        pieces.append(Piece((key,), True, text[start:end]))
    return tuple(pieces)


class Pieces:
    """An immutable text made of pieces, with the index of each array's elements."""

    __slots__ = ("__dict__", "pieces")

    def __init__(self, pieces: tuple[Piece, ...]) -> None:
        self.pieces = pieces

    @classmethod
    def of(cls, text: str) -> Pieces:
        return cls(split(text))

    @cached_property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @cached_property
    def _elements(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for index, piece in enumerate(self.pieces):
            if piece.array and len(piece.names) == 1:
                found.setdefault(piece.names[0], []).append(index)
        return found

    def elements(self, key: str) -> list[int]:
        """The indices of the pieces that are the tables of the array `key`, in order."""
        return self._elements.get(key, [])

    def table(self, names: tuple[str, ...]) -> int | None:
        """The index of the piece that is the plain table `[names]`."""
        return next(
            (i for i, p in enumerate(self.pieces) if not p.array and p.names == names), None
        )

    def sourcemap(self) -> BlockSourceMap | None:
        """The source map of the text, built from the pieces: the head, then each top-level
        array's tables one after the other (the usual layout; None for any other). Tables
        that did not change keep what was mapped of them."""
        pieces = self.pieces
        first = next((i for i, p in enumerate(pieces) if p.array and len(p.names) == 1), None)
        if first is None:
            return None
        arrays: list[tuple[str, list[Block]]] = []
        for piece in pieces[first:]:
            if not piece.array or len(piece.names) != 1 or not _BARE.fullmatch(piece.names[0]):
                return None
            key = piece.names[0]
            if arrays and arrays[-1][0] == key:
                arrays[-1][1].append(piece.block)
            elif any(known == key for known, _ in arrays):
                return None  # an array split by another
            else:
                arrays.append((key, [piece.block]))
        head = "".join(piece.text for piece in pieces[:first])
        if any(f"[[{key}" in head for key, _ in arrays):
            return None
        blocks = tuple((key, tuple(elements), Block("")) for key, elements in arrays)
        return BlockSourceMap(Block(head), blocks, self.text)

    def replaced(self, start: int, end: int, texts: Sequence[str]) -> Pieces:
        """The pieces `start..end` replaced by the pieces of the joined `texts` (split again:
        an edit may add or remove a header)."""
        joined = "".join(texts)
        pieces = split(joined)
        if not pieces[0].text and start > 0:
            pieces = pieces[1:]
        elif start > 0 and pieces[0].text:
            # text before the first header belongs to the piece before
            previous = self.pieces[start - 1]
            merged = Piece(previous.names, previous.array, previous.text + pieces[0].text)
            return Pieces((*self.pieces[: start - 1], merged, *pieces[1:], *self.pieces[end:]))
        return Pieces((*self.pieces[:start], *pieces, *self.pieces[end:]))

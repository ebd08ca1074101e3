"""The file side of editing: reading a schedule for editing, checking the edited text before
it is written, and what a check in another thread gets (a `Snapshot`)."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

import tomli as toml_parser

from schedules.diagnostics import Diagnostic
from schedules.loader import Document, document_of, load_text
from schedules.schema_errors import key_text
from schedules.sourcemap import BlockSourceMap
from schedules.textedit.pieces import Pieces, split_known
from schedules.textedit.plain import difference, same

__all__ = ["ConflictError", "LoadError", "SaveError", "Snapshot", "verified"]


class LoadError(Exception):
    """The file cannot be opened for editing: unreadable, not UTF-8, or not TOML."""


class SaveError(Exception):
    """Nothing was written: the edited schedule is not valid, or the file could not be written."""


class ConflictError(SaveError):
    """The file changed on disk since it was loaded or saved."""


class Snapshot:
    """The edited schedule at one moment: its data and its text."""

    def __init__(
        self, data: dict[str, Any], text: str, sourcemap: BlockSourceMap | None = None
    ) -> None:
        self.data = data
        self.text = text
        """As edited: LF line ends, no byte-order mark."""
        self._sourcemap = sourcemap

    def document(self, path: str, previous: Document | None = None) -> Document:
        """What `load_text` reads from the text, without parsing it again: the models of the
        tables that are the same as in `previous` are reused."""
        return document_of(self.text, self.data, path, sourcemap=self._sourcemap, previous=previous)


def known_pieces(text: str, read: Document | None) -> Pieces | None:
    """The pieces of `text` cut where the checker's block map already found the tables."""
    if read is None or read.text != text:
        return None
    sourcemap = read.sourcemap
    if not isinstance(sourcemap, BlockSourceMap):
        return None
    elements = {
        key: [block.start for block in sourcemap.elements(key)]
        for key in (read.data or {})
        if sourcemap.elements(key)
    }
    pieces = split_known(text, elements)
    if pieces is None:
        return None
    known = {block.start: block for key in elements for block in sourcemap.elements(key)}
    offset = 0
    for piece in pieces:
        block = known.get(offset)
        if block is not None and len(block) == len(piece.text):
            piece.__dict__["block"] = block  # what the checker mapped of it already
        offset += len(piece.text)
    return Pieces(pieces)


def verified(text: str, data: dict[str, Any], shown: str) -> Document:
    """The checker's document of `text`; `SaveError` unless it reads back to exactly `data`
    and the schedule has no input errors (io, syntax, schema, reference)."""
    try:
        read_back = toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as error:
        raise SaveError(
            f"cannot save {shown}: the edited text is not valid TOML ({error})"
        ) from error
    if not same(data, read_back):
        where = key_text(difference(data, read_back)) or "the top level"
        raise SaveError(
            f"cannot save {shown}: the rendered text does not read back to the edited "
            f"data (it differs at `{where}`)"
        )
    document = load_text(text, shown)
    problems = [problem for problem in document.problems if problem.is_input_error]
    if problems:
        raise SaveError(_problems_message(shown, problems))
    return document


def _problems_message(shown: str, problems: list[Diagnostic]) -> str:
    shown_problems = problems[:5]
    lines = [f"cannot save {shown}: the edited schedule would not be valid:"]
    for problem in shown_problems:
        at = f"line {problem.line}: " if problem.line is not None else ""
        lines.append(f"  {at}{problem.message} [{problem.code}]")
    if len(problems) > len(shown_problems):
        lines.append(f"  … and {len(problems) - len(shown_problems)} more")
    return "\n".join(lines)


def read_file(path: Path) -> tuple[str, int]:
    try:
        raw = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as error:
        raise LoadError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        return raw.decode("utf-8"), mode
    except UnicodeDecodeError as error:
        raise LoadError(f"{path} is not UTF-8 text (save it as UTF-8)") from error


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

"""The files the app has open: each one's parsed document, its editable TOML, and the checks.

Nothing here imports textual: the screen calls these functions from its workers and applies
their results on the UI thread. The checks are `schedules.workspace.check_documents`, the
same assembly `visits check` uses, so the app shows what it prints.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from schedules import Diagnostic, Document, Schedule, Severity, load_file
from schedules.editing import EditableSchedule, LoadError
from schedules.planning import NextVisit, next_visits
from schedules.workspace import discover, load_all

Stamp = tuple[int, int] | None
"""(mtime in ns, size) of a file when it was read; None when it could not be read."""


def stamp(path: str) -> Stamp:
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


@dataclass(eq=False, repr=False)
class OpenFile:
    """One schedule file: what the checks see (`document`) and what edits change (`editable`).

    `revision` counts edits; `document_revision` is the edit the document reflects, so a
    re-check knows which files to parse again from the edited text.
    """

    path: str
    document: Document
    stamp: Stamp = None
    editable: EditableSchedule | None = None
    edit_error: str | None = None
    revision: int = 0
    document_revision: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __repr__(self) -> str:  # not the whole schedule
        return f"OpenFile({self.path!r}, revision={self.revision})"

    @property
    def schedule(self) -> Schedule | None:
        return self.document.schedule

    @property
    def dirty(self) -> bool:
        return self.editable is not None and self.editable.dirty

    @property
    def stale(self) -> bool:
        return self.document_revision < self.revision

    @property
    def title(self) -> str:
        if self.document.schedule is not None:
            return self.document.schedule.partnership.title
        return Path(self.path).name

    @property
    def partnership_id(self) -> str | None:
        schedule = self.document.schedule
        return schedule.partnership.id if schedule is not None else None


@dataclass(frozen=True)
class Checks:
    """The diagnostics of every open file, in the order `visits check` prints them."""

    as_of: dt.date
    diagnostics: tuple[Diagnostic, ...] = ()

    def for_path(self, path: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.path == path]

    def count(self, severity: Severity, path: str | None = None) -> int:
        return sum(
            1
            for d in self.diagnostics
            if d.counts and d.severity is severity and (path is None or d.path == path)
        )

    @property
    def waived(self) -> int:
        return sum(1 for d in self.diagnostics if d.waived)


@contextmanager
def reading() -> Iterator[None]:
    """Read files without garbage collection, and keep what was read out of later full
    collections (until `gc.unfreeze`): reading builds millions of objects that all stay, and
    the collector's full passes over them took a third of the reading time, and over a
    second at some later moment, often the next edit."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def open_files(root: str) -> list[OpenFile]:
    """Read every schedule under `root` (a file or a folder), as `visits check` finds them."""
    documents, _skipped = load_all([root])
    return [OpenFile(document.path, document, stamp(document.path)) for document in documents]


def new_paths(root: str, known: Sequence[str]) -> list[str]:
    """Schedule files that appeared under the folder `root` since it was read."""
    if not Path(root).is_dir():
        return []
    seen = {os.path.realpath(path) for path in known}
    return [path for path, _ in discover([root]) if os.path.realpath(path) not in seen]


def read_new_file(path: str) -> OpenFile | None:
    """A file found in a folder scan, or None if it is not a schedule."""
    document = load_file(path)
    if not document.is_schedule:
        return None
    return OpenFile(path, document, stamp(path))


def load_editable(file: OpenFile) -> tuple[EditableSchedule | None, str | None]:
    """The editable text of a file, or why it cannot be edited.
    While the file is as it was read, the editable one shares the document's data."""
    if file.document.text is None or file.document.data is None:
        return None, "the file cannot be edited until it is valid TOML"
    try:
        return EditableSchedule.load(file.path, read=file.document), None
    except LoadError as error:
        return None, f"cannot be edited: {error}"


def parse_edited(file: OpenFile) -> tuple[int, Document] | None:
    """The document of a file's edited text and the revision it reflects. Only the tables
    edited since `file.document` are validated again."""
    if file.editable is None:
        return None
    with file.lock:
        revision = file.revision
        snapshot = file.editable.snapshot()
    return revision, snapshot.document(file.path, previous=file.document)


def plans(file: OpenFile, as_of: dt.date) -> list[NextVisit]:
    schedule = file.document.schedule
    if schedule is None or not file.document.ok:
        return []
    return next_visits(schedule, as_of)


@dataclass(frozen=True)
class PartnershipView:
    """What the widgets show about one file: handed down to them as one value."""

    path: str
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    next_visits: tuple[NextVisit, ...]
    as_of: dt.date
    generation: int = 0
    """Changes whenever the documents or the checks do: widgets redraw only then."""
    dirty: bool = False
    editable: bool = False

    @property
    def schedule(self) -> Schedule | None:
        return self.document.schedule

    def about_visit(self, visit_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.visit == visit_id]

    def about_action(self, action_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.action == action_id]

    def about_rule(self, rule_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.rule == rule_id]

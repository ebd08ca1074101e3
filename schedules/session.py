"""The files a front end has open: each one's parsed document, its editable text with its
undo history, revisions, the checks, and the temporary files an interrupted save left.

Headless (no textual): the app drives it, and so can another front end. One owner: a
`Session` and its `OpenFile`s are changed from one thread only (the app's UI thread).
Workers get immutable snapshots (`parse_edited` takes the text and the revision under the
file's lock) and hand their results back with the revision they were computed for; a result
for an older revision than the one shown is dropped. The checks are
`schedules.workspace.check_documents`, the same assembly `visits check` uses.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from schedules import Diagnostic, Document, Schedule, Severity, load_file
from schedules.atomic import leftover_temp_files
from schedules.drafts import EditError
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


class Session:
    """The open files under one root (a file or a folder)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.files: list[OpenFile] = []

    def file(self, path: str | None) -> OpenFile | None:
        return next((f for f in self.files if f.path == path), None)

    @property
    def unsaved(self) -> list[OpenFile]:
        return [f for f in self.files if f.dirty]

    def edit(self, file: OpenFile, change: Callable[[EditableSchedule], object]) -> None:
        """Apply one change to a file's text (`EditError` leaves it as it was)."""
        editable = file.editable
        if editable is None:
            raise EditError(file.edit_error or f"{file.path} is still being read for editing")
        with file.lock:
            change(editable)
            file.revision += 1

    def step(self, file: OpenFile, *, redo: bool = False) -> bool:
        """Undo (or redo) the file's last edit; False when there is nothing to undo."""
        editable = file.editable
        if editable is None:
            return False
        with file.lock:
            done = editable.redo() if redo else editable.undo()
            if done:
                file.revision += 1
        return done

    def leftovers(self) -> list[Path]:
        """Temporary files an interrupted save left beside the open files (`.NAME.*.tmp`)."""
        folders: dict[Path, list[str]] = {}
        for file in self.files:
            target = Path(file.path).resolve()
            folders.setdefault(target.parent, []).append(target.name)
        root = Path(self.root)
        if root.is_dir():
            folders.setdefault(root.resolve(), [])
        found: list[Path] = []
        for folder, names in folders.items():
            found.extend(leftover_temp_files(folder, names or None))
        return sorted(set(found))

    def remove_leftovers(self, paths: Sequence[Path]) -> list[Path]:
        """Remove those of `paths` that are still leftovers (never anything else)."""
        still = set(self.leftovers())
        removed = []
        for path in paths:
            if path in still:
                with suppress(FileNotFoundError):
                    path.unlink()
                removed.append(path)
        return removed

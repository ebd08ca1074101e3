"""One open schedule file: its parsed document, its editable text, revisions and stamp,
and the ways to read one (for checking, for editing, again after a change on disk).

No textual. An `OpenFile` is changed on its session's thread only (see `schedules.session`);
the functions here that run in workers build new `OpenFile`s, not yet handed over, or read.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schedules.core_schema import is_lean
from schedules.i18n import _
from schedules.loader import Document, load_file, with_models
from schedules.planning import NextVisit, next_visits
from schedules.tables import Schedule
from schedules.workspace import load_all

if TYPE_CHECKING:
    from schedules import model
    from schedules.editing import EditableSchedule

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

    Changed on its session's thread only (the app's UI thread); a worker reads it and returns
    a result for `Session` to apply. The editable text alone changes under `lock`.

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
        """The file's tables, to show: made of the lean classes until the file is read for
        editing (see `models`)."""
        return self.document.schedule

    @property
    def models(self) -> model.Schedule | None:
        """The file's tables as `schedules.model`'s models, for the forms: there once the
        file is read for editing and its models are made (`models_of`), or it was edited."""
        schedule = self.document.schedule
        if self.editable is None or schedule is None or is_lean(schedule):
            return None
        return schedule

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
    """Read every schedule under `root` (a file or a folder), as `visits check` finds them,
    into the lean classes (quick, and without pydantic): `models_of` makes the models."""
    documents, _skipped = load_all([root], lean=True)
    return [OpenFile(document.path, document, stamp(document.path)) for document in documents]


def read_new_file(path: str) -> OpenFile | None:
    """A file found in a folder scan (read for editing too), or None if it is not a schedule."""
    document = load_file(path)
    if not document.is_schedule:
        return None
    found = OpenFile(path, document, stamp(path))
    found.editable, found.edit_error = load_editable(found)  # not handed over yet
    return found


def read_again(path: str, now: Stamp | None = None) -> OpenFile:
    """A file read again from disk, for editing too: what `Session.reload` puts in place."""
    fresh = OpenFile(path, load_file(path), now if now is not None else stamp(path))
    fresh.editable, fresh.edit_error = load_editable(fresh)
    return fresh


@dataclass(frozen=True)
class ForEditing:
    """A file read for editing (a worker's part; `Session.editable_ready` applies it)."""

    read: Document
    """The document it was made from: what the file showed when the worker started."""
    editable: EditableSchedule | None
    error: str | None
    """Why the file cannot be edited, when it cannot."""


def read_for_editing(file: OpenFile) -> ForEditing:
    """The editable text of a file read lean (`open_files`)."""
    read = file.document
    editable, error = _editable(file.path, read)
    return ForEditing(read, editable, error)


@dataclass(frozen=True)
class Models:
    """A file's document with its schedule made of models (a worker's part, for the forms;
    `Session.models_ready` applies it)."""

    read: Document
    """The document it was made from (read lean)."""
    document: Document


def models_of(file: OpenFile) -> Models:
    """The document of a file read lean, its schedule made of models (`with_models`)."""
    read = file.document
    return Models(read, with_models(read))


def load_editable(file: OpenFile) -> tuple[EditableSchedule | None, str | None]:
    """The editable text of a file, or why it cannot be edited.
    While the file is as it was read, the editable one shares the document's data."""
    return _editable(file.path, file.document)


def _editable(path: str, read: Document) -> tuple[EditableSchedule | None, str | None]:
    # imported when a file is first read for editing (in a worker, after the first screen)
    from schedules.editing import EditableSchedule, LoadError

    if read.text is None or read.data is None:
        return None, _("the file cannot be edited until it is valid TOML")
    try:
        return EditableSchedule.load(path, read=read), None
    except LoadError as error:
        return None, _("cannot be edited: {why}").format(why=error)


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

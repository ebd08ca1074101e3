"""The files a front end has open: each one's parsed document, its editable text with its
undo history, revisions, the checks, saving, and the temporary files an interrupted save left.

Headless (no textual): the app drives it, and so can another front end.

Threads. A `Session` and its `OpenFile`s are changed on one thread only, the front end's own
(the app's UI thread): the methods of `Session` are called there. Workers only read and
compute: `open_files` (or `read_workspace`), `read_for_editing`, `check_files`, `models_of`,
`Session.write` and `watching.look_at_disk` return results (`Checked`, `ForEditing`, `Models`,
`Saved`, `DiskChanges`) that the owner applies with `Session.opened`, `editable_ready`,
`apply_check`, `models_ready`, `saved` and `apply_disk`. The one exception is a file's
editable text, which `edit`, `step` and `write` change under the file's `lock` (a save runs in
a worker). A result carries the revision (or the document) it was computed for; one older
than what is shown is dropped. The checks are `schedules.workspace.check_documents`, the same
assembly `visits check` uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from schedules import Diagnostic, Document, Severity
from schedules.atomic import leftover_temp_files
from schedules.edit_error import EditError
from schedules.i18n import _
from schedules.open_file import (
    ForEditing,
    Models,
    OpenFile,
    Stamp,
    load_editable,
    models_of,
    open_files,
    parse_edited,
    plans,
    read_again,
    read_for_editing,
    read_new_file,
    reading,
    stamp,
)
from schedules.planning import NextVisit
from schedules.workspace import check_documents

if TYPE_CHECKING:
    from schedules.editing import EditableSchedule
    from schedules.watching import DiskChanges

__all__ = [
    "Checked",
    "Checks",
    "DiskNews",
    "ForEditing",
    "Models",
    "OpenFile",
    "Saved",
    "Session",
    "Stamp",
    "check_files",
    "load_editable",
    "models_of",
    "open_files",
    "read_again",
    "read_for_editing",
    "read_new_file",
    "read_workspace",
    "reading",
    "stamp",
]


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


@dataclass(frozen=True, eq=False)
class Checked:
    """One run of the checks over the open files, as a worker computed it: for each file the
    revision its document reflects, and the document parsed again from its edited text (None
    when the file's document was current)."""

    as_of: dt.date
    checks: Checks
    plans: dict[str, list[NextVisit]]
    seen: tuple[tuple[OpenFile, int, Document | None], ...] = ()


def check_files(files: Sequence[OpenFile], as_of: dt.date) -> Checked:
    """Parse the edited files again and run the checks on every file (a worker's part: it
    reads the files and changes nothing)."""
    seen: list[tuple[OpenFile, int, Document | None]] = []
    documents: list[Document] = []
    for file in files:
        parsed = parse_edited(file) if file.stale else None
        if parsed is not None:
            seen.append((file, parsed[0], parsed[1]))
            documents.append(parsed[1])
        else:
            seen.append((file, file.document_revision, None))  # the revision first: see apply
            documents.append(file.document)
    checks = Checks(as_of, tuple(check_documents(documents, as_of)))
    found = {
        file.path: plans(OpenFile(file.path, document), as_of)
        for file, document in zip(files, documents, strict=True)
    }
    return Checked(as_of, checks, found, tuple(seen))


def read_workspace(root: str, as_of: dt.date) -> tuple[list[OpenFile], Checked]:
    """Read and check every file under `root` (a worker's part; `Session.opened` applies it)."""
    files = open_files(root)
    return files, check_files(files, as_of)


@dataclass(frozen=True)
class Saved:
    """Where a file was written and its stamp after: `Session.saved` records it."""

    path: str
    stamp: Stamp
    moved: bool = False


@dataclass(frozen=True)
class DiskNews:
    """What applying the changes found on disk did, for the front end to tell."""

    warn: tuple[OpenFile, ...] = ()
    """Changed on disk while they have unsaved changes (each change told once)."""
    reloaded: tuple[OpenFile, ...] = ()
    added: tuple[OpenFile, ...] = ()

    @property
    def recheck(self) -> bool:
        return bool(self.reloaded or self.added)


def _still_reading(file: OpenFile) -> str:
    return _("{path} is still being read for editing").format(path=file.path)


class Session:
    """The open files under one root (a file or a folder), their checks as of one date, and
    what is known of their files on disk."""

    def __init__(self, root: str, as_of: dt.date | None = None) -> None:
        self.root = root
        self.as_of = as_of or dt.date.today()
        self.files: list[OpenFile] = []
        self.checks: Checks | None = None
        self.plans: dict[str, list[NextVisit]] = {}
        self.loaded = False
        self.generation = 0
        """Counts the checks applied (each new document is checked before it is shown)."""
        self.warned: dict[str, Stamp] = {}
        """Per path, the stamp of the change on disk last warned about."""

    def file(self, path: str | None) -> OpenFile | None:
        return next((f for f in self.files if f.path == path), None)

    @property
    def unsaved(self) -> list[OpenFile]:
        """The files with changes not saved: quitting asks about them."""
        return [f for f in self.files if f.dirty]

    @property
    def folder(self) -> Path:
        """Where new files go: the root folder, or the folder of the root file."""
        root = Path(self.root)
        return root if root.is_dir() else root.parent

    # --- results from workers ---------------------------------------------------------------

    def opened(self, files: list[OpenFile], checked: Checked | None = None) -> None:
        """Show the files read (`open_files`), and their checks when they came with them
        (`read_workspace`); else the checks are applied when they are in."""
        self.files = files
        self.loaded = True
        if checked is not None:
            self.apply_check(checked)

    def editable_ready(self, file: OpenFile, ready: ForEditing) -> bool:
        """Put a file read for editing (`read_for_editing`) in place; False (and nothing
        changed) when the file was read again meanwhile, bringing its own."""
        if file.document is not ready.read:
            return False
        file.editable = ready.editable
        file.edit_error = ready.error
        return True

    def models_ready(self, file: OpenFile, made: Models) -> bool:
        """Put a file's document made of models (`models_of`) in place of the one read lean;
        False (and nothing changed) when the document changed meanwhile (read again, or
        edited: an edit's document is made of models already)."""
        if file.document is not made.read:
            return False
        file.document = made.document
        return True

    def apply_check(self, checked: Checked) -> bool:
        """Show a check's result; False (and nothing changed) when it is stale: a newer
        result, or a reload, is already shown for one of its files, or the date moved."""
        if checked.as_of != self.as_of or any(
            revision < file.document_revision for file, revision, _doc in checked.seen
        ):
            return False
        for file, revision, document in checked.seen:
            if document is not None:
                file.document = document
                file.document_revision = revision
        self.checks = checked.checks
        self.plans = checked.plans
        self.generation += 1
        return True

    def reload(self, file: OpenFile, fresh: OpenFile, *, unless_dirty: bool = False) -> bool:
        """Put a file read again (`read_again`) in place; its edits and history go."""
        if unless_dirty and file.dirty:
            return False  # edited meanwhile: saving settles it
        file.document = fresh.document
        file.stamp = fresh.stamp
        file.editable = fresh.editable
        file.edit_error = fresh.edit_error
        file.revision += 1  # results computed before are stale
        file.document_revision = file.revision
        self.warned.pop(file.path, None)
        return True

    def add(self, file: OpenFile) -> bool:
        """Open a file found (or created) under the root, unless it is open already."""
        if self.file(file.path) is not None:
            return False
        self.files.append(file)
        return True

    def apply_disk(self, changes: DiskChanges) -> DiskNews:
        """Apply what `watching.look_at_disk` found."""
        for file, now in changes.touched:
            file.stamp = now
        warn = []
        for file, now in changes.dirty:
            if self.warned.get(file.path) != now:
                self.warned[file.path] = now
                warn.append(file)
        reloaded = [
            file for file, fresh in changes.fresh if self.reload(file, fresh, unless_dirty=True)
        ]
        added = [file for file in changes.new if self.add(file)]
        return DiskNews(tuple(warn), tuple(reloaded), tuple(added))

    def edit(self, file: OpenFile, change: Callable[[EditableSchedule], object]) -> None:
        """Apply one change to a file's text (`EditError` leaves it as it was)."""
        editable = file.editable
        if editable is None:
            raise EditError(file.edit_error or _still_reading(file))
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

    # --- saving ------------------------------------------------------------------------------

    @staticmethod
    def write(file: OpenFile, *, overwrite: bool = False, target: Path | None = None) -> Saved:
        """Save a file's edited text, in place or as `target` (a worker may call this: it
        changes only the editable text, under the file's lock). `ConflictError` when the
        file changed on disk since it was read (unless `overwrite`), `SaveError` when it
        cannot be written."""
        editable = file.editable
        if editable is None:
            raise EditError(file.edit_error or _still_reading(file))
        with file.lock:
            if target is None:
                editable.save(overwrite=overwrite)
            else:
                editable.save_as(target)
        path = str(target) if target is not None else file.path
        return Saved(path, stamp(path), moved=target is not None)

    def saved(self, file: OpenFile, saved: Saved) -> None:
        """Record a save: the file's stamp, and after a save-as its new path (parsed again
        under that name)."""
        file.stamp = saved.stamp
        if saved.moved:
            file.path = saved.path
            file.revision += 1

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

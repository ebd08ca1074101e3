"""The open files behind the main screen, kept current in workers: reading, checking after
every change, watching the disk, saving (with the on-disk-change conflict) and quitting.

What the files look like on screen is the subclass's business (`refresh_views`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from schedules import Document, load_file
from schedules.drafts import EditError
from schedules.editing import ConflictError, EditableSchedule, SaveError
from schedules.planning import NextVisit
from schedules.session import (
    Checks,
    OpenFile,
    Session,
    load_editable,
    new_paths,
    open_files,
    parse_edited,
    plans,
    read_new_file,
    reading,
    stamp,
)
from schedules.workspace import check_documents
from tui.screens.dialogs import ConfirmDialog, SaveAsDialog
from tui.widgets.labels import clean

POLL_SECONDS = 2.0


class WorkspaceScreen(Screen[None]):
    """Holds the open files, their checks and the as-of date."""

    def __init__(self, root: str, as_of: dt.date, *, follow_disk: bool = True) -> None:
        super().__init__()
        self.root = root
        self.as_of = as_of
        self.follow_disk = follow_disk
        self.session = Session(root)
        self.checks: Checks | None = None
        self.plans: dict[str, list[NextVisit]] = {}
        self.current: str | None = None
        self.loaded = False
        self.saving = False
        self.warned: dict[str, object] = {}
        self.generation = 0
        """Counts the checks applied (each new document is checked before it is shown)."""

    def on_mount(self) -> None:
        self.load_workspace()
        if self.follow_disk:
            self.set_interval(POLL_SECONDS, self.poll_disk)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what `reading` kept from the collector can go with the files

    def refresh_views(self) -> None:
        """Show the current state (the main screen hands it to its widgets)."""

    def checking(self, busy: bool) -> None:
        """Say that the checks are running (or done)."""

    @property
    def files(self) -> list[OpenFile]:
        return self.session.files

    @files.setter
    def files(self, files: list[OpenFile]) -> None:
        self.session.files = files

    def file(self, path: str | None = None) -> OpenFile | None:
        return self.session.file(path if path is not None else self.current)

    @property
    def unsaved(self) -> list[OpenFile]:
        return self.session.unsaved

    # --- reading and checking ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="read")
    def load_workspace(self) -> None:
        """Read and check every file (fast), show them, then read each for editing (slow)."""
        with reading():
            files = open_files(self.root)
            documents = [f.document for f in files]
            checks = Checks(self.as_of, tuple(check_documents(documents, self.as_of)))
            found = {f.path: plans(f, self.as_of) for f in files}
        self.app.call_from_thread(self._loaded, files, checks, found)
        for file in files:
            if get_current_worker().is_cancelled:
                return
            with reading():
                editable, error = load_editable(file)
            self.app.call_from_thread(self._editable_ready, file, editable, error)

    def _loaded(
        self, files: list[OpenFile], checks: Checks, found: dict[str, list[NextVisit]]
    ) -> None:
        self.files = files
        self.checks = checks
        self.generation += 1
        self.plans = found
        self.loaded = True
        if self.current is None and files:
            self.current = files[0].path
        self.refresh_views()
        self.offer_leftovers()

    def _editable_ready(
        self, file: OpenFile, editable: EditableSchedule | None, error: str | None
    ) -> None:
        file.editable = editable
        file.edit_error = error
        self.refresh_views()

    def start_check(self) -> None:
        self.checking(True)
        self.recheck(list(self.files), self.as_of)

    # Every worker has a description: by default Textual writes the repr of its arguments,
    # which for open files are whole schedules (half a second for a large one).
    @work(thread=True, exclusive=True, group="check", exit_on_error=False, description="check")
    def recheck(self, files: list[OpenFile], as_of: dt.date) -> None:
        """Parse the edited files again and run the checks on every file."""
        updates: list[tuple[OpenFile, int, Document]] = []
        documents = []
        for file in files:
            parsed = parse_edited(file) if file.stale else None
            if parsed is not None:
                updates.append((file, *parsed))
                documents.append(parsed[1])
            else:
                documents.append(file.document)
        checks = Checks(as_of, tuple(check_documents(documents, as_of)))
        found = {
            file.path: plans(OpenFile(file.path, document), as_of)
            for file, document in zip(files, documents, strict=True)
        }
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._checked, updates, checks, found)

    def _checked(
        self,
        updates: list[tuple[OpenFile, int, Document]],
        checks: Checks,
        found: dict[str, list[NextVisit]],
    ) -> None:
        for file, revision, document in updates:
            if revision >= file.document_revision:
                file.document = document
                file.document_revision = revision
        self.checks = checks
        self.plans = found
        self.generation += 1
        self.checking(False)
        self.refresh_views()

    def set_as_of(self, day: dt.date) -> None:
        self.as_of = day
        self.start_check()

    # --- changing a file ---------------------------------------------------------------------

    def apply_edit(self, file: OpenFile, change: Callable[[EditableSchedule], Any]) -> bool:
        """Apply one change to a file's text, then check again. False (with a message) when
        the change cannot be made."""
        try:
            self.session.edit(file, change)
        except EditError as error:
            self.notify(str(error), title="Not changed", severity="error", markup=False)
            return False
        self.start_check()
        return True

    def step_history(self, *, redo: bool = False) -> None:
        """Undo (or redo) the last edit of the current file, then check again."""
        file = self.file()
        if file is None:
            return
        if not self.session.step(file, redo=redo):
            what = "redo" if redo else "undo"
            self.notify(f"Nothing to {what} in {clean(file.path)}.", markup=False, timeout=2)
            return
        self.start_check()

    def offer_leftovers(self) -> None:
        """Offer to remove the temporary files an interrupted save left (only those)."""
        found = self.session.leftovers()
        if not found:
            return
        names = ", ".join(path.name for path in found)

        def answered(choice: str | None) -> None:
            if choice == "remove":
                removed = self.session.remove_leftovers(found)
                self.notify(f"Removed {len(removed)} leftover file(s).", timeout=3)

        self.app.push_screen(
            ConfirmDialog(
                "Leftovers of an interrupted save",
                Text(
                    f"A save that was interrupted left these temporary files: {names}. The "
                    "schedule files themselves are whole. Remove the temporary files?"
                ),
                [("Remove them", "remove"), ("Keep them", "keep")],
            ),
            answered,
        )

    # --- watching the disk -------------------------------------------------------------------

    def poll_disk(self) -> None:
        if self.loaded and not self.saving:
            self.check_disk(list(self.files))

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False, description="poll")
    def check_disk(self, files: list[OpenFile]) -> None:
        """Reload files changed on disk that have no unsaved changes; pick up new files."""
        for file in files:
            now = stamp(file.path)
            if now == file.stamp:
                continue
            editable = file.editable
            if editable is not None and not editable.changed_on_disk():
                self.app.call_from_thread(setattr, file, "stamp", now)  # files: UI thread only
                continue
            if file.dirty:
                self.app.call_from_thread(self._changed_while_dirty, file, now)
                continue
            fresh = OpenFile(file.path, load_file(file.path), now)
            fresh.editable, fresh.edit_error = load_editable(fresh)
            self.app.call_from_thread(self._reloaded, file, fresh, True)
        for path in new_paths(self.root, [f.path for f in files]):
            found = read_new_file(path)
            if found is not None:
                found.editable, found.edit_error = load_editable(found)
                self.app.call_from_thread(self._added, found)

    def _changed_while_dirty(self, file: OpenFile, now: object) -> None:
        if self.warned.get(file.path) == now:
            return
        self.warned[file.path] = now
        self.notify(
            f"{clean(file.path)} changed on disk while you have unsaved changes: saving will "
            "ask whether to reload, overwrite or save as.",
            title="Changed on disk",
            severity="warning",
            markup=False,
            timeout=8,
        )

    def _reloaded(self, file: OpenFile, fresh: OpenFile, announce: bool) -> None:
        if announce and file.dirty:
            return  # edited meanwhile: saving settles it
        file.document = fresh.document
        file.stamp = fresh.stamp
        file.editable = fresh.editable
        file.edit_error = fresh.edit_error
        file.revision = file.document_revision = 0
        self.warned.pop(file.path, None)
        if announce:
            self.notify(f"Reloaded {clean(file.path)}: it changed on disk.", markup=False)
        self.start_check()

    def _added(self, file: OpenFile) -> None:
        if self.file(file.path) is None:
            self.files.append(file)
            self.notify(f"New schedule file: {clean(file.path)}", markup=False)
            self.start_check()

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False, description="reload")
    def reload_file(self, file: OpenFile) -> None:
        fresh = OpenFile(file.path, load_file(file.path), stamp(file.path))
        fresh.editable, fresh.edit_error = load_editable(fresh)
        self.app.call_from_thread(self._reloaded, file, fresh, False)

    # --- saving and quitting -----------------------------------------------------------------

    @work(group="save", exit_on_error=False, description="save")
    async def save_files(self, files: list[OpenFile], *, then_quit: bool = False) -> None:
        """Save each file; a file changed on disk asks first. Quits when asked and all saved."""
        self.saving = True
        try:
            saved = [await self.save_one(file) for file in files]
        finally:
            self.saving = False
        self.refresh_views()
        if then_quit and all(saved):
            self.app.exit()

    async def save_one(self, file: OpenFile, *, overwrite: bool = False) -> bool:
        editable = file.editable
        if editable is None or not editable.dirty:
            return editable is not None
        try:
            await asyncio.to_thread(self._locked, file, lambda: editable.save(overwrite=overwrite))
        except ConflictError:
            return await self.resolve_conflict(file)
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return False
        file.stamp = stamp(file.path)
        self.notify(f"Saved {clean(file.path)}", markup=False, timeout=3)
        return True

    async def resolve_conflict(self, file: OpenFile) -> bool:
        message = Text(
            f"{clean(file.path)} was changed on disk after it was loaded, and you have "
            "unsaved changes. Saving now would lose the changes made on disk."
        )
        choice = await self.app.push_screen_wait(
            ConfirmDialog(
                "The file changed on disk",
                message,
                [
                    ("Save as a new file", "save-as"),
                    ("Overwrite the file on disk", "overwrite"),
                    ("Reload, dropping my changes", "reload"),
                    ("Cancel", "cancel"),
                ],
            )
        )
        if choice == "overwrite":
            return await self.save_one(file, overwrite=True)
        if choice == "save-as":
            return await self.save_as(file)
        if choice == "reload":
            self.reload_file(file)
        return False

    async def save_as(self, file: OpenFile) -> bool:
        editable = file.editable
        if editable is None:
            return False
        target = await self.app.push_screen_wait(SaveAsDialog(Path(file.path)))
        if target is None:
            return False
        try:
            await asyncio.to_thread(self._locked, file, lambda: editable.save_as(target))
        except SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return False
        was_current = self.current == file.path
        file.path = str(target)
        file.stamp = stamp(file.path)
        file.revision += 1  # parse again under the new name
        if was_current:
            self.current = file.path
        self.notify(f"Saved as {clean(file.path)}", markup=False, timeout=3)
        self.start_check()
        return True

    @work(group="save", exit_on_error=False, description="save as")
    async def save_file_as(self, file: OpenFile) -> None:
        self.saving = True
        try:
            await self.save_as(file)
        finally:
            self.saving = False
        self.refresh_views()

    @staticmethod
    def _locked(file: OpenFile, action: Callable[[], object]) -> None:
        with file.lock:
            action()

    @work(group="quit", exit_on_error=False)
    async def request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        unsaved = self.unsaved
        if not unsaved:
            self.app.exit()
            return
        names = ", ".join(Path(f.path).name for f in unsaved)
        choice = await self.app.push_screen_wait(
            ConfirmDialog(
                "Unsaved changes",
                Text(f"Unsaved changes in {clean(names)}."),
                [
                    ("Save and quit", "save"),
                    ("Quit without saving", "discard"),
                    ("Cancel", "cancel"),
                ],
            )
        )
        if choice == "discard":
            self.app.exit()
        elif choice == "save":
            self.save_files(unsaved, then_quit=True)

    # --- failures ----------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        self.saving = False
        self.checking(False)
        self.notify(
            f"{type(error).__name__}: {error}",
            title="Something went wrong; the app keeps running",
            severity="error",
            markup=False,
            timeout=10,
        )

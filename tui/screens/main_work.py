"""The main screen's work off the UI thread: reading the files, checking them after every
change, looking at the disk, reloading and saving. Each worker reads and computes and hands
its result back (`call_from_thread`); the result is applied to the session on the UI thread,
the only one that changes an `OpenFile`, and then told and shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from schedules.i18n import _
from schedules.session import (
    Checked,
    ForEditing,
    OpenFile,
    check_files,
    models_of,
    open_files,
    read_again,
    read_for_editing,
    reading,
)
from tui.widgets.labels import clean

if TYPE_CHECKING:
    from schedules.watching import DiskChanges
    from tui.screens.main import MainScreen


class Background:
    """Starts the workers of one main screen and applies what they return."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.session = screen.session

    # Every worker has a description: by default Textual writes the repr of its arguments,
    # which for open files are whole schedules (half a second for a large one).

    def load(self) -> None:
        """Read every file (fast) and show them, then read each for editing, check them all,
        and make each one's models for the forms: the planner sees the visits first."""
        self.screen.run_worker(
            self._load,
            group="load",
            exclusive=True,
            thread=True,
            exit_on_error=False,
            description="read",
        )

    def _load(self) -> None:
        screen, session = self.screen, self.session
        with reading():
            files = open_files(session.root)
        screen.app.call_from_thread(self._loaded, files)
        for file in files:
            if get_current_worker().is_cancelled:
                return
            with reading():
                ready = read_for_editing(file)
            screen.app.call_from_thread(self._editable_ready, file, ready)
        with reading():
            checked = check_files(files, session.as_of)
        screen.app.call_from_thread(self._checked, checked)
        for file in files:  # for the forms (a form asked for before says to wait)
            if get_current_worker().is_cancelled:
                return
            with reading():
                made = models_of(file)
            screen.app.call_from_thread(self.session.models_ready, file, made)

    def _loaded(self, files: list[OpenFile]) -> None:
        self.session.opened(files)
        self.screen.views.checking(True)
        self.screen.loaded_files()

    def _editable_ready(self, file: OpenFile, ready: ForEditing) -> None:
        if self.session.editable_ready(file, ready):
            self.screen.refresh_views()

    def check(self) -> None:
        """Parse the edited files again and run the checks on every file."""
        files, as_of = list(self.session.files), self.session.as_of
        self.screen.run_worker(
            lambda: self._check(files, as_of),
            group="check",
            exclusive=True,
            thread=True,
            exit_on_error=False,
            description="check",
        )

    def _check(self, files: list[OpenFile], as_of: dt.date) -> None:
        checked = check_files(files, as_of)
        if not get_current_worker().is_cancelled:
            self.screen.app.call_from_thread(self._checked, checked)

    def _checked(self, checked: Checked) -> None:
        if self.session.apply_check(checked):
            self.screen.views.checking(False)
            self.screen.refresh_views()

    def look_at_disk(self) -> None:
        """Reload files changed on disk that have no unsaved changes; pick up new files."""
        from schedules.watching import look_at_disk  # the first look is two seconds in

        files, root = list(self.session.files), self.session.root
        self.screen.run_worker(
            lambda: self.screen.app.call_from_thread(self._disk, look_at_disk(files, root)),
            group="poll",
            exclusive=True,
            thread=True,
            exit_on_error=False,
            description="poll",
        )

    def _disk(self, changes: DiskChanges) -> None:
        screen = self.screen
        news = self.session.apply_disk(changes)
        for file in news.warn:
            screen.notify(
                _(
                    "{path} changed on disk while you have unsaved changes: saving will ask "
                    "whether to reload, overwrite or save as."
                ).format(path=clean(file.path)),
                title=_("Changed on disk"),
                severity="warning",
                markup=False,
                timeout=8,
            )
        for file in news.reloaded:
            screen.notify(
                _("Reloaded {path}: it changed on disk.").format(path=clean(file.path)),
                markup=False,
            )
        self.announce(news.added)
        if news.recheck:
            screen.start_check()

    def add(self, file: OpenFile) -> None:
        """Open a file found or created under the root (unless it is open already)."""
        if self.session.add(file):
            self.announce([file])
            self.screen.start_check()

    def announce(self, added: tuple[OpenFile, ...] | list[OpenFile]) -> None:
        for file in added:
            self.screen.notify(
                _("New schedule file: {path}").format(path=clean(file.path)), markup=False
            )

    def reload(self, file: OpenFile) -> None:
        """Read a file again from disk, dropping its edits (the planner asked)."""
        path = file.path
        self.screen.run_worker(
            lambda: self.screen.app.call_from_thread(self._reloaded, file, read_again(path)),
            group="reload",
            exclusive=True,
            thread=True,
            exit_on_error=False,
            description="reload",
        )

    def _reloaded(self, file: OpenFile, fresh: OpenFile) -> None:
        self.session.reload(file, fresh)
        self.screen.start_check()

    def save(self, files: list[OpenFile], *, then_quit: bool = False) -> None:
        saving = self.screen.file_saving.save_files(files, then_quit=then_quit)
        self.screen.run_worker(saving, group="save", exit_on_error=False, description="save")

    def save_as(self, file: OpenFile) -> None:
        saving = self.screen.file_saving.save_file_as(file)
        self.screen.run_worker(saving, group="save", exit_on_error=False, description="save as")

    def quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        asking = self.screen.file_saving.quit()
        self.screen.run_worker(asking, group="quit", exit_on_error=False, description="quit")

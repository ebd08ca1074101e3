"""Saving from the main screen: save, save all, save as, reload from disk, the question when a
file changed on disk since it was read, quitting with unsaved changes, and the leftovers of an
interrupted save. The writing and its bookkeeping are the session's (`Session.write`,
`Session.saved`); this asks the questions and tells what happened."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text

from schedules.i18n import _, ngettext
from schedules.session import OpenFile
from tui.screens.editing import Editing, Host
from tui.widgets.labels import clean

if TYPE_CHECKING:
    from textual.screen import Screen

    from schedules.editing import SaveError


class SavingHost(Host, Protocol):
    """What saving needs from the screen beyond what edits do: its workers and its state."""

    current: str | None
    saving: bool

    async def push_screen_wait(self, screen: Screen[Any]) -> Any: ...

    def save_files(self, files: list[OpenFile], *, then_quit: bool = False) -> object: ...

    def save_file_as(self, file: OpenFile) -> object: ...

    def reload_file(self, file: OpenFile) -> object: ...

    def refresh_views(self) -> None: ...

    def exit_app(self) -> None: ...


class Saving:
    """Saving the files of one screen, and leaving it."""

    def __init__(self, editing: Editing, host: SavingHost) -> None:
        self.editing = editing
        self.host = host

    # --- the keys ----------------------------------------------------------------------------

    def save(self) -> None:
        file = self.host.file()
        if file is None or file.editable is None:
            return
        if not file.dirty:
            self.host.notify(_("No changes to save."), timeout=2)
            return
        self.host.save_files([file])

    def save_all(self) -> None:
        unsaved = self.editing.session.unsaved
        if unsaved:
            self.host.save_files(unsaved)
        else:
            self.host.notify(_("No changes to save."), timeout=2)

    def save_as(self) -> None:
        file = self.host.file()
        if file is not None and file.editable is not None:
            self.host.save_file_as(file)

    def reload(self) -> None:
        file = self.host.file()
        if file is None:
            return
        if not file.dirty:
            self.host.reload_file(file)
            return

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.host.reload_file(file)

        self.editing.ask(
            _("Reload from disk"),
            Text(
                _("Drop your unsaved changes to {path} and read it again?").format(
                    path=clean(file.path)
                )
            ),
            [(_("Reload"), "reload"), (_("Keep my changes"), "keep")],
            answered,
        )

    # --- in the screen's workers -------------------------------------------------------------

    async def save_files(self, files: list[OpenFile], *, then_quit: bool = False) -> None:
        """Save each file; a file changed on disk asks first. Quits when asked and all saved."""
        self.host.saving = True
        try:
            saved = [await self.save_one(file) for file in files]
        finally:
            self.host.saving = False
        self.host.refresh_views()
        if then_quit and all(saved):
            self.host.exit_app()

    async def save_file_as(self, file: OpenFile) -> None:
        self.host.saving = True
        try:
            await self.save_under_new_name(file)
        finally:
            self.host.saving = False
        self.host.refresh_views()

    async def save_one(self, file: OpenFile, *, overwrite: bool = False) -> bool:
        editable = file.editable
        if editable is None or not editable.dirty:
            return editable is not None
        from schedules.editing import ConflictError, SaveError  # loaded with the editable text

        try:
            saved = await asyncio.to_thread(self.editing.session.write, file, overwrite=overwrite)
        except ConflictError:
            return await self.resolve_conflict(file)
        except SaveError as error:
            self.not_saved(error)
            return False
        self.editing.session.saved(file, saved)
        self.host.notify(_("Saved {path}").format(path=clean(file.path)), markup=False, timeout=3)
        return True

    async def resolve_conflict(self, file: OpenFile) -> bool:
        from tui.screens.dialogs import ConfirmDialog

        message = Text(
            _(
                "{path} was changed on disk after it was loaded, and you have unsaved "
                "changes. Saving now would lose the changes made on disk."
            ).format(path=clean(file.path))
        )
        choice = await self.host.push_screen_wait(
            ConfirmDialog(
                _("The file changed on disk"),
                message,
                [
                    (_("Save as a new file"), "save-as"),
                    (_("Overwrite the file on disk"), "overwrite"),
                    (_("Reload, dropping my changes"), "reload"),
                    (_("Cancel"), "cancel"),
                ],
            )
        )
        if choice == "overwrite":
            return await self.save_one(file, overwrite=True)
        if choice == "save-as":
            return await self.save_under_new_name(file)
        if choice == "reload":
            self.host.reload_file(file)
        return False

    async def save_under_new_name(self, file: OpenFile) -> bool:
        if file.editable is None:
            return False
        from tui.screens.dialogs import SaveAsDialog

        target = await self.host.push_screen_wait(SaveAsDialog(Path(file.path)))
        if target is None:
            return False
        from schedules.editing import SaveError  # loaded with the editable text

        try:
            saved = await asyncio.to_thread(self.editing.session.write, file, target=target)
        except SaveError as error:
            self.not_saved(error)
            return False
        was_current = self.host.current == file.path
        self.editing.session.saved(file, saved)
        if was_current:
            self.host.current = file.path
        self.host.notify(
            _("Saved as {path}").format(path=clean(file.path)), markup=False, timeout=3
        )
        self.host.start_check()
        return True

    def not_saved(self, error: SaveError) -> None:
        self.host.notify(str(error), title=_("Not saved"), severity="error", markup=False)

    async def quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        from tui.screens.dialogs import ConfirmDialog

        unsaved = self.editing.session.unsaved
        if not unsaved:
            self.host.exit_app()
            return
        names = ", ".join(Path(f.path).name for f in unsaved)
        choice = await self.host.push_screen_wait(
            ConfirmDialog(
                _("Unsaved changes"),
                Text(_("Unsaved changes in {names}.").format(names=clean(names))),
                [
                    (_("Save and quit"), "save"),
                    (_("Quit without saving"), "discard"),
                    (_("Cancel"), "cancel"),
                ],
            )
        )
        if choice == "discard":
            self.host.exit_app()
        elif choice == "save":
            self.host.save_files(unsaved, then_quit=True)

    # --- after an interrupted save -----------------------------------------------------------

    def offer_leftovers(self) -> None:
        """Offer to remove the temporary files an interrupted save left (only those)."""
        session = self.editing.session
        found = session.leftovers()
        if not found:
            return
        names = ", ".join(path.name for path in found)

        def answered(choice: str | None) -> None:
            if choice == "remove":
                removed = len(session.remove_leftovers(found))
                self.host.notify(
                    ngettext(
                        "Removed {n} leftover file.", "Removed {n} leftover files.", removed
                    ).format(n=removed),
                    timeout=3,
                )

        self.editing.ask(
            _("Leftovers of an interrupted save"),
            Text(
                _(
                    "A save that was interrupted left these temporary files: {names}. The "
                    "schedule files themselves are whole. Remove the temporary files?"
                ).format(names=names)
            ),
            [(_("Remove them"), "remove"), (_("Keep them"), "keep")],
            answered,
        )

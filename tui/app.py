"""The `visits` terminal app: plan and check the visits of one or more partnerships."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from tui.commands import VisitsCommands
from tui.screens.main import MainScreen


class VisitsApp(App[None]):
    """Opens MainScreen on a schedule file or a folder of them."""

    CSS_PATH = "app.tcss"
    TITLE = "visits"
    COMMANDS = App.COMMANDS | {VisitsCommands}
    # narrow (80 columns): no header, smaller panels; Textual types this as a plain list
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self, path: str = ".", *, as_of: dt.date | None = None, follow_disk: bool = True
    ) -> None:
        super().__init__()
        self.path = path
        self.as_of = as_of or dt.date.today()
        self.follow_disk = follow_disk

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.path, self.as_of, follow_disk=self.follow_disk))

    async def action_quit(self) -> None:
        """Quit; with unsaved changes, ask first."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.request_quit()
        elif isinstance(screen, ModalScreen):
            screen.dismiss(None)


def run_app(path: str, as_of: dt.date | None = None) -> int:
    VisitsApp(path, as_of=as_of).run()
    return 0

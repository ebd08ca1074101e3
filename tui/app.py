"""The `visits` terminal app: plan and check the visits of one or more partnerships."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.widgets import TabbedContent

from schedules import i18n
from schedules.i18n import N_, _
from schedules.user_config import ConfigProblem, remember_language
from tui.commands import LanguageChoices, Themes, VisitsCommands
from tui.language import start_language
from tui.screens.help import HelpScreen, bound_keys
from tui.screens.main import TABS, MainScreen


class VisitsApp(App[None]):
    """Opens MainScreen on a schedule file or a folder of them."""

    # the main screen's styles too: it is the first screen (`get_default_screen`), and Textual
    # reads the CSS_PATH of a screen only when one is pushed
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/main.tcss"]
    TITLE = "visits"
    COMMANDS = App.COMMANDS | {VisitsCommands}
    # narrow (80 columns): no header, smaller panels; Textual types this as a plain list
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (100, "-wide"),
    ]
    # descriptions are msgids: the footer and the help screen translate them when drawn
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            N_("palette"),
            id="app.command-palette",
            show=False,
            priority=True,
            tooltip=N_("Open the command palette"),
        ),
        Binding("L", "choose_language", N_("Language"), id="app.language", show=False),
    ]

    def __init__(
        self,
        path: str = ".",
        *,
        as_of: dt.date | None = None,
        follow_disk: bool = True,
        config_problems: tuple[ConfigProblem, ...] = (),
    ) -> None:
        super().__init__()
        self.path = path
        self.as_of = as_of or dt.date.today()
        self.follow_disk = follow_disk
        self.config_problems = config_problems

    def get_default_screen(self) -> Screen[None]:
        # the first screen on the stack, rather than pushed over Textual's blank one: one screen
        # fewer to compose, style and lay out before the planner sees anything
        return MainScreen(self.path, self.as_of, follow_disk=self.follow_disk)

    def on_mount(self) -> None:
        for problem in self.config_problems:
            self.notify(
                problem.text(),
                title=_("Settings file ignored"),
                severity="warning",
                markup=False,
                timeout=10,
            )

    async def action_quit(self) -> None:
        """Quit; with unsaved changes, ask first."""
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.request_quit()
        elif isinstance(screen, ModalScreen):
            screen.dismiss(None)

    # --- the language ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose_language":
            # the main screen is drawn again in the new language; a form would lose its input
            return isinstance(self.screen, MainScreen)
        return True

    def action_choose_language(self) -> None:
        """The three languages, each in its own words, the current one first."""
        self.push_screen(
            CommandPalette(providers=[LanguageChoices], placeholder=_("Choose the language…"))
        )

    async def switch_language(self, language: str) -> None:
        """Put the app into `language` now, and remember it for the next start."""
        if language != i18n.current():
            i18n.use(language)
            for screen in self.screen_stack:
                await self.redraw(screen)
        self.remember(language)

    async def redraw(self, screen: Screen[object]) -> None:
        """Compose `screen` again, so that every label is made in the current language; the
        main screen keeps its files and selection (they are the screen's, not its widgets')
        and shows the same tab."""
        tab = None
        if isinstance(screen, MainScreen):
            tab = screen.query_one(TabbedContent).active
        await screen.recompose()
        if isinstance(screen, MainScreen):
            screen.refresh_views()
            for name, pane in TABS.items():
                if pane == tab:
                    screen.action_show_tab(name)

    @work(thread=True, exclusive=True, group="remember-language")
    def remember(self, language: str) -> None:
        try:
            remember_language(language)
        except OSError as error:
            message = _("The language could not be remembered for the next start: {reason}")
            reason = f"{error.filename or ''} {error.strerror or type(error).__name__}".strip()
            self.call_from_thread(
                self.notify, message.format(reason=reason), severity="warning", markup=False
            )

    # --- Textual's own words, in the reader's language ---------------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def action_change_theme(self) -> None:
        self.push_screen(CommandPalette(providers=[Themes], placeholder=_("Search for themes…")))

    def action_help_quit(self) -> None:
        """ctrl+c, which many press out of habit to quit: say which key quits."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    _("Press {key} to quit the app").format(
                        key=self.get_key_display(active.binding)
                    ),
                    title=_("Do you want to quit?"),
                    markup=False,
                )
                return

    def action_keys(self) -> None:
        self.push_screen(HelpScreen(bound_keys(self.screen)))

    def action_save_screenshot(self) -> None:
        try:
            path = self.save_screenshot()
        except OSError as error:
            self.notify(
                _("The screenshot could not be saved: {reason}").format(
                    reason=error.strerror or type(error).__name__
                ),
                title=_("Screenshot"),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Saved to {path}").format(path=path), title=_("Screenshot"), markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            _("Theme"), _("Change the colours of the app"), self.action_change_theme
        )
        yield SystemCommand(
            _("Quit"), _("Leave visits (asks first about unsaved changes)"), self.action_quit
        )
        yield SystemCommand(
            _("Keys"), _("The keys of this screen and what they do"), self.action_keys
        )
        if screen.maximized is not None:
            yield SystemCommand(
                _("Minimize"), _("Show the whole screen again"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                _("Maximize"),
                _("Show the focused panel on the whole screen"),
                screen.action_maximize,
            )
        yield SystemCommand(
            _("Screenshot"),
            _("Save a picture (SVG) of the screen in the current folder"),
            lambda: self.set_timer(0.1, self.action_save_screenshot),
        )


def run_app(path: str, as_of: dt.date | None = None, language: str | None = None) -> int:
    """Open the app; `language` is `--lang`'s value, if given."""
    chosen, problems = start_language(language)
    i18n.use(chosen)
    VisitsApp(path, as_of=as_of, config_problems=problems).run()
    return 0

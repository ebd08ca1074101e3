"""Moving about the main screen: to what a diagnostic or a command is about, between the
tabs, to the year view and back, the help, and the checks' as-of date."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.widget import Widget

from schedules.i18n import _
from tui.widgets.actions_table import ActionsTable
from tui.widgets.rules_table import RulesTable
from tui.widgets.timeline import Timeline
from tui.widgets.visits_table import VisitsTable

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class Navigation:
    """Where one main screen shows what."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def go_to(self, path: str, visit: str | None, action: str | None, rule: str | None) -> None:
        """Show a file, then its action, visit or rule (else its rules)."""
        screen = self.screen
        if path != screen.current and screen.file(path) is not None:
            screen.current = path
            screen.visit_id = None
            screen.refresh_views()
        file = screen.file()
        if file is None or file.schedule is None:
            return
        if action is not None and screen.query_one(ActionsTable).select(action):
            self.show_tab("actions")
        elif visit is not None and file.schedule.visit(visit) is not None:
            screen.switch_tab("visits")
            table = screen.query_one(VisitsTable)
            table.select(visit)
            table.table.focus()
        elif rule is not None and screen.query_one(RulesTable).select(rule):
            self.show_tab("rules")
        else:
            screen.switch_tab("rules")

    def show_tab(self, name: str) -> None:
        """Show a tab and focus what it shows."""
        screen = self.screen
        screen.switch_tab(name)
        targets: dict[str, Widget] = {
            "visits": screen.query_one(VisitsTable).table,
            "timeline": screen.query_one(Timeline),
            "actions": screen.query_one(ActionsTable),
            "rules": screen.query_one(RulesTable),
        }
        targets[name].focus()

    def filter_visits(self) -> None:
        self.show_tab("visits")
        self.screen.query_one(VisitsTable).action_filter()

    def sort_visits(self) -> None:
        self.show_tab("visits")
        self.screen.query_one(VisitsTable).action_sort()

    def year_view(self) -> None:
        from tui.screens.year import YearChoice, YearScreen

        screen = self.screen
        loaded = [(f.path, f.schedule) for f in screen.files if f.schedule and f.document.ok]

        def chosen(choice: YearChoice | None) -> None:
            if choice is not None:
                screen.go_to(choice.path, choice.visit)
                if choice.visit is None:
                    screen.visit_editing.plan_next()

        screen.push_screen(YearScreen(loaded, screen.as_of), chosen)

    def help(self) -> None:
        """The keys of the screen as they are bound now, with what they do."""
        from tui.screens.help import HelpScreen

        screen = self.screen
        keys: dict[str, list[str]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.description and binding.id:  # ours, not the widgets' cursor keys
                shown = screen.app.get_key_display(binding)
                keys.setdefault(_(binding.description), []).append(shown)  # a msgid
        rows = [
            (" ".join(dict.fromkeys(shown)), description) for description, shown in keys.items()
        ]
        screen.push_screen(HelpScreen(rows))

    def choose_as_of(self) -> None:
        from tui.screens.as_of import AsOfDialog

        screen = self.screen

        def chosen(day: dt.date | None) -> None:
            if day is not None and day != screen.as_of:
                screen.set_as_of(day)

        screen.push_screen(AsOfDialog(screen.as_of), chosen)

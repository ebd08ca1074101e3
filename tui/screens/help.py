"""`?`: the keys of the main screen (as the keymap has them) and how to read the timeline."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from schedules.i18n import N_, _
from tui.widgets.timeline import BREACH, DUE, WAIVED


def about() -> str:
    return _(
        "visits keeps one TOML file per partnership and checks it against the rules of its "
        "agreements, exactly as `visits check` does. Every change runs the checks again; ctrl+s "
        "saves into the same file and keeps its comments. ctrl+p opens the command palette; "
        "L chooses the language."
    )


def bound_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """The keys bound on `screen` (and the app) with an id: (keys as displayed, description),
    one row per description."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.description and binding.id:  # ours, not the widgets' cursor keys
            keys.setdefault(binding.description, []).append(screen.app.get_key_display(binding))
    return [(" ".join(dict.fromkeys(shown)), description) for description, shown in keys.items()]


class HelpScreen(ModalScreen[None]):
    """Shows `keys`: (key as displayed, what it does: a msgid, translated here), as the screen
    below has them bound."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", N_("Close"), id="help.close"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.contents())

    def on_mount(self) -> None:
        self.query_one("#help").border_title = _("Help")

    def contents(self) -> Group:
        keys = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        keys.add_column("key", style="bold", no_wrap=True)
        keys.add_column("does")
        for key, description in self.keys:
            keys.add_row(key, _(description))
        legend = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        legend.add_column("mark", no_wrap=True)
        legend.add_column("means")
        legend.add_row(
            Text("QT", style="bold #000000 on #5fafff"), _("a formal visit (host colour)")
        )
        legend.add_row(Text("░░", style="#5fafff"), _("a visit whose dates are not fixed yet"))
        legend.add_row(Text("qt", style="italic underline #5fafff"), _("an informal visit"))
        legend.add_row(Text("--", style="dim"), _("a postponed or cancelled visit"))
        legend.add_row(Text(BREACH[0], style=BREACH[1]), _("a gap that broke an interval rule"))
        legend.add_row(Text(WAIVED[0], style=WAIVED[1]), _("a waived period"))
        legend.add_row(Text(DUE[0], style=DUE[1]), _("the window in which the next visit is due"))
        return Group(
            Text(about()),
            Text(),
            Text(_("Keys"), style="bold underline"),
            keys,
            Text(),
            Text(_("Timeline"), style="bold underline"),
            legend,
        )

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)

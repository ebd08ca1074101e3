"""The office's year (`y`): the delegations one party sends and receives in a year over all the
loaded partnerships, as `visits plan` computes them. Enter on an entry opens its visit, or the
plan-next form for a visit the rules make due; `[` and `]` change the year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Select, Static

from schedules.i18n import N_, _, format_date, pgettext
from schedules.plan import PlanEntry, YearPlan, common_parties, known_parties, year_plan
from schedules.plan_render import (
    basis,
    delegation_text,
    partner,
    purpose,
    status_cell,
    suggestion_note,
    time_text,
    unsettled_note,
)
from schedules.tables import Schedule
from tui.widgets.footer import Footer
from tui.widgets.labels import plain


def direction_text(direction: str | None) -> Text:
    """`→ out` (a delegation the office sends), `← in` (one it receives), `? host` (the host
    is not decided yet)."""
    if direction == "out":
        return Text("→ " + pgettext("delegation", "out"), style="bold")
    if direction == "in":
        return Text("← " + pgettext("delegation", "in"), style="bold")
    return Text("? " + pgettext("delegation", "host"), style="dim")


STATUS_STYLES = {"error": "bold red", "warning": "yellow", "ok": "green"}


@dataclass(frozen=True)
class YearChoice:
    """What to open: a visit of a file, or (visit None) the plan-next form of that file."""

    path: str
    visit: str | None


def default_home(schedules: Sequence[Schedule]) -> str | None:
    """The one party every loaded file has; else the first party, for the user to change."""
    common = common_parties(schedules)
    if common:
        return common[0]
    known = known_parties(schedules)
    return known[0] if known else None


class YearScreen(Screen[YearChoice | None]):
    CSS_PATH = "year.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Back"), id="year.close"),
        Binding(
            "left_square_bracket", "year(-1)", N_("Year before"), id="year.before", key_display="["
        ),
        Binding(
            "right_square_bracket", "year(1)", N_("Year after"), id="year.after", key_display="]"
        ),
    ]

    def __init__(
        self,
        schedules: Sequence[tuple[str, Schedule]],
        as_of: dt.date,
        home: str | None = None,
        year: int | None = None,
    ) -> None:
        super().__init__()
        self.schedules = list(schedules)
        self.as_of = as_of
        self.home = home or default_home([schedule for _path, schedule in self.schedules])
        self.year = year or as_of.year
        self.plan: YearPlan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        options = []
        for party_id in known_parties([schedule for _path, schedule in self.schedules]):
            name = next(
                s.parties[party_id].name for _path, s in self.schedules if party_id in s.parties
            )
            shown = plain(name)
            shown.append(f" ({party_id})", style="dim")
            options.append((shown, party_id))
        with Horizontal(id="year-bar"):
            yield Label(_("Office"), id="home-label")
            yield Select(
                options,
                value=self.home if self.home is not None else Select.NULL,
                allow_blank=self.home is None,
                compact=True,
                id="home",
            )
            yield Static(id="year-title")
        yield DataTable(id="year-plan", cursor_type="row", zebra_stripes=True)
        yield Static(id="year-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.sub_title = _("the office's year · as of {day}").format(day=format_date(self.as_of))
        for title, key in (
            ("", "direction"),
            (pgettext("year column", "Time"), "time"),
            (pgettext("year column", "Status"), "status"),
            (pgettext("year column", "Purpose"), "purpose"),
            (pgettext("year column", "Partner"), "partner"),
            (pgettext("year column", "Head, size"), "delegation"),
            (pgettext("year column", "Partnership"), "partnership"),
        ):
            table.add_column(title, key=key)
        self.show_plan()
        table.focus()

    def show_plan(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        title = self.query_one("#year-title", Static)
        if self.home is None:
            self.plan = None
            title.update(
                Text(_("{year}: choose the office's party").format(year=self.year), style="bold")
            )
            return
        self.plan = plan = year_plan(self.schedules, self.home, self.year, self.as_of)
        summary = Text(str(self.year), style="bold")
        counts = _("{out} out · {into} in · {due} due").format(
            out=plan.count("out"), into=plan.count("in"), due=plan.due
        )
        summary.append(f"  {counts}", style="dim")
        title.update(summary)
        for index, entry in enumerate(plan.entries):
            status = status_cell(entry)
            table.add_row(
                direction_text(entry.direction),
                plain(time_text(entry), "italic" if entry.visit is None else ""),
                Text(status.text, style=STATUS_STYLES.get(status.mark, "")),
                plain(purpose(entry)),
                plain(partner(entry, short=True)),
                plain(delegation_text(entry)),
                plain(entry.schedule.partnership.title, "dim"),
                key=str(index),
            )
        count = len(plan.entries)
        table.border_title = _("Plan of delegations for {year}: {count}").format(
            year=self.year, count=count
        )
        self.show_detail(0 if plan.entries else None)

    def entry(self, row_key: str | None) -> PlanEntry | None:
        if self.plan is None or row_key is None:
            return None
        index = int(row_key)
        return self.plan.entries[index] if 0 <= index < len(self.plan.entries) else None

    def show_detail(self, index: int | None) -> None:
        detail = self.query_one("#year-detail", Static)
        entry = self.entry(str(index)) if index is not None else None
        if entry is None:
            empty = _("Nothing planned or due this year.") if self.plan is not None else ""
            waiting = [
                plain(unsettled_note(schedule, visit))
                for schedule, visit in (self.plan.unsettled if self.plan is not None else ())
            ]
            detail.update(Text("\n").join([Text(empty, style="dim"), *waiting]))
            return
        parts = [Text.assemble((_("Basis:") + " ", "bold"), plain(basis(entry)))]
        if entry.suggestion is not None:
            dates = Text.assemble((_("Dates:") + " ", "bold"), plain(suggestion_note(entry)))
            parts.append(dates)
        hint = (
            _("enter: open the visit") if entry.visit is not None else _("enter: plan this visit")
        )
        parts.append(Text(hint, style="dim"))
        detail.update(Text("\n").join(parts))

    @on(Select.Changed, "#home")
    def _home(self, event: Select.Changed) -> None:
        value = event.value
        if isinstance(value, str) and value != self.home:
            self.home = value
            self.show_plan()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(int(event.row_key.value) if event.row_key.value else None)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        entry = self.entry(event.row_key.value)
        if entry is not None:
            visit = entry.visit.id if entry.visit is not None else None
            self.dismiss(YearChoice(entry.path, visit))

    def action_year(self, step: int) -> None:
        self.year += step
        self.show_plan()

    def action_close(self) -> None:
        self.dismiss(None)

"""A year-by-year picture of a partnership: who hosted each visit, the gaps that broke an
interval rule, waived periods, and the window in which the next visit is due.

Each year is a row of twelve two-character months. What is drawn comes from the schedule, the
diagnostics of `visits check` and `schedules.planning`: the timeline decides nothing itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from schedules import Severity
from schedules.codes import Code
from schedules.i18n import N_, _, format_date, pgettext
from schedules.messages import visit_status
from schedules.planning import NextVisit
from schedules.tables import Schedule, Visit
from schedules.words import rule_kind_text, state_text
from tui.state import PartnershipView
from tui.widgets.labels import clean, dates, party_colour, party_tag, plain

# Translators: the months' initials over the timeline, two characters each (24 in all)
MONTHS = N_("J F M A M J J A S O N D ")
YEAR_WIDTH = 6
BREACH = ("××", "bold red")
WAIVED = ("╱╱", "yellow")
DUE = ("▒▒", "green")
EMPTY = ("· ", "#606060")


@dataclass(frozen=True)
class Cell:
    glyph: str
    style: str
    rank: int
    """Higher ranks win a month that several things fall in."""


def months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """The (year, month) pairs from `first` to `last`, inclusive."""
    found = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


class TimelinePicture:
    """The cells and the per-year visit lists of one view."""

    def __init__(self, view: PartnershipView, schedule: Schedule) -> None:
        self.view = view
        self.schedule = schedule
        self.cells: dict[tuple[int, int], Cell] = {}
        visits = schedule.visits
        years = {view.as_of.year}
        years.update(v.earliest.year for v in visits)
        years.update(v.last_day.year for v in visits)
        years.update(a.starts.year for a in schedule.agreements)
        years.update(n.deadline.year for n in view.next_visits if n.deadline is not None)
        self.first_year, self.last_year = min(years), max(years)
        self.start = dt.date(self.first_year, 1, 1)
        self.end = dt.date(self.last_year, 12, 31)
        self._waivers()
        self._due_windows()
        self._breaches()
        for visit in visits:
            self._visit(visit)

    def put(self, first: dt.date, last: dt.date, cell: Cell) -> None:
        first, last = max(first, self.start), min(last, self.end)
        for key in months(first, last) if first <= last else []:
            current = self.cells.get(key)
            if current is None or cell.rank > current.rank:
                self.cells[key] = cell

    def _waivers(self) -> None:
        for waiver in self.schedule.waivers:
            self.put(waiver.from_ or self.start, waiver.until or self.end, Cell(*WAIVED, 1))

    def _due_windows(self) -> None:
        as_of = self.view.as_of
        for plan in self.view.next_visits:
            if plan.deadline is None or plan.deadline < as_of or plan.state == "kept":
                continue
            first = max(plan.earliest or as_of, as_of)
            self.put(first, plan.deadline, Cell(*DUE, 2))

    def _breaches(self) -> None:
        for d in self.view.diagnostics:
            if d.code != Code.INTERVAL or d.severity is not Severity.ERROR or d.date is None:
                continue
            if d.waived:
                continue
            visit = self.schedule.visit(d.visit) if d.visit else None
            if visit is not None and visit.earliest > d.date:
                self.put(d.date, visit.earliest, Cell(*BREACH, 3))
            elif visit is not None and d.date < self.view.as_of:
                self.put(d.date, self.view.as_of, Cell(*BREACH, 3))

    def _visit(self, visit: Visit) -> None:
        colour = party_colour(self.schedule, visit.host)
        if not visit.counted and visit.formal:
            self.put(visit.earliest, visit.last_day, Cell("--", f"dim {colour}", 4))
        elif not visit.formal:
            tag = party_tag(self.schedule, visit.host).lower()
            self.put(visit.earliest, visit.last_day, Cell(tag, f"italic underline {colour}", 5))
        elif not visit.exact:
            self.put(visit.earliest, visit.latest, Cell("░░", colour, 6))
        else:
            tag = party_tag(self.schedule, visit.host)
            self.put(visit.earliest, visit.last_day, Cell(tag, f"bold #000000 on {colour}", 7))

    def visit_line(self, visit: Visit) -> Text:
        colour = party_colour(self.schedule, visit.host)
        if not visit.formal:
            line = Text("○ ", style=colour)
        elif visit.counted:
            line = Text("● ", style=colour)
        else:
            line = Text("✕ ", style="dim")
        line.append_text(plain(dates(visit), "dim"))
        line.append(" ")
        line.append(clean(party_tag(self.schedule, visit.host)).strip(), style=f"bold {colour}")
        line.append("→")
        line.append(
            ",".join(
                party_tag(self.schedule, guest).strip()
                for guest in visit.guest_ids(self.schedule.parties)
            )
        )
        line.append(" ")
        line.append_text(plain(visit.id, "dim strike" if not visit.counted else "bold"))
        line.append(f" {visit_status(visit.status)}", style="dim")
        if visit.title:
            line.append(" ")
            line.append_text(plain(visit.title))
        return line

    def lines(self) -> list[Text]:
        """The picture, line by line: legend, what is due next, then one row per year."""
        lines = list(self.legend().split("\n"))
        lines += [self.plan_line(plan) for plan in self.view.next_visits]
        lines.append(Text())
        header = Text(" " * YEAR_WIDTH)
        header.append(_(MONTHS), style="dim")
        lines.append(header)
        by_year: dict[int, list[Visit]] = {}
        for visit in sorted(self.schedule.visits, key=lambda v: (v.earliest, v.latest)):
            by_year.setdefault(visit.earliest.year, []).append(visit)
        as_of = self.view.as_of
        for year in range(self.first_year, self.last_year + 1):
            listed = by_year.get(year, [])
            line = Text()
            line.append(f"{year:<{YEAR_WIDTH}}", style="bold" if year == as_of.year else "dim")
            for month in range(1, 13):
                cell = self.cells.get((year, month))
                glyph, style = (cell.glyph, cell.style) if cell else EMPTY
                line.append(glyph, style=style)
            line.append(" ")
            if listed:
                line.append_text(self.visit_line(listed[0]))
            lines.append(line)
            for visit in listed[1:]:
                line = Text(" " * (YEAR_WIDTH + 25))
                line.append_text(self.visit_line(visit))
                lines.append(line)
            if year == as_of.year:
                line = Text(" " * (YEAR_WIDTH + 2 * (as_of.month - 1)))
                line.append("▲ " + _("as of {day}").format(day=format_date(as_of)), style="bold")
                lines.append(line)
        return lines

    def plan_line(self, plan: NextVisit) -> Text:
        line = Text(pgettext("next visit", "next") + " ", style="dim")
        line.append_text(plain(plan.rule, "bold"))
        line.append(f" ({rule_kind_text(plan.rule_kind)}): ", style="dim")
        if plan.host is not None:
            line.append_text(plain(party_tag(self.schedule, plan.host).strip(), "bold"))
            line.append(" " + _("hosts") + " ")
        line.append(", ".join(plan.kinds))
        if plan.deadline is not None:
            deadline = format_date(plan.deadline)
            window = (
                f"{format_date(plan.earliest)}..{deadline}"
                if plan.earliest
                else _("by {day}").format(day=deadline)
            )
            line.append(f" {window}")
        style = {
            "overdue": "bold red",
            "late": "bold yellow",
            "planned": "green",
            "kept": "dim",
        }.get(plan.state, "yellow")
        line.append(f" — {state_text(plan.state)}", style=style)
        if plan.planned:
            line.append(": ")
            line.append_text(plain(plan.planned))
        return line

    def legend(self) -> Text:
        legend = Text()
        for party_id, party in self.schedule.parties.items():
            colour = party_colour(self.schedule, party_id)
            legend.append(party_tag(self.schedule, party_id), style=f"bold #000000 on {colour}")
            legend.append(" ")
            legend.append_text(plain(party.name, colour))
            legend.append("\n")
        for (glyph, style), label, end in (
            (("░░", ""), _("dates not fixed"), "  "),
            (("qt", "italic underline"), _("informal"), "  "),
            (("--", "dim"), _("postponed/cancelled"), "  "),
            (BREACH, _("interval broken"), "\n"),
            (WAIVED, _("waived"), "  "),
            (DUE, _("next due"), "  "),
        ):
            legend.append(glyph, style=style)
            legend.append(f" {label}{end}", style="dim")
        return legend


class Timeline(ScrollView):
    """The timeline of the partnership in `view`, drawn line by line (a file of thousands of
    visits draws only the lines in sight). It is drawn only while it is on screen: a hidden
    timeline is drawn when it is shown."""

    view: reactive[PartnershipView | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}
        self._shown: tuple[str, int] | None = None
        self._on_screen = False

    def watch_view(self) -> None:
        if self._on_screen:
            self.draw()

    def on_show(self) -> None:
        self._on_screen = True
        self.draw()

    def on_hide(self) -> None:
        self._on_screen = False

    def draw(self) -> None:
        view = self.view
        shown = (view.path, view.generation) if view is not None else None
        if shown == self._shown:
            return
        self._shown = shown
        if view is None or view.schedule is None:
            self._lines = []
        else:
            self._lines = TimelinePicture(view, view.schedule).lines()
        self._strips = {}
        width = max((line.cell_len for line in self._lines), default=0)
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            strip = Strip(list(self._lines[index].render(self.app.console)))
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

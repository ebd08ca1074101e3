"""The visits of one partnership: a sortable table with a filter line (`/`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Input
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowDoesNotExist

from schedules import Diagnostic
from schedules.i18n import N_, _
from schedules.messages import visit_status
from schedules.tables import Schedule, Visit
from tui.messages import VisitChosen, VisitHighlighted
from tui.state import PartnershipView
from tui.widgets.labels import clean, dates, host_and_guests, plain, status_text, worst


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for filtering ("quang tri" finds "Quảng Trị")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _haystack(schedule: Schedule, visit: Visit) -> str:
    parts: list[str] = [visit.id, visit.kind, visit.status, visit.dates_text()]
    parts += [visit_status(visit.status), dates(visit)]  # as the reader sees them too
    parts += [visit.title or "", visit.place or "", visit.outcome or ""]
    for party in [visit.host, *visit.guest_ids(schedule.parties)]:
        parts.append(party)
        parts.append(schedule.party_label(party))
    parts += [p.name for p in visit.participants]
    parts += [p.title or "" for p in visit.participants]
    if not visit.formal:
        parts += ["informal", _("informal")]
    return _fold(" ".join(parts))


def _concerns(diagnostics: tuple[Diagnostic, ...]) -> dict[str, list[Diagnostic]]:
    """The diagnostics about each visit."""
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.visit is not None:
            found.setdefault(diagnostic.visit, []).append(diagnostic)
    return found


CHUNK = 200
"""Rows added at a time: a few thousand visits fill in while the screen stays live."""

SortKey = Callable[[tuple[int, Visit]], Any]

# status right after the dates: at 80 columns, long kinds and party ids must not push it off
COLUMNS: tuple[tuple[str, str, SortKey], ...] = (
    ("dates", N_("Dates"), lambda iv: (iv[1].earliest, iv[1].latest, iv[0])),
    ("status", N_("Status"), lambda iv: (iv[1].status, iv[1].earliest, iv[0])),
    ("kind", N_("Kind"), lambda iv: (iv[1].kind, iv[1].earliest, iv[0])),
    ("parties", N_("Host → guests"), lambda iv: (iv[1].host, iv[1].earliest, iv[0])),
    ("title", N_("Title"), lambda iv: (_fold(iv[1].title or ""), iv[1].earliest, iv[0])),
)
"""Each column's key, its heading (translated where shown) and how it sorts."""
COLUMN_KEYS = ("mark", *(key for key, _label, _sort in COLUMNS))


class VisitsTable(Vertical):
    """A table of visits (dates or partial date, status, kind, host → guests, title)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort", N_("Sort"), id="visits.sort"),
    ]

    view: reactive[PartnershipView | None] = reactive(None, always_update=True)
    sort_column: reactive[str] = reactive("dates")
    sort_reverse: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pending: list[Visit] = []
        """The visits still to add, the next one last."""
        self.holding = False
        """No rows are added below the first screenful (`hold`)."""
        self._order: dict[str, int] = {}
        """Each listed visit's row (rows not added yet included)."""
        self._concerns: dict[str, list[Diagnostic]] = {}
        self._schedule: Schedule | None = None

    def compose(self) -> ComposeResult:
        filter_input = Input(placeholder=_("filter visits: words or names (esc clears)"))
        filter_input.display = False
        yield filter_input
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.table
        table.add_column("", key=COLUMN_KEYS[0], width=1)
        for key, label, _sort in COLUMNS:
            table.add_column(_(label), key=key)

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    @property
    def filter_text(self) -> str:
        return self.query_one(Input).value

    @property
    def visit_id(self) -> str | None:
        """The visit under the cursor."""
        table = self.table
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return key.value

    def watch_view(self, old: PartnershipView | None, view: PartnershipView | None) -> None:
        unchanged = old is not None and view is not None and old.generation == view.generation
        same_file = old is not None and view is not None and old.path == view.path
        if not same_file or not (unchanged or self.update_rows()):
            self.refresh_rows()

    def update_rows(self) -> bool:
        """Show the view by changing only the rows whose visit or marks changed, when the
        same visits are listed in the same order (an edit of a visit: the usual case); False
        when the table must be filled again."""
        view, before = self.view, self._schedule
        schedule = view.schedule if view is not None else None
        if not self.is_mounted or view is None or schedule is None or before is None:
            return False
        if self.filter_text or schedule.parties != before.parties:
            return False
        listed = len(self._order)
        if len(schedule.visits) != listed or self.table.row_count + len(self._pending) != listed:
            return False
        indexed = self._sorted(schedule)
        if any(self._order.get(visit.id) != row for row, (_, visit) in enumerate(indexed)):
            return False
        concerns = _concerns(view.diagnostics)
        old_visits = {visit.id: visit for visit in before.visits}
        changed = [
            visit
            for _place, visit in indexed
            if (old_visits.get(visit.id) is not visit and old_visits.get(visit.id) != visit)
            or concerns.get(visit.id) != self._concerns.get(visit.id)
        ]
        self._schedule, self._concerns = schedule, concerns
        current = {visit.id: visit for visit in changed}
        self._pending = [current.get(visit.id, visit) for visit in self._pending]
        table = self.table
        for visit in changed:
            if self._order[visit.id] >= table.row_count:
                continue  # still to add: it is added as it is now
            for key, cell in zip(COLUMN_KEYS, self._cells(schedule, visit), strict=True):
                wider = cell.cell_len > table.columns[ColumnKey(key)].content_width
                table.update_cell(visit.id, key, cell, update_width=wider)
        if changed:
            self.post_message(VisitHighlighted(self.visit_id))
        return True

    def watch_sort_column(self) -> None:
        self.refresh_rows()

    def watch_sort_reverse(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Fill the table from the view, keeping the cursor on the same visit. The first rows
        go in at once, the rest in chunks between screen updates."""
        if not self.is_mounted:
            return
        table = self.table
        keep = self.visit_id
        table.clear()
        self._pending = []
        view = self.view
        schedule = view.schedule if view is not None else None
        if view is None or schedule is None:
            self._schedule, self._order = None, {}
            self.border_title = _("Visits")
            self.border_subtitle = ""
            return
        indexed = self._sorted(schedule)
        self._concerns = _concerns(view.diagnostics)
        self._schedule = schedule
        self._pending = [visit for _place, visit in reversed(indexed)]
        self._order = {visit.id: row for row, (_, visit) in enumerate(indexed)}
        self._add_rows(CHUNK)
        shown = len(indexed)
        total = len(schedule.visits)
        count = (
            _("{shown} of {total}").format(shown=shown, total=total)
            if shown != total
            else str(total)
        )
        arrow = "↓" if not self.sort_reverse else "↑"
        label = next(label for name, label, _sort in COLUMNS if name == self.sort_column)
        self.border_title = _("Visits ({count}) · sorted by {column} {arrow}").format(
            count=count, column=_(label), arrow=arrow
        )
        self.border_subtitle = Text(clean(Path(view.path).name))
        if keep is not None:
            self.select(keep, post=False)
        self.post_message(VisitHighlighted(self.visit_id))
        if self._pending:
            self.call_after_refresh(self._add_more)

    def _sorted(self, schedule: Schedule) -> list[tuple[int, Visit]]:
        """The visits the filter lets through, in the table's order, with their places in
        the file."""
        indexed = list(enumerate(schedule.visits))
        words = _fold(self.filter_text).split()
        if words:
            indexed = [iv for iv in indexed if all(w in _haystack(schedule, iv[1]) for w in words)]
        sort_key = next(key for name, _label, key in COLUMNS if name == self.sort_column)
        indexed.sort(key=sort_key, reverse=self.sort_reverse)
        return indexed

    def _cells(self, schedule: Schedule, visit: Visit) -> tuple[Text, ...]:
        kind = plain(visit.kind)
        if not visit.formal:
            kind.append(" ◦" + _("informal"), style="dim italic")
        return (
            worst(self._concerns.get(visit.id, [])),
            plain(dates(visit)),
            status_text(visit.status),
            kind,
            host_and_guests(schedule, visit),
            plain(visit.title),
        )

    def _add_rows(self, count: int) -> None:
        table = self.table
        schedule = self._schedule
        if schedule is None:
            return
        for _row in range(min(count, len(self._pending))):
            visit = self._pending.pop()
            table.add_row(*self._cells(schedule, visit), key=visit.id)

    def _add_more(self) -> None:
        if self._pending and not self.holding:
            self._add_rows(CHUNK)
            self.call_after_refresh(self._add_more)

    def hold(self, holding: bool) -> None:
        """Add no more rows below the first screenful while `holding` (while the files are
        checked and read for editing, which would otherwise wait for thousands of rows);
        then go on."""
        self.holding = holding
        if not holding and self._pending:
            self.call_after_refresh(self._add_more)

    def select(self, visit_id: str, *, post: bool = True) -> bool:
        """Move the cursor to a visit; clear the filter if it hides it."""
        table = self.table
        row = self._order.get(visit_id)
        if row is not None and row >= table.row_count:
            self._add_rows(row + 1 - table.row_count)
        try:
            row = table.get_row_index(visit_id)
        except RowDoesNotExist:
            if self.filter_text and post:
                self.query_one(Input).value = ""
                self.query_one(Input).display = False
                self.refresh_rows()
                return self.select(visit_id, post=post)
            return False
        table.move_cursor(row=row, animate=False, scroll=True)
        if post:
            self.post_message(VisitHighlighted(visit_id))
        return True

    def action_filter(self) -> None:
        filter_input = self.query_one(Input)
        filter_input.display = True
        filter_input.focus()

    def action_sort(self) -> None:
        names = [name for name, _label, _sort in COLUMNS]
        self.sort_reverse = False
        self.sort_column = names[(names.index(self.sort_column) + 1) % len(names)]

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refresh_rows()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.display = False
        self.table.focus()

    def key_escape(self) -> None:
        filter_input = self.query_one(Input)
        if filter_input.display:
            filter_input.value = ""
            filter_input.display = False
            self.table.focus()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        if column not in {name for name, _label, _sort in COLUMNS}:
            return
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_reverse = False
            self.sort_column = column

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(VisitHighlighted(event.row_key.value))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(VisitChosen(event.row_key.value))

"""The follow-up actions of one partnership: requests made and commitments given."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.reactive import reactive
from textual.widgets import DataTable

from schedules.i18n import _, format_date, pgettext
from schedules.tables import Action, Schedule
from tui.messages import ActionHighlighted
from tui.state import PartnershipView
from tui.widgets.keyed_table import KeyedTable
from tui.widgets.labels import action_status, day_text, party_text, plain, worst
from tui.widgets.visit_detail import diagnostic_lines

STATUS_ORDER = {"open": 0, "done": 1, "dropped": 2}


class ActionsTable(KeyedTable):
    """Open actions first, then by due date."""

    view: reactive[PartnershipView | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: object = None
        """What the rows were made from."""

    def on_mount(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column(pgettext("actions column", "Action"), key="id")
        self.add_column(pgettext("actions column", "Status"), key="status")
        self.add_column(pgettext("actions column", "Owner"), key="owner")
        self.add_column(pgettext("actions column", "Due"), key="due")
        self.add_column(pgettext("actions column", "From visit"), key="visit")
        self.add_column(pgettext("actions column", "Text"), key="text")

    def watch_view(self, old: PartnershipView | None, view: PartnershipView | None) -> None:
        if not self.needs_rows(old, view):
            return
        schedule = view.schedule if view is not None else None
        shown = (
            (
                view.path,
                tuple(schedule.actions),
                schedule.parties,
                tuple(d for d in view.diagnostics if d.action is not None),
            )
            if view is not None and schedule is not None
            else None
        )
        if shown is not None and shown == self._shown:
            return  # an edit elsewhere: the same rows
        self._shown = shown
        keep = self.selected_key
        self.clear()
        if view is None or schedule is None:
            return
        ordered = sorted(
            enumerate(schedule.actions),
            key=lambda ia: (STATUS_ORDER[ia[1].status], ia[1].due is None, ia[1].due, ia[0]),
        )
        for _index, action in ordered:
            self.add_row(
                worst(view.about_action(action.id)),
                plain(action.id, "bold" if action.status == "open" else "dim"),
                Text(action_status(action.status), style="" if action.status == "open" else "dim"),
                party_text(schedule, action.owner, compact=True),
                Text(day_text(action.due)),
                plain(action.visit),
                plain(action.text),
                key=action.id,
            )
        still_open = sum(a.status == "open" for a in schedule.actions)
        self.border_title = _("Actions ({count} open)").format(count=still_open)
        if keep is not None:
            self.select(keep)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(ActionHighlighted(event.row_key.value))


def action_renderable(view: PartnershipView, schedule: Schedule, action: Action) -> Group:
    head = plain(action.id, "bold")
    head.append(f"  {action_status(action.status)}", style="dim")
    head.append("  " + _("owner") + " ")
    head.append_text(party_text(schedule, action.owner))
    if action.due:
        head.append("  " + _("due {day}").format(day=format_date(action.due)))
    if action.visit:
        head.append("  " + _("from visit") + " ", style="dim")
        head.append_text(plain(action.visit))
    parts: list[RenderableType] = [head, plain(action.text)]
    parts += diagnostic_lines(view.about_action(action.id))
    return Group(*parts)

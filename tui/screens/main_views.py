"""What the main screen's widgets show: the session's state handed down, one
`PartnershipView` per refresh, and the summary and detail panes the screen draws itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static

from schedules import Severity
from schedules.i18n import _, format_date
from schedules.session import OpenFile, Session
from schedules.tables import Schedule
from tui.state import PartnershipView
from tui.widgets.actions_table import ActionsTable, action_renderable
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.labels import clean, plain
from tui.widgets.partnership_list import PartnershipEntry, PartnershipList, next_due
from tui.widgets.rules_table import RulesTable, rule_renderable
from tui.widgets.timeline import Timeline
from tui.widgets.visit_detail import VisitDetail
from tui.widgets.visits_table import VisitsTable

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


def view_of(session: Session, file: OpenFile) -> PartnershipView:
    """What the widgets show about one file."""
    checks = session.checks
    return PartnershipView(
        path=file.path,
        document=file.document,
        diagnostics=tuple(checks.for_path(file.path)) if checks else (),
        next_visits=tuple(session.plans.get(file.path, [])),
        as_of=session.as_of,
        generation=session.generation,
        dirty=file.dirty,
        editable=file.editable is not None,
        checked=checks is not None,
    )


def entries(session: Session) -> tuple[PartnershipEntry, ...]:
    """The partnership list's lines: each file's title, counts and next deadline."""
    checks = session.checks
    return tuple(
        PartnershipEntry(
            path=f.path,
            title=f.title,
            errors=checks.count(Severity.ERROR, f.path) if checks else 0,
            warnings=checks.count(Severity.WARNING, f.path) if checks else 0,
            input_error=not f.document.ok,
            dirty=f.dirty,
            next_due=next_due(f.schedule, session.plans.get(f.path, [])),
            checked=checks is not None,
        )
        for f in session.files
    )


def summary(file: OpenFile, view: PartnershipView) -> Text:
    """The lines above the tabs: the partnership, its file, what is due next."""
    text = plain(file.title, "bold")
    if file.dirty:
        text.append("  " + _("● unsaved"), style="bold magenta")
    text.append("\n")
    text.append_text(plain(file.path, "dim"))
    if file.schedule is not None and not view.checked:
        text.append("  " + _("checking…"), style="dim italic")
    elif file.schedule is not None:
        text.append("  ")
        text.append_text(next_due(file.schedule, list(view.next_visits)))
    if file.editable is None:
        text.append(
            "  " + _("(reading for editing…)")
            if file.edit_error is None
            else f"  ({file.edit_error})",
            style="dim italic",
        )
    return text


def subtitle(session: Session) -> str:
    return _("{root} · as of {day}").format(root=session.root, day=format_date(session.as_of))


class MainViews:
    """Hands every widget of one main screen its part of the session's state."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def refresh(self) -> None:
        screen = self.screen
        session = screen.session
        screen.query_one("#body").loading = not session.loaded
        sidebar = screen.query_one(PartnershipList)
        sidebar.current = screen.current
        sidebar.entries = entries(session)
        panel = screen.query_one(DiagnosticsPanel)
        panel.only = screen.current if screen.checks_only else None
        panel.checks = session.checks
        screen.sub_title = subtitle(session)
        file = screen.file()
        if file is None:
            screen.query_one("#summary", Static).update(
                Text(
                    _("No schedule files in {folder}").format(folder=clean(session.root)),
                    style="bold",
                )
                if session.loaded
                else Text(_("Reading…"))
            )
            return
        view = view_of(session, file)
        screen.query_one("#summary", Static).update(summary(file, view))
        table = screen.query_one(VisitsTable)
        table.view = view
        if screen.pending_select is not None and not file.stale:
            table.select(screen.pending_select)
            screen.pending_select = None
        screen.query_one(Timeline).view = view
        screen.query_one(ActionsTable).view = view
        screen.query_one(RulesTable).view = view
        screen.query_one(VisitDetail).view = view
        self.action_detail()
        self.rule_detail()

    def action_detail(self) -> None:
        def shown(view: PartnershipView, schedule: Schedule, key: str) -> RenderableType:
            action = next((a for a in schedule.actions if a.id == key), None)
            return action_renderable(view, schedule, action) if action else ""

        self._detail("#action-detail", self.screen.query_one(ActionsTable).selected_key, shown)

    def rule_detail(self) -> None:
        self._detail(
            "#rule-detail", self.screen.query_one(RulesTable).selected_key, rule_renderable
        )

    def _detail(
        self,
        where: str,
        key: str | None,
        shown: Callable[[PartnershipView, Schedule, str], RenderableType],
    ) -> None:
        """The pane below a table: what its selected row (`key`) is about."""
        screen = self.screen
        file = screen.file()
        body = screen.query_one(where, Static)
        if file is None or file.schedule is None or key is None:
            body.update("")
        else:
            body.update(shown(view_of(screen.session, file), file.schedule, key))

    def checking(self, busy: bool) -> None:
        """Say that the checks are running (or done)."""
        self.screen.query_one(DiagnosticsPanel).checking = busy
        if not busy:
            self.screen.query_one("#body").loading = False

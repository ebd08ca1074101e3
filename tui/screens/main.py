"""The main screen: the partnerships, one partnership's visits, timeline, actions and rules,
and the checks, kept live while the files are read, edited, saved and changed on disk.

The screen owns the open files (`tui.state`); widgets get a `PartnershipView` and post
messages back. Parsing, checking, saving and watching the disk run in workers.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Header, Static, TabbedContent, TabPane

from schedules import Severity
from schedules.i18n import _
from schedules.planning import NextVisit
from tui.messages import (
    ActionHighlighted,
    DiagnosticChosen,
    PartnershipChosen,
    VisitChosen,
    VisitHighlighted,
)
from tui.screens.agreement_editing import AgreementEditing
from tui.state import Checks, OpenFile, PartnershipView
from tui.widgets.actions_table import ActionsTable, action_renderable
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.footer import Footer
from tui.widgets.labels import clean, plain
from tui.widgets.partnership_list import PartnershipEntry, PartnershipList, next_due
from tui.widgets.rules_table import RulesTable, rule_renderable
from tui.widgets.timeline import Timeline
from tui.widgets.visit_detail import VisitDetail
from tui.widgets.visits_table import VisitsTable

TABS = {
    "visits": "visits-tab",
    "timeline": "timeline-tab",
    "actions": "actions-tab",
    "rules": "rules-tab",
}


class MainScreen(AgreementEditing):
    CSS_PATH = "main.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="main.help", key_display="?"),
        Binding("ctrl+s", "save", "Save", id="main.save"),
        Binding("slash", "filter_visits", "Filter", id="main.filter", key_display="/"),
        Binding("n", "plan_next", "Plan next", id="main.plan-next"),
        Binding("a", "add", "Add", id="main.add"),
        Binding("e", "edit", "Edit", id="main.edit"),
        Binding("m", "mark_visit", "Mark", id="main.mark-visit"),
        Binding("delete,x", "delete", "Delete", id="main.delete", key_display="del"),
        Binding("p", "add_participant", "Person", id="main.add-participant"),
        Binding("f", "add_action", "Follow-up", id="main.add-action"),
        Binding("c", "close_action", "Close action", id="main.close-action"),
        Binding("w", "add_waiver", "Waiver", id="main.add-waiver"),
        Binding("d", "as_of", "As of", id="main.as-of"),
        Binding("1", "show_tab('visits')", "Visits", id="main.tab-visits"),
        Binding("2", "show_tab('timeline')", "Timeline", id="main.tab-timeline"),
        Binding("3", "show_tab('actions')", "Actions", id="main.tab-actions"),
        Binding("4", "show_tab('rules')", "Rules", id="main.tab-rules"),
        Binding("ctrl+r", "reload", "Reload", id="main.reload"),
        Binding("S", "save_as", "Save as", id="main.save-as"),
        Binding("ctrl+z", "undo", "Undo", id="main.undo", show=False),
        Binding("ctrl+y", "redo", "Redo", id="main.redo", show=False),
        Binding("y", "year_view", "Year", id="main.year-view", show=False),
        Binding("A", "add_agreement", _("Agreement"), id="main.add-agreement", show=False),
        Binding("E", "edit_agreement", _("Edit agreement"), id="main.edit-agreement", show=False),
        Binding("i", "edit_partnership", _("Partnership"), id="main.edit-partnership", show=False),
        Binding(
            "N", "new_partnership", _("New partnership"), id="main.new-partnership", show=False
        ),
        Binding("l", "partnership_list", _("Partnerships"), id="main.partnership-list", show=False),
        Binding("k", "checks_scope", _("Checks: this/all"), id="main.checks-scope", show=False),
    ]

    checks_only = False
    """The checks panel shows only the selected partnership's diagnostics."""

    def action_checks_scope(self) -> None:
        self.checks_only = not self.checks_only
        self.refresh_views()

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield PartnershipList(id="partnerships")
            with Vertical(id="main"):
                yield Static(id="summary")
                with TabbedContent(id="tabs"):
                    with TabPane("Visits", id="visits-tab"):
                        yield VisitsTable(id="visits")
                        yield VisitDetail(id="detail")
                    with TabPane("Timeline", id="timeline-tab"):
                        yield Timeline(id="timeline")
                    with TabPane("Actions", id="actions-tab"):
                        yield ActionsTable(id="actions")
                        yield Static(id="action-detail", classes="detail")
                    with TabPane("Rules", id="rules-tab"):
                        yield RulesTable(id="rules")
                        yield Static(id="rule-detail", classes="detail")
                yield DiagnosticsPanel(id="checks")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.root} · as of {self.as_of.isoformat()}"
        self.query_one("#body").loading = True
        super().on_mount()

    # --- views -------------------------------------------------------------------------------

    def view(self, file: OpenFile) -> PartnershipView:
        checks = self.checks
        return PartnershipView(
            path=file.path,
            document=file.document,
            diagnostics=tuple(checks.for_path(file.path)) if checks else (),
            next_visits=tuple(self.plans.get(file.path, [])),
            as_of=self.as_of,
            generation=self.generation,
            dirty=file.dirty,
            editable=file.editable is not None,
        )

    def refresh_views(self) -> None:
        """Hand every widget its part of the current state."""
        self.query_one("#body").loading = not self.loaded
        checks = self.checks
        entries = []
        for f in self.files:
            entries.append(
                PartnershipEntry(
                    path=f.path,
                    title=f.title,
                    errors=checks.count(Severity.ERROR, f.path) if checks else 0,
                    warnings=checks.count(Severity.WARNING, f.path) if checks else 0,
                    input_error=not f.document.ok,
                    dirty=f.dirty,
                    next_due=next_due(f.schedule, self.plans.get(f.path, [])),
                )
            )
        sidebar = self.query_one(PartnershipList)
        sidebar.current = self.current
        sidebar.entries = tuple(entries)
        panel = self.query_one(DiagnosticsPanel)
        panel.only = self.current if self.checks_only else None
        panel.checks = checks
        self.sub_title = f"{self.root} · as of {self.as_of.isoformat()}"
        file = self.file()
        if file is None:
            self.query_one("#summary", Static).update(
                Text(f"No schedule files in {clean(self.root)}", style="bold")
                if self.loaded
                else Text("Reading…")
            )
            return
        view = self.view(file)
        self.query_one("#summary", Static).update(self.summary(file, view))
        table = self.query_one(VisitsTable)
        table.view = view
        if self.pending_select is not None and not file.stale:
            table.select(self.pending_select)
            self.pending_select = None
        self.query_one(Timeline).view = view
        self.query_one(ActionsTable).view = view
        self.query_one(RulesTable).view = view
        detail = self.query_one(VisitDetail)
        detail.view = view
        self.show_action_detail()
        self.show_rule_detail()

    def summary(self, file: OpenFile, view: PartnershipView) -> Text:
        text = plain(file.title, "bold")
        if file.dirty:
            text.append("  ● unsaved", style="bold magenta")
        text.append("\n")
        text.append_text(plain(file.path, "dim"))
        if file.schedule is not None:
            text.append("  ")
            text.append_text(next_due(file.schedule, list(view.next_visits)))
        if file.editable is None:
            text.append(
                "  (reading for editing…)" if file.edit_error is None else f"  ({file.edit_error})",
                style="dim italic",
            )
        return text

    def show_action_detail(self) -> None:
        file = self.file()
        body = self.query_one("#action-detail", Static)
        action_id = self.query_one(ActionsTable).selected_key
        if file is None or file.schedule is None or action_id is None:
            body.update("")
            return
        action = next((a for a in file.schedule.actions if a.id == action_id), None)
        body.update(action_renderable(self.view(file), file.schedule, action) if action else "")

    def show_rule_detail(self) -> None:
        file = self.file()
        body = self.query_one("#rule-detail", Static)
        rule_id = self.query_one(RulesTable).selected_key
        if file is None or file.schedule is None or rule_id is None:
            body.update("")
            return
        body.update(rule_renderable(self.view(file), file.schedule, rule_id))

    # --- navigation --------------------------------------------------------------------------

    @on(PartnershipChosen)
    def _partnership(self, event: PartnershipChosen) -> None:
        if event.path != self.current:
            self.current = event.path
            self.visit_id = None
            self.refresh_views()

    @on(VisitHighlighted)
    def _visit(self, event: VisitHighlighted) -> None:
        self.visit_id = event.visit_id
        self.query_one(VisitDetail).visit_id = event.visit_id

    @on(VisitChosen)
    def _visit_chosen(self, event: VisitChosen) -> None:
        self.visit_id = event.visit_id
        self.action_edit_visit()

    @on(ActionHighlighted)
    def _action(self, event: ActionHighlighted) -> None:
        self.show_action_detail()

    @on(RulesTable.RowHighlighted)
    def _rule(self, event: RulesTable.RowHighlighted) -> None:
        self.show_rule_detail()

    @on(DiagnosticChosen)
    def _diagnostic(self, event: DiagnosticChosen) -> None:
        self.go_to(
            event.diagnostic.path,
            event.diagnostic.visit,
            event.diagnostic.action,
            event.diagnostic.rule,
        )

    def go_to(
        self,
        path: str,
        visit: str | None = None,
        action: str | None = None,
        rule: str | None = None,
    ) -> None:
        """Show what a diagnostic (or a command) is about: its file, then its action, visit
        or rule."""
        if path != self.current and self.file(path) is not None:
            self.current = path
            self.visit_id = None
            self.refresh_views()
        file = self.file()
        schedule = file.schedule if file is not None else None
        tabs = self.query_one(TabbedContent)
        if schedule is None:
            return
        if action is not None and self.query_one(ActionsTable).select(action):
            tabs.active = TABS["actions"]
            self.query_one(ActionsTable).focus()
        elif visit is not None and schedule.visit(visit) is not None:
            tabs.active = TABS["visits"]
            table = self.query_one(VisitsTable)
            table.select(visit)
            table.table.focus()
        elif rule is not None and self.query_one(RulesTable).select(rule):
            tabs.active = TABS["rules"]
            self.query_one(RulesTable).focus()
        else:
            tabs.active = TABS["rules"]

    def action_show_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = TABS[name]
        targets: dict[str, Widget] = {
            "visits": self.query_one(VisitsTable).table,
            "timeline": self.query_one(Timeline),
            "actions": self.query_one(ActionsTable),
            "rules": self.query_one(RulesTable),
        }
        targets[name].focus()

    def action_filter_visits(self) -> None:
        self.action_show_tab("visits")
        self.query_one(VisitsTable).action_filter()

    def action_sort_visits(self) -> None:
        self.action_show_tab("visits")
        self.query_one(VisitsTable).action_sort()

    def action_year_view(self) -> None:
        from tui.screens.year import YearChoice, YearScreen

        loaded = [(f.path, f.schedule) for f in self.files if f.schedule and f.document.ok]

        def chosen(choice: YearChoice | None) -> None:
            if choice is not None:
                self.go_to(choice.path, choice.visit)
                if choice.visit is None:
                    self.action_plan_next()

        self.app.push_screen(YearScreen(loaded, self.as_of), chosen)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        keys: dict[str, list[str]] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            if binding.description and binding.id:  # ours, not the widgets' cursor keys
                keys.setdefault(binding.description, []).append(self.app.get_key_display(binding))
        rows = [
            (" ".join(dict.fromkeys(shown)), description) for description, shown in keys.items()
        ]
        self.app.push_screen(HelpScreen(rows))

    def _loaded(
        self, files: list[OpenFile], checks: Checks, found: dict[str, list[NextVisit]]
    ) -> None:
        super()._loaded(files, checks, found)
        self.query_one(VisitsTable).table.focus()
        self.offer_new_partnership()

    def checking(self, busy: bool) -> None:
        self.query_one(DiagnosticsPanel).checking = busy
        if not busy:
            self.query_one("#body").loading = False

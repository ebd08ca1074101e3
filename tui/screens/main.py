"""The main screen: the partnerships, one partnership's visits, timeline, actions and rules,
and the checks, kept live while the files are read, edited, saved and changed on disk.

The open files are a headless `Session` (`schedules.session`). Workers read, check, look at
the disk and save, and return results; the screen applies them to the session on the UI
thread (the only thread that changes an `OpenFile`), then hands its widgets a
`PartnershipView` (`main_views`); widgets post messages back. The changes a planner makes
are plain objects grouped by what they edit (`visit_editing`, `follow_up_editing`,
`agreement_editing`, `partnership_editing`, `saving`), which the `action_*` methods call.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

import tui
from schedules import Diagnostic
from schedules.i18n import N_, _, pgettext
from schedules.session import (
    Checks,
    OpenFile,
    Session,
)
from tui.messages import (
    ActionHighlighted,
    DiagnosticChosen,
    PartnershipChosen,
    VisitChosen,
    VisitHighlighted,
)
from tui.screens.agreement_editing import AgreementEditing
from tui.screens.editing import Editing
from tui.screens.follow_up_editing import FollowUpEditing
from tui.screens.main_views import MainViews, subtitle
from tui.screens.main_work import Background
from tui.screens.navigation import Navigation
from tui.screens.partnership_editing import PartnershipEditing
from tui.screens.saving import Saving
from tui.screens.visit_editing import VisitEditing
from tui.widgets.actions_table import ActionsTable
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.footer import Footer
from tui.widgets.partnership_list import PartnershipList
from tui.widgets.rules_table import RulesTable
from tui.widgets.timeline import Timeline
from tui.widgets.visit_detail import VisitDetail
from tui.widgets.visits_table import VisitsTable

POLL_SECONDS = 2.0
TABS = {
    "visits": "visits-tab",
    "timeline": "timeline-tab",
    "actions": "actions-tab",
    "rules": "rules-tab",
}
R = TypeVar("R")

if TYPE_CHECKING:
    from schedules.editing import EditableSchedule


def delegated(target: Callable[[MainScreen], Callable[[], object]]) -> Callable[[MainScreen], None]:
    """An action of the screen that one of its parts carries out."""

    def action(screen: MainScreen) -> None:
        target(screen)()

    return action


class MainScreen(Screen[None]):
    """The one main screen: composes the widgets, owns the session, and delegates each action
    to the part that carries it out (see the module's docstring)."""

    AUTO_FOCUS = "#visits DataTable"  # as when the files are in (`loaded_files`): the footer
    # shows the table's keys from the first frame, not the side list's and then the table's
    # descriptions are msgids: whatever draws them (footer, help) translates them
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", N_("Help"), id="main.help", key_display="?"),
        Binding("ctrl+s", "save", N_("Save"), id="main.save"),
        Binding("slash", "filter_visits", N_("Filter"), id="main.filter", key_display="/"),
        Binding("n", "plan_next", N_("Plan next"), id="main.plan-next"),
        Binding("a", "add", N_("Add"), id="main.add"),
        Binding("e", "edit", N_("Edit"), id="main.edit"),
        Binding("m", "mark_visit", N_("Mark"), id="main.mark-visit"),
        Binding("delete,x", "delete", N_("Delete"), id="main.delete", key_display="del"),
        Binding("p", "add_participant", N_("Person"), id="main.add-participant"),
        Binding("f", "add_action", N_("Follow-up"), id="main.add-action"),
        Binding("c", "close_action", N_("Close action"), id="main.close-action"),
        Binding("w", "add_waiver", N_("Waiver"), id="main.add-waiver"),
        Binding("d", "as_of", N_("As of"), id="main.as-of"),
        Binding("1", "show_tab('visits')", N_("Visits"), id="main.tab-visits"),
        Binding("2", "show_tab('timeline')", N_("Timeline"), id="main.tab-timeline"),
        Binding("3", "show_tab('actions')", N_("Actions"), id="main.tab-actions"),
        Binding("4", "show_tab('rules')", N_("Rules"), id="main.tab-rules"),
        Binding("ctrl+r", "reload", N_("Reload"), id="main.reload"),
        Binding("S", "save_as", N_("Save as"), id="main.save-as"),
        Binding("ctrl+z", "undo", N_("Undo"), id="main.undo", show=False),
        Binding("ctrl+y", "redo", N_("Redo"), id="main.redo", show=False),
        Binding("y", "year_view", N_("Year"), id="main.year-view", show=False),
        Binding("A", "add_agreement", N_("Agreement"), id="main.add-agreement", show=False),
        Binding("E", "edit_agreement", N_("Edit agreement"), id="main.edit-agreement", show=False),
        Binding("i", "edit_partnership", N_("Partnership"), id="main.edit-partnership", show=False),
        Binding(
            "N", "new_partnership", N_("New partnership"), id="main.new-partnership", show=False
        ),
        Binding(
            "l", "partnership_list", N_("Partnerships"), id="main.partnership-list", show=False
        ),
        Binding("k", "checks_scope", N_("Checks: this/all"), id="main.checks-scope", show=False),
    ]

    def __init__(self, root: str, as_of: dt.date, *, follow_disk: bool = True) -> None:
        super().__init__()
        self.session = Session(root, as_of)
        self.follow_disk = follow_disk
        self.current: str | None = None
        self.visit_id: str | None = None
        self.pending_select: str | None = None
        self.saving = False
        self.checks_only = False
        """The checks panel shows only the selected partnership's diagnostics."""
        self.views = MainViews(self)
        self.background = Background(self)
        self.navigation = Navigation(self)
        editing = self.editing = Editing(self)
        self.visit_editing = VisitEditing(editing)
        self.follow_up_editing = FollowUpEditing(editing)
        self.agreement_editing = AgreementEditing(editing)
        self.partnership_editing = PartnershipEditing(editing, self.show_new_file)
        self.file_saving = Saving(editing, self)

    # --- the session, as tests and commands ask for it ---------------------------------------

    @property
    def as_of(self) -> dt.date:
        return self.session.as_of

    @property
    def files(self) -> list[OpenFile]:
        return self.session.files

    @property
    def checks(self) -> Checks | None:
        return self.session.checks

    @property
    def loaded(self) -> bool:
        return self.session.loaded

    @property
    def unsaved(self) -> list[OpenFile]:
        return self.session.unsaved

    def file(self, path: str | None = None) -> OpenFile | None:
        return self.session.file(path if path is not None else self.current)

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._width_class()
        yield Header()
        with Horizontal(id="body"):
            yield PartnershipList(id="partnerships")
            with Vertical(id="main"):
                yield Static(id="summary")
                with TabbedContent(id="tabs"):
                    with TabPane(_("Visits"), id="visits-tab"):
                        yield VisitsTable(id="visits")
                        yield VisitDetail(id="detail")
                    with TabPane(_("Timeline"), id="timeline-tab"):
                        yield Timeline(id="timeline")
                    # Translators: keep it short: the four tabs share one line at 80 columns
                    with TabPane(pgettext("main screen tab", "Actions"), id="actions-tab"):
                        yield ActionsTable(id="actions")
                        yield Static(id="action-detail", classes="detail")
                    with TabPane(_("Rules"), id="rules-tab"):
                        yield RulesTable(id="rules")
                        yield Static(id="rule-detail", classes="detail")
                yield DiagnosticsPanel(id="checks")
        yield Footer()

    def _width_class(self) -> None:
        """Take the class of the app's width (`-narrow`, `-wide`) now, as Textual does at the
        first resize, so that the widgets are styled for it when they are made, not once more
        after the first resize."""
        breakpoints = (
            self.app.HORIZONTAL_BREAKPOINTS
            if self.HORIZONTAL_BREAKPOINTS is None
            else self.HORIZONTAL_BREAKPOINTS
        ) or []
        width = self.app.size.width
        wanted = next((name for at, name in sorted(breakpoints, reverse=True) if width >= at), None)
        self.update_classes({name: name == wanted for _at, name in breakpoints}, update=False)

    def on_mount(self) -> None:
        self.sub_title = subtitle(self.session)
        self.query_one("#body").loading = True
        self.query_one(VisitsTable).hold(True)  # until the load worker is done
        self.background.load()
        if self.follow_disk:
            self.set_interval(POLL_SECONDS, self.poll_disk)

    def on_unmount(self) -> None:
        tui.started()  # if the app is left before the files were all read
        gc.unfreeze()  # what `reading` kept from the collector can go with the files

    def refresh_views(self) -> None:
        self.views.refresh()

    # --- what the changes ask of the screen (`tui.screens.editing.Host`) ---------------------

    def push_screen(
        self, screen: Screen[R], callback: Callable[[R | None], None] | None = None
    ) -> None:
        self.app.push_screen(screen, callback)

    async def push_screen_wait(self, screen: Screen[Any]) -> Any:
        return await self.app.push_screen_wait(screen)

    def exit_app(self) -> None:
        self.app.exit()

    def tab(self) -> str:
        return str(self.query_one(TabbedContent).active).removesuffix("-tab")

    def switch_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = TABS[name]

    def selected_action(self) -> str | None:
        return self.query_one(ActionsTable).selected_key

    def selected_rule(self) -> str | None:
        return self.query_one(RulesTable).selected_key

    def chosen_diagnostic(self) -> Diagnostic | None:
        panel = self.query_one(DiagnosticsPanel)
        return panel.diagnostic if panel.has_focus else None

    def apply_edit(self, file: OpenFile, change: Callable[[EditableSchedule], Any]) -> bool:
        return self.editing.apply(file, change)

    def start_check(self) -> None:
        self.views.checking(True)
        self.background.check()

    def set_as_of(self, day: dt.date) -> None:
        self.session.as_of = day
        self.start_check()

    def show_new_file(self, file: OpenFile) -> None:
        """A file just created: open it and show it."""
        self.background.add(file)
        self.current = file.path
        self.refresh_views()

    def loaded_files(self) -> None:
        """The files are read and checked: show them (and what an interrupted save left)."""
        if self.current is None and self.files:
            self.current = self.files[0].path
        self.refresh_views()
        self.file_saving.offer_leftovers()
        self.query_one(VisitsTable).table.focus()
        self.partnership_editing.offer_new_partnership()

    # --- the workers (`main_work`) -----------------------------------------------------------

    def poll_disk(self) -> None:
        if self.loaded and not self.saving:
            self.background.look_at_disk()

    def reload_file(self, file: OpenFile) -> None:
        self.background.reload(file)

    def save_files(self, files: list[OpenFile], *, then_quit: bool = False) -> None:
        self.background.save(files, then_quit=then_quit)

    def save_file_as(self, file: OpenFile) -> None:
        self.background.save_as(file)

    def request_quit(self) -> None:
        self.background.quit()

    # --- navigation -------------------------------------------------------------------------

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
        self.visit_editing.edit()

    @on(ActionHighlighted)
    def _action(self, event: ActionHighlighted) -> None:
        self.views.action_detail()

    @on(RulesTable.RowHighlighted)
    def _rule(self, event: RulesTable.RowHighlighted) -> None:
        self.views.rule_detail()

    @on(DiagnosticChosen)
    def _diagnostic(self, event: DiagnosticChosen) -> None:
        found = event.diagnostic
        self.go_to(found.path, found.visit, found.action, found.rule)

    def go_to(
        self,
        path: str,
        visit: str | None = None,
        action: str | None = None,
        rule: str | None = None,
    ) -> None:
        """Show what a diagnostic (or a command) is about (`Navigation.go_to`)."""
        self.navigation.go_to(path, visit, action, rule)

    def action_show_tab(self, name: str) -> None:
        self.navigation.show_tab(name)

    action_filter_visits = delegated(lambda s: s.navigation.filter_visits)
    action_sort_visits = delegated(lambda s: s.navigation.sort_visits)
    action_year_view = delegated(lambda s: s.navigation.year_view)
    action_help = delegated(lambda s: s.navigation.help)
    action_as_of = delegated(lambda s: s.navigation.choose_as_of)

    def action_checks_scope(self) -> None:
        self.checks_only = not self.checks_only
        self.refresh_views()

    def action_partnership_list(self) -> None:
        self.query_one(PartnershipList).focus()

    # --- a, e, del: the current tab's thing ---------------------------------------------------

    def action_add(self) -> None:
        follow_up, agreements = self.follow_up_editing, self.agreement_editing
        {"actions": follow_up.add_action, "rules": agreements.add_rule}.get(
            self.tab(), self.visit_editing.add
        )()

    def action_edit(self) -> None:
        follow_up, agreements = self.follow_up_editing, self.agreement_editing
        {"actions": follow_up.edit_action, "rules": agreements.edit_rule}.get(
            self.tab(), self.visit_editing.edit
        )()

    def action_delete(self) -> None:
        follow_up, agreements = self.follow_up_editing, self.agreement_editing
        {"actions": follow_up.delete_action, "rules": agreements.delete_rule}.get(
            self.tab(), self.visit_editing.delete
        )()

    # --- the changes, by what they change ----------------------------------------------------

    action_add_visit = delegated(lambda s: s.visit_editing.add)
    action_plan_next = delegated(lambda s: s.visit_editing.plan_next)
    action_edit_visit = delegated(lambda s: s.visit_editing.edit)
    action_delete_visit = delegated(lambda s: s.visit_editing.delete)
    action_mark_visit = delegated(lambda s: s.visit_editing.mark)
    action_add_participant = delegated(lambda s: s.visit_editing.add_participant)
    action_add_action = delegated(lambda s: s.follow_up_editing.add_action)
    action_edit_action = delegated(lambda s: s.follow_up_editing.edit_action)
    action_close_action = delegated(lambda s: s.follow_up_editing.close_action)
    action_delete_action = delegated(lambda s: s.follow_up_editing.delete_action)
    action_add_waiver = delegated(lambda s: s.follow_up_editing.add_waiver)
    action_edit_waiver = delegated(lambda s: s.follow_up_editing.edit_waiver)
    action_delete_waiver = delegated(lambda s: s.follow_up_editing.delete_waiver)
    action_add_agreement = delegated(lambda s: s.agreement_editing.add_agreement)
    action_edit_agreement = delegated(lambda s: s.agreement_editing.edit_agreement)
    action_end_agreement = delegated(lambda s: s.agreement_editing.end_agreement)
    action_add_rule = delegated(lambda s: s.agreement_editing.add_rule)
    action_edit_rule = delegated(lambda s: s.agreement_editing.edit_rule)
    action_delete_rule = delegated(lambda s: s.agreement_editing.delete_rule)
    action_edit_partnership = delegated(lambda s: s.partnership_editing.edit_partnership)
    action_add_party = delegated(lambda s: s.partnership_editing.add_party)
    action_edit_party = delegated(lambda s: s.partnership_editing.edit_party)
    action_remove_party = delegated(lambda s: s.partnership_editing.remove_party)
    action_new_partnership = delegated(lambda s: s.partnership_editing.new_partnership)
    action_undo = delegated(lambda s: s.editing.step)
    action_redo = delegated(lambda s: partial(s.editing.step, redo=True))
    action_save = delegated(lambda s: s.file_saving.save)
    action_save_all = delegated(lambda s: s.file_saving.save_all)
    action_save_as = delegated(lambda s: s.file_saving.save_as)
    action_reload = delegated(lambda s: s.file_saving.reload)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "load" and event.worker.is_finished:
            self.query_one(VisitsTable).hold(False)
            tui.started()
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        self.saving = False
        self.views.checking(False)
        self.notify(
            f"{type(error).__name__}: {error}",
            title=_("Something went wrong; the app keeps running"),
            severity="error",
            markup=False,
            timeout=10,
        )

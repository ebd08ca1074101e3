"""The changes a planner makes from the main screen: each opens a form (or a question) and
applies its answer through `EditableSchedule`, then the checks run again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.widgets import TabbedContent

from schedules import Diagnostic, Schedule, Visit
from schedules.drafts import ActionDraft, ParticipantDraft, VisitDraft, WaiverDraft
from schedules.plan import plan_next_dates
from schedules.planning import continuing_visits
from schedules.visit_defaults import plan_defaults
from tui.screens.action_form import ActionForm
from tui.screens.as_of import AsOfDialog
from tui.screens.dialogs import ConfirmDialog
from tui.screens.participant_form import ParticipantForm
from tui.screens.visit_form import VisitForm
from tui.screens.waiver_form import WaiverForm
from tui.screens.workspace import WorkspaceScreen
from tui.state import OpenFile
from tui.widgets.actions_table import ActionsTable
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.labels import clean
from tui.widgets.visits_table import VisitsTable

STATUS_CHOICES = [
    ("Held", "held"),
    ("Confirmed", "confirmed"),
    ("Planned", "planned"),
    ("Postponed", "postponed"),
    ("Cancelled", "cancelled"),
]


def changes_for(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """What `update_visit` needs to turn `current` (the file's table) into `values` (the
    form's full result): changed keys (`participants` as the whole new list), and None for
    keys the form left out."""
    changes = {key: value for key, value in values.items() if current.get(key) != value}
    changes.update({key: None for key in current if key not in values})
    return changes


def _counted(count: int, noun: str) -> str:
    if count == 0:
        return ""
    return f"1 {noun}" if count == 1 else f"{count} {noun}s"


class EditingScreen(WorkspaceScreen):
    """Actions that change the current file."""

    visit_id: str | None = None
    pending_select: str | None = None
    """A visit to show once the checks after an edit are done."""

    def editable_file(self) -> tuple[OpenFile, Schedule] | None:
        """The current file, when it can be edited (read for editing and valid)."""
        file = self.file()
        if file is None:
            self.notify("No schedule file is open.", severity="warning")
            return None
        if file.editable is None:
            self.notify(
                file.edit_error or f"Still reading {clean(file.path)} for editing…",
                severity="warning",
                markup=False,
            )
            return None
        if file.schedule is None or not file.document.ok:
            self.notify(
                "Fix the input errors shown in the checks first (the file must be valid to "
                "edit it here).",
                severity="warning",
            )
            return None
        return file, file.schedule

    def current_visit(self) -> tuple[OpenFile, Schedule, Visit] | None:
        found = self.editable_file()
        if found is None:
            return None
        file, schedule = found
        visit = schedule.visit(self.visit_id) if self.visit_id else None
        if visit is None:
            self.notify("Choose a visit in the Visits tab first.", severity="warning")
            return None
        return file, schedule, visit

    def show_visit(self, visit_id: str) -> None:
        self.query_one(TabbedContent).active = "visits-tab"
        self.visit_id = visit_id
        self.query_one(VisitsTable).select(visit_id)

    # --- visits ------------------------------------------------------------------------------

    def action_add_visit(self) -> None:
        found = self.editable_file()
        if found is not None:
            self.open_visit_form(*found, defaults=None)

    def action_plan_next(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        # with every agreement ended, the last one's rotation carries on (SPEC)
        plans = self.plans.get(file.path) or continuing_visits(schedule, self.as_of)
        pending = [p for p in plans if p.state in ("nothing planned", "overdue")]
        if pending:
            defaults = plan_defaults(schedule, pending, self.as_of)
            others = [f.schedule for f in self.files if f.schedule is not None and f is not file]
            dates = plan_next_dates(schedule, pending, [defaults["kind"]], self.as_of, others)
            if dates is not None and dates.start is not None:
                defaults = {**defaults, "when": None, "start": dates.start, "end": dates.end}
                defaults = {key: value for key, value in defaults.items() if value is not None}
            if dates is not None:
                self.notify(dates.text(), title="Suggested dates", markup=False, timeout=10)
            self.open_visit_form(file, schedule, defaults=defaults)
            return
        planned = sorted({p.planned for p in plans if p.planned and p.state in ("planned", "late")})
        if planned:
            listed = ", ".join(planned)
            message = (
                f"The next visit is already planned: {listed}. Once it has taken place, mark it "
                "held (m); the one after it can then be planned. Press a to add another visit."
            )
        else:
            message = (
                "No rotation, interval or commitment rule asks for a visit. Press a to add a visit."
            )
        self.notify(message, title="Plan next visit", markup=False)

    def open_visit_form(
        self, file: OpenFile, schedule: Schedule, *, defaults: dict[str, Any] | None
    ) -> None:
        open_actions = [a for a in schedule.actions if a.status == "open"]

        def added(draft: VisitDraft | None) -> None:
            if draft is not None and self.apply_edit(file, lambda e: e.add_visit(draft)):
                self.visit_id = draft.id
                self.pending_select = self.visit_id

        self.app.push_screen(
            VisitForm(schedule, defaults=defaults, open_actions=open_actions), added
        )

    def action_edit_visit(self) -> None:
        found = self.current_visit()
        if found is None:
            return
        file, schedule, visit = found
        open_actions = [a for a in schedule.actions if a.status == "open"]

        def edited(draft: VisitDraft | None) -> None:
            if draft is None:
                return
            changes = changes_for(self.visit_table(file, visit.id), draft.table())
            if changes and self.apply_edit(file, lambda e: e.update_visit(visit.id, changes)):
                self.pending_select = draft.id

        self.app.push_screen(VisitForm(schedule, visit, open_actions=open_actions), edited)

    @staticmethod
    def visit_table(file: OpenFile, visit_id: str) -> dict[str, Any]:
        """The visit's table as the file has it (plain values)."""
        visits = (file.document.data or {}).get("visits", [])
        return next((dict(v) for v in visits if v.get("id") == visit_id), {})

    def action_delete_visit(self) -> None:
        found = self.current_visit()
        if found is None:
            return
        file, _, visit = found
        editable = file.editable
        assert editable is not None, "current_visit checks it"
        actions, waivers = editable.references(visit.id)

        def answered(choice: str | None) -> None:
            if choice in ("delete", "detach"):
                self.apply_edit(file, lambda e: e.delete_visit(visit.id, references=choice))

        question = f"Delete visit {clean(visit.id)} ({visit.dates_text()}) from the file?"
        choices = [("Delete", "delete"), ("Keep", "keep")]
        if actions or waivers:
            listed = (
                _counted(len(actions), "action")
                + (" and " if actions and waivers else "")
                + _counted(len(waivers), "waiver")
            )
            question += f" {listed} refer to it."
            choices = [
                (f"Delete it and its {listed}", "delete"),
                (f"Delete it, keep the {listed} without it", "detach"),
                ("Keep", "keep"),
            ]
        self.app.push_screen(ConfirmDialog("Delete visit", Text(question), choices), answered)

    def action_undo(self) -> None:
        self.step_history()

    def action_redo(self) -> None:
        self.step_history(redo=True)

    def action_mark_visit(self) -> None:
        found = self.current_visit()
        if found is None:
            return
        file, _, visit = found

        def answered(status: str | None) -> None:
            if status is not None and status != visit.status:
                self.apply_edit(file, lambda e: e.update_visit(visit.id, {"status": status}))

        self.app.push_screen(
            ConfirmDialog(
                "Mark visit",
                Text(f"Visit {clean(visit.id)} is {visit.status}. Mark it:"),
                [choice for choice in STATUS_CHOICES if choice[1] != visit.status],
            ),
            answered,
        )

    def action_add_participant(self) -> None:
        found = self.current_visit()
        if found is None:
            return
        file, schedule, visit = found

        def added(draft: ParticipantDraft | None) -> None:
            if draft is not None:
                self.apply_edit(file, lambda e: e.add_participant(visit.id, draft))

        self.app.push_screen(ParticipantForm(schedule, visit), added)

    # --- actions and waivers -----------------------------------------------------------------

    def action_add_action(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        on_visits = self.query_one(TabbedContent).active == "visits-tab"
        visit_id = self.visit_id if on_visits else None

        def added(draft: ActionDraft | None) -> None:
            if draft is not None:
                self.apply_edit(file, lambda e: e.add_action(draft))

        self.app.push_screen(ActionForm(schedule, visit_id=visit_id), added)

    def action_close_action(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        action_id = self.query_one(ActionsTable).selected_key
        action = next((a for a in schedule.actions if a.id == action_id), None)
        if action is None or self.query_one(TabbedContent).active != "actions-tab":
            self.query_one(TabbedContent).active = "actions-tab"
            self.query_one(ActionsTable).focus()
            self.notify("Choose the action to close, then press c again.")
            return

        def answered(status: str | None) -> None:
            if status is not None and status != action.status:
                self.apply_edit(file, lambda e: e.update_action(action.id, {"status": status}))

        choices = [("Done", "done"), ("Dropped", "dropped"), ("Open again", "open")]
        self.app.push_screen(
            ConfirmDialog(
                "Close action",
                Text(f"Action {clean(action.id)} is {action.status}: {clean(action.text)}"),
                [choice for choice in choices if choice[1] != action.status],
            ),
            answered,
        )

    def action_add_waiver(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        panel = self.query_one(DiagnosticsPanel)
        diagnostic: Diagnostic | None = panel.diagnostic if panel.has_focus else None
        if diagnostic is not None and diagnostic.path != file.path:
            diagnostic = None

        def added(draft: WaiverDraft | None) -> None:
            if draft is not None:
                self.apply_edit(file, lambda e: e.add_waiver(draft))

        if diagnostic is None:
            form = WaiverForm(schedule)
        else:
            form = WaiverForm(
                schedule,
                rule=diagnostic.rule or diagnostic.code,
                visit=diagnostic.visit,
                day=diagnostic.date,
            )
        self.app.push_screen(form, added)

    # --- the checks' date --------------------------------------------------------------------

    def action_as_of(self) -> None:
        def chosen(day: dt.date | None) -> None:
            if day is not None and day != self.as_of:
                self.set_as_of(day)

        self.app.push_screen(AsOfDialog(self.as_of), chosen)

    # --- files -------------------------------------------------------------------------------

    def action_save(self) -> None:
        file = self.file()
        if file is None or file.editable is None:
            return
        if not file.dirty:
            self.notify("No changes to save.", timeout=2)
            return
        self.save_files([file])

    def action_save_all(self) -> None:
        unsaved = self.unsaved
        if unsaved:
            self.save_files(unsaved)
        else:
            self.notify("No changes to save.", timeout=2)

    def action_save_as(self) -> None:
        file = self.file()
        if file is not None and file.editable is not None:
            self.save_file_as(file)

    def action_reload(self) -> None:
        file = self.file()
        if file is None:
            return
        if not file.dirty:
            self.reload_file(file)
            return

        def answered(choice: str | None) -> None:
            if choice == "reload":
                self.reload_file(file)

        self.app.push_screen(
            ConfirmDialog(
                "Reload from disk",
                Text(f"Drop your unsaved changes to {clean(file.path)} and read it again?"),
                [("Reload", "reload"), ("Keep my changes", "keep")],
            ),
            answered,
        )

"""Changes to follow-up actions and waivers from the main screen: add, edit, close and delete
an action; add, edit and delete a waiver."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from schedules.i18n import N_, _
from schedules.session import OpenFile
from tui.screens.editing import EditingPart, changes_for, table_of
from tui.widgets.labels import action_status, clean

CLOSE_CHOICES = [(N_("Done"), "done"), (N_("Dropped"), "dropped"), (N_("Open again"), "open")]

if TYPE_CHECKING:
    from schedules.drafts import ActionDraft, WaiverDraft
    from schedules.editing import EditableSchedule
    from schedules.model import Action, Schedule


class FollowUpEditing(EditingPart):
    """The follow-up actions and the waivers of the current file."""

    # --- actions -----------------------------------------------------------------------------

    def add_action(self) -> None:
        from tui.screens.action_form import ActionForm

        visit_id = self.host.visit_id if self.host.tab() == "visits" else None
        self.editing.with_form(
            lambda schedule: ActionForm(schedule, visit_id=visit_id), _add_action
        )

    def current_action(self) -> tuple[OpenFile, Schedule, Action] | None:
        found = self.editing.editable_file()
        if found is None:
            return None
        file, schedule = found
        key = self.host.selected_action()
        action = next((a for a in schedule.actions if a.id == key), None)
        if action is None:
            self.host.notify(_("Choose an action in the Actions tab first."), severity="warning")
            return None
        return file, schedule, action

    def edit_action(self) -> None:
        found = self.current_action()
        if found is None:
            return
        from tui.screens.action_form import ActionForm

        file, schedule, action = found
        current = table_of(file, "actions", action.id)

        def edited(draft: ActionDraft | None) -> None:
            changes = changes_for(current, draft.table()) if draft is not None else {}
            if changes:
                self.editing.apply(file, lambda e: e.update_action(action.id, changes))

        self.host.push_screen(ActionForm(schedule, action=action), edited)

    def close_action(self) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        file, schedule = found
        action_id = self.host.selected_action()
        action = next((a for a in schedule.actions if a.id == action_id), None)
        if action is None or self.host.tab() != "actions":
            self.host.action_show_tab("actions")
            self.host.notify(_("Choose the action to close, then press c again."))
            return

        def closed(status: str) -> None:
            self.editing.apply(file, lambda e: e.update_action(action.id, {"status": status}))

        message = _("Action {id} is {status}: {text}").format(
            id=clean(action.id), status=action_status(action.status), text=clean(action.text)
        )
        self.editing.ask_status(_("Close action"), message, CLOSE_CHOICES, action.status, closed)

    def delete_action(self) -> None:
        found = self.current_action()
        if found is None:
            return
        file, _schedule, action = found
        self.editing.confirm_delete(
            _("Delete action"),
            _("Delete action {id} from the file? {text}").format(id=action.id, text=action.text),
            lambda: self.editing.apply(file, lambda e: e.delete_action(action.id)),
        )

    # --- waivers -----------------------------------------------------------------------------

    def add_waiver(self) -> None:
        """A waiver of the diagnostic chosen in the checks panel, else a blank one."""
        from tui.screens.waiver_form import WaiverForm

        file = self.host.file()
        diagnostic = self.host.chosen_diagnostic()
        if diagnostic is None or file is None or diagnostic.path != file.path:
            self.editing.with_form(WaiverForm, _add_waiver)
            return
        rule, visit, day = diagnostic.rule or diagnostic.code, diagnostic.visit, diagnostic.date
        self.editing.with_form(
            lambda schedule: WaiverForm(schedule, rule=rule, visit=visit, day=day),
            _add_waiver,
        )

    def choose_waiver(self, then: Callable[[OpenFile, Schedule, int], object]) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        file, schedule = found
        if not schedule.waivers:
            self.host.notify(_("This partnership has no waivers."), severity="warning")
            return
        choices = [
            (f"{w.rule}: {w.reason[:40]}", str(index)) for index, w in enumerate(schedule.waivers)
        ]
        self.editing.choose(
            _("Which waiver?"),
            _("Choose the waiver."),
            choices,
            lambda i: then(file, schedule, int(i)),
        )

    def edit_waiver(self) -> None:
        def edit(file: OpenFile, schedule: Schedule, index: int) -> None:
            from tui.screens.waiver_form import WaiverForm

            tables = (file.document.data or {}).get("waivers", [])
            current = dict(tables[index]) if index < len(tables) else {}

            def edited(draft: WaiverDraft | None) -> None:
                changes = changes_for(current, draft.table()) if draft is not None else {}
                if changes:
                    self.editing.apply(file, lambda e: e.update_waiver(index, changes))

            self.host.push_screen(WaiverForm(schedule, waiver=schedule.waivers[index]), edited)

        self.choose_waiver(edit)

    def delete_waiver(self) -> None:
        def delete(file: OpenFile, schedule: Schedule, index: int) -> None:
            waiver = schedule.waivers[index]
            self.editing.confirm_delete(
                _("Delete waiver"),
                _("Delete the waiver of {rule} ({reason})?").format(
                    rule=waiver.rule, reason=waiver.reason
                ),
                lambda: self.editing.apply(file, lambda e: e.delete_waiver(index)),
            )

        self.choose_waiver(delete)


def _add_action(editable: EditableSchedule, draft: ActionDraft) -> None:
    editable.add_action(draft)


def _add_waiver(editable: EditableSchedule, draft: WaiverDraft) -> None:
    editable.add_waiver(draft)

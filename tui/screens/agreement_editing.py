"""The changes to the rest of the file from the main screen: agreements and rules, editing
and deleting actions and waivers. `a`, `e` and `del` act on what the current tab shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.widgets import TabbedContent

from schedules import Action, Agreement, Schedule
from schedules.drafts import AgreementDraft, RuleDraft, WaiverDraft
from schedules.edit_agreements import (
    add_agreement,
    add_rule,
    delete_rule,
    end_agreement,
    update_agreement,
    update_rule,
)
from schedules.editing import EditableSchedule
from schedules.i18n import _, ngettext
from schedules.renames import rename_rule
from tui.screens.action_form import ActionForm
from tui.screens.agreement_form import AgreementForm, EndAgreementForm
from tui.screens.dialogs import ConfirmDialog
from tui.screens.editing import changes_for
from tui.screens.partnership_editing import PartnershipEditing
from tui.screens.rule_form import RuleForm
from tui.screens.waiver_form import WaiverForm
from tui.state import OpenFile
from tui.widgets.actions_table import ActionsTable
from tui.widgets.rules_table import RulesTable


class AgreementEditing(PartnershipEditing):
    """Forms for everything in the file format beyond visits."""

    def tab(self) -> str:
        return str(self.query_one(TabbedContent).active).removesuffix("-tab")

    # --- a, e, del: the current tab's thing ---------------------------------------------------

    def action_add(self) -> None:
        {"actions": self.action_add_action, "rules": self.action_add_rule}.get(
            self.tab(), self.action_add_visit
        )()

    def action_edit(self) -> None:
        {"actions": self.action_edit_action, "rules": self.action_edit_rule}.get(
            self.tab(), self.action_edit_visit
        )()

    def action_delete(self) -> None:
        {"actions": self.action_delete_action, "rules": self.action_delete_rule}.get(
            self.tab(), self.action_delete_visit
        )()

    # --- actions -----------------------------------------------------------------------------

    def current_action(self) -> tuple[OpenFile, Schedule, Action] | None:
        found = self.editable_file()
        if found is None:
            return None
        file, schedule = found
        key = self.query_one(ActionsTable).selected_key
        action = next((a for a in schedule.actions if a.id == key), None)
        if action is None:
            self.notify(_("Choose an action in the Actions tab first."), severity="warning")
            return None
        return file, schedule, action

    def action_edit_action(self) -> None:
        found = self.current_action()
        if found is None:
            return
        file, schedule, action = found
        tables = (file.document.data or {}).get("actions", [])
        current = next((dict(t) for t in tables if t.get("id") == action.id), {})

        def edited(draft: object) -> None:
            if draft is None:
                return
            assert hasattr(draft, "table")
            changes = changes_for(current, draft.table())
            if changes:
                self.apply_edit(file, lambda e: e.update_action(action.id, changes))

        self.app.push_screen(ActionForm(schedule, action=action), edited)

    def action_delete_action(self) -> None:
        found = self.current_action()
        if found is None:
            return
        file, _schedule, action = found

        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.apply_edit(file, lambda e: e.delete_action(action.id))

        question = _("Delete action {id} from the file? {text}").format(
            id=action.id, text=action.text
        )
        self.app.push_screen(
            ConfirmDialog(
                _("Delete action"), Text(question), [(_("Delete"), "delete"), (_("Keep"), "keep")]
            ),
            answered,
        )

    # --- waivers -----------------------------------------------------------------------------

    def choose_waiver(self, then: Callable[[OpenFile, Schedule, int], object]) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        if not schedule.waivers:
            self.notify(_("This partnership has no waivers."), severity="warning")
            return
        choices = [
            (f"{w.rule}: {w.reason[:40]}", str(index)) for index, w in enumerate(schedule.waivers)
        ]
        self.choose(
            _("Which waiver?"),
            _("Choose the waiver."),
            choices,
            lambda i: then(file, schedule, int(i)),
        )

    def action_edit_waiver(self) -> None:
        def edit(file: OpenFile, schedule: Schedule, index: int) -> None:
            tables = (file.document.data or {}).get("waivers", [])
            current = dict(tables[index]) if index < len(tables) else {}

            def edited(draft: WaiverDraft | None) -> None:
                if draft is not None:
                    changes = changes_for(current, draft.table())
                    if changes:
                        self.apply_edit(file, lambda e: e.update_waiver(index, changes))

            self.app.push_screen(WaiverForm(schedule, waiver=schedule.waivers[index]), edited)

        self.choose_waiver(edit)

    def action_delete_waiver(self) -> None:
        def delete(file: OpenFile, schedule: Schedule, index: int) -> None:
            waiver = schedule.waivers[index]

            def answered(choice: str | None) -> None:
                if choice == "delete":
                    self.apply_edit(file, lambda e: e.delete_waiver(index))

            question = _("Delete the waiver of {rule} ({reason})?").format(
                rule=waiver.rule, reason=waiver.reason
            )
            self.app.push_screen(
                ConfirmDialog(
                    _("Delete waiver"),
                    Text(question),
                    [(_("Delete"), "delete"), (_("Keep"), "keep")],
                ),
                answered,
            )

        self.choose_waiver(delete)

    # --- agreements and rules ----------------------------------------------------------------

    def action_add_agreement(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found

        def added(draft: AgreementDraft | None) -> None:
            if draft is not None and self.apply_edit(file, lambda e: add_agreement(e, draft)):
                self.notify(
                    _("Agreement {id} added: press a on the Rules tab to add its rules.").format(
                        id=draft.id
                    ),
                    markup=False,
                )

        self.app.push_screen(AgreementForm(schedule), added)

    def choose_agreement(self, then: Callable[[OpenFile, Schedule, Agreement], object]) -> None:
        """The selected rule's agreement, else the only one, else the planner's choice."""
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found
        if not schedule.agreements:
            self.notify(_("No agreement yet: add the memorandum first."), severity="warning")
            self.action_add_agreement()
            return
        rule = self.query_one(RulesTable).selected_key if self.tab() == "rules" else None
        for agreement, each in schedule.rules():
            if each.id == rule:
                then(file, schedule, agreement)
                return
        by_id = {a.id: a for a in schedule.agreements}
        choices = [(a.title or a.id, a.id) for a in schedule.agreements]
        self.choose(
            _("Which agreement?"),
            _("Choose the agreement."),
            choices,
            lambda i: then(file, schedule, by_id[i]),
        )

    def action_edit_agreement(self) -> None:
        def edit(file: OpenFile, schedule: Schedule, agreement: Agreement) -> None:
            def edited(draft: AgreementDraft | None) -> None:
                if draft is not None:
                    self.apply_edit(file, lambda e: update_agreement(e, agreement.id, draft))

            self.app.push_screen(AgreementForm(schedule, agreement), edited)

        self.choose_agreement(edit)

    def action_end_agreement(self) -> None:
        def end(file: OpenFile, schedule: Schedule, agreement: Agreement) -> None:
            def ended(day: dt.date | None) -> None:
                if day is not None:
                    self.apply_edit(file, lambda e: end_agreement(e, agreement.id, day))

            self.app.push_screen(EndAgreementForm(agreement, self.as_of), ended)

        self.choose_agreement(end)

    def action_add_rule(self) -> None:
        def add(file: OpenFile, schedule: Schedule, agreement: Agreement) -> None:
            def added(draft: RuleDraft | None) -> None:
                if draft is not None and self.apply_edit(
                    file, lambda e: add_rule(e, agreement.id, draft)
                ):
                    self.query_one(TabbedContent).active = "rules-tab"

            self.app.push_screen(RuleForm(schedule, agreement.id), added)

        self.choose_agreement(add)

    def current_rule(self) -> tuple[OpenFile, Schedule, str] | None:
        found = self.editable_file()
        if found is None:
            return None
        file, schedule = found
        key = self.query_one(RulesTable).selected_key
        if key is None or all(rule.id != key for _a, rule in schedule.rules()):
            self.notify(_("Choose a rule in the Rules tab first."), severity="warning")
            return None
        return file, schedule, key

    def action_edit_rule(self) -> None:
        found = self.current_rule()
        if found is None:
            return
        file, schedule, rule_id = found
        agreement, rule = next((a, r) for a, r in schedule.rules() if r.id == rule_id)

        def edited(draft: RuleDraft | None) -> None:
            if draft is None:
                return

            def change(e: EditableSchedule) -> None:
                with e.one_step():
                    if draft.id != rule_id:
                        rename_rule(e, rule_id, draft.id)
                    update_rule(e, draft.id, draft)

            self.apply_edit(file, change)

        self.app.push_screen(RuleForm(schedule, agreement.id, rule), edited)

    def action_delete_rule(self) -> None:
        found = self.current_rule()
        if found is None:
            return
        file, schedule, rule_id = found
        waivers = [w for w in schedule.waivers if w.rule == rule_id]

        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.apply_edit(file, lambda e: delete_rule(e, rule_id))

        question = _("Delete rule {id} from its agreement?").format(id=rule_id)
        if waivers:
            question += " " + ngettext(
                "{n} waiver names it and will name no rule.",
                "{n} waivers name it and will name no rule.",
                len(waivers),
            ).format(n=len(waivers))
        self.app.push_screen(
            ConfirmDialog(
                _("Delete rule"), Text(question), [(_("Delete"), "delete"), (_("Keep"), "keep")]
            ),
            answered,
        )

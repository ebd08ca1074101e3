"""Changes to the agreements and their rules from the main screen: add, edit and end an
agreement; add, edit (and rename) and delete a rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from schedules.i18n import _, ngettext
from schedules.session import OpenFile
from tui.screens.editing import EditingPart, one_step

if TYPE_CHECKING:
    from schedules.drafts import AgreementDraft, RuleDraft
    from schedules.editing import EditableSchedule
    from schedules.model import Agreement, Schedule

Then = Callable[[OpenFile, "Schedule", "Agreement"], object]


class AgreementEditing(EditingPart):
    """The agreements of the current file and their rules."""

    # --- agreements --------------------------------------------------------------------------

    def add_agreement(self) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        from schedules.edit_agreements import add_agreement
        from tui.screens.agreement_form import AgreementForm

        file, schedule = found

        def added(draft: AgreementDraft | None) -> None:
            if draft is not None and self.editing.apply(file, lambda e: add_agreement(e, draft)):
                self.host.notify(
                    _("Agreement {id} added: press a on the Rules tab to add its rules.").format(
                        id=draft.id
                    ),
                    markup=False,
                )

        self.host.push_screen(AgreementForm(schedule), added)

    def choose_agreement(self, then: Then) -> None:
        """The selected rule's agreement, else the only one, else the planner's choice."""
        found = self.editing.editable_file()
        if found is None:
            return
        file, schedule = found
        if not schedule.agreements:
            self.host.notify(_("No agreement yet: add the memorandum first."), severity="warning")
            self.add_agreement()
            return
        rule = self.host.selected_rule() if self.host.tab() == "rules" else None
        for agreement, each in schedule.rules():
            if each.id == rule:
                then(file, schedule, agreement)
                return
        by_id = {a.id: a for a in schedule.agreements}
        choices = [(a.title or a.id, a.id) for a in schedule.agreements]
        self.editing.choose(
            _("Which agreement?"),
            _("Choose the agreement."),
            choices,
            lambda i: then(file, schedule, by_id[i]),
        )

    def edit_agreement(self) -> None:
        def edit(file: OpenFile, schedule: Schedule, agreement: Agreement) -> None:
            from schedules.edit_agreements import update_agreement
            from tui.screens.agreement_form import AgreementForm

            def change(editable: EditableSchedule, draft: AgreementDraft) -> None:
                update_agreement(editable, agreement.id, draft)

            form = AgreementForm(schedule, agreement)
            self.host.push_screen(form, self.editing.applying(file, change))

        self.choose_agreement(edit)

    def end_agreement(self) -> None:
        def end(file: OpenFile, _schedule: Schedule, agreement: Agreement) -> None:
            from schedules.edit_agreements import end_agreement
            from tui.screens.agreement_form import EndAgreementForm

            def change(editable: EditableSchedule, day: dt.date) -> None:
                end_agreement(editable, agreement.id, day)

            form = EndAgreementForm(agreement, self.editing.session.as_of)
            self.host.push_screen(form, self.editing.applying(file, change))

        self.choose_agreement(end)

    # --- rules -------------------------------------------------------------------------------

    def add_rule(self) -> None:
        def add(file: OpenFile, schedule: Schedule, agreement: Agreement) -> None:
            from schedules.edit_agreements import add_rule
            from tui.screens.rule_form import RuleForm

            def added(draft: RuleDraft | None) -> None:
                if draft is not None and self.editing.apply(
                    file, lambda e: add_rule(e, agreement.id, draft)
                ):
                    self.host.switch_tab("rules")

            self.host.push_screen(RuleForm(schedule, agreement.id), added)

        self.choose_agreement(add)

    def current_rule(self) -> tuple[OpenFile, Schedule, str] | None:
        found = self.editing.editable_file()
        if found is None:
            return None
        file, schedule = found
        key = self.host.selected_rule()
        if key is None or all(rule.id != key for _a, rule in schedule.rules()):
            self.host.notify(_("Choose a rule in the Rules tab first."), severity="warning")
            return None
        return file, schedule, key

    def edit_rule(self) -> None:
        found = self.current_rule()
        if found is None:
            return
        from schedules.edit_agreements import update_rule
        from schedules.renames import rename_rule
        from tui.screens.rule_form import RuleForm

        file, schedule, rule_id = found
        agreement, rule = next((a, r) for a, r in schedule.rules() if r.id == rule_id)

        def change(editable: EditableSchedule, draft: RuleDraft) -> None:
            with one_step(editable):
                if draft.id != rule_id:
                    rename_rule(editable, rule_id, draft.id)
                update_rule(editable, draft.id, draft)

        form = RuleForm(schedule, agreement.id, rule)
        self.host.push_screen(form, self.editing.applying(file, change))

    def delete_rule(self) -> None:
        found = self.current_rule()
        if found is None:
            return
        from schedules.edit_agreements import delete_rule

        file, schedule, rule_id = found
        waivers = sum(1 for w in schedule.waivers if w.rule == rule_id)
        question = _("Delete rule {id} from its agreement?").format(id=rule_id)
        if waivers:
            question += " " + ngettext(
                "{n} waiver names it and will name no rule.",
                "{n} waivers name it and will name no rule.",
                waivers,
            ).format(n=waivers)
        self.editing.confirm_delete(
            _("Delete rule"),
            question,
            lambda: self.editing.apply(file, lambda e: delete_rule(e, rule_id)),
        )

"""The partnership's own tables from the main screen: its title and notes, its parties, a new
partnership (the file `visits new` writes), and the way to the partnership list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from schedules import Schedule
from schedules.drafts import PartnershipDraft, PartyDraft
from schedules.edit_agreements import (
    add_party,
    delete_party,
    party_references,
    set_partnership,
    update_party,
)
from schedules.editing import EditableSchedule
from schedules.i18n import _
from schedules.new_file import FileExists, NewPartnership, new_schedule_text, write_new_file
from schedules.renames import rename_party
from schedules.session import load_editable, read_new_file
from tui.screens.dialogs import ConfirmDialog
from tui.screens.editing import EditingScreen
from tui.screens.partnership_forms import NewPartnershipForm, PartnershipForm, PartyForm
from tui.widgets.labels import clean
from tui.widgets.partnership_list import PartnershipList


class PartnershipEditing(EditingScreen):
    """Forms for the partnership and its parties."""

    def choose(
        self,
        title: str,
        message: str,
        choices: Sequence[tuple[str, str]],
        then: Callable[[str], object],
    ) -> None:
        """Ask which one (a single choice is taken without asking)."""
        if len(choices) == 1:
            then(choices[0][1])
            return

        def chosen(choice: str | None) -> None:
            if choice:
                then(choice)

        self.app.push_screen(ConfirmDialog(title, message, [*choices, (_("Cancel"), "")]), chosen)

    # --- the partnership and its parties -------------------------------------------------------

    def action_edit_partnership(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found

        def edited(draft: PartnershipDraft | None) -> None:
            if draft is not None:
                self.apply_edit(file, lambda e: set_partnership(e, draft))

        self.app.push_screen(PartnershipForm(schedule), edited)

    def action_add_party(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found

        def added(draft: PartyDraft | None) -> None:
            if draft is not None:
                self.apply_edit(file, lambda e: add_party(e, draft))

        self.app.push_screen(PartyForm(schedule), added)

    def _party_choices(self, schedule: Schedule) -> list[tuple[str, str]]:
        return [(schedule.party_label(p), p) for p in schedule.parties]

    def action_edit_party(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found

        def edit(party: str) -> None:
            def edited(draft: PartyDraft | None) -> None:
                if draft is None:
                    return

                def change(e: EditableSchedule) -> None:
                    with e.one_step():
                        if draft.id != party:
                            rename_party(e, party, draft.id)
                        update_party(e, draft)

                self.apply_edit(file, change)

            self.app.push_screen(PartyForm(schedule, party), edited)

        self.choose(
            _("Which party?"), _("Choose the party to edit."), self._party_choices(schedule), edit
        )

    def action_remove_party(self) -> None:
        found = self.editable_file()
        if found is None:
            return
        file, schedule = found

        def remove(party: str) -> None:
            used = party_references(file.document.data or {}, party)
            if used:
                self.notify(
                    _("{party} cannot be removed: {uses} refer to it").format(
                        party=party, uses=", ".join(used)
                    ),
                    title=_("Not changed"),
                    severity="error",
                    markup=False,
                )
                return
            self.apply_edit(file, lambda e: delete_party(e, party))

        self.choose(
            _("Which party?"),
            _("Choose the party to remove."),
            self._party_choices(schedule),
            remove,
        )

    # --- a new partnership and the list --------------------------------------------------------

    def folder(self) -> Path:
        root = Path(self.root)
        return root if root.is_dir() else root.parent

    def action_new_partnership(self) -> None:
        def created(answer: tuple[Path, NewPartnership] | None) -> None:
            if answer is None:
                return
            path, draft = answer
            try:
                write_new_file(path, new_schedule_text(draft, self.as_of))
            except FileExists:
                self.notify(
                    _("{path} exists already: nothing written.").format(path=path),
                    severity="error",
                    markup=False,
                )
                return
            except OSError as error:
                self.notify(
                    _("Cannot write {path}: {why}").format(path=path, why=error.strerror or error),
                    severity="error",
                    markup=False,
                )
                return
            opened = read_new_file(str(path))
            if opened is None:
                return
            opened.editable, opened.edit_error = load_editable(opened)
            self._added(opened)
            self.current = opened.path
            self.refresh_views()
            self.notify(
                _(
                    "Created {path}. Next: add its agreement (A), then its rules "
                    "(a on the Rules tab)."
                ).format(path=clean(str(path))),
                markup=False,
                timeout=10,
            )

        self.app.push_screen(NewPartnershipForm(self.folder()), created)

    def offer_new_partnership(self) -> None:
        """In a folder with no schedule files: offer to create one."""
        if self.files or not Path(self.root).is_dir():
            return
        self.app.push_screen(
            ConfirmDialog(
                _("No schedule files here"),
                _("There is no partnership in {folder} yet. Create one?").format(
                    folder=clean(self.root)
                ),
                [(_("New partnership"), "new"), (_("Not now"), "no")],
            ),
            lambda choice: self.action_new_partnership() if choice == "new" else None,
        )

    def action_partnership_list(self) -> None:
        self.query_one(PartnershipList).focus()

"""Changes to the partnership's own tables from the main screen: its title and notes, its
parties, and a new partnership (the file `visits new` writes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from schedules.i18n import _
from schedules.session import OpenFile, read_new_file
from tui.screens.editing import Editing, EditingPart, one_step
from tui.widgets.labels import clean

if TYPE_CHECKING:
    from schedules.drafts import PartyDraft
    from schedules.editing import EditableSchedule
    from schedules.model import Schedule


class PartnershipEditing(EditingPart):
    """The partnership of the current file, its parties, and new partnerships."""

    def __init__(self, editing: Editing, show_new: Callable[[OpenFile], None]) -> None:
        super().__init__(editing)
        self.show_new = show_new
        """Opens a file just created and shows it."""

    def edit_partnership(self) -> None:
        from schedules.edit_agreements import set_partnership
        from tui.screens.partnership_forms import PartnershipForm

        self.editing.with_form(PartnershipForm, set_partnership)

    def add_party(self) -> None:
        from schedules.edit_agreements import add_party
        from tui.screens.partnership_forms import PartyForm

        self.editing.with_form(PartyForm, add_party)

    @staticmethod
    def _party_choices(schedule: Schedule) -> list[tuple[str, str]]:
        return [(schedule.party_label(p), p) for p in schedule.parties]

    def edit_party(self) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        file, schedule = found

        def edit(party: str) -> None:
            from schedules.edit_agreements import update_party
            from schedules.renames import rename_party
            from tui.screens.partnership_forms import PartyForm

            def change(editable: EditableSchedule, draft: PartyDraft) -> None:
                with one_step(editable):
                    if draft.id != party:
                        rename_party(editable, party, draft.id)
                    update_party(editable, draft)

            self.host.push_screen(PartyForm(schedule, party), self.editing.applying(file, change))

        self.editing.choose(
            _("Which party?"), _("Choose the party to edit."), self._party_choices(schedule), edit
        )

    def remove_party(self) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        from schedules.edit_agreements import delete_party, party_references

        file, schedule = found

        def remove(party: str) -> None:
            used = party_references(file.document.data or {}, party)
            if used:
                self.host.notify(
                    _("{party} cannot be removed: {uses} refer to it").format(
                        party=party, uses=", ".join(used)
                    ),
                    title=_("Not changed"),
                    severity="error",
                    markup=False,
                )
                return
            self.editing.apply(file, lambda e: delete_party(e, party))

        self.editing.choose(
            _("Which party?"),
            _("Choose the party to remove."),
            self._party_choices(schedule),
            remove,
        )

    # --- a new partnership -------------------------------------------------------------------

    def new_partnership(self) -> None:
        from schedules.new_file import FileExists, NewPartnership, new_schedule_text, write_new_file
        from tui.screens.partnership_forms import NewPartnershipForm

        session = self.editing.session

        def created(answer: tuple[Path, NewPartnership] | None) -> None:
            if answer is None:
                return
            path, draft = answer
            try:
                write_new_file(path, new_schedule_text(draft, session.as_of))
            except FileExists:
                self.host.notify(
                    _("{path} exists already: nothing written.").format(path=path),
                    severity="error",
                    markup=False,
                )
                return
            except OSError as error:
                self.host.notify(
                    _("Cannot write {path}: {why}").format(path=path, why=error.strerror or error),
                    severity="error",
                    markup=False,
                )
                return
            opened = read_new_file(str(path))
            if opened is None:
                return
            self.show_new(opened)
            self.host.notify(
                _(
                    "Created {path}. Next: add its agreement (A), then its rules "
                    "(a on the Rules tab)."
                ).format(path=clean(str(path))),
                markup=False,
                timeout=10,
            )

        self.host.push_screen(NewPartnershipForm(session.folder), created)

    def offer_new_partnership(self) -> None:
        """In a folder with no schedule files: offer to create one."""
        session = self.editing.session
        if session.files or not Path(session.root).is_dir():
            return
        self.editing.ask(
            _("No schedule files here"),
            _("There is no partnership in {folder} yet. Create one?").format(
                folder=clean(session.root)
            ),
            [(_("New partnership"), "new"), (_("Not now"), "no")],
            lambda choice: self.new_partnership() if choice == "new" else None,
        )

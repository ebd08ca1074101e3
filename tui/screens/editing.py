"""What every change made from the main screen shares: the screen it runs on (`Host`, a small
protocol), the current file when it can be edited, applying a change, undo, and asking.

The changes themselves are grouped by what they edit (`visit_editing`, `follow_up_editing`,
`agreement_editing`, `partnership_editing`, `saving`); each holds an `Editing`. Forms and
dialogs are imported when they are opened, so that the first screen does not wait for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from rich.text import Text

from schedules import Diagnostic
from schedules.edit_error import EditError
from schedules.i18n import _
from schedules.session import OpenFile, Session
from tui.widgets.labels import clean

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from schedules.editing import EditableSchedule
    from schedules.model import Schedule, Visit


R = TypeVar("R")


class Host(Protocol):
    """What the changes need from the screen they are made on."""

    session: Session
    visit_id: str | None
    """The visit selected in the Visits tab."""
    pending_select: str | None
    """A visit to select once the checks after an edit are done."""

    def file(self, path: str | None = None) -> OpenFile | None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def push_screen(
        self, screen: Screen[R], callback: Callable[[R | None], None] | None = None
    ) -> None: ...

    def start_check(self) -> None: ...

    def tab(self) -> str:
        """The tab shown: `visits`, `timeline`, `actions` or `rules`."""
        ...

    def switch_tab(self, name: str) -> None: ...

    def action_show_tab(self, name: str) -> None:
        """Show a tab and focus its table."""
        ...

    def selected_action(self) -> str | None: ...

    def selected_rule(self) -> str | None: ...

    def chosen_diagnostic(self) -> Diagnostic | None:
        """The diagnostic selected in the focused checks panel."""
        ...


def changes_for(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """What an update needs to turn `current` (the file's table) into `values` (a form's
    full result): changed keys (`participants` as the whole new list), and None for keys the
    form left out."""
    changes = {key: value for key, value in values.items() if current.get(key) != value}
    changes.update({key: None for key in current if key not in values})
    return changes


def table_of(file: OpenFile, array: str, item_id: str) -> dict[str, Any]:
    """The table with id `item_id` in the file's array of tables `array`, as the file has it
    (plain values)."""
    tables = (file.document.data or {}).get(array, [])
    return next((dict(t) for t in tables if t.get("id") == item_id), {})


@contextmanager
def one_step(editable: EditableSchedule) -> Iterator[None]:
    """The changes made inside are one edit: one undo step, all or nothing."""
    with editable.one_step():
        yield


class Editing:
    """The current file and the changes made to it, on one screen."""

    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def session(self) -> Session:
        return self.host.session

    def editable_file(self) -> tuple[OpenFile, Schedule] | None:
        """The current file, when it can be edited (read for editing and valid)."""
        host = self.host
        file = host.file()
        if file is None:
            host.notify(_("No schedule file is open."), severity="warning")
            return None
        models = file.models
        if file.editable is None or (models is None and file.schedule is not None):
            host.notify(
                file.edit_error
                or _("Still reading {path} for editing…").format(path=clean(file.path)),
                severity="warning",
                markup=False,
            )
            return None
        if models is None or not file.document.ok:
            host.notify(
                _(
                    "Fix the input errors shown in the checks first (the file must be valid "
                    "to edit it here)."
                ),
                severity="warning",
            )
            return None
        return file, models

    def current_visit(self) -> tuple[OpenFile, Schedule, Visit] | None:
        found = self.editable_file()
        if found is None:
            return None
        file, schedule = found
        visit_id = self.host.visit_id
        visit = schedule.visit(visit_id) if visit_id else None
        if visit is None:
            self.host.notify(_("Choose a visit in the Visits tab first."), severity="warning")
            return None
        return file, schedule, visit

    def apply(self, file: OpenFile, change: Callable[[EditableSchedule], Any]) -> bool:
        """Apply one change to a file's text, then check again. False (with a message) when
        the change cannot be made."""
        try:
            self.session.edit(file, change)
        except EditError as error:
            self.host.notify(str(error), title=_("Not changed"), severity="error", markup=False)
            return False
        self.host.start_check()
        return True

    def applying(
        self, file: OpenFile, change: Callable[[EditableSchedule, R], Any]
    ) -> Callable[[R | None], None]:
        """A form's callback: its answer, unless cancelled, applied to the file by `change`."""

        def answered(draft: R | None) -> None:
            if draft is not None:
                self.apply(file, lambda editable: change(editable, draft))

        return answered

    def with_form(
        self,
        form: Callable[[Schedule], Screen[R | None]],
        change: Callable[[EditableSchedule, R], Any],
    ) -> None:
        """Open a form on the current file (when it can be edited) and apply its answer."""
        found = self.editable_file()
        if found is not None:
            file, schedule = found
            self.host.push_screen(form(schedule), self.applying(file, change))

    def step(self, *, redo: bool = False) -> None:
        """Undo (or redo) the last edit of the current file, then check again."""
        host = self.host
        file = host.file()
        if file is None:
            return
        if not self.session.step(file, redo=redo):
            message = _("Nothing to redo in {path}.") if redo else _("Nothing to undo in {path}.")
            host.notify(message.format(path=clean(file.path)), markup=False, timeout=2)
            return
        host.start_check()

    def ask(
        self,
        title: str,
        message: str | Text,
        choices: Sequence[tuple[str, str]],
        then: Callable[[str | None], None],
    ) -> None:
        """A question answered by one of `choices` (label, value); cancelled gives None."""
        from tui.screens.dialogs import ConfirmDialog

        self.host.push_screen(ConfirmDialog(title, message, choices), then)

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

        self.ask(title, message, [*choices, (_("Cancel"), "")], chosen)

    def ask_status(
        self,
        title: str,
        message: str,
        choices: Sequence[tuple[str, str]],
        current: str,
        then: Callable[[str], object],
    ) -> None:
        """Ask for a new status among `choices` (msgid, value), other than `current`."""

        def answered(status: str | None) -> None:
            if status is not None and status != current:
                then(status)

        offered = [(_(label), value) for label, value in choices if value != current]
        self.ask(title, Text(message), offered, answered)

    def confirm_delete(self, title: str, question: str, delete: Callable[[], object]) -> None:
        """Ask whether to delete (or keep) something; `delete` does it."""

        def answered(choice: str | None) -> None:
            if choice == "delete":
                delete()

        self.ask(title, Text(question), [(_("Delete"), "delete"), (_("Keep"), "keep")], answered)


class EditingPart:
    """One group of changes (the visits, the agreements…): what each holds."""

    def __init__(self, editing: Editing) -> None:
        self.editing = editing
        self.host = editing.host

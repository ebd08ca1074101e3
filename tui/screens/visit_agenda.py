"""The agenda of a visit in its form: one row per item, a line to add one, and the open
follow-up actions that can be put on it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from schedules import Action, Schedule
from schedules.drafts import VisitDraft
from schedules.i18n import _
from tui.screens.checks import Check, required
from tui.screens.form import FormScreen, ProblemHolder, literal


class AgendaRow(ProblemHolder):
    """One agenda item: its text, and for a table entry its day, time and lead (kept as is)."""

    def __init__(
        self, entry: str | dict[str, Any], *, action_id: str | None = None, schedule: Schedule
    ) -> None:
        super().__init__(classes="agenda-row")
        self.entry = entry
        self.action_id = action_id
        self.schedule = schedule

    def compose(self) -> ComposeResult:
        text = self.entry if isinstance(self.entry, str) else str(self.entry.get("item", ""))
        with HorizontalGroup(classes="row-line"):
            yield Input(
                text,
                placeholder=_("agenda item"),
                compact=True,
                classes="agenda-item",
                validators=[Check(required(_("an agenda item")))],
            )
            extra = self.details()
            if extra:
                yield Label(literal(extra), classes="agenda-extra muted")
            if self.action_id is not None:
                yield Label(_("action"), classes="agenda-extra muted")
            yield Button("✕", classes="remove", tooltip=_("Remove this agenda item"))
        yield Static(classes="row-error -empty")

    def details(self) -> str:
        if isinstance(self.entry, str):
            return ""
        parts = []
        if self.entry.get("day") is not None:
            parts.append(_("day {number}").format(number=self.entry["day"]))
        if self.entry.get("time"):
            parts.append(str(self.entry["time"]))
        if self.entry.get("lead"):
            parts.append(self.schedule.party_label(str(self.entry["lead"])))
        return " · ".join(parts)

    @property
    def text(self) -> str:
        return self.query_one(".agenda-item", Input).value.strip()

    def value(self) -> str | dict[str, Any]:
        if isinstance(self.entry, str):
            return self.text
        return {**self.entry, "item": self.text}


class VisitAgendaForm(FormScreen[VisitDraft]):
    """The agenda part of the visit form (`VisitForm` is the whole form)."""

    schedule: Schedule
    open_actions: list[Action]

    def compose_agenda(self, agenda: list[str | dict[str, Any]]) -> ComposeResult:
        yield Label(_("Agenda"), classes="section-title")
        with VerticalGroup(id="agenda"):
            for entry in agenda:
                yield AgendaRow(entry, action_id=self.action_for(entry), schedule=self.schedule)
        with HorizontalGroup(id="agenda-new-line"):
            yield Input(placeholder=_("a new agenda item"), compact=True, id="agenda-new")
            yield Button(_("Add"), id="agenda-add", classes="row-button")
        if self.open_actions:
            yield Label(_("Open actions to put on the agenda"), classes="muted")
            yield SelectionList[str](
                *(
                    Selection(
                        literal(f"{action.id}: {action.text}"),
                        action.id,
                        self.agenda_has(action.text, agenda),
                    )
                    for action in self.open_actions
                ),
                id="open-actions",
            )

    def action_for(self, entry: str | dict[str, Any]) -> str | None:
        text = entry if isinstance(entry, str) else str(entry.get("item", ""))
        return next((a.id for a in self.open_actions if a.text.strip() == text.strip()), None)

    @staticmethod
    def agenda_has(text: str, agenda: Iterable[str | dict[str, Any]]) -> bool:
        items = {e if isinstance(e, str) else str(e.get("item", "")) for e in agenda}
        return text.strip() in {item.strip() for item in items}

    def agenda(self) -> list[str | dict[str, Any]]:
        """The agenda as the form has it, as TOML values."""
        return [row.value() for row in self.query(AgendaRow)]

    @on(Input.Submitted, "#agenda-new")
    def _agenda_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()
        event.stop()
        self.add_agenda_item()

    @on(Button.Pressed, "#agenda-add")
    def add_agenda_item(self) -> None:
        field = self.query_one("#agenda-new", Input)
        text = field.value.strip()
        if not text:
            return
        self.query_one("#agenda", VerticalGroup).mount(AgendaRow(text, schedule=self.schedule))
        field.value = ""
        field.focus()

    @on(SelectionList.SelectedChanged, "#open-actions")
    def _open_actions_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        agenda = self.query_one("#agenda", VerticalGroup)
        rows = list(self.query(AgendaRow))
        tagged = {row.action_id for row in rows if row.action_id is not None}
        for row in rows:
            if row.action_id is not None and row.action_id not in chosen:
                row.remove()
        for action in self.open_actions:
            if action.id in chosen and action.id not in tagged:
                agenda.mount(AgendaRow(action.text, action_id=action.id, schedule=self.schedule))

    @on(Button.Pressed, "AgendaRow .remove")
    def _remove_agenda_item(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.query_ancestor(AgendaRow)
        row.remove()
        if row.action_id is not None:
            self.query_one("#open-actions", SelectionList).deselect(row.action_id)

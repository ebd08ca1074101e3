"""The participants of a visit in its form: one editable row each (name, party, title, role),
added through the participant form, with the delegation checks (one head per party)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.widgets import Button, Input, Label, Select, Static

from schedules import Schedule, Visit
from schedules.drafts import ParticipantDraft, VisitDraft, participant_problems
from schedules.i18n import _, pgettext
from tui.screens.checks import Check, required
from tui.screens.choices import party_options, select_value
from tui.screens.form import FormScreen, Problem, ProblemHolder
from tui.screens.participant_form import ParticipantForm, role_select


class ParticipantRow(ProblemHolder):
    """One participant, editable in place: name, party, title, role (the id is kept as is)."""

    def __init__(self, participant: dict[str, Any], schedule: Schedule) -> None:
        super().__init__(classes="participant-row")
        self.participant = participant
        self.schedule = schedule
        self.written = frozenset(participant)
        """The keys of the participant's table (a default role stays out of the file)."""

    def compose(self) -> ComposeResult:
        party = self.participant.get("party")
        with HorizontalGroup(classes="row-line"):
            yield Input(
                str(self.participant.get("name", "")),
                placeholder=_("name"),
                compact=True,
                classes="p-name",
                validators=[Check(required(_("a participant's name")))],
            )
            yield Select(
                party_options((p, self.schedule.party_label(p)) for p in self.schedule.parties),
                value=party if party in self.schedule.parties else Select.NULL,
                allow_blank=party not in self.schedule.parties,
                prompt=_("party"),
                compact=True,
                classes="p-party",
            )
            yield Input(
                str(self.participant.get("title") or ""),
                placeholder=pgettext("participant", "title"),
                compact=True,
                classes="p-title",
            )
            yield role_select(self.participant.get("role") or "member", classes="p-role")
            yield Button("✕", classes="remove", tooltip=_("Remove this participant"))
        yield Static(classes="row-error -empty")

    @property
    def name_input(self) -> Input:
        return self.query_one(".p-name", Input)

    @property
    def party_select(self) -> Select[str]:
        return self.query_one(".p-party", Select)

    @property
    def role(self) -> str:
        return select_value(self.query_one(".p-role", Select)) or "member"

    @property
    def party(self) -> str | None:
        return select_value(self.party_select)

    def value(self) -> dict[str, Any]:
        values: dict[str, Any] = {"name": self.name_input.value.strip(), "party": self.party}
        title = self.query_one(".p-title", Input).value.strip()
        if title:
            values["title"] = title
        if "role" in self.written or self.role != "member":
            values["role"] = self.role
        if self.participant.get("id"):
            values["id"] = self.participant["id"]
        return values


class VisitParticipantsForm(FormScreen[VisitDraft]):
    """The participants part of the visit form (`VisitForm` is the whole form)."""

    schedule: Schedule

    def compose_participants(self, participants: list[dict[str, Any]]) -> ComposeResult:
        yield Label(_("Participants"), classes="section-title")
        with VerticalGroup(id="participants"):
            for participant in participants:
                yield ParticipantRow(participant, self.schedule)
        with HorizontalGroup(id="participants-new-line"):
            yield Button(_("Add participant…"), id="add-participant", classes="row-button")

    def draft(self) -> Visit:
        """The visit as the form has it now, unchecked (for the participant form's checks)."""
        raise NotImplementedError

    def participants(self) -> list[dict[str, Any]]:
        """The participants as the form has them, as TOML tables."""
        return [row.value() for row in self.query(ParticipantRow)]

    @on(Select.Changed, ".p-party, .p-role")
    def _participants_changed(self) -> None:
        for row in self.query(ParticipantRow):
            row.show_error(None)
        for widget, message in self.participant_problems():
            self.show_error(widget, message)

    @on(Button.Pressed, "#add-participant")
    def _add_participant(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(ParticipantForm(self.schedule, self.draft()), self.participant_added)

    def participant_added(self, participant: ParticipantDraft | None) -> None:
        if participant is None:
            return
        row = ParticipantRow(participant.table(), self.schedule)
        self.query_one("#participants", VerticalGroup).mount(row)
        self.call_after_refresh(row.scroll_visible)

    @on(Button.Pressed, "ParticipantRow .remove")
    def _remove_participant(self, event: Button.Pressed) -> None:
        event.stop()
        event.button.query_ancestor(ParticipantRow).remove()
        self.call_after_refresh(self._participants_changed)

    def participant_problems(self) -> list[Problem]:
        rows = list(self.query(ParticipantRow))
        people = [
            ParticipantDraft(row.name_input.value.strip(), row.party, role=row.role) for row in rows
        ]
        found: list[Problem] = []
        for index, problem in participant_problems(self.schedule, people):
            row = rows[index]
            widget = row.party_select if problem.key == "party" else row.query_one(".p-role")
            found.append((widget, problem.message))
        return found

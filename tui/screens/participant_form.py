"""Add one participant to a visit, as the TOML keys of a `[[visits.participants]]` table."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select

from schedules import Participant, Schedule, Visit, normalise_name
from schedules.drafts import ParticipantDraft, second_head
from tui.screens.form import (
    Check,
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    party_options,
    pydantic_problems,
    required,
    select_value,
)

ROLES: tuple[str, ...] = get_args(Participant.model_fields["role"].annotation)


class ParticipantForm(FormScreen[ParticipantDraft]):
    """One more participant for `visit`; refuses a second head for a party."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "participant_form.tcss"]

    def __init__(self, schedule: Schedule, visit: Visit) -> None:
        super().__init__()
        self.schedule = schedule
        self.visit = visit
        self.heading = f"Add a participant to {visit.id}" if visit.id else "Add a participant"
        self.save_label = "Add"

    def compose_fields(self) -> ComposeResult:
        # the visit's own parties first: the host, then its guests
        order = [self.visit.host, *self.visit.guest_ids(self.schedule.parties)]
        parties = [p for p in order if p in self.schedule.parties]
        parties += [p for p in self.schedule.parties if p not in parties]
        yield FieldRow(
            "Name",
            Input(
                compact=True,
                id="name",
                placeholder="as written in the source",
                validators=[Check(required("the name")), Check(self.not_listed)],
            ),
        )
        yield FieldRow(
            "Party",
            Select(
                party_options((p, self.schedule.parties[p].name) for p in parties),
                prompt="choose the party",
                compact=True,
                id="party",
            ),
        )
        yield FieldRow("Title", Input(compact=True, id="title", placeholder="office or position"))
        yield FieldRow(
            "Role",
            Select(
                [(role, role) for role in ROLES],
                value="member",
                allow_blank=False,
                compact=True,
                id="role",
            ),
        )
        yield FieldRow(
            "Id",
            Input(
                compact=True,
                id="person-id",
                placeholder="optional: the same person across visits and files",
            ),
        )

    def not_listed(self, value: str) -> str | None:
        name = normalise_name(value)
        if name and any(normalise_name(p.name) == name for p in self.visit.participants):
            return f"{value.strip()} already takes part in this visit"
        return None

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_error(event.select, None)
        head = self.head_problem()
        if head is not None:
            self.show_error(*head)

    def head_problem(self) -> Problem | None:
        party = select_value(self.query_one("#party", Select))
        role_select = self.query_one("#role", Select)
        if party is None or select_value(role_select) != "head":
            return None
        head = next(
            (p for p in self.visit.participants if p.party == party and p.role == "head"), None
        )
        if head is None:
            return None
        return (role_select, second_head(self.schedule, party, head.name))

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        party_select = self.query_one("#party", Select)
        if select_value(party_select) is None:
            found.append((party_select, "choose the participant's party"))
        head = self.head_problem()
        if head is not None:
            found.append(head)
        if not found and not self.validator_problems():
            try:
                Participant.model_validate(self.result_table())
            except ValidationError as error:
                widgets: dict[str, Widget] = {
                    key: self.query_one(f"#{key}") for key in ("name", "party", "title", "role")
                }
                widgets["id"] = self.query_one("#person-id")
                found.extend(pydantic_problems(error, widgets, self.query_one("#name")))
        return found

    def result(self) -> ParticipantDraft:
        return ParticipantDraft(**self.result_table())

    def result_table(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.query_one("#name", Input).value.strip(),
            "party": select_value(self.query_one("#party", Select)),
            "title": self.query_one("#title", Input).value.strip(),
            "role": select_value(self.query_one("#role", Select)) or "member",
            "id": self.query_one("#person-id", Input).value.strip(),
        }
        return {key: value for key, value in values.items() if value}

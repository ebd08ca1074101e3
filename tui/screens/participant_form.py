"""Add one participant to a visit, as the TOML keys of a `[[visits.participants]]` table."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from textual.app import ComposeResult
from textual.widgets import Input, Select

from schedules import Participant, Schedule, Visit, normalise_name
from schedules.drafts import ParticipantDraft, second_head
from schedules.i18n import _, pgettext
from tui.screens.checks import Check, required
from tui.screens.choices import party_options, select_value
from tui.screens.form import CssPaths, FieldRow, FormScreen, Problem, text_field
from tui.widgets.labels import role_text

ROLES: tuple[str, ...] = get_args(Participant.model_fields["role"].annotation)


def role_select(role: str, *, id: str | None = None, classes: str | None = None) -> Select[str]:
    """A choice of a participant's role (head, member, staff), in words."""
    return Select(
        [(role_text(choice), choice) for choice in ROLES],
        value=role,
        allow_blank=False,
        compact=True,
        id=id,
        classes=classes,
    )


class ParticipantForm(FormScreen[ParticipantDraft]):
    """One more participant for `visit`; refuses a second head for a party."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "participant_form.tcss"]

    def __init__(self, schedule: Schedule, visit: Visit) -> None:
        super().__init__()
        self.schedule = schedule
        self.visit = visit
        self.heading = (
            _("Add a participant to {visit}").format(visit=visit.id)
            if visit.id
            else _("Add a participant")
        )
        self.save_label = _("Add")

    def compose_fields(self) -> ComposeResult:
        # the visit's own parties first: the host, then its guests
        order = [self.visit.host, *self.visit.guest_ids(self.schedule.parties)]
        parties = [p for p in order if p in self.schedule.parties]
        parties += [p for p in self.schedule.parties if p not in parties]
        yield text_field(
            _("Name"),
            "",
            "name",
            _("as written in the source"),
            Check(required(_("the name"))),
            Check(self.not_listed),
        )
        yield FieldRow(
            _("Party"),
            Select(
                party_options((p, self.schedule.parties[p].name) for p in parties),
                prompt=_("choose the party"),
                compact=True,
                id="party",
            ),
        )
        yield text_field(pgettext("participant", "Title"), "", "title", _("office or position"))
        yield FieldRow(_("Role"), role_select("member", id="role"))
        yield text_field(
            _("Id"), "", "person-id", _("optional: the same person across visits and files")
        )

    def not_listed(self, value: str) -> str | None:
        name = normalise_name(value)
        if name and any(normalise_name(p.name) == name for p in self.visit.participants):
            return _("{name} already takes part in this visit").format(name=value.strip())
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
            found.append((party_select, _("choose the participant's party")))
        head = self.head_problem()
        if head is not None:
            found.append(head)
        if not found and not self.validator_problems():
            fields = {"name": "name", "party": "party", "title": "title", "role": "role"}
            fields["id"] = "person-id"
            found.extend(self.model_problems(Participant, self.result_table(), fields))
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

"""A follow-up action (a request made, a commitment given): the keys of an `[[actions]]` table."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select

from schedules import Action, Schedule
from schedules.drafts import ActionDraft
from tui.screens.form import (
    Check,
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    day_or_blank,
    parse_day,
    party_options,
    pydantic_problems,
    required,
    select_value,
    visit_select,
)

ACTION_STATUSES: tuple[str, ...] = get_args(Action.model_fields["status"].annotation)


class ActionForm(FormScreen[ActionDraft]):
    """A new action (from the visit `visit_id`, when given), or an edit of `action`."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "action_form.tcss"]

    def __init__(
        self, schedule: Schedule, *, visit_id: str | None = None, action: Action | None = None
    ) -> None:
        super().__init__()
        self.schedule = schedule
        self.action = action
        self.visit_id = action.visit if action is not None else visit_id
        original = action.id if action is not None else None
        self.taken = {a.id for a in schedule.actions if a.id != original}
        self.heading = f"Edit action {action.id}" if action is not None else "New action"

    def compose_fields(self) -> ComposeResult:
        action = self.action
        yield FieldRow(
            "Id",
            Input(
                action.id if action else "",
                placeholder="unique among the actions, like hall-funding",
                compact=True,
                id="action-id",
                validators=[Check(required("the id")), Check(self.unique_id)],
            ),
        )
        yield FieldRow(
            "Text",
            Input(
                action.text if action else "",
                placeholder="what was asked or promised",
                compact=True,
                id="text",
                validators=[Check(required("the text"))],
            ),
        )
        owner = action.owner if action else None
        yield FieldRow(
            "Owner",
            Select(
                party_options((p, party.name) for p, party in self.schedule.parties.items()),
                value=owner if owner in self.schedule.parties else Select.NULL,
                prompt="the party that must act",
                compact=True,
                id="owner",
            ),
        )
        yield FieldRow(
            "Visit",
            visit_select(self.schedule, self.visit_id, "none (optional: the visit it came from)"),
        )
        yield FieldRow(
            "Due",
            Input(
                action.due.isoformat() if action and action.due else "",
                placeholder="optional: a full date, like 2025-12-31",
                compact=True,
                id="due",
                validators=[Check(day_or_blank)],
            ),
        )
        yield FieldRow(
            "Status",
            Select(
                [(status, status) for status in ACTION_STATUSES],
                value=action.status if action else "open",
                allow_blank=False,
                compact=True,
                id="status",
            ),
        )

    def unique_id(self, value: str) -> str | None:
        ident = value.strip()
        return f"another action already has the id `{ident}`" if ident in self.taken else None

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_error(event.select, None)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        owner = self.query_one("#owner", Select)
        if select_value(owner) is None:
            found.append((owner, "choose the party that must act"))
        if not found and not self.validator_problems():
            try:
                Action.model_validate(self.result_table())
            except ValidationError as error:
                widgets: dict[str, Widget] = {
                    key: self.query_one(f"#{key}")
                    for key in ("text", "owner", "visit", "due", "status")
                }
                widgets["id"] = self.query_one("#action-id")
                found.extend(pydantic_problems(error, widgets, self.query_one("#action-id")))
        return found

    def result(self) -> ActionDraft:
        return ActionDraft(**self.result_table())

    def result_table(self) -> dict[str, Any]:
        due = self.query_one("#due", Input).value
        status = select_value(self.query_one("#status", Select)) or "open"
        written = self.action.model_fields_set if self.action is not None else None
        values: dict[str, Any] = {
            "id": self.query_one("#action-id", Input).value.strip(),
            "text": self.query_one("#text", Input).value.strip(),
            "owner": select_value(self.query_one("#owner", Select)),
            "visit": select_value(self.query_one("#visit", Select)),
            "due": parse_day(due) if due.strip() else None,
            # an edit leaves `status` out of the file while it is the default
            "status": status
            if written is None or "status" in written or status != "open"
            else None,
        }
        return {key: value for key, value in values.items() if value not in (None, "")}

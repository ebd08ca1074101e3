"""A follow-up action (a request made, a commitment given): the keys of an `[[actions]]` table."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from textual.app import ComposeResult
from textual.widgets import Input, Select

from schedules import Action, Schedule
from schedules.dates import parse_day
from schedules.drafts import ActionDraft
from schedules.i18n import N_, _
from tui.screens.checks import Check
from tui.screens.choices import party_select, select_value, visit_select
from tui.screens.form import CssPaths, FieldRow, FormScreen, Problem, TextField
from tui.widgets.labels import action_status

ACTION_STATUSES: tuple[str, ...] = get_args(Action.model_fields["status"].annotation)
ACTION_KEYS = ("text", "owner", "visit", "due", "status")
"""The keys whose field has the key's own id (the id's is `action-id`)."""
ACTION_ID = TextField(
    "action-id",
    N_("Id"),
    N_("unique among the actions, like hall-funding"),
    required=N_("the id"),
    key="id",
)
TEXT = TextField("text", N_("Text"), N_("what was asked or promised"), required=N_("the text"))
DUE = TextField("due", N_("Due"), N_("optional: a full date, like 2025-12-31"), day=True)


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
        self.heading = (
            _("Edit action {id}").format(id=action.id) if action is not None else _("New action")
        )

    def compose_fields(self) -> ComposeResult:
        action = self.action
        yield ACTION_ID.row(action.id if action else "", Check(self.unique_id))
        yield TEXT.row(action.text if action else "")
        yield FieldRow(
            _("Owner"),
            party_select(
                self.schedule,
                action.owner if action else None,
                _("the party that must act"),
                "owner",
            ),
        )
        yield FieldRow(
            _("Visit"),
            visit_select(
                self.schedule, self.visit_id, _("none (optional: the visit it came from)")
            ),
        )
        yield DUE.row(action.due.isoformat() if action and action.due else "")
        yield FieldRow(
            _("Status"),
            Select(
                [(action_status(status), status) for status in ACTION_STATUSES],
                value=action.status if action else "open",
                allow_blank=False,
                compact=True,
                id="status",
            ),
        )

    def unique_id(self, value: str) -> str | None:
        ident = value.strip()
        if ident in self.taken:
            return _("another action already has the id `{id}`").format(id=ident)
        return None

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_error(event.select, None)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        owner = self.query_one("#owner", Select)
        if select_value(owner) is None:
            found.append((owner, _("choose the party that must act")))
        if not found and not self.validator_problems():
            fields = {"id": "action-id", **{key: key for key in ACTION_KEYS}}
            found.extend(self.model_problems(Action, self.result_table(), fields))
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

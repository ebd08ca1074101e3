"""An agreed exception to a rule or check, as the keys of a `[[waivers]]` table."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select

from schedules import Schedule, Waiver
from schedules.codes import WAIVABLE
from schedules.drafts import WaiverDraft, until_problem, waiver_problems
from schedules.i18n import _
from tui.screens.form import (
    Check,
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    day_or_blank,
    literal,
    parse_day,
    pydantic_problems,
    required,
    select_value,
    visit_select,
)


class WaiverForm(FormScreen[WaiverDraft]):
    """A new waiver, pre-filled from a diagnostic: its rule (or check code), visit and date;
    or an edit of `waiver`."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "waiver_form.tcss"]

    def __init__(
        self,
        schedule: Schedule,
        *,
        rule: str | None = None,
        visit: str | None = None,
        day: dt.date | None = None,
        reason: str = "",
        waiver: Waiver | None = None,
    ) -> None:
        super().__init__()
        self.schedule = schedule
        self.rule = waiver.rule if waiver is not None else rule
        self.visit = waiver.visit if waiver is not None else visit
        self.day = day
        self.until = waiver.until if waiver is not None else day
        if waiver is not None:
            self.day = waiver.from_
        self.reason = waiver.reason if waiver is not None else reason
        self.heading = (
            _("Edit waiver of {rule}").format(rule=waiver.rule)
            if waiver is not None
            else "New waiver: an agreed exception, with its reason"
        )

    def rule_options(self) -> list[tuple[Text, str]]:
        options = [
            (literal(f"{rule.id}  ({rule.kind} rule of {agreement.id})"), rule.id)
            for agreement, rule in self.schedule.rules()
        ]
        options += [(literal(f"{code}  (built-in check)"), str(code)) for code in sorted(WAIVABLE)]
        return options

    def compose_fields(self) -> ComposeResult:
        options = self.rule_options()
        values = {value for _, value in options}
        yield FieldRow(
            "Rule",
            Select(
                options,
                value=self.rule if self.rule in values else Select.NULL,
                prompt="the rule id or check code it waives",
                compact=True,
                id="rule",
            ),
        )
        day = self.day.isoformat() if self.day is not None else ""
        yield FieldRow(
            "From",
            Input(
                day,
                placeholder="first day it covers, like 2020-01-01 (blank: no limit)",
                compact=True,
                id="from",
                validators=[Check(day_or_blank)],
            ),
        )
        until = self.until.isoformat() if self.until is not None else ""
        yield FieldRow(
            "Until",
            Input(
                until,
                placeholder="last day it covers, like 2022-12-31 (blank: no limit)",
                compact=True,
                id="until",
                validators=[Check(day_or_blank), Check(self.until_problem)],
            ),
        )
        yield FieldRow(
            "Visit",
            visit_select(
                self.schedule, self.visit, "any visit (optional: only diagnostics about one visit)"
            ),
        )
        yield FieldRow(
            "Reason",
            Input(
                self.reason,
                placeholder="why the sides agreed to it, like COVID-19: visits suspended",
                compact=True,
                id="reason",
                validators=[Check(required("the reason"))],
            ),
        )

    def until_problem(self, value: str) -> str | None:
        start_field = next(iter(self.query("#from").results(Input)), None)
        start = start_field.value if start_field is not None else ""
        if not value.strip() or not start.strip() or day_or_blank(start) or day_or_blank(value):
            return None
        return until_problem(parse_day(start), parse_day(value))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "from":
            until = self.query_one("#until", Input)
            outcome = until.validate(until.value)
            self.show_error(
                until,
                None if outcome is None or outcome.is_valid else outcome.failure_descriptions[0],
            )

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_error(event.select, None)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        rule = self.query_one("#rule", Select)
        draft = WaiverDraft(rule=select_value(rule), reason="")
        found.extend((rule, p.message) for p in waiver_problems(draft) if p.key == "rule")
        if not found and not self.validator_problems():
            try:
                Waiver.model_validate(self.result_table())
            except ValidationError as error:
                widgets: dict[str, Widget] = {
                    key: self.query_one(f"#{key}")
                    for key in ("rule", "from", "until", "visit", "reason")
                }
                found.extend(pydantic_problems(error, widgets, self.query_one("#reason")))
        return found

    def result(self) -> WaiverDraft:
        table = self.result_table()
        return WaiverDraft(
            rule=table.get("rule"),
            reason=table.get("reason", ""),
            start=table.get("from"),
            until=table.get("until"),
            visit=table.get("visit"),
        )

    def result_table(self) -> dict[str, Any]:
        def day(selector: str) -> dt.date | None:
            text = self.query_one(selector, Input).value
            return parse_day(text) if text.strip() else None

        values: dict[str, Any] = {
            "rule": select_value(self.query_one("#rule", Select)),
            "from": day("#from"),
            "until": day("#until"),
            "visit": select_value(self.query_one("#visit", Select)),
            "reason": self.query_one("#reason", Input).value.strip(),
        }
        return {key: value for key, value in values.items() if value not in (None, "")}

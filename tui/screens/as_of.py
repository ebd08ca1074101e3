"""Change the date "today" means for the checks (overdue, due soon, status, quota)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input

from schedules.i18n import _
from tui.screens.form import Check, FieldRow, FormScreen, parse_day


def _day_problem(value: str) -> str | None:
    if not value.strip():
        return "a date is required, like 2025-07-05"
    try:
        parse_day(value)
    except ValueError as error:
        return str(error)
    return None


class AsOfDialog(FormScreen[dt.date]):
    """Ask for the as-of date; dismisses with the date, or None."""

    def __init__(self, current: dt.date) -> None:
        super().__init__()
        self.current = current
        self.heading = "Check as of"
        self.save_label = "Check"

    def compose_fields(self) -> ComposeResult:
        yield FieldRow(
            "As of",
            Input(
                self.current.isoformat(), compact=True, id="as-of", validators=[Check(_day_problem)]
            ),
            hint=f"Today is {dt.date.today().isoformat()}.",
        )

    def summary_text(self, count: int, first: str) -> str:
        """Nothing is saved here: the date is only what the checks count from."""
        return _("Not a date to check as of: {problem}").format(problem=first)

    def result(self) -> dt.date:
        return parse_day(self.query_one("#as-of", Input).value)

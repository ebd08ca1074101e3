"""Change the date "today" means for the checks (overdue, due soon, status, quota)."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Input

from schedules.dates import parse_day
from schedules.i18n import _, format_date
from tui.screens.checks import Check, reason
from tui.screens.form import FieldRow, FormScreen


def _day_problem(value: str) -> str | None:
    if not value.strip():
        return _("a date is required, like 2025-07-05")
    try:
        parse_day(value)
    except ValueError as error:
        return reason(error)
    return None


class AsOfDialog(FormScreen[dt.date]):
    """Ask for the as-of date; dismisses with the date, or None."""

    def __init__(self, current: dt.date) -> None:
        super().__init__()
        self.current = current
        self.heading = _("Check as of")
        self.save_label = _("Check")

    def compose_fields(self) -> ComposeResult:
        yield FieldRow(
            _("As of"),
            Input(
                self.current.isoformat(), compact=True, id="as-of", validators=[Check(_day_problem)]
            ),
            hint=_("Today is {day}.").format(day=format_date(dt.date.today())),
        )

    def summary_text(self, count: int, first: str) -> str:
        """Nothing is saved here: the date is only what the checks count from."""
        return _("Not a date to check as of: {problem}").format(problem=first)

    def result(self) -> dt.date:
        return parse_day(self.query_one("#as-of", Input).value)

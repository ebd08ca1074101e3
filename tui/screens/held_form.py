"""The dates of a visit being marked held while it has only a partial date ("2025-Q3"): a
held visit took place on days that can be written down."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input

from schedules import Visit
from schedules.i18n import _
from tui.screens.checks import Check, reason
from tui.screens.form import CssPaths, FieldRow, FormScreen
from tui.screens.visit_dates import VisitDates
from tui.widgets.labels import full_dates


def exact_dates(value: str) -> str | None:
    try:
        dates = VisitDates.parse(value)
    except ValueError as error:
        return reason(error)
    if dates.start is None:
        return _("write the days it took place, like 2025-07-05..07")
    return None


class HeldDatesForm(FormScreen[tuple[dt.date, dt.date | None]]):
    """Asks for the days a visit took place; gives back (start, end or None)."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "agreement_form.tcss"]

    def __init__(self, visit: Visit) -> None:
        super().__init__()
        self.visit = visit
        self.heading = _("Mark {id} held: on which days?").format(id=visit.id)
        self.save_label = _("Mark held")

    def compose_fields(self) -> ComposeResult:
        yield FieldRow(
            _("Held on"),
            Input(
                "",
                placeholder=_("like 2025-07-05..07 (within {when})").format(
                    when=self.visit.dates_text()
                ),
                compact=True,
                id="dates",
                validators=[Check(exact_dates)],
            ),
            hint=_("It was planned for {when}; a held visit needs its exact days.").format(
                when=full_dates(self.visit)
            ),
        )

    def result(self) -> tuple[dt.date, dt.date | None]:
        dates = VisitDates.parse(self.query_one("#dates", Input).value)
        assert dates.start is not None, "checked by the validator"
        end = dates.end if dates.end is not None and dates.end != dates.start else None
        return dates.start, end

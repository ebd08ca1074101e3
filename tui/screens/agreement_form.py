"""An agreement (a memorandum): its id, title, dates and source, as an `[[agreements]]` table;
and the day one ends."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult

from schedules import Agreement, Schedule
from schedules.dates import parse_day
from schedules.drafts import AgreementDraft, agreement_problems
from schedules.i18n import N_, _, format_date
from tui.screens.checks import Check, day_or_blank
from tui.screens.form import (
    CssPaths,
    FormScreen,
    Problem,
    TextField,
    draft_problems,
    text_rows,
    value_of,
)

AGREEMENT_FIELDS = (
    TextField("id", N_("Id"), N_("unique in the file, like mou-2024"), required=N_("the id")),
    TextField(
        "title", N_("Title"), N_("optional: like Memorandum of understanding of 1 March 2024")
    ),
    TextField(
        "signed",
        N_("Signed"),
        N_("the day it was signed, like 2024-03-01"),
        required=N_("the day it was signed"),
        day=True,
    ),
    TextField(
        "valid_from",
        N_("Valid from"),
        N_("optional: blank means from the day it was signed"),
        day=True,
    ),
    TextField(
        "valid_until",
        N_("Valid until"),
        N_("optional: its last day, like 2028-12-31 (blank: open-ended)"),
        day=True,
    ),
    TextField(
        "source", N_("Source"), N_("optional: where its text is, like the report on the talks")
    ),
)
"""An agreement's own keys, each a field whose id is the key."""
LAST_DAY = TextField(
    "valid_until",
    N_("Last day"),
    N_("the last day it is in force, like 2025-12-31"),
    required=N_("the last day"),
    day=True,
)


class AgreementForm(FormScreen[AgreementDraft]):
    """A new agreement, or an edit of `agreement`'s own keys (its rules are edited one by one)."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "agreement_form.tcss"]

    def __init__(self, schedule: Schedule, agreement: Agreement | None = None) -> None:
        super().__init__()
        self.schedule = schedule
        self.agreement = agreement
        self.heading = (
            _("Edit agreement {id}").format(id=agreement.id)
            if agreement is not None
            else _("New agreement (a memorandum and its rules)")
        )

    def compose_fields(self) -> ComposeResult:
        yield from text_rows(AGREEMENT_FIELDS, self.shown)

    def shown(self, key: str) -> str:
        """The agreement's value of `key` as its field shows it ('' for a new agreement)."""
        value = getattr(self.agreement, key, None)
        return value.isoformat() if isinstance(value, dt.date) else str(value or "")

    def _day(self, key: str) -> dt.date | None:
        text = value_of(self, key)
        return parse_day(text) if text else None

    def draft(self) -> AgreementDraft:
        signed = self._day("signed")
        assert signed is not None, "checked by the validators first"
        return AgreementDraft(
            id=value_of(self, "id"),
            signed=signed,
            title=value_of(self, "title") or None,
            valid_from=self._day("valid_from"),
            valid_until=self._day("valid_until"),
            source=value_of(self, "source") or None,
        )

    def problems(self) -> list[Problem]:
        if self.validator_problems():
            return []
        editing = self.agreement.id if self.agreement is not None else None
        return draft_problems(
            self, agreement_problems(self.schedule, self.draft(), editing=editing)
        )

    def result(self) -> AgreementDraft:
        return self.draft()


class EndAgreementForm(FormScreen[dt.date]):
    """The last day an agreement is in force."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "agreement_form.tcss"]

    def __init__(self, agreement: Agreement, today: dt.date) -> None:
        super().__init__()
        self.agreement = agreement
        self.today = today
        self.heading = _("End agreement {id}").format(id=agreement.id)
        self.save_label = _("End it")

    def compose_fields(self) -> ComposeResult:
        yield LAST_DAY.row(
            (self.agreement.valid_until or self.today).isoformat(), Check(self.before_start)
        )

    def before_start(self, value: str) -> str | None:
        if not value.strip() or day_or_blank(value):
            return None
        if parse_day(value) < self.agreement.starts:
            return _("it cannot end before it comes into force ({start})").format(
                start=format_date(self.agreement.starts)
            )
        return None

    def result(self) -> dt.date:
        return parse_day(value_of(self, "valid_until"))

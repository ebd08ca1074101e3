"""Drafts of waivers, and their checks (a rule to waive, `until` not before `from`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from schedules.drafts.base import Draft, DraftProblem, _table
from schedules.i18n import _


@dataclass(frozen=True)
class WaiverDraft(Draft):
    """A waiver; `start` is the key `from` in the file."""

    rule: str | None
    reason: str
    start: dt.date | None = None
    until: dt.date | None = None
    visit: str | None = None

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("rule", self.rule),
                ("from", self.start),
                ("until", self.until),
                ("visit", self.visit),
                ("reason", self.reason),
            ]
        )


def until_problem(start: dt.date | None, until: dt.date | None) -> str | None:
    if start is not None and until is not None and until < start:
        return _("`until` ({until}) is before `from` ({start})").format(
            until=until.isoformat(), start=start.isoformat()
        )
    return None


def waiver_problems(draft: WaiverDraft) -> list[DraftProblem]:
    """A waiver with no rule, or ending before it starts."""
    found: list[DraftProblem] = []
    if draft.rule is None:
        found.append(DraftProblem("rule", _("choose the rule or check it waives")))
    problem = until_problem(draft.start, draft.until)
    if problem is not None:
        found.append(DraftProblem("until", problem))
    return found

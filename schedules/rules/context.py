"""One schedule being checked: what every check family reads, and how it words a finding."""

from __future__ import annotations

import datetime as dt

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.messages import Said
from schedules.rules.seen import counted_visits
from schedules.tables import Schedule


class Context:
    """The schedule, its file, the as-of date and its counted visits in rule order."""

    __slots__ = ("as_of", "counted", "path", "schedule")

    def __init__(self, schedule: Schedule, path: str, as_of: dt.date) -> None:
        self.schedule = schedule
        self.path = path
        self.as_of = as_of
        self.counted = counted_visits(schedule)

    def diagnostic(
        self,
        severity: Severity,
        code: Code,
        message: Said,
        target: KeyPath,
        day: dt.date,
        *,
        rule: str | None = None,
        visit: str | None = None,
        action: str | None = None,
    ) -> Diagnostic:
        return Diagnostic.worded(
            self.path,
            severity,
            code,
            message,
            rule=rule,
            visit=visit,
            action=action,
            date=day,
            target=target,
        )

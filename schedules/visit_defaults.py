"""A new visit as the rules ask for it: what the planner's "plan next" starts from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from schedules.planning import NextVisit
from schedules.tables import Schedule

__all__ = ["plan_defaults", "when_within"]


def when_within(first: dt.date, last: dt.date) -> str:
    """The coarsest year, quarter or month inside first..last, nearest its end; else a day."""
    candidates: list[tuple[str, dt.date, dt.date]] = []
    for year in (last.year, last.year - 1):
        candidates.append((str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)))
    quarter = (last.month - 1) // 3
    for index in (quarter, quarter - 1):
        year, q = (last.year, index) if index >= 0 else (last.year - 1, 3)
        start = dt.date(year, 3 * q + 1, 1)
        end = (dt.date(year + 1, 1, 1) if q == 3 else dt.date(year, 3 * q + 4, 1)) - dt.timedelta(
            days=1
        )
        candidates.append((f"{year}-Q{q + 1}", start, end))
    for months_back in (0, 1):
        year, month = last.year, last.month - months_back
        if month == 0:
            year, month = year - 1, 12
        start = dt.date(year, month, 1)
        end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        candidates.append((f"{year}-{month:02d}", start, end))
    for text, start, end in candidates:
        if first <= start and end <= last:
            return text
    return last.isoformat()


def plan_defaults(schedule: Schedule, pending: list[NextVisit], as_of: dt.date) -> dict[str, Any]:
    """A new visit as the rules ask for it: the kind, the host whose turn it is, its guests,
    and a partial date inside the window in which it is due."""
    with_host = [p for p in pending if p.host is not None]
    chosen = min(with_host or pending, key=lambda p: p.deadline or dt.date.max)
    defaults: dict[str, Any] = {"kind": chosen.kinds[0], "status": "planned"}
    host = chosen.host or next(
        (p.host for p in pending if p.host is not None and p.kinds == chosen.kinds), None
    )
    if host is not None:
        defaults["host"] = host
        defaults["guests"] = [party for party in schedule.parties if party != host]
    deadlines = [p.deadline for p in pending if p.kinds == chosen.kinds and p.deadline]
    if deadlines and min(deadlines) >= as_of:
        earliest = [p.earliest for p in pending if p.kinds == chosen.kinds and p.earliest]
        first = max([as_of, *earliest])
        defaults["when"] = when_within(first, min(deadlines))
    else:
        # overdue: as soon as possible
        following = as_of.replace(day=1) + dt.timedelta(days=32)
        defaults["when"] = f"{following.year}-{following.month:02d}"
    return defaults

"""Quotas: how many visits each calendar year, quarter or month holds (`quota`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.i18n import N_
from schedules.messages import Said, said
from schedules.rules.context import Context
from schedules.rules.seen import Counted
from schedules.tables import Agreement, QuotaRule

_TOO_FEW_HELD = N_(
    "{period}: {count} {kinds} held, fewer than the minimum of {min} (rule `{rule}`)"
)
_TOO_FEW_SO_FAR = N_(
    "{period}: {count} {kinds} held or planned so far, fewer than the minimum of {min} (rule "
    "`{rule}`)"
)
_TOO_MANY = N_(
    "{period}: {count} {kinds} ({visits}), more than the maximum of {max} (rule `{rule}`)"
)


def quota(
    ctx: Context, agreement: Agreement, rule: QuotaRule, in_window: list[Counted], target: KeyPath
) -> Iterator[Diagnostic]:
    """One pass over the periods, as month numbers: a window of 10,000 years is 120,000
    monthly periods, each a possible diagnostic, so nothing per period may be slow."""
    last_day = min(agreement.ends, ctx.as_of)
    if agreement.starts > last_day:
        return
    months = _PERIOD_MONTHS[rule.per]
    counts: dict[int, list[Counted]] = defaultdict(list)
    for c in in_window:
        period = _period_number(months, c.visit.earliest)
        if _period_number(months, c.visit.latest) == period:
            counts[period].append(c)
    as_of_period = _period_number(months, ctx.as_of)

    kinds = ", ".join(rule.visits)

    def finding(severity: Severity, wording: str, first: dt.date, **found: object) -> Diagnostic:
        """A finding about the period starting `first`: its name, the kinds counted and the
        rule, with what was counted."""
        period = _period_name(rule.per, first)
        message = Said(wording, {"period": period, "kinds": kinds, "rule": rule.id, **found})
        # made here rather than by `ctx.diagnostic`: one call fewer for each of 120,000 periods
        return Diagnostic(
            ctx.path,
            severity,
            Code.QUOTA,
            message.english(),
            rule=rule.id,
            date=first,
            target=target,
            said=message,
        )

    no_visits: list[Counted] = []
    for period in range(
        _period_number(months, agreement.starts), _period_number(months, last_day) + 1
    ):
        visits = counts.get(period, no_visits)
        first = _period_first(months, period)
        if rule.min is not None and period < as_of_period:  # ended before the as-of date
            held = sum(1 for c in visits if c.visit.status == "held")
            if held < rule.min:
                yield finding(Severity.ERROR, _TOO_FEW_HELD, first, count=held, min=rule.min)
        elif rule.min is not None and period == as_of_period and len(visits) < rule.min:
            yield finding(Severity.WARNING, _TOO_FEW_SO_FAR, first, count=len(visits), min=rule.min)
        if rule.max is not None and len(visits) > rule.max:
            listed = ", ".join(f"`{c.visit.id}`" for c in visits)
            yield finding(
                Severity.WARNING, _TOO_MANY, first, count=len(visits), visits=listed, max=rule.max
            )


_PERIOD_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def _period_number(months: int, day: dt.date) -> int:
    """The calendar period of `day`, counted in periods of `months` months from year 0."""
    return (day.year * 12 + day.month - 1) // months


def _period_first(months: int, period: int) -> dt.date:
    year, month = divmod(period * months, 12)
    return dt.date(year, month + 1, 1)


def _period_name(per: str, first: dt.date) -> Said | str:
    """`2025`, `2025-Q3` or `2025-07`; years with four digits (`0001-01`)."""
    year = f"{first.year:04d}"
    if per == "year":
        return year
    if per == "quarter":
        # Translators: a quarter of a year, like 2025-Q3
        return said("{year}-Q{quarter}", year=year, quarter=(first.month - 1) // 3 + 1)
    # Translators: a month of a year, like 2025-07
    month = f"{first.month:02d}"
    return said("{year}-{month}", year=year, month=month)

"""Quota periods from the first day of the calendar to the last: every ended period short of
`min` is an error (SPEC), named with a four-digit year, and the fast period arithmetic agrees
with counting period by period with calendar arithmetic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import schedules
from schedules.diagnostics import Severity

HEAD = """\
[partnership]
id = "p"
title = "T"

[parties.a]
name = "A"

[parties.b]
name = "B"

[[agreements]]
id = "m"
signed = {starts}
valid_until = {ends}

  [[agreements.rules]]
  id = "q"
  kind = "quota"
  visits = ["talks"]
  min = {low}
  max = {high}
  per = "{per}"
"""


def quota_diagnostics(
    starts: dt.date,
    ends: dt.date,
    per: str,
    as_of: dt.date,
    visits: list[tuple[dt.date, str]] = (),  # type: ignore[assignment]
    low: int = 1,
    high: int = 1,
) -> list[schedules.Diagnostic]:
    text = HEAD.format(starts=starts, ends=ends, per=per, low=low, high=high)
    for number, (day, status) in enumerate(visits):
        text += (
            f'\n[[visits]]\nid = "v{number}"\nkind = "talks"\nhost = "a"\n'
            f'status = "{status}"\nstart = {day}\n'
        )
    document = schedules.load_text(text, "plan.toml")
    assert document.problems == []
    return [d for d in schedules.check([document], as_of) if d.code == "quota"]


def test_a_monthly_quota_over_the_whole_calendar_reports_every_month() -> None:
    found = quota_diagnostics(dt.date(1, 1, 1), dt.date(9999, 12, 31), "month", dt.date.max)
    errors = [d for d in found if d.severity is Severity.ERROR]
    assert len(errors) == 9999 * 12 - 1  # every month but the current one, 9999-12
    assert errors[0].message.startswith("0001-01: 0 talks held")
    assert errors[0].date == dt.date(1, 1, 1)
    assert errors[-1].message.startswith("9999-11:") and errors[-1].date == dt.date(9999, 11, 1)
    (current,) = [d for d in found if d.severity is Severity.WARNING]
    assert current.message.startswith("9999-12: 0 talks held or planned so far")
    rule_line = HEAD.count("\n", 0, HEAD.index("[[agreements.rules]]")) + 1
    assert {d.line for d in found} == {rule_line}


def test_year_one_periods_have_four_digit_years() -> None:
    for per, name in (("year", "0001"), ("quarter", "0001-Q1"), ("month", "0001-01")):
        found = quota_diagnostics(dt.date(1, 1, 1), dt.date(1, 12, 31), per, dt.date(3, 1, 1))
        assert found[0].message.startswith(f"{name}: 0 talks held")


PERIOD_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def reference_periods(per: str, first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    """(first day, last day) of each period overlapping first..last, with calendar arithmetic."""
    months = PERIOD_MONTHS[per]
    start = dt.date(first.year, (first.month - 1) // months * months + 1, 1)
    while start <= last:
        try:
            following = start + relativedelta(months=months)
        except ValueError:  # after 9999-12-31
            yield start, dt.date.max
            return
        yield start, following - dt.timedelta(days=1)
        start = following


def reference(
    starts: dt.date,
    ends: dt.date,
    per: str,
    as_of: dt.date,
    visits: list[tuple[dt.date, str]],
    low: int,
    high: int,
) -> list[tuple[str, dt.date]]:
    """What SPEC says, period by period: (severity, period's first day)."""
    found: list[tuple[str, dt.date]] = []
    if as_of < starts:  # the agreement is not in force yet
        return found
    for first, last in reference_periods(per, starts, min(ends, as_of)):
        inside = [
            status for day, status in visits if first <= day <= last and starts <= day <= ends
        ]
        held = inside.count("held")
        if last < as_of and held < low:
            found.append(("error", first))
        elif first <= as_of <= last and len(inside) < low:
            found.append(("warning", first))
        if len(inside) > high:
            found.append(("warning", first))
    return found


edge_dates = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(3, 12, 31)),
    st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
    st.dates(dt.date(9997, 1, 1), dt.date(9999, 12, 31)),
)


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(edge_dates, edge_dates).map(sorted),
    st.sampled_from(["year", "quarter", "month"]),
    edge_dates,
    st.lists(st.tuples(edge_dates, st.sampled_from(["held", "planned"])), max_size=6),
    st.integers(0, 2),
)
def test_quota_periods_agree_with_counting_period_by_period(
    window: list[dt.date],
    per: str,
    as_of: dt.date,
    visits: list[tuple[dt.date, str]],
    low: int,
) -> None:
    starts, ends = window
    if (ends.year - starts.year) * 12 // PERIOD_MONTHS[per] > 500:
        ends = starts  # keep each example small: the whole calendar is tested above
    found = quota_diagnostics(starts, ends, per, as_of, visits, low=low, high=low + 1)
    assert sorted((d.severity.value, d.date) for d in found) == sorted(
        reference(starts, ends, per, as_of, visits, low, low + 1)
    )

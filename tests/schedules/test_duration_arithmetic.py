"""`Duration.after` adds calendar units the way dateutil's `relativedelta` does (the standard
library does it now, so that checking a file does not import dateutil)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from schedules.dates import Duration


@given(
    day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    years=st.integers(0, 120),
    months=st.integers(0, 40),
    weeks=st.integers(0, 60),
    days=st.integers(0, 400),
)
def test_after_is_relativedelta(
    day: dt.date, years: int, months: int, weeks: int, days: int
) -> None:
    duration = Duration("P", years, months, weeks, days)
    try:
        expected = day + relativedelta(years=years, months=months, weeks=weeks, days=days)
    except (ValueError, OverflowError):
        expected = dt.date.max
    assert duration.after(day) == expected


def test_end_of_month_is_clamped() -> None:
    assert Duration.parse("P1Y").after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert Duration.parse("P1M").after(dt.date(2025, 1, 31)) == dt.date(2025, 2, 28)
    assert Duration.parse("P18M").after(dt.date(2023, 8, 31)) == dt.date(2025, 2, 28)


def test_past_the_calendar_is_the_last_day() -> None:
    assert Duration.parse("P2Y").after(dt.date(9998, 6, 1)) == dt.date.max
    assert Duration.parse("P9999999999D").after(dt.date(2025, 1, 1)) == dt.date.max
    assert Duration.parse("P1D").after(dt.date(9999, 12, 31)) == dt.date.max

"""The holidays a visit covers: only the years the holidays data has are computed, and a span's
holidays are exactly those of its days."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.rules.holidays import holidays_between, public_holidays


def _every_year(country: str, first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """The plain way: every year of the span, every holiday of the year, filtered."""
    return [
        holiday
        for year in range(first.year, last.year + 1)
        for holiday in public_holidays(country, year)
        if first <= holiday[0] <= last
    ]


@settings(max_examples=40, deadline=None)
@given(
    country=st.sampled_from(["VN", "LA", "XX"]),
    first=st.dates(dt.date(1890, 1, 1), dt.date(2110, 12, 31)),
    days=st.integers(0, 800),
)
def test_a_span_has_the_holidays_of_its_days(country: str, first: dt.date, days: int) -> None:
    last = first + dt.timedelta(days=days)
    assert list(holidays_between(country, first, last)) == _every_year(country, first, last)


def test_the_whole_calendar_has_the_holidays_of_the_years_the_data_covers() -> None:
    whole = list(holidays_between("VN", dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    covered = _every_year("VN", dt.date(1901, 1, 1), dt.date(2100, 12, 31))
    assert whole == covered and len(whole) > 2000
    assert not _every_year("VN", dt.date(1899, 1, 1), dt.date(1900, 12, 31))
    assert list(holidays_between("XX", dt.date(1, 1, 1), dt.date(9999, 12, 31))) == []

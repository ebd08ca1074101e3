"""Partial dates, durations and calendar arithmetic (SPEC: "Durations", "Partial dates")."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.dates import Duration, PartialDate

D = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("2025-Q1", D(2025, 1, 1), D(2025, 3, 31), "quarter"),
        ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("2025-Q4", D(2025, 10, 1), D(2025, 12, 31), "quarter"),
        ("2025-07", D(2025, 7, 1), D(2025, 7, 31), "month"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28), "month"),
        ("2025-07-05", D(2025, 7, 5), D(2025, 7, 5), "day"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day"),
    ],
)
def test_partial_date_spans_first_to_last_day(
    text: str, first: dt.date, last: dt.date, precision: str
) -> None:
    partial = PartialDate.parse(text)
    assert (partial.first, partial.last, partial.precision) == (first, last, precision)
    assert str(partial) == text
    assert first in partial
    assert last in partial
    assert first - dt.timedelta(days=1) not in partial
    assert last + dt.timedelta(days=1) not in partial


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-13", "month must be 01 to 12"),
        ("2025-00", "month must be 01 to 12"),
        ("2025-Q5", "is not a partial date"),
        ("2025-Q0", "is not a partial date"),
        ("2025-02-30", "is not a day of the calendar"),
        ("2025-02-29", "is not a day of the calendar"),
        ("25", "is not a partial date"),
        ("2025-7", "is not a partial date"),
        ("2025-07-5", "is not a partial date"),
        ("0000", "year must be 0001 or later"),
        ("", "is not a partial date"),
        ("2025/07", "is not a partial date"),
        ("July 2025", "is not a partial date"),
        ("2025-q3", "is not a partial date"),
        ("２０２５", "is not a partial date"),  # full-width digits are not ASCII digits
    ],
)
def test_invalid_partial_dates_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(text)


def test_partial_date_error_says_what_to_write() -> None:
    with pytest.raises(ValueError) as error:
        PartialDate.parse("next year")
    assert "2025-Q3" in str(error.value) and "2025-07" in str(error.value)


@pytest.mark.parametrize(
    ("text", "years", "months", "weeks", "days"),
    [
        ("P2Y", 2, 0, 0, 0),
        ("P18M", 0, 18, 0, 0),
        ("P1Y6M", 1, 6, 0, 0),
        ("P2W", 0, 0, 2, 0),
        ("P90D", 0, 0, 0, 90),
        ("P1Y2M3D", 1, 2, 0, 3),
        ("2y", 2, 0, 0, 0),
        ("18m", 0, 18, 0, 0),
        ("2w", 0, 0, 2, 0),
        ("90d", 0, 0, 0, 90),
    ],
)
def test_durations_iso_and_short(text: str, years: int, months: int, weeks: int, days: int) -> None:
    duration = Duration.parse(text)
    assert (duration.years, duration.months, duration.weeks, duration.days) == (
        years,
        months,
        weeks,
        days,
    )
    assert str(duration) == text


def test_short_and_iso_forms_add_the_same() -> None:
    start = D(2023, 4, 4)
    for iso, short in [("P2Y", "2y"), ("P18M", "18m"), ("P2W", "2w"), ("P90D", "90d")]:
        assert Duration.parse(iso).after(start) == Duration.parse(short).after(start)


@pytest.mark.parametrize(
    "text",
    ["", "P", "2", "P2", "P2H", "PT1H", "P-1Y", "P1.5Y", "2 years", "2x", "y", "P2M1Y", "1y6m"],
)
def test_invalid_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (D(2023, 4, 4), "P2Y", D(2025, 4, 4)),
        (D(2024, 2, 29), "P1Y", D(2025, 2, 28)),
        (D(2024, 2, 29), "P4Y", D(2028, 2, 29)),
        (D(2025, 1, 31), "P1M", D(2025, 2, 28)),
        (D(2023, 8, 31), "P18M", D(2025, 2, 28)),
        (D(2023, 4, 4), "P1Y6M", D(2024, 10, 4)),
        (D(2025, 12, 25), "P2W", D(2026, 1, 8)),
        (D(2025, 1, 1), "P90D", D(2025, 4, 1)),
        (D(2024, 1, 1), "P90D", D(2024, 3, 31)),
    ],
)
def test_calendar_arithmetic(start: dt.date, duration: str, expected: dt.date) -> None:
    assert Duration.parse(duration).after(start) == expected


def test_adding_past_the_end_of_the_calendar_does_not_crash() -> None:
    # a deadline beyond 9999-12-31 can never be missed: it saturates instead of raising
    assert Duration.parse("P2Y").after(D(9999, 1, 1)) == dt.date.max
    assert Duration.parse("P99999999D").after(D(2025, 1, 1)) == dt.date.max

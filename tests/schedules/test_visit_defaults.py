"""The defaults of a planned visit, headless: the coarsest partial date inside a window."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.visit_defaults import when_within


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025"),
        (dt.date(2024, 3, 1), dt.date(2025, 12, 31), "2025"),
        (dt.date(2025, 4, 1), dt.date(2025, 6, 30), "2025-Q2"),
        (dt.date(2025, 3, 15), dt.date(2025, 7, 10), "2025-Q2"),
        (dt.date(2025, 5, 1), dt.date(2025, 5, 31), "2025-05"),
        (dt.date(2025, 4, 20), dt.date(2025, 6, 5), "2025-05"),
        (dt.date(2025, 5, 3), dt.date(2025, 5, 20), "2025-05-20"),
    ],
)
def test_the_coarsest_period_inside_the_window_nearest_its_end(
    first: dt.date, last: dt.date, expected: str
) -> None:
    assert when_within(first, last) == expected

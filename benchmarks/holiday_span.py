"""The holiday check on a planned visit that spans the whole calendar (0001-01-01..9999-12-31,
hosted by a Vietnamese province with a Lao guest), against the same visit over only the years
the holidays data covers (1901..2100), in the same run: both report the same holidays, so the
ratio says what the years without holidays data cost.

    python -m benchmarks.holiday_span [--runs 3]

Prints the median CPU seconds of each, the holidays reported, and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Sequence

from schedules.codes import Code
from schedules.loader import load_text
from schedules.rules import holidays as holiday_check
from schedules.workspace import check_documents

SCHEDULE = """\
[partnership]
id = "all-of-time"
title = "A visit as long as the calendar"

[parties.quang-tri]
name = "Quảng Trị"
country = "VN"

[parties.salavan]
name = "Salavan"
country = "LA"

[[visits]]
id = "forever"
kind = "talks"
host = "quang-tri"
status = "planned"
start = {start}
end = {end}
"""
AS_OF = dt.date(1, 1, 1)


def cpu_seconds(start: str, end: str, runs: int) -> tuple[float, int]:
    """The median CPU time of checking the visit from `start` to `end` with the holidays data
    computed afresh each run, and the number of holiday warnings."""
    document = load_text(SCHEDULE.format(start=start, end=end), "holiday-span.toml")
    times: list[float] = []
    found = 0
    for _ in range(runs):
        holiday_check.public_holidays.cache_clear()
        started = time.process_time()
        diagnostics = check_documents([document], AS_OF)
        times.append(time.process_time() - started)
        found = sum(1 for d in diagnostics if d.code == Code.HOLIDAY)
    return statistics.median(times), found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    import holidays  # noqa: F401 - imported once, before timing, as the check imports it

    calendar, calendar_found = cpu_seconds("0001-01-01", "9999-12-31", args.runs)
    covered, covered_found = cpu_seconds("1901-01-01", "2100-12-31", args.runs)
    print(f"0001..9999  cpu {calendar:6.2f} s  {calendar_found:,} holiday warnings")
    print(f"1901..2100  cpu {covered:6.2f} s  {covered_found:,} holiday warnings")
    print(f"whole calendar ÷ covered years (CPU) = {calendar / covered:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

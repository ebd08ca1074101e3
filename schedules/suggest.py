"""Suggested dates for a visit that the rules make due: the earliest run of weekdays that avoids
the public holidays of every country taking part and the office's other delegations.

`suggest_dates` is the search itself, on plain dates; `suggested_length` and `search_range`
say how long the visit should be and where to look, from the schedule and the rules' window.
`visits plan`, the app's plan-next form and the year view all use them.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schedules.i18n import _
from schedules.rules import holiday_names
from schedules.tables import Schedule
from schedules.words import date_span, days_span, long_date

DEFAULT_DAYS = 3
"""The length of a suggested visit when the partnership has held none of that kind."""

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Busy:
    """Days already taken: another delegation of the plan."""

    first: dt.date
    last: dt.date
    what: str


@dataclass(frozen=True, slots=True)
class Avoided:
    """A holiday or another delegation that the suggested dates step around."""

    what: str
    first: dt.date
    last: dt.date

    def text(self) -> str:
        return _("{what}, {days}").format(what=self.what, days=days_span(self.first, self.last))


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The suggested dates, or why there are none (`start` None, `reason` set)."""

    days: int
    start: dt.date | None = None
    end: dt.date | None = None
    avoided: tuple[Avoided, ...] = ()
    reason: str | None = None

    def text(self) -> str:
        """`5–7 January 2027: avoids ...`, or `No dates fit: ...`."""
        if self.start is None or self.end is None:
            return _("No dates fit: {reason}").format(reason=self.why())
        return f"{date_span(self.start, self.end)}: {self.why()}"

    def why(self) -> str:
        """`avoids Lao New Year's Day (LA), 14–16 April`, or the reason none fits."""
        if self.start is None:
            return self.reason or ""
        if not self.avoided:
            return _("the first free weekdays")
        return _("avoids {avoided}").format(avoided="; ".join(item.text() for item in self.avoided))


def suggested_length(schedule: Schedule, kinds: Iterable[str]) -> int:
    """The median length in days of the partnership's held visits of these kinds with exact
    dates (half days rounded up), or `DEFAULT_DAYS` when there are none."""
    wanted = set(kinds)
    lengths = [
        (visit.last_day - visit.earliest).days + 1
        for visit in schedule.visits
        if visit.kind in wanted and visit.status == "held" and visit.exact
    ]
    return math.ceil(statistics.median(lengths)) if lengths else DEFAULT_DAYS


def search_range(
    year: int, as_of: dt.date, earliest: dt.date | None, deadline: dt.date | None
) -> tuple[dt.date, dt.date, bool]:
    """(first, last, window kept) for the search: from the day after `as_of`, inside the
    year and the window; when the deadline has passed by then, inside the year alone."""
    first = max(as_of + ONE_DAY, dt.date(year, 1, 1))
    last = dt.date(year, 12, 31)
    if deadline is not None and deadline < as_of + ONE_DAY:
        return first, last, False
    if earliest is not None:
        first = max(first, earliest)
    if deadline is not None:
        last = min(last, deadline)
    return first, last, True


def suggest_dates(
    days: int,
    first: dt.date,
    last: dt.date,
    countries: Iterable[str],
    busy: Sequence[Busy] = (),
) -> Suggestion:
    """The earliest span of `days` consecutive days within first..last whose days are all
    Monday to Friday, none a public holiday of `countries`, and none in a `busy` span."""
    if days > 5:
        reason = _("a visit of {days} days cannot avoid a weekend").format(days=days)
        return Suggestion(days, reason=reason)
    if first > last:
        return Suggestion(days, reason=_("no day is left in which the visit is due this year"))
    holidays = _holidays(sorted(set(countries)), first, last)
    taken: dict[dt.date, Busy] = {}
    for span in busy:
        day = max(span.first, first)
        while day <= min(span.last, last):
            taken.setdefault(day, span)
            day += ONE_DAY
    run = 0
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in holidays and day not in taken:
            run += 1
            if run == days:
                start = day - (days - 1) * ONE_DAY
                return Suggestion(days, start, day, _avoided(first, day, holidays, taken))
        else:
            run = 0
        day += ONE_DAY
    if first == last:
        within = _("on {day}").format(day=long_date(first))
    else:
        within = _("between {first} and {last}").format(
            first=long_date(first), last=long_date(last)
        )
    if days == 1:
        wording = _("no weekday {within} is free of public holidays and the other delegations")
    else:
        wording = _(
            "no {days} consecutive weekdays {within} are free of public holidays and the other "
            "delegations"
        )
    return Suggestion(days, reason=wording.format(days=days, within=within))


Holidays = dict[dt.date, list[tuple[str, str]]]
"""Each holiday: its (name, country) pairs."""


def _holidays(countries: list[str], first: dt.date, last: dt.date) -> Holidays:
    """The holidays of these countries in first..last."""
    found: Holidays = {}
    for country in countries:
        for year in range(first.year, last.year + 1):
            for day, name in holiday_names(country, year):
                if first <= day <= last:
                    found.setdefault(day, []).append((name, country))
    return found


def _avoided(
    first: dt.date, last: dt.date, holidays: Holidays, taken: dict[dt.date, Busy]
) -> tuple[Avoided, ...]:
    """The holidays (consecutive days as one, under their shortest name) and the delegations
    between the start of the search and the end of the suggestion."""
    found: list[Avoided] = []
    run: list[dt.date] = []
    for day in sorted(d for d in holidays if first <= d <= last):
        if run and day - run[-1] > ONE_DAY:
            found.append(_holiday_run(run, holidays))
            run = []
        run.append(day)
    if run:
        found.append(_holiday_run(run, holidays))
    for span in dict.fromkeys(b for d, b in taken.items() if first <= d <= last):
        found.append(Avoided(span.what, span.first, span.last))
    return tuple(sorted(found, key=lambda a: (a.first, a.what)))


def _holiday_run(days: list[dt.date], holidays: Holidays) -> Avoided:
    """Consecutive holidays under their shortest name: `Lunar New Year (VN)`, `New Year's Day
    (LA, VN)`."""
    names = {name for day in days for name, _country in holidays[day]}
    countries = sorted({country for day in days for _name, country in holidays[day]})
    name = min(names, key=lambda n: (len(n), n))
    return Avoided(f"{name} ({', '.join(countries)})", days[0], days[-1])

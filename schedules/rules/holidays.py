"""Public holidays: a planned visit covering a holiday of the host's or a guest's country
(`holiday`), and the holidays data, named in the reader's language."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, Severity
from schedules.messages import Listing, Phrase, said
from schedules.rules.context import Context
from schedules.rules.seen import visit_dates


def holidays(ctx: Context) -> Iterator[Diagnostic]:
    parties = ctx.schedule.parties
    for index, visit in enumerate(ctx.schedule.visits):
        if visit.status not in ("planned", "confirmed") or visit.start is None:
            continue
        countries: dict[str, None] = {}
        for party_id in [visit.host, *visit.guest_ids(parties)]:
            party = parties.get(party_id)
            if party is not None and party.country:
                countries[party.country] = None
        if not countries:
            continue
        end = visit.end or visit.start
        found: dict[dt.date, list[Holiday]] = defaultdict(list)
        for country in countries:
            for day, name in holidays_between(country, visit.start, end):
                found[day].append(Holiday(country, day, name))
        for day in sorted(found):
            yield ctx.diagnostic(
                Severity.WARNING,
                Code.HOLIDAY,
                said(
                    "visit `{visit}` ({dates}) covers a public holiday on {day}: {names}",
                    visit=visit.id,
                    dates=visit_dates(visit),
                    day=day,
                    names=Listing(found[day], "; "),
                ),
                ("visits", index, "start"),
                day,
                visit=visit.id,
            )


def holidays_between(country: str, first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, str]]:
    """The public holidays of a country from `first` to `last` (both included), in date order.
    Only the years the holidays data covers are computed, and only the days inside the span
    are looked at: the cost follows the holidays found, not the length of the span."""
    covered = _covered_years(country)
    for year in range(max(first.year, covered.start), min(last.year + 1, covered.stop)):
        found = public_holidays(country, year)
        low = bisect_left(found, first, key=_day) if year == first.year else 0
        high = bisect_right(found, last, key=_day) if year == last.year else len(found)
        yield from found[low:high]


def _day(holiday: tuple[dt.date, str]) -> dt.date:
    return holiday[0]


@cache
def _covered_years(country: str) -> range:
    """The years the holidays data has for a country (none for a country it lacks)."""
    import holidays  # imported on first use: it is slow to import and most checks never need it

    try:
        entity = holidays.country_holidays(country, years=())
    except NotImplementedError:
        return range(0)
    return range(getattr(entity, "start_year", 1), getattr(entity, "end_year", 9999) + 1)


def holiday_names(country: str, year: int) -> tuple[tuple[dt.date, str], ...]:
    """The public holidays of a country in a year, named in the reader's language where the
    holidays data has it (English otherwise; bracketed in the pseudo-language)."""
    from schedules import i18n

    found = public_holidays(country, year, i18n.current())
    if i18n.current() == i18n.PSEUDO:
        return tuple((day, f"⟦{name}⟧") for day, name in found)
    return found


@dataclass(frozen=True, slots=True)
class Holiday(Phrase):
    """A public holiday, named in English for scripts and in the reader's language where the
    holidays data has it."""

    country: str
    day: dt.date
    name: str

    def english(self) -> str:
        return f"{self.name} ({self.country})"

    def text(self) -> str:
        names = dict(holiday_names(self.country, self.day.year))
        return f"{names.get(self.day, self.name)} ({self.country})"


@cache
def public_holidays(
    country: str, year: int, language: str = "en"
) -> tuple[tuple[dt.date, str], ...]:
    """The public holidays of a country in a year (empty for countries `holidays` lacks), named
    in `language` where the holidays data has it, else in English. The language is always
    passed: the holidays library's own fallback reads the environment."""
    import holidays  # imported on first use: it is slow to import and most checks never need it

    try:
        entity = holidays.country_holidays(country, years=())
    except NotImplementedError:
        return ()
    supported = entity.supported_languages
    wanted: str | None
    if language in supported:
        wanted = language
    elif "en_US" in supported:
        wanted = "en_US"
    else:  # a calendar with one language, named explicitly
        wanted = entity.default_language
    calendar = holidays.country_holidays(country, years=year, language=wanted)
    return tuple(sorted((day, str(name)) for day, name in calendar.items()))

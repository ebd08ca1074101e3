"""A visit's dates as one field: exact days (`2025-07-05..07`) or a partial date (`2025-Q3`),
parsed by the domain and described back in words so that what was typed is never misread."""

from __future__ import annotations

import datetime as dt

from schedules import PartialDate, i18n
from schedules.dates import VisitDates as DomainVisitDates
from schedules.i18n import _, ngettext
from tui.screens.checks import reason


class VisitDates(DomainVisitDates):
    """The dates field of a visit (parsed by the domain), described in words."""

    def describe(self) -> str:
        """In words, so that the one field is never ambiguous."""
        if self.when is not None:
            partial = PartialDate.parse(self.when)
            return _("Not fixed yet: some time in {when} ({first} to {last})").format(
                when=self.when, first=long_day(partial.first), last=long_day(partial.last)
            )
        assert self.start is not None
        end = self.end or self.start
        if end == self.start:
            return _("Exact: {day} (one day)").format(day=long_day(self.start))
        days = (end - self.start).days + 1
        return ngettext(
            "Exact: {first} to {last} ({days} day)", "Exact: {first} to {last} ({days} days)", days
        ).format(first=long_day(self.start), last=long_day(end), days=days)


def long_day(day: dt.date) -> str:
    """A day with its weekday, so that a date typed in is never misread: `Sat 5 Jul 2025`,
    `Thứ Bảy 05/07/2025`."""
    language = i18n.real_language()
    if language == "en":
        return f"{day:%a} {day.day} {day:%b %Y}"
    from babel.dates import format_date

    return f"{format_date(day, 'EEEE', locale=language)} {i18n.format_date(day)}"


def dates_problem(value: str) -> str | None:
    """What is wrong with a dates field's text, or None."""
    try:
        VisitDates.parse(value)
    except ValueError as error:
        return reason(error)
    return None


def described(dates: str) -> str:
    """The hint under a dates field: its dates in words ('' while they do not parse)."""
    try:
        return VisitDates.parse(dates).describe()
    except ValueError:
        return ""

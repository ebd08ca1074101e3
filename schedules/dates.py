"""Partial dates (`2025`, `2025-Q3`, `2025-07`, `2025-07-05`) and ISO 8601 durations.

dateutil's parser fills missing parts from today's date and knows no quarters, so partial dates
are parsed here; calendar arithmetic is done here too (what dateutil's `relativedelta` does:
years and months first, the day clamped to the month's end, then weeks and days), so that
checking a file does not import dateutil.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, Self

from schedules.messages import WordedError, said

Precision = Literal["year", "quarter", "month", "day"]

_PARTIAL = re.compile(
    r"(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?",
    re.ASCII,
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, quarter, month or day: the span from its first to its last day."""

    text: str
    first: dt.date
    last: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `2025`, `2025-Q3`, `2025-07` or `2025-07-05`; raise ValueError otherwise."""
        match = _PARTIAL.fullmatch(text.strip())
        if match is None:
            raise WordedError(
                said(
                    "{text} is not a partial date: write a year (2025), a quarter (2025-Q3), a "
                    "month (2025-07) or a day (2025-07-05)",
                    text=toml_quoted(text),
                )
            )
        year = int(match["year"])
        if year < 1:
            raise WordedError(said("{text}: year must be 0001 or later", text=toml_quoted(text)))
        if match["quarter"]:
            quarter = int(match["quarter"])
            first = dt.date(year, 3 * quarter - 2, 1)
            return cls(text, first, _month_end(year, 3 * quarter), "quarter")
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise WordedError(said("{text}: month must be 01 to 12", text=toml_quoted(text)))
            if match["day"]:
                try:
                    day = dt.date(year, month, int(match["day"]))
                except ValueError:
                    raise WordedError(
                        said("{text} is not a day of the calendar", text=toml_quoted(text))
                    ) from None
                return cls(text, day, day, "day")
            return cls(text, dt.date(year, month, 1), _month_end(year, month), "month")
        return cls(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    def __str__(self) -> str:
        return self.text

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


def toml_quoted(text: str) -> str:
    """`text` as a TOML basic string, for messages about the file ("2025-13", not '2025-13')."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_ISO_DURATION = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?",
    re.ASCII,
)
_SHORT_DURATION = re.compile(r"(?P<n>\d+)\s*(?P<unit>[ymwd])", re.ASCII)
_SHORT_UNITS = {"y": "years", "m": "months", "w": "weeks", "d": "days"}


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar duration: years, months, weeks and days, added as calendar units."""

    text: str
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse ISO 8601 (`P2Y`, `P1Y6M`, `P90D`) or a short form (`2y`, `18m`, `2w`, `90d`)."""
        cleaned = text.strip()
        try:
            iso = _ISO_DURATION.fullmatch(cleaned.upper())
            if iso is not None:
                parts = {unit: int(value) for unit, value in iso.groupdict().items() if value}
                return cls(text, **parts)
            short = _SHORT_DURATION.fullmatch(cleaned.lower())
            if short is not None:
                return cls(text, **{_SHORT_UNITS[short["unit"]]: int(short["n"])})
        except ValueError:  # int() refuses more than 4,300 digits
            raise WordedError(
                said(
                    "{text}… is not a duration: a number of more than 4,300 digits",
                    text=toml_quoted(cleaned[:12]),
                )
            ) from None
        raise WordedError(
            said(
                "{text} is not a duration: write ISO 8601 like P2Y, P18M, P1Y6M, P2W, P90D (or "
                "2y, 18m, 2w, 90d)",
                text=toml_quoted(text),
            )
        )

    def after(self, day: dt.date) -> dt.date:
        """`day` plus this duration (2024-02-29 + P1Y = 2025-02-28); past 9999-12-31, that day."""
        months = day.year * 12 + day.month - 1 + self.years * 12 + self.months
        year, month = divmod(months, 12)
        if not 1 <= year <= dt.MAXYEAR:  # beyond the calendar: no deadline can be missed
            return dt.date.max
        moved = day.replace(year=year, month=month + 1, day=1)
        moved += dt.timedelta(days=min(day.day, calendar.monthrange(year, month + 1)[1]) - 1)
        try:
            return moved + dt.timedelta(days=self.days + 7 * self.weeks)
        except OverflowError:
            return dt.date.max

    def __str__(self) -> str:
        return self.text


# --- dates as people type them (the app's date fields) ---------------------------------------

_SLASHED = re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})", re.ASCII)
_DASHES = re.compile(r"\s*[–—]\s*|\s+-\s+")  # en dash, em dash, or a spaced hyphen
_SHORT_END = re.compile(r"(?:(?P<month>\d{2})-)?(?P<day>\d{1,2})", re.ASCII)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_day(text: str) -> dt.date:
    """A full date, `2025-07-05`; a `WordedError` saying what to write otherwise (a day written
    `31/08/2025` is answered with `2025-08-31`)."""
    cleaned = text.strip()
    slashed = _SLASHED.fullmatch(cleaned)
    if slashed is not None:
        year, month, day = slashed["year"], slashed["month"], slashed["day"]
        suggestion = f"{year}-{int(month):02d}-{int(day):02d}"
        raise WordedError(
            said(
                "{text}: write dates as year-month-day, like {suggestion} (day {day} of month "
                "{month})",
                text=toml_quoted(cleaned),
                suggestion=suggestion,
                day=day,
                month=month,
            )
        )
    if _ISO_DAY.fullmatch(cleaned) is None:
        raise WordedError(
            said(
                "{text} is not a full date: write a day like 2025-07-05", text=toml_quoted(cleaned)
            )
        )
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        if not 1 <= int(cleaned[5:7]) <= 12:
            raise WordedError(
                said("{text}: month must be 01 to 12", text=toml_quoted(cleaned))
            ) from None
        raise WordedError(
            said("{text} is not a day of the calendar", text=toml_quoted(cleaned))
        ) from None


@dataclass(frozen=True)
class VisitDates:
    """What one dates field says: exact dates (`start`, `end`), or a partial date (`when`).

    Accepts what the app itself shows: `2027-07-15`, `2027-07-15..17`, `2027-07-15..07-17`,
    `2027-07-15..2027-07-17`, or `2027`, `2027-Q3`, `2027-07`.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    when: str | None = None

    @classmethod
    def parse(cls, text: str) -> Self:
        cleaned = text.strip()
        if not cleaned:
            raise WordedError(
                said(
                    "dates are required: a day (2025-07-05), a range (2025-07-05..07), or, while "
                    "they are not agreed, a year, quarter or month (2025, 2025-Q3, 2025-07)"
                )
            )
        if ".." not in cleaned and _DASHES.search(cleaned):
            suggestion = _DASHES.sub("..", cleaned)
            try:
                cls.parse(suggestion)
            except ValueError:
                suggestion = "2025-07-05..07"
            raise WordedError(
                said(
                    "write a range with two dots, like {suggestion}, not a dash",
                    suggestion=suggestion,
                )
            )
        if ".." in cleaned:
            first, _, last = (part.strip() for part in cleaned.partition(".."))
            start = parse_day(first)
            end = _range_end(start, last)
            if end < start:
                raise WordedError(
                    said("the end ({end}) is before the start ({start})", end=end, start=start)
                )
            return cls(start=start, end=end)
        if _SLASHED.fullmatch(cleaned):
            parse_day(cleaned)  # raises, saying how to write it
        partial = PartialDate.parse(cleaned)
        if partial.precision == "day":
            return cls(start=partial.first)
        return cls(when=partial.text)

    @staticmethod
    def text_of(start: dt.date | None, end: dt.date | None, when: object) -> str:
        """The field's text for a visit's `start`, `end` and `when`."""
        if start is not None:
            return f"{start}..{end}" if end is not None else start.isoformat()
        return str(when) if when is not None else ""


def _range_end(start: dt.date, text: str) -> dt.date:
    """The end of `START..END`, where END may leave out the year (`07-17`) or the month (`17`)."""
    short = _SHORT_END.fullmatch(text)
    if short is None:
        return parse_day(text)
    month = int(short["month"]) if short["month"] else start.month
    try:
        return dt.date(start.year, month, int(short["day"]))
    except ValueError:
        year = str(start.year) if short["month"] else f"{start.year}-{start.month:02d}"
        raise WordedError(
            said('{text} after ".." is not a day of {year}', text=toml_quoted(text), year=year)
        ) from None

"""Messages as an id and parameters: put into words when shown, in the reader's language.

A message id is its English text with `{placeholders}` (the catalogs' msgid); its parameters
are what was found: ids, dates, counts, durations, short terms and other messages. Its English
wording (`english()`) is the one scripts read (JSON `message`); `text()` is the one a person
reads, in the language of `schedules.i18n`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

from schedules import i18n
from schedules.i18n import N_


class Phrase:
    """Words that have an English form and a form in the reader's language."""

    __slots__ = ()

    def english(self) -> str:
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def __format__(self, spec: str) -> str:
        # a parameter of an English message: `str.format` asks each one for its English words
        return self.english()


@dataclass(frozen=True, slots=True)
class Status(Phrase):
    """A visit's status (`planned`), as a word of the reader's language."""

    status: str

    def english(self) -> str:
        return self.status

    def text(self) -> str:
        return visit_status(self.status)


def visit_status(status: str) -> str:
    """A visit status for people: `planned` is `dự kiến`, `ວາງແຜນ`."""
    words = {
        "planned": i18n.pgettext("visit status", "planned"),
        "confirmed": i18n.pgettext("visit status", "confirmed"),
        "held": i18n.pgettext("visit status", "held"),
        "postponed": i18n.pgettext("visit status", "postponed"),
        "cancelled": i18n.pgettext("visit status", "cancelled"),
    }
    return words.get(status, status)


@dataclass(frozen=True, slots=True)
class Span(Phrase):
    """Exact visit dates: `2018-07-05..2018-07-07` in English, `05/07/2018–07/07/2018` in
    Vietnamese and Lao."""

    first: dt.date
    last: dt.date

    def english(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first}..{self.last}"

    def text(self) -> str:
        if self.first == self.last:
            return i18n.format_date(self.first)
        return f"{i18n.format_date(self.first)}–{i18n.format_date(self.last)}"


@dataclass(frozen=True, slots=True)
class Listing(Phrase):
    """Several parameters shown one after another, with a separator (`, `, `; `)."""

    items: Sequence[object]
    separator: str = ", "

    def english(self) -> str:
        return self.separator.join(_english(item) for item in self.items)

    def text(self) -> str:
        return self.separator.join(_shown(item) for item in self.items)


class Said(Phrase):
    """A message id (English, with `{placeholders}`) and its parameters.

    A plain class with slots rather than a frozen dataclass: a check can make 120,000 of them,
    and a frozen dataclass is several times slower to make."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, params: Mapping[str, object] | None = None) -> None:
        self.msgid = msgid
        self.params: Mapping[str, object] = params if params is not None else {}

    def english(self) -> str:
        """The message as scripts read it: English, dates ISO, durations as written."""
        # dates format as ISO and durations as written by themselves, phrases by __format__
        return self.msgid.format_map(self.params)

    def text(self) -> str:
        """The message in the reader's language."""
        if i18n.current() == "en" or not self.msgid:
            return self.english()
        return i18n._(self.msgid).format_map({k: _shown(v) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.text()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Said) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)

    def __repr__(self) -> str:
        return f"Said({self.msgid!r}, {dict(self.params)!r})"


def said(msgid: str, /, **params: object) -> Said:
    """A message `msgid` with its parameters (extracted into the catalogs as a msgid)."""
    return Said(msgid, params)


NOTHING = Said("")
"""An empty clause, for an optional part of a sentence."""


def _english(value: object) -> str:
    if isinstance(value, Phrase):
        return value.english()
    return str(value)


def _shown(value: object) -> str:
    if isinstance(value, Phrase):
        return value.text()
    if isinstance(value, dt.date):
        return i18n.format_date(value)
    from schedules.dates import Duration  # which imports this module for its errors

    if isinstance(value, Duration):
        return i18n.format_duration(
            years=value.years, months=value.months, weeks=value.weeks, days=value.days
        )
    return str(value)


def did_you_mean(word: object, options: Iterable[str]) -> Said:
    """` — did you mean `x`?` when one option is close to `word`, else nothing."""
    if not isinstance(word, str):
        return NOTHING
    known = sorted(options)
    close = get_close_matches(word, known, n=1, cutoff=0.6)
    if not close:
        close = [option for option in known if option.casefold() == word.casefold()]
    return Said(DID_YOU_MEAN, {"option": close[0]}) if close else NOTHING


DID_YOU_MEAN = N_(" — did you mean `{option}`?")
"""The id of the suggestion `did_you_mean` makes (an editor offers it as a fix)."""


def parts(message: Said) -> Iterator[Said]:
    """The message and every message among its parameters, outermost first."""
    yield message
    for value in message.params.values():
        if isinstance(value, Said):
            yield from parts(value)
        elif isinstance(value, Listing):
            for item in value.items:
                if isinstance(item, Said):
                    yield from parts(item)


def ids(names: Iterable[str]) -> str:
    """`a`, `b`: ids as a message lists them (file text, never translated)."""
    return ", ".join(f"`{name}`" for name in names)


@dataclass(frozen=True, slots=True)
class Choices(Phrase):
    """The values a key may take, as pydantic lists them (`"a", "b" or "c"`)."""

    listed: str
    options: tuple[str, ...]

    def english(self) -> str:
        return self.listed

    def text(self) -> str:
        quoted = [f'"{option}"' for option in self.options]
        if len(quoted) < 2:
            return self.listed
        return i18n._("{choices} or {last}").format(choices=", ".join(quoted[:-1]), last=quoted[-1])


class WordedError(ValueError):
    """A value error whose reason is a message (`said`), so that a schema diagnostic that
    quotes it can be put into the reader's language."""

    def __init__(self, message: Said) -> None:
        super().__init__(message.english())
        self.said = message

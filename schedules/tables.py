"""The tables of a schedule file as plain classes: their keys and what the rules ask of them.

`schedules.model` makes its pydantic models from these classes (for the app, the forms and
`visits schema`); `visits check` has pydantic-core fill lean subclasses of them instead
(`schedules.core_schema`), so that a check never imports pydantic's model machinery. Both kinds
are instances of these classes, with the same values and the same methods, so code that only
reads a schedule (the rules, cross-reference validation) takes either: it tests `isinstance`
against these classes and uses no pydantic method.

Nothing here validates: the keys' shapes and types are the models' (and the committed core
schema's) business.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal, Self, TypeAlias

from schedules.dates import Duration, PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"

VisitStatus: TypeAlias = Literal["planned", "confirmed", "held", "postponed", "cancelled"]
COUNTED_STATUSES: frozenset[str] = frozenset({"planned", "confirmed", "held"})
RULE_KINDS: tuple[str, ...] = ("alternate", "interval", "commitment", "quota", "delegation")

AGENDA_TEXT_TAG = "agenda-text"
AGENDA_TABLE_TAG = "agenda-table"


def agenda_tag(value: object) -> str:
    """Which of the two spellings of an agenda item `value` is: a string or a table."""
    return AGENDA_TEXT_TAG if isinstance(value, str) else AGENDA_TABLE_TAG


class Table:
    """One table of the file. No instance state of its own (`__slots__` empty), so that a
    pydantic model and a lean class can both derive from it."""

    __slots__ = ()


class Partnership(Table):
    __slots__ = ()
    id: str
    title: str
    notes: str | None


class Party(Table):
    __slots__ = ()
    name: str
    country: str | None
    short: str | None


class Rule(Table):
    """What every kind of rule has."""

    __slots__ = ()
    id: str
    visits: list[str]
    description: str | None


class AlternateRule(Rule):
    __slots__ = ()
    kind: Literal["alternate"]
    order: list[str] | None


class IntervalRule(Rule):
    __slots__ = ()
    kind: Literal["interval"]
    max: Duration
    tolerance: Duration | None
    min: Duration | None
    horizon: Duration | None


class CommitmentRule(Rule):
    __slots__ = ()
    kind: Literal["commitment"]
    host: str
    when: PartialDate


class QuotaRule(Rule):
    __slots__ = ()
    kind: Literal["quota"]
    min: int | None
    max: int | None
    per: Literal["year", "quarter", "month"]


class DelegationRule(Rule):
    __slots__ = ()
    kind: Literal["delegation"]
    max_people: int | None
    max_days: int | None


AnyRule: TypeAlias = AlternateRule | IntervalRule | CommitmentRule | QuotaRule | DelegationRule


class Agreement(Table):
    __slots__ = ()
    id: str
    title: str | None
    signed: dt.date
    valid_from: dt.date | None
    valid_until: dt.date | None
    source: str | None
    rules: Sequence[AnyRule]

    @property
    def starts(self) -> dt.date:
        return self.valid_from or self.signed

    @property
    def ends(self) -> dt.date:
        return self.valid_until or dt.date.max

    def in_force(self, day: dt.date) -> bool:
        return self.starts <= day <= self.ends

    def open_ended(self) -> Self:
        """A copy of this agreement without its end date."""
        copied = copy.copy(self)
        vars(copied)["valid_until"] = None
        return copied


class AgendaItem(Table):
    __slots__ = ()
    item: str
    day: int | None
    time: str | None
    lead: str | None


class Participant(Table):
    __slots__ = ()
    name: str
    party: str
    title: str | None
    role: Literal["head", "member", "staff"]
    id: str | None


class Visit(Table):
    __slots__ = ()
    id: str
    kind: str
    title: str | None
    host: str
    guests: list[str] | None
    formal: bool
    status: VisitStatus
    start: dt.date | None
    end: dt.date | None
    when: PartialDate | None
    place: str | None
    agenda: Sequence[str | AgendaItem]
    outcome: str | None
    source: str | None
    participants: Sequence[Participant]

    @property
    def earliest(self) -> dt.date:
        """The earliest possible start."""
        if self.start is not None:
            return self.start
        assert self.when is not None, "validated: one of start/when"
        return self.when.first

    @property
    def latest(self) -> dt.date:
        """The latest possible start."""
        if self.start is not None:
            return self.start
        assert self.when is not None, "validated: one of start/when"
        return self.when.last

    @property
    def last_day(self) -> dt.date:
        """The last possible day of the visit."""
        if self.start is not None:
            return self.end or self.start
        assert self.when is not None, "validated: one of start/when"
        return self.when.last

    @property
    def exact(self) -> bool:
        return self.start is not None

    @property
    def counted(self) -> bool:
        """Counted by rules of its kind: formal, and not postponed or cancelled."""
        return self.formal and self.status in COUNTED_STATUSES

    def guest_ids(self, parties: Mapping[str, Party]) -> list[str]:
        if self.guests is not None:
            return list(self.guests)
        return [party for party in parties if party != self.host]

    def dates_text(self) -> str:
        if self.when is not None:
            return self.when.text
        assert self.start is not None
        end = self.end or self.start
        return self.start.isoformat() if end == self.start else f"{self.start}..{end}"


class Action(Table):
    __slots__ = ()
    id: str
    text: str
    owner: str
    visit: str | None
    due: dt.date | None
    status: Literal["open", "done", "dropped"]


class Waiver(Table):
    __slots__ = ()
    rule: str
    from_: dt.date | None
    until: dt.date | None
    visit: str | None
    reason: str

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (
            self.until is None or day <= self.until
        )


class Schedule(Table):
    """One partnership's schedule file."""

    __slots__ = ()
    format: Literal[1]
    partnership: Partnership
    parties: Mapping[str, Party]
    agreements: Sequence[Agreement]
    visits: Sequence[Visit]
    actions: Sequence[Action]
    waivers: Sequence[Waiver]

    def party_label(self, party_id: str) -> str:
        party = self.parties.get(party_id)
        return party.short or party.name if party is not None else party_id

    def visit(self, visit_id: str) -> Visit | None:
        return next((visit for visit in self.visits if visit.id == visit_id), None)

    def rules(self) -> Sequence[tuple[Agreement, AnyRule]]:
        return [(agreement, rule) for agreement in self.agreements for rule in agreement.rules]


TABLES: tuple[type[Table], ...] = (
    Partnership,
    Party,
    AlternateRule,
    IntervalRule,
    CommitmentRule,
    QuotaRule,
    DelegationRule,
    Agreement,
    AgendaItem,
    Participant,
    Visit,
    Action,
    Waiver,
    Schedule,
)
"""Every class a schedule is made of (the core schema's `$model`s)."""

"""What the forms hand the domain: typed drafts of the tables a planner writes, and the one
place where a draft is checked before it is written.

A draft holds what a form shows, typed (dates as dates, a partial date as its text, lists as
tuples); `table()` is the TOML table it writes, with the keys in the file format's order and
empty values left out. `visit_problems`, `participant_problems` and `waiver_problems` are the
checks the forms run as the planner types and again on submit; the editor refuses what they
refuse (`EditError`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schedules.dates import Duration, PartialDate
from schedules.i18n import _
from schedules.model import COUNTRY_PATTERN, RULE_KINDS, SLUG_PATTERN, Schedule

__all__ = [
    "ActionDraft",
    "AgendaItemDraft",
    "AgreementDraft",
    "Draft",
    "DraftProblem",
    "EditError",
    "ParticipantDraft",
    "PartnershipDraft",
    "PartyDraft",
    "RuleDraft",
    "VisitDraft",
    "WaiverDraft",
    "agreement_problems",
    "participant_problems",
    "partnership_problems",
    "party_problems",
    "rule_problems",
    "second_head",
    "table_of",
    "until_problem",
    "visit_problems",
    "waiver_problems",
]


class EditError(Exception):
    """An edit that cannot be made; the message says why in planner and TOML terms."""


@dataclass(frozen=True)
class DraftProblem:
    """What is wrong with a draft: the TOML key it is about and a planner's message."""

    key: str
    message: str


def _table(pairs: Sequence[tuple[str, object]]) -> dict[str, Any]:
    """The pairs whose value is set (not None, not empty), as a table."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if value is None or value == "" or value == ():
            continue
        if isinstance(value, tuple):
            value = [table_of(v) if isinstance(v, Draft) else v for v in value]
        elif isinstance(value, Draft):
            value = value.table()
        table[key] = value
    return table


class Draft:
    def table(self) -> dict[str, Any]:
        raise NotImplementedError


def table_of(value: object) -> Any:
    """A draft's table; a mapping as it is (plain tables are accepted too)."""
    if isinstance(value, Draft):
        return value.table()
    if isinstance(value, Mapping):
        return dict(value)
    return value


@dataclass(frozen=True)
class ParticipantDraft(Draft):
    """A participant; `role` None: left out of the file (a member)."""

    name: str
    party: str | None
    title: str | None = None
    role: str | None = None
    id: str | None = None

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("name", self.name),
                ("party", self.party),
                ("title", self.title),
                ("role", self.role),
                ("id", self.id),
            ]
        )


@dataclass(frozen=True)
class AgendaItemDraft(Draft):
    item: str
    day: int | None = None
    time: str | None = None
    lead: str | None = None

    def table(self) -> dict[str, Any]:
        return _table(
            [("item", self.item), ("day", self.day), ("time", self.time), ("lead", self.lead)]
        )


@dataclass(frozen=True)
class VisitDraft(Draft):
    """A visit: exact dates (`start`, `end`) or a partial date (`when`, e.g. "2025-Q3").
    `guests`, `formal` and `status` None: left out of the file (their defaults)."""

    id: str
    kind: str
    host: str | None
    title: str | None = None
    guests: tuple[str, ...] | None = None
    formal: bool | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    when: str | None = None
    place: str | None = None
    agenda: tuple[str | AgendaItemDraft, ...] = ()
    outcome: str | None = None
    source: str | None = None
    participants: tuple[ParticipantDraft, ...] = ()

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("id", self.id),
                ("kind", self.kind),
                ("title", self.title),
                ("host", self.host),
                ("guests", list(self.guests) if self.guests else None),
                ("formal", self.formal),
                ("status", self.status),
                ("start", self.start),
                ("end", self.end),
                ("when", self.when),
                ("place", self.place),
                ("agenda", self.agenda),
                ("outcome", self.outcome),
                ("source", self.source),
                ("participants", self.participants),
            ]
        )


@dataclass(frozen=True)
class ActionDraft(Draft):
    id: str
    text: str
    owner: str | None
    visit: str | None = None
    due: dt.date | None = None
    status: str | None = None

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("id", self.id),
                ("text", self.text),
                ("owner", self.owner),
                ("visit", self.visit),
                ("due", self.due),
                ("status", self.status),
            ]
        )


@dataclass(frozen=True)
class WaiverDraft(Draft):
    """A waiver; `start` is the key `from` in the file."""

    rule: str | None
    reason: str
    start: dt.date | None = None
    until: dt.date | None = None
    visit: str | None = None

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("rule", self.rule),
                ("from", self.start),
                ("until", self.until),
                ("visit", self.visit),
                ("reason", self.reason),
            ]
        )


@dataclass(frozen=True)
class PartnershipDraft(Draft):
    title: str
    notes: str | None = None

    def table(self) -> dict[str, Any]:
        return _table([("title", self.title), ("notes", self.notes)])


@dataclass(frozen=True)
class PartyDraft(Draft):
    id: str
    name: str
    country: str | None = None
    short: str | None = None

    def table(self) -> dict[str, Any]:
        return _table([("name", self.name), ("country", self.country), ("short", self.short)])


@dataclass(frozen=True)
class RuleDraft(Draft):
    """A rule: `kind` is alternate, interval, commitment, quota or delegation; `fields` the
    keys of that kind (`order`; `max`, `tolerance`, `min`, `horizon`; `host`, `when`; `min`,
    `max`, `per`; `max_people`, `max_days`)."""

    id: str
    kind: str
    visits: tuple[str, ...]
    description: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)

    def table(self) -> dict[str, Any]:
        own = [(key, tuple(v) if isinstance(v, list) else v) for key, v in self.fields.items()]
        return _table(
            [
                ("id", self.id),
                ("kind", self.kind),
                ("visits", self.visits),
                *own,
                ("description", self.description),
            ]
        )


@dataclass(frozen=True)
class AgreementDraft(Draft):
    id: str
    signed: dt.date
    title: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    source: str | None = None
    rules: tuple[RuleDraft, ...] = ()

    def table(self) -> dict[str, Any]:
        return _table(
            [
                ("id", self.id),
                ("title", self.title),
                ("signed", self.signed),
                ("valid_from", self.valid_from),
                ("valid_until", self.valid_until),
                ("source", self.source),
                ("rules", self.rules),
            ]
        )


# --- checks --------------------------------------------------------------------------------


def second_head(schedule: Schedule, party: str, head: str) -> str:
    return (
        f"{head} already heads the {schedule.party_label(party)} delegation; "
        "a party has at most one head per visit"
    )


def participant_problems(
    schedule: Schedule, people: Sequence[ParticipantDraft]
) -> list[tuple[int, DraftProblem]]:
    """(index of the person, problem): a party to choose, a second head of one party."""
    found: list[tuple[int, DraftProblem]] = []
    heads: dict[str, str] = {}
    for index, person in enumerate(people):
        if person.party is None:
            found.append((index, DraftProblem("party", "choose the participant's party")))
            continue
        if person.role == "head":
            other = heads.get(person.party)
            if other is not None:
                found.append(
                    (index, DraftProblem("role", second_head(schedule, person.party, other)))
                )
            else:
                heads[person.party] = person.name or "another participant"
    return found


def visit_problems(
    schedule: Schedule, draft: VisitDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """What is wrong with a visit before it is written: its id taken by another visit, no
    host, no guest or the host as a guest, dates in the wrong order (participants: see
    `participant_problems`)."""
    found: list[DraftProblem] = []
    taken = {visit.id for visit in schedule.visits if visit.id != editing}
    if draft.id in taken:
        found.append(DraftProblem("id", f"another visit already has the id `{draft.id}`"))
    if draft.host is None:
        found.append(DraftProblem("host", _("choose the host")))
    guests = draft.guests if draft.guests is not None else ()
    if draft.guests is not None and not guests:
        found.append(DraftProblem("guests", "choose at least one guest"))
    elif draft.host is not None and draft.host in guests:
        label = schedule.party_label(draft.host)
        found.append(DraftProblem("guests", f"{label} is the host, not a guest"))
    if draft.start is not None and draft.end is not None and draft.end < draft.start:
        found.append(
            DraftProblem("end", f"the visit ends ({draft.end}) before it starts ({draft.start})")
        )
    return found


def until_problem(start: dt.date | None, until: dt.date | None) -> str | None:
    if start is not None and until is not None and until < start:
        return f"`until` ({until.isoformat()}) is before `from` ({start.isoformat()})"
    return None


def waiver_problems(draft: WaiverDraft) -> list[DraftProblem]:
    """A waiver with no rule, or ending before it starts."""
    found: list[DraftProblem] = []
    if draft.rule is None:
        found.append(DraftProblem("rule", "choose the rule or check it waives"))
    problem = until_problem(draft.start, draft.until)
    if problem is not None:
        found.append(DraftProblem("until", problem))
    return found


# --- the partnership, its parties, agreements and rules ---------------------------------------

RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "alternate": ("order",),
    "interval": ("max", "tolerance", "min", "horizon"),
    "commitment": ("host", "when"),
    "quota": ("min", "max", "per"),
    "delegation": ("max_people", "max_days"),
}
"""The keys of each kind of rule, in the file format's order."""


def partnership_problems(draft: PartnershipDraft) -> list[DraftProblem]:
    if not draft.title.strip():
        return [DraftProblem("title", _("the partnership's title is required"))]
    return []


def party_problems(
    schedule: Schedule, draft: PartyDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """A party id that is not a slug or is taken, no name, a country that is not a code."""
    found: list[DraftProblem] = []
    if re.fullmatch(SLUG_PATTERN, draft.id) is None:
        found.append(
            DraftProblem("id", _('use lowercase letters, digits and "-" (like "savannakhet")'))
        )
    elif draft.id != editing and draft.id in schedule.parties:
        found.append(
            DraftProblem("id", _("another party already has the id `{id}`").format(id=draft.id))
        )
    if not draft.name.strip():
        found.append(DraftProblem("name", _("the party's name is required")))
    if draft.country and re.fullmatch(COUNTRY_PATTERN, draft.country) is None:
        found.append(
            DraftProblem("country", _("write the country as two capital letters, like VN or LA"))
        )
    return found


def agreement_problems(
    schedule: Schedule, draft: AgreementDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """An agreement id that is taken or empty, an end before its start."""
    found: list[DraftProblem] = []
    taken = {a.id for a in schedule.agreements if a.id != editing}
    if not draft.id.strip():
        found.append(DraftProblem("id", _("the agreement's id is required")))
    elif draft.id in taken:
        found.append(
            DraftProblem("id", _("another agreement already has the id `{id}`").format(id=draft.id))
        )
    starts = draft.valid_from or draft.signed
    if draft.valid_until is not None and draft.valid_until < starts:
        found.append(
            DraftProblem(
                "valid_until",
                _("it ends ({end}) before it comes into force ({start})").format(
                    end=draft.valid_until.isoformat(), start=starts.isoformat()
                ),
            )
        )
    return found


def rule_problems(
    schedule: Schedule, draft: RuleDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """What is wrong with a rule before it is written: its id, the visit kinds it counts, and
    the keys of its kind (parties it names, durations, periods, limits)."""
    found: list[DraftProblem] = []
    taken = {rule.id for _agreement, rule in schedule.rules() if rule.id != editing}
    if not draft.id.strip():
        found.append(DraftProblem("id", _("the rule's id is required")))
    elif draft.id in taken:
        found.append(
            DraftProblem("id", _("another rule already has the id `{id}`").format(id=draft.id))
        )
    if draft.kind not in RULE_KINDS:
        found.append(DraftProblem("kind", _("choose the kind of rule")))
        return found
    if not draft.visits:
        found.append(DraftProblem("visits", _("name the kinds of visit it counts, like talks")))
    elif any(re.fullmatch(SLUG_PATTERN, kind) is None for kind in draft.visits):
        found.append(
            DraftProblem(
                "visits", _('visit kinds are lowercase words with "-", like talks, working-visit')
            )
        )
    fields = draft.fields
    parties = schedule.parties
    if draft.kind == "alternate":
        order = list(fields.get("order") or ())
        unknown = [p for p in order if p not in parties]
        if unknown:
            found.append(
                DraftProblem(
                    "order", _("not a party of this file: {ids}").format(ids=", ".join(unknown))
                )
            )
        elif len(set(order)) != len(order):
            found.append(DraftProblem("order", _("each party takes its turn once in the order")))
    elif draft.kind == "interval":
        if not fields.get("max"):
            found.append(
                DraftProblem("max", _("the longest time between visits is required, like P2Y"))
            )
        for key in ("max", "tolerance", "min", "horizon"):
            found.extend(_duration_problem(key, fields.get(key)))
    elif draft.kind == "commitment":
        host = fields.get("host")
        if not host:
            found.append(DraftProblem("host", _("choose the party that hosts")))
        elif host not in parties:
            found.append(
                DraftProblem("host", _("not a party of this file: {ids}").format(ids=host))
            )
        when = fields.get("when")
        if not when:
            found.append(DraftProblem("when", _("the period is required, like 2025 or 2025-Q3")))
        else:
            try:
                PartialDate.parse(str(when))
            except ValueError as error:
                found.append(DraftProblem("when", str(error)))
    elif draft.kind == "quota":
        if fields.get("per") not in ("year", "quarter", "month"):
            found.append(DraftProblem("per", _("choose the period: year, quarter or month")))
        low, high = fields.get("min"), fields.get("max")
        if isinstance(low, int) and isinstance(high, int) and high < low:
            found.append(
                DraftProblem(
                    "max",
                    _("the most ({max}) is fewer than the least ({min})").format(max=high, min=low),
                )
            )
    elif fields.get("max_people") is None and fields.get("max_days") is None:
        found.append(
            DraftProblem(
                "max_people", _("give the most people per delegation, the most days, or both")
            )
        )
    return found


def _duration_problem(key: str, value: object) -> list[DraftProblem]:
    if not value:
        return []
    try:
        Duration.parse(str(value))
    except ValueError as error:
        return [DraftProblem(key, str(error))]
    return []

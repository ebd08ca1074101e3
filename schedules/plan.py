"""The office's year (`visits plan`): the delegations one party sends and receives in a year,
across all its partnerships, from the visits in the files and from what the rules make due.

`year_plan` is a pure function of the schedules, the home party, the year and the as-of date;
the command, its documents and the app's year view all show what it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from schedules.planning import NextVisit, next_visits
from schedules.suggest import (
    ONE_DAY,
    Busy,
    Suggestion,
    search_range,
    suggest_dates,
    suggested_length,
)
from schedules.tables import Schedule, Visit

Direction: TypeAlias = Literal["out", "in"]
PLANNED_STATUSES = frozenset({"planned", "confirmed", "held", "postponed"})
PENDING_STATES = frozenset({"nothing planned", "overdue"})
"""The next visit is due: nothing plans it."""
WAITING_STATES = frozenset({"planned", "late"})
"""A visit plans it (perhaps too late)."""


def rule_plans(schedule: Schedule, as_of: dt.date) -> list[NextVisit]:
    """What the rules make due next, as `visits next` computes it: the rules in force, or the
    last agreement's rotation continuing once every agreement has ended."""
    return next_visits(schedule, as_of)


@dataclass(frozen=True, slots=True)
class Window:
    """When a due visit may start: from `earliest` to `deadline` (either may be open)."""

    earliest: dt.date | None
    deadline: dt.date | None


@dataclass(frozen=True, slots=True)
class DueVisit:
    """One next visit of a partnership: the rules that speak of the same visit kinds, merged."""

    kinds: tuple[str, ...]
    host: str | None
    guests: tuple[str, ...]
    window: Window
    rule: str
    """The rule with the earliest deadline."""
    agreement: str
    rules: tuple[NextVisit, ...]

    @property
    def overdue(self) -> bool:
        return any(plan.state == "overdue" for plan in self.rules)


def due_visits(schedule: Schedule, plans: Sequence[NextVisit]) -> list[DueVisit]:
    """The next visits that no visit plans yet, one per group of rules sharing a visit kind."""
    pending = [plan for plan in plans if plan.state in PENDING_STATES]
    groups: list[list[NextVisit]] = []
    for plan in pending:
        joined = [group for group in groups if any(set(p.kinds) & set(plan.kinds) for p in group)]
        merged = [plan] + [p for group in joined for p in group]
        groups = [group for group in groups if group not in joined] + [merged]
    order = {id(plan): index for index, plan in enumerate(pending)}
    return [_merge(schedule, sorted(g, key=lambda p: order[id(p)])) for g in groups]


def _merge(schedule: Schedule, group: list[NextVisit]) -> DueVisit:
    by_deadline = sorted(group, key=lambda p: p.deadline or dt.date.max)
    host = next((p.host for p in by_deadline if p.host is not None), None)
    earliest = [p.earliest for p in group if p.earliest is not None]
    deadlines = [p.deadline for p in group if p.deadline is not None]
    kinds = tuple(dict.fromkeys(kind for p in group for kind in p.kinds))
    guests = () if host is None else tuple(p for p in schedule.parties if p != host)
    return DueVisit(
        kinds=kinds,
        host=host,
        guests=guests,
        window=Window(max(earliest, default=None), min(deadlines, default=None)),
        rule=by_deadline[0].rule,
        agreement=by_deadline[0].agreement,
        rules=tuple(group),
    )


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One delegation of the year: a visit in a file, or a next visit the rules make due."""

    direction: Direction | None
    """`out` (the office sends it), `in` (it receives it); None for a due visit whose host
    no rule decides."""
    home: str
    path: str
    schedule: Schedule
    kind: str
    status: str
    """The visit's status, or `due`."""
    host: str | None
    guests: tuple[str, ...]
    visit: Visit | None = None
    due: DueVisit | None = None
    suggestion: Suggestion | None = None
    head: str | None = None
    """The home party's head of delegation when out, the guests' head when in."""
    people: int = 0
    """The travelling side's participants."""

    @property
    def partnership(self) -> str:
        return self.schedule.partnership.id

    @property
    def rule(self) -> str | None:
        return self.due.rule if self.due is not None else None

    @property
    def window(self) -> Window | None:
        return self.due.window if self.due is not None else None

    @property
    def dates(self) -> tuple[dt.date, dt.date] | None:
        """The exact or suggested first and last day, if any."""
        if self.visit is not None and self.visit.start is not None:
            return self.visit.start, self.visit.last_day
        if self.suggestion is not None and self.suggestion.start is not None:
            assert self.suggestion.end is not None
            return self.suggestion.start, self.suggestion.end
        return None


@dataclass(frozen=True, slots=True)
class YearPlan:
    home: str
    office: str
    """The home party's name (from the first file that has it)."""
    year: int
    as_of: dt.date
    entries: tuple[PlanEntry, ...]
    unsettled: tuple[tuple[Schedule, Visit], ...] = ()
    """Visits still planned or confirmed whose dates have passed, that the rules wait for:
    until they are marked held (or postponed, cancelled), nothing after them is due."""

    def count(self, direction: Direction) -> int:
        return sum(1 for entry in self.entries if entry.direction == direction)

    @property
    def due(self) -> int:
        return sum(1 for entry in self.entries if entry.status == "due")


def year_plan(
    schedules: Sequence[tuple[str, Schedule]], home: str, year: int, as_of: dt.date
) -> YearPlan:
    """The plan of `home`'s delegations in `year` over the (path, schedule) pairs given; the
    files in which `home` is not a party are left out."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    visits: list[tuple[dt.date, int, PlanEntry]] = []
    due: list[tuple[dt.date, int, PlanEntry]] = []
    unsettled: list[tuple[Schedule, Visit]] = []
    for path, schedule in schedules:
        if home not in schedule.parties:
            continue
        for visit in schedule.visits:
            entry = _visit_entry(path, schedule, visit, home, first, last)
            if entry is not None:
                visits.append((visit.earliest, len(visits) + len(due), entry))
        plans = rule_plans(schedule, as_of)
        unsettled.extend(_unsettled(schedule, plans, as_of))
        for next_visit in due_visits(schedule, plans):
            entry = _due_entry(path, schedule, next_visit, home)
            start = _possible_start(next_visit.window, first, last, as_of)
            if start is not None:
                due.append((start, len(visits) + len(due), entry))
    busy = [
        Busy(*entry.dates, _busy_label(entry)) for _, _, entry in visits if entry.dates is not None
    ]
    suggested: list[tuple[dt.date, int, PlanEntry]] = []
    for start, index, entry in sorted(due, key=lambda item: item[:2]):
        assert entry.due is not None
        suggestion = suggest_for(entry.schedule, entry.due, year, as_of, busy)
        entry = replace(entry, suggestion=suggestion)
        if entry.dates is not None:
            busy.append(Busy(*entry.dates, _busy_label(entry)))
        suggested.append((start, index, entry))
    # in the order of their dates: exact, suggested, else the earliest they could start
    entries = sorted(visits + suggested, key=lambda item: (_first_day(item[2]) or item[0], item[1]))
    office = next((s.parties[home].name for _, s in schedules if home in s.parties), home)
    return YearPlan(
        home, office, year, as_of, tuple(entry for _, _, entry in entries), tuple(unsettled)
    )


def _unsettled(
    schedule: Schedule, plans: Sequence[NextVisit], as_of: dt.date
) -> list[tuple[Schedule, Visit]]:
    waiting = dict.fromkeys(p.planned for p in plans if p.state in WAITING_STATES and p.planned)
    found = [schedule.visit(visit_id) for visit_id in waiting if visit_id]
    return [(schedule, visit) for visit in found if visit is not None and visit.last_day < as_of]


def _first_day(entry: PlanEntry) -> dt.date | None:
    dates = entry.dates
    return dates[0] if dates is not None else None


def suggest_for(
    schedule: Schedule, due: DueVisit, year: int, as_of: dt.date, busy: Sequence[Busy] = ()
) -> Suggestion:
    """The suggested dates of a due visit in `year`: its length from the partnership's held
    visits, inside the window (the year alone once the deadline has passed)."""
    days = suggested_length(schedule, due.kinds)
    first, last, _ = search_range(year, as_of, due.window.earliest, due.window.deadline)
    taking_part = [due.host, *due.guests] if due.host is not None else list(schedule.parties)
    countries = [
        country for party in taking_part if (country := _country(schedule, party)) is not None
    ]
    return suggest_dates(days, first, last, countries, busy)


def _country(schedule: Schedule, party_id: str | None) -> str | None:
    party = schedule.parties.get(party_id or "")
    return party.country if party is not None else None


def _possible_start(
    window: Window, first: dt.date, last: dt.date, as_of: dt.date
) -> dt.date | None:
    """When a due visit could start in the year, or None when its window misses the year. An
    overdue visit is still due in any year from the as-of date's on."""
    soonest = max(first, as_of + ONE_DAY)
    if soonest > last:
        return None
    if window.deadline is not None and window.deadline < as_of + ONE_DAY:
        return soonest
    if window.deadline is not None and window.deadline < first:
        return None
    if window.earliest is not None and window.earliest > last:
        return None
    return max(soonest, window.earliest or soonest)


def _visit_entry(
    path: str, schedule: Schedule, visit: Visit, home: str, first: dt.date, last: dt.date
) -> PlanEntry | None:
    if visit.status not in PLANNED_STATUSES:
        return None
    if visit.earliest > last or visit.last_day < first:
        return None
    guests = visit.guest_ids(schedule.parties)
    if visit.host == home:
        direction: Direction = "in"
        travelling = set(guests)
    elif home in guests:
        direction = "out"
        travelling = {home}
    else:
        return None
    team = [p for p in visit.participants if p.party in travelling]
    heads = [p for p in team if p.role == "head"]
    if direction == "in":  # the first guest party's head, in the guests' order
        heads.sort(key=lambda p: guests.index(p.party))
    return PlanEntry(
        direction=direction,
        home=home,
        path=path,
        schedule=schedule,
        kind=visit.kind,
        status=visit.status,
        host=visit.host,
        guests=tuple(guests),
        visit=visit,
        head=heads[0].name if heads else None,
        people=len(team),
    )


def _due_entry(path: str, schedule: Schedule, due: DueVisit, home: str) -> PlanEntry:
    direction: Direction | None = None
    if due.host == home:
        direction = "in"
    elif due.host is not None:
        direction = "out"
    return PlanEntry(
        direction=direction,
        home=home,
        path=path,
        schedule=schedule,
        kind=due.kinds[0],
        status="due",
        host=due.host,
        guests=due.guests,
        due=due,
    )


def _busy_label(entry: PlanEntry) -> str:
    """How a delegation is named where other dates avoid it."""
    what = entry.visit.title or entry.visit.id if entry.visit is not None else entry.kind
    return f"{what} ({entry.schedule.partnership.title})"


def common_parties(schedules: Sequence[Schedule]) -> list[str]:
    """The party ids every schedule has, in the first one's order: a home party for the app."""
    if not schedules:
        return []
    return [p for p in schedules[0].parties if all(p in s.parties for s in schedules[1:])]


def known_parties(schedules: Sequence[Schedule]) -> list[str]:
    """Every party id of these schedules, once, in the order they come."""
    return list(dict.fromkeys(p for schedule in schedules for p in schedule.parties))


def plan_next_dates(
    schedule: Schedule,
    pending: Sequence[NextVisit],
    kinds: Sequence[str],
    as_of: dt.date,
    others: Sequence[Schedule] = (),
) -> Suggestion | None:
    """Suggested dates for the next visit of `kinds` that `pending` asks for (the app's
    plan-next form): the year of the as-of date, else the next, avoiding the exact dates of
    the visits of `others` (the other loaded files) in which one of its parties takes part."""
    due = next((d for d in due_visits(schedule, pending) if set(d.kinds) & set(kinds)), None)
    if due is None:
        return None
    taking_part = {due.host, *due.guests} if due.host is not None else set(schedule.parties)
    busy = [
        Busy(
            visit.earliest, visit.last_day, f"{visit.title or visit.id} ({other.partnership.title})"
        )
        for other in (schedule, *others)
        for visit in other.visits
        if visit.exact
        and visit.status in ("planned", "confirmed", "held")
        and taking_part & {visit.host, *visit.guest_ids(other.parties)}
    ]
    start_year = max(as_of.year, due.window.earliest.year if due.window.earliest else as_of.year)
    suggestion = None
    for year in (start_year, start_year + 1):
        suggestion = suggest_for(schedule, due, year, as_of, busy)
        if suggestion.start is not None:
            break
    return suggestion

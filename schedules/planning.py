"""What comes next under each rule: who hosts, in which window, and what is already planned.

`next_visits` is a pure function of a schedule and a date, shared by `visits next`,
`visits report` and the terminal app's "plan the next visit" form. It sees visits exactly as the
rules engine does (the helpers come from `schedules.rules`), so a deadline here is the deadline
`visits check` reports as overdue or due soon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from schedules.model import Agreement, AlternateRule, CommitmentRule, IntervalRule, Schedule
from schedules.rules import (
    Counted,
    commitment_visits,
    counted_visits,
    interval_deadline,
    interval_earliest,
    next_host,
    rotation_order,
    rule_sees,
)

NextState: TypeAlias = Literal["planned", "nothing planned", "overdue", "kept"]
NEXT_STATES: tuple[NextState, ...] = ("planned", "nothing planned", "overdue", "kept")
PlanningRuleKind: TypeAlias = Literal["alternate", "interval", "commitment"]


@dataclass(frozen=True, slots=True)
class NextVisit:
    """The next visit one rule asks for."""

    agreement: str
    """The id of the agreement the rule belongs to."""
    rule: str
    """The rule's id."""
    rule_kind: PlanningRuleKind
    kinds: tuple[str, ...]
    """The visit kinds the rule counts."""
    host: str | None
    """The party whose turn it is to host; None when no rule decides it."""
    guests: list[str]
    """Every other party when the host is known, else empty."""
    after: str | None
    """The id of the last held visit the next one follows (None for commitments, or when none
    has been held yet). A visit marked held that starts after `as_of` counts as planned."""
    earliest: dt.date | None
    """The first day the next visit may start (an interval's `min`, a commitment's period)."""
    deadline: dt.date | None
    """The last day it may start (an interval's `max` + `tolerance`, a commitment's period);
    None when no rule of the agreement sets one inside its validity window."""
    planned: str | None
    """The visit planned or confirmed for it; for a kept commitment, the visit that kept it."""
    state: NextState
    """`planned`, `nothing planned`, `overdue` (the deadline has passed with nothing planned)
    or `kept` (a commitment already held)."""
    note: str | None = None
    """A remark for people: a planned visit that may be late or has the wrong host..."""


def next_visits(schedule: Schedule, as_of: dt.date) -> list[NextVisit]:
    """The next visit of each alternate, interval and commitment rule whose agreement has not
    ended by `as_of` (in force, or signed to come into force later), in file order."""
    counted = counted_visits(schedule)
    found: list[NextVisit] = []
    for agreement in schedule.agreements:
        if agreement.ends < as_of:
            continue
        for rule in agreement.rules:
            if isinstance(rule, AlternateRule | IntervalRule):
                found.append(_rotation(schedule, agreement, rule, counted, as_of))
            elif isinstance(rule, CommitmentRule):
                found.append(_commitment(schedule, agreement, rule, counted, as_of))
    return found


def continuing_visits(schedule: Schedule, as_of: dt.date) -> list[NextVisit]:
    """When no agreement is in force or still to come on `as_of`, the next visits that the most
    recent agreement's rotation and interval rules ask for, as if it had not ended: a rotation
    continues from one memorandum to the next, and planners plan the talks where the next one
    will be signed. Empty when some agreement has not ended, or none has such rules."""
    if not schedule.agreements or any(a.ends >= as_of for a in schedule.agreements):
        return []
    latest = max(schedule.agreements, key=lambda a: (a.ends, a.starts))
    continued = latest.model_copy(update={"valid_until": None})
    counted = counted_visits(schedule)
    note = f"continues agreement `{latest.id}`, which ended {latest.ends}"
    return [
        replace(plan, note=f"{plan.note}; {note}" if plan.note else note)
        for plan in (
            _rotation(schedule, continued, rule, counted, as_of)
            for rule in latest.rules
            if isinstance(rule, AlternateRule | IntervalRule)
        )
    ]


def _partner(
    agreement: Agreement, rule: AlternateRule | IntervalRule
) -> AlternateRule | IntervalRule | None:
    """The interval rule for an alternate rule (or the reverse) on the same kinds."""
    wanted = IntervalRule if isinstance(rule, AlternateRule) else AlternateRule
    kinds = set(rule.visits)
    for other in agreement.rules:
        if isinstance(other, wanted) and set(other.visits) == kinds:
            return other
    return None


def _held(counted: Counted, as_of: dt.date) -> bool:
    """Held by `as_of`: a visit marked held that starts later was still to come on that day."""
    return counted.visit.status == "held" and counted.visit.earliest <= as_of


def _others(schedule: Schedule, host: str | None) -> list[str]:
    return [] if host is None else [party for party in schedule.parties if party != host]


def _rotation(
    schedule: Schedule,
    agreement: Agreement,
    rule: AlternateRule | IntervalRule,
    counted: list[Counted],
    as_of: dt.date,
) -> NextVisit:
    seen = rule_sees(agreement, rule, counted)
    held = [index for index, c in enumerate(seen) if _held(c, as_of)]
    previous = seen[held[-1]] if held else None
    following = seen[held[-1] + 1 :] if held else seen
    planned = following[0] if following else None

    partner = _partner(agreement, rule)
    alternate = rule if isinstance(rule, AlternateRule) else partner
    interval = rule if isinstance(rule, IntervalRule) else partner
    assert alternate is None or isinstance(alternate, AlternateRule)
    assert interval is None or isinstance(interval, IntervalRule)

    notes: list[str] = []
    host = None
    if alternate is not None and previous is not None:
        host = next_host(rotation_order(schedule, alternate), previous.visit.host)
    earliest = deadline = None
    if interval is not None and previous is not None:
        earliest = interval_earliest(interval, previous.visit)
        deadline = interval_deadline(interval, previous.visit)
        if not agreement.in_force(deadline):
            notes.append(
                f"the interval deadline {deadline} after `{previous.visit.id}` falls outside "
                f"agreement `{agreement.id}` ({_window(agreement)}), which sets none"
            )
            deadline = None

    if planned is not None:
        state: NextState = "planned"
        visit = planned.visit
        if host is not None and visit.host != host:
            notes.append(f"`{visit.id}` is hosted by `{visit.host}`, but it is `{host}`'s turn")
        if deadline is not None and visit.earliest > deadline:
            notes.append(f"`{visit.id}` ({visit.dates_text()}) starts after the deadline")
        elif deadline is not None and visit.latest > deadline:
            notes.append(
                f"`{visit.id}` ({visit.dates_text()}) may start after the deadline: "
                f"agree dates by {deadline}"
            )
    elif deadline is not None and deadline < as_of:
        state = "overdue"
    else:
        state = "nothing planned"

    return NextVisit(
        agreement=agreement.id,
        rule=rule.id,
        rule_kind=rule.kind,
        kinds=tuple(rule.visits),
        host=host,
        guests=_others(schedule, host),
        after=previous.visit.id if previous is not None else None,
        earliest=earliest,
        deadline=deadline,
        planned=planned.visit.id if planned is not None else None,
        state=state,
        note="; ".join(notes) or None,
    )


def _commitment(
    schedule: Schedule,
    agreement: Agreement,
    rule: CommitmentRule,
    counted: list[Counted],
    as_of: dt.date,
) -> NextVisit:
    inside = commitment_visits(rule, rule_sees(agreement, rule, counted))
    hosted = [c for c in inside if c.visit.host == rule.host]
    kept = next((c for c in hosted if _held(c, as_of)), None)
    planned = kept or next(iter(hosted), None)
    period = rule.when
    if kept is not None:
        state: NextState = "kept"
    elif planned is not None:
        state = "planned"
    elif period.last < as_of:
        state = "overdue"
    else:
        state = "nothing planned"
    note = None
    others = [c for c in inside if c.visit.host != rule.host]
    if planned is None and others:
        listed = ", ".join(f"`{c.visit.id}` (hosted by `{c.visit.host}`)" for c in others)
        note = f"in {period}: {listed}"
    return NextVisit(
        agreement=agreement.id,
        rule=rule.id,
        rule_kind="commitment",
        kinds=tuple(rule.visits),
        host=rule.host,
        guests=_others(schedule, rule.host),
        after=None,
        earliest=period.first,
        deadline=period.last,
        planned=planned.visit.id if planned is not None else None,
        state=state,
        note=note,
    )


def _window(agreement: Agreement) -> str:
    until = agreement.valid_until.isoformat() if agreement.valid_until else "open-ended"
    return f"{agreement.starts.isoformat()}..{until}"

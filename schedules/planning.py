"""What comes next under each rule: who hosts, in which window, and what is already planned.

`next_visits` is a pure function of a schedule and a date, shared by `visits next`,
`visits report` and the terminal app's "plan the next visit" form. It sees visits exactly as the
rules engine does (the helpers come from `schedules.rules`), so a deadline here is the deadline
`visits check` reports as overdue or due soon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

from schedules.messages import NOTHING, Listing, Phrase, Said, Status, said
from schedules.rules import (
    Counted,
    commitment_visits,
    continued,
    counted_visits,
    held_by,
    interval_deadline,
    interval_earliest,
    lapsed_agreement,
    next_host,
    rotation_order,
    rule_sees,
    visit_dates,
)
from schedules.tables import Agreement, AlternateRule, CommitmentRule, IntervalRule, Schedule

NextState: TypeAlias = Literal["planned", "late", "nothing planned", "overdue", "kept"]
NEXT_STATES: tuple[NextState, ...] = ("planned", "late", "nothing planned", "overdue", "kept")
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
    """`planned`; `late` (a visit is planned, but for after the deadline, or possibly after a
    deadline that has now passed); `nothing planned`; `overdue` (the deadline has passed with
    nothing planned, or a commitment's period with no held visit); `kept` (a commitment held)."""
    note: str | None = None
    """A remark for people: a planned visit that may be late or has the wrong host... (in
    English, as scripts read it)."""
    lapsed_since: dt.date | None = None
    """Set when no agreement with rules is in force or still to come: the end date of the last
    one, whose rotation this entry continues."""
    said_note: Phrase | None = field(default=None, compare=False)
    """`note` as messages, put into the reader's language when shown."""


def next_visits(schedule: Schedule, as_of: dt.date) -> list[NextVisit]:
    """The next visit of each alternate, interval and commitment rule whose agreement has not
    ended by `as_of` (in force, or signed to come into force later), in file order. When every
    agreement with rules has ended, the rotation continuing from the last one instead
    (`continuing_visits`), each entry with `lapsed_since`."""
    if lapsed_agreement(schedule, as_of) is not None:
        return continuing_visits(schedule, as_of)
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
    """When every agreement with rules has ended by `as_of` (SPEC's `agreement-lapsed`), the next
    visits that the last one's rotation and interval rules ask for, as if it had not ended: a
    rotation continues from one memorandum to the next, and planners plan the talks where the
    next one will be signed. Empty while an agreement with rules is in force or to come."""
    found = lapsed_agreement(schedule, as_of)
    if found is None:
        return []
    _, latest = found
    carried_on = continued(latest)
    counted = counted_visits(schedule)
    return [
        replace(_rotation(schedule, carried_on, rule, counted, as_of), lapsed_since=latest.ends)
        for rule in latest.rules
        if isinstance(rule, AlternateRule | IntervalRule)
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
    held = [index for index, c in enumerate(seen) if held_by(c, as_of)]
    previous = seen[held[-1]] if held else None
    following = seen[held[-1] + 1 :] if held else seen
    planned = following[0] if following else None

    partner = _partner(agreement, rule)
    alternate = rule if isinstance(rule, AlternateRule) else partner
    interval = rule if isinstance(rule, IntervalRule) else partner
    assert alternate is None or isinstance(alternate, AlternateRule)
    assert interval is None or isinstance(interval, IntervalRule)

    notes: list[Said] = []
    host = None
    if alternate is not None and previous is not None:
        host = next_host(rotation_order(schedule, alternate), previous.visit.host)
    earliest = deadline = None
    if interval is not None and previous is not None:
        earliest = interval_earliest(interval, previous.visit)
        deadline = interval_deadline(interval, previous.visit)
        if not agreement.in_force(deadline):
            notes.append(
                said(
                    "the interval deadline {deadline} after `{visit}` falls outside agreement "
                    "`{agreement}` ({window}), which sets none",
                    deadline=deadline,
                    visit=previous.visit.id,
                    agreement=agreement.id,
                    window=_window(agreement),
                )
            )
            deadline = None

    if planned is not None:
        state: NextState = "planned"
        visit = planned.visit
        dates = said("`{visit}` ({dates})", visit=visit.id, dates=visit_dates(visit))
        if host is not None and visit.host != host:
            notes.append(
                said(
                    "`{visit}` is hosted by `{host}`, but it is `{turn}`'s turn",
                    visit=visit.id,
                    host=visit.host,
                    turn=host,
                )
            )
        late: Said | None = None
        if deadline is not None and visit.earliest > deadline:
            late = said("starts after the deadline {deadline}", deadline=deadline)
        elif deadline is not None and visit.latest > deadline and deadline < as_of:
            # the day to agree dates by is gone: say so, and advise nothing about it
            late = said(
                "may have started after the deadline {deadline}, which has passed",
                deadline=deadline,
            )
        if late is not None:
            state = "late"
        if visit.last_day < as_of:
            notes.append(
                said(
                    "{visit} is still {status} but its last possible day has passed{also}: mark "
                    "it held (with its dates), postponed or cancelled",
                    visit=dates,
                    status=Status(visit.status),
                    also=said(", and it {late}", late=late) if late else NOTHING,
                )
            )
        elif late is not None and visit.exact:
            notes.append(said("{visit} {late}", visit=dates, late=late))
        elif late is not None:
            notes.append(said("{visit} {late}: give its exact dates", visit=dates, late=late))
        elif deadline is not None and visit.latest > deadline:
            notes.append(
                said(
                    "{visit} may start after the deadline: agree dates by {deadline}",
                    visit=dates,
                    deadline=deadline,
                )
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
        note=_english(notes),
        said_note=Listing(notes, "; ") if notes else None,
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
    kept = next((c for c in hosted if held_by(c, as_of)), None)
    planned = kept or next(iter(hosted), None)
    period = rule.when
    notes: list[Said] = []
    if kept is not None:
        state: NextState = "kept"
    elif period.last < as_of:
        # only a held visit keeps a promise once its period is over
        state = "overdue"
        if planned is not None:
            notes.append(
                said(
                    "`{visit}` is still only {status} and {period} is over: mark it held if it "
                    "took place",
                    visit=planned.visit.id,
                    status=Status(planned.visit.status),
                    period=period,
                )
            )
    elif planned is not None:
        state = "planned"
    else:
        state = "nothing planned"
    others = [c for c in inside if c.visit.host != rule.host]
    if kept is None and others:
        hosted_by = [
            said("`{visit}` (hosted by `{host}`)", visit=c.visit.id, host=c.visit.host)
            for c in others
        ]
        notes.append(said("in {period}: {visits}", period=period, visits=Listing(hosted_by)))
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
        note=_english(notes),
        said_note=Listing(notes, "; ") if notes else None,
    )


def _english(notes: list[Said]) -> str | None:
    return "; ".join(note.english() for note in notes) or None


def _window(agreement: Agreement) -> Said:
    if agreement.valid_until is None:
        return said("{starts}..open-ended", starts=agreement.starts)
    return said("{starts}..{until}", starts=agreement.starts, until=agreement.valid_until)

"""What a rule sees: the counted visits in rule order, and the helpers every check family and
`schedules.planning` share (whose turn it is, interval deadlines, kept commitments)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from schedules.diagnostics import KeyPath
from schedules.messages import Span
from schedules.tables import (
    Agreement,
    AlternateRule,
    AnyRule,
    CommitmentRule,
    IntervalRule,
    Schedule,
    Visit,
)


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Names compare after NFC, case folding and collapsing white space."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True, slots=True)
class Counted:
    """A visit as a rule counts it, with its place in the file."""

    visit: Visit
    index: int

    @property
    def target(self) -> KeyPath:
        return ("visits", self.index)

    def key(self, name: str) -> KeyPath:
        return ("visits", self.index, name)

    @property
    def date_key(self) -> KeyPath:
        return self.key("start" if self.visit.exact else "when")


def counted_visits(schedule: Schedule) -> list[Counted]:
    """The visits rules count, in rule order: by earliest start, then by place in the file."""
    counted = [Counted(v, i) for i, v in enumerate(schedule.visits) if v.counted]
    return sorted(counted, key=lambda c: (c.visit.earliest, c.index))


def rule_sees(agreement: Agreement, rule: AnyRule, counted: list[Counted]) -> list[Counted]:
    """The counted visits of the rule's kinds whose earliest start lies in the agreement's
    window; alternate and interval rules also see the last one before it."""
    kinds = set(rule.visits)
    of_kind = [c for c in counted if c.visit.kind in kinds]
    starts, ends = agreement.starts, agreement.ends
    in_window = [c for c in of_kind if starts <= c.visit.earliest <= ends]
    if isinstance(rule, AlternateRule | IntervalRule):
        before = [c for c in of_kind if c.visit.earliest < starts]
        return before[-1:] + in_window
    return in_window


def rotation_order(schedule: Schedule, rule: AlternateRule) -> list[str]:
    return rule.order or list(schedule.parties)


def next_host(order: list[str], previous_host: str) -> str | None:
    """Whose turn it is after `previous_host`; None when that party is not in the rotation."""
    if previous_host not in order:
        return None
    return order[(order.index(previous_host) + 1) % len(order)]


def interval_deadline(rule: IntervalRule, visit: Visit) -> dt.date:
    """The last day the next visit may start: the visit's latest start + `max` + `tolerance`."""
    deadline = rule.max.after(visit.latest)
    return rule.tolerance.after(deadline) if rule.tolerance else deadline


def interval_earliest(rule: IntervalRule, visit: Visit) -> dt.date | None:
    """The first day the next visit may start under `min` (None without `min`)."""
    return rule.min.after(visit.latest) if rule.min is not None else None


def commitment_visits(rule: CommitmentRule, seen: list[Counted]) -> list[Counted]:
    """The seen visits that lie wholly inside the committed period, whoever hosts them."""
    period = rule.when
    return [c for c in seen if period.first <= c.visit.earliest and c.visit.latest <= period.last]


def held_by(counted: Counted, as_of: dt.date) -> bool:
    """Held by `as_of`: a visit marked held that starts later was still to come on that day."""
    return counted.visit.status == "held" and counted.visit.earliest <= as_of


def commitment_kept(
    agreement: Agreement, rule: CommitmentRule, counted: list[Counted], as_of: dt.date
) -> Counted | None:
    """The held visit hosted by the committed host inside the period, if any: only a held
    visit keeps a promise (a plan is not a kept promise once the period is over)."""
    inside = commitment_visits(rule, rule_sees(agreement, rule, counted))
    return next((c for c in inside if c.visit.host == rule.host and held_by(c, as_of)), None)


def continued(agreement: Agreement) -> Agreement:
    """The agreement as if it had not ended: a rotation continues from one memorandum to the
    next, so after the last one ends planners carry its rules on."""
    return agreement.open_ended()


def lapsed_agreement(schedule: Schedule, as_of: dt.date) -> tuple[int, Agreement] | None:
    """When the file has agreements with rules and every one ended before `as_of`: the one that
    ended last (the later in the file on a tie), with its index. None while one is in force or
    still to come."""
    with_rules = [(i, a) for i, a in enumerate(schedule.agreements) if a.rules]
    if not with_rules or any(a.ends >= as_of for _, a in with_rules):
        return None
    return max(with_rules, key=lambda found: (found[1].ends, found[0]))


def continuing_host(
    schedule: Schedule, agreement: Agreement, counted: list[Counted], as_of: dt.date
) -> str | None:
    """Who hosts next if the agreement's rotation (its first alternate rule) continued: the party
    after the host of the last visit held by `as_of`. None without a rotation or a held visit."""
    rule = next((r for r in agreement.rules if isinstance(r, AlternateRule)), None)
    if rule is None:
        return None
    held = [c for c in rule_sees(continued(agreement), rule, counted) if held_by(c, as_of)]
    if not held:
        return None
    return next_host(rotation_order(schedule, rule), held[-1].visit.host)


def visit_days(visit: Visit) -> int | None:
    """How many days a visit with exact dates lasts, start to end inclusive (None for `when`)."""
    if visit.start is None:
        return None
    return (visit.last_day - visit.start).days + 1


def visit_dates(visit: Visit) -> Span | str:
    """A visit's dates as said in a message: its exact days, or its partial date as written."""
    if visit.when is not None:
        return visit.when.text
    assert visit.start is not None
    return Span(visit.start, visit.end or visit.start)

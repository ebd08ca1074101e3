"""The rules engine: every check of SPEC.md over validated schedules.

Each rule sorts its counted visits once (O(n log n)); double-booking sweeps each person's
visits in date order across all files checked together.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise

from schedules.dates import Duration
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.i18n import N_
from schedules.loader import Document
from schedules.messages import NOTHING, Listing, Phrase, Said, Span, Status, said
from schedules.tables import (
    Agreement,
    AlternateRule,
    AnyRule,
    CommitmentRule,
    DelegationRule,
    IntervalRule,
    QuotaRule,
    Schedule,
    Visit,
    Waiver,
)

DEFAULT_HORIZON = Duration("P90D", days=90)
EXPIRY_WARNING = dt.timedelta(days=180)


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


# --- what a rule sees (shared with `schedules.planning`) ------------------------------------


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


def check(
    documents: Sequence[Document], as_of: dt.date, *, release_sources: bool = False
) -> list[Diagnostic]:
    """All rule diagnostics of the valid documents, located, with waivers applied, sorted.

    With `release_sources`, each document's source map is dropped once its diagnostics are
    located, so that only one is alive at a time (for large trees checked once).
    """
    valid = [document for document in documents if document.ok and document.schedule is not None]
    across: dict[str, list[Diagnostic]] = defaultdict(list)
    everyone = (b for d in valid if d.schedule is not None for b in bookings(d.schedule, d.path))
    for diagnostic in double_bookings(everyone):
        across[diagnostic.path].append(diagnostic)
    found: list[Diagnostic] = []
    for document in valid:
        assert document.schedule is not None
        per_file = list(check_schedule(document.schedule, document.path, as_of))
        per_file.extend(across.get(document.path, ()))
        found.extend(map(document.place, apply_waivers(document.schedule.waivers, per_file)))
        if release_sources:
            document.release_sourcemap()
    return sorted(found, key=Diagnostic.sort_key)


def check_schedule(schedule: Schedule, path: str, as_of: dt.date) -> Iterator[Diagnostic]:
    """The diagnostics of one schedule, except double-booking (which spans files)."""
    engine = _Engine(schedule, path, as_of)
    for agreement_index, agreement in enumerate(schedule.agreements):
        for rule_index, rule in enumerate(agreement.rules):
            target: KeyPath = ("agreements", agreement_index, "rules", rule_index)
            yield from engine.rule(agreement, rule, target)
    yield from engine.statuses()
    yield from engine.holidays()
    yield from engine.actions()
    yield from engine.expiring_agreements()
    yield from engine.lapsed_agreement()


def apply_waivers(waivers: Sequence[Waiver], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics, those that a waiver covers marked waived with its reason."""
    if not waivers:
        return diagnostics
    result = []
    for diagnostic in diagnostics:
        for waiver in waivers:
            if (
                waiver.rule in (diagnostic.rule, diagnostic.code)
                and diagnostic.date is not None
                and waiver.covers(diagnostic.date)
                and (waiver.visit is None or waiver.visit == diagnostic.visit)
            ):
                diagnostic = replace(diagnostic, waived=True, reason=waiver.reason)
                break
        result.append(diagnostic)
    return result


class _Engine:
    def __init__(self, schedule: Schedule, path: str, as_of: dt.date) -> None:
        self.schedule = schedule
        self.path = path
        self.as_of = as_of
        self.counted = counted_visits(schedule)

    def _diagnostic(
        self,
        severity: Severity,
        code: str,
        message: Said,
        target: KeyPath,
        day: dt.date,
        *,
        rule: str | None = None,
        visit: str | None = None,
        action: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            self.path,
            severity,
            code,
            message.english(),
            rule=rule,
            visit=visit,
            action=action,
            date=day,
            target=target,
            said=message,
        )

    # --- rules ------------------------------------------------------------------------------

    def rule(self, agreement: Agreement, rule: AnyRule, target: KeyPath) -> Iterator[Diagnostic]:
        seen = rule_sees(agreement, rule, self.counted)
        if isinstance(rule, AlternateRule):
            yield from self.alternation(rule, seen)
        elif isinstance(rule, IntervalRule):
            yield from self.interval(agreement, rule, seen)
        elif isinstance(rule, CommitmentRule):
            yield from self.commitment(rule, seen, target)
        elif isinstance(rule, DelegationRule):
            yield from self.delegation(rule, seen)
        else:
            yield from self.quota(agreement, rule, seen, target)

    def alternation(self, rule: AlternateRule, seen: list[Counted]) -> Iterator[Diagnostic]:
        order = rotation_order(self.schedule, rule)
        for previous, current in pairwise(seen):
            host = current.visit.host
            expected = next_host(order, previous.visit.host)
            if expected is None or host == expected:
                continue
            yield self._diagnostic(
                Severity.ERROR,
                "alternation",
                said(
                    "visit `{visit}` is hosted by `{host}`, but after visit `{previous}` (hosted "
                    "by `{previous_host}`) it is `{expected}`'s turn to host (rule `{rule}`)",
                    visit=current.visit.id,
                    host=host,
                    previous=previous.visit.id,
                    previous_host=previous.visit.host,
                    expected=expected,
                    rule=rule.id,
                ),
                current.key("host"),
                current.visit.earliest,
                rule=rule.id,
                visit=current.visit.id,
            )

    def interval(
        self, agreement: Agreement, rule: IntervalRule, seen: list[Counted]
    ) -> Iterator[Diagnostic]:
        tolerance = rule.tolerance
        allowed: object = (
            said("{max} + {tolerance} tolerance", max=rule.max, tolerance=tolerance)
            if tolerance
            else rule.max
        )

        for a, b in pairwise(seen):
            deadline = interval_deadline(rule, a.visit)
            if agreement.in_force(deadline):
                if b.visit.earliest > deadline:
                    yield self._diagnostic(
                        Severity.ERROR,
                        "interval",
                        said(
                            "visit `{visit}` ({dates}) comes after the deadline {deadline}: at "
                            "most {allowed} after visit `{previous}` ({previous_dates}) (rule "
                            "`{rule}`)",
                            visit=b.visit.id,
                            dates=visit_dates(b.visit),
                            deadline=deadline,
                            allowed=allowed,
                            previous=a.visit.id,
                            previous_dates=visit_dates(a.visit),
                            rule=rule.id,
                        ),
                        b.date_key,
                        deadline,
                        rule=rule.id,
                        visit=b.visit.id,
                    )
                elif b.visit.latest > deadline:
                    # once the deadline is gone, no advice to agree dates by it
                    if deadline < self.as_of:
                        wording = N_(
                            "visit `{visit}` ({dates}) may have come after the deadline "
                            "{deadline}, which has passed: at most {allowed} after visit "
                            "`{previous}` ({previous_dates}); give its exact dates (rule `{rule}`)"
                        )
                    else:
                        wording = N_(
                            "visit `{visit}` ({dates}) may come after the deadline {deadline}: at "
                            "most {allowed} after visit `{previous}` ({previous_dates}); agree "
                            "dates by {deadline} (rule `{rule}`)"
                        )
                    yield self._diagnostic(
                        Severity.WARNING,
                        "interval",
                        Said(
                            wording,
                            {
                                "visit": b.visit.id,
                                "dates": visit_dates(b.visit),
                                "deadline": deadline,
                                "allowed": allowed,
                                "previous": a.visit.id,
                                "previous_dates": visit_dates(a.visit),
                                "rule": rule.id,
                            },
                        ),
                        b.date_key,
                        deadline,
                        rule=rule.id,
                        visit=b.visit.id,
                    )
            if rule.min is not None and agreement.in_force(b.visit.earliest):
                definite = b.visit.latest < rule.min.after(a.visit.earliest)
                possible = b.visit.earliest < rule.min.after(a.visit.latest)
                if definite or possible:
                    earliest_allowed = rule.min.after(a.visit.latest)
                    yield self._diagnostic(
                        Severity.ERROR if definite else Severity.WARNING,
                        "interval",
                        Said(
                            N_(
                                "visit `{visit}` ({dates}) comes less than {min} after visit "
                                "`{previous}` ({previous_dates}); the earliest allowed start is "
                                "{earliest} (rule `{rule}`)"
                            )
                            if definite
                            else N_(
                                "visit `{visit}` ({dates}) may come less than {min} after visit "
                                "`{previous}` ({previous_dates}); the earliest allowed start is "
                                "{earliest} (rule `{rule}`)"
                            ),
                            {
                                "visit": b.visit.id,
                                "dates": visit_dates(b.visit),
                                "min": rule.min,
                                "previous": a.visit.id,
                                "previous_dates": visit_dates(a.visit),
                                "earliest": earliest_allowed,
                                "rule": rule.id,
                            },
                        ),
                        b.date_key,
                        b.visit.earliest,
                        rule=rule.id,
                        visit=b.visit.id,
                    )
        if not seen:
            return
        last = seen[-1]
        deadline = interval_deadline(rule, last.visit)
        if not agreement.in_force(deadline):
            return
        horizon = rule.horizon or DEFAULT_HORIZON
        if deadline < self.as_of:
            yield self._diagnostic(
                Severity.ERROR,
                "interval",
                said(
                    "overdue: the next visit after `{visit}` ({dates}) was due by {deadline} "
                    "({allowed} later) and none is planned (rule `{rule}`)",
                    visit=last.visit.id,
                    dates=visit_dates(last.visit),
                    deadline=deadline,
                    allowed=allowed,
                    rule=rule.id,
                ),
                last.date_key,
                deadline,
                rule=rule.id,
                visit=last.visit.id,
            )
        elif deadline <= horizon.after(self.as_of):
            yield self._diagnostic(
                Severity.WARNING,
                "interval",
                said(
                    "due soon: the next visit after `{visit}` ({dates}) is due by {deadline} and "
                    "none is planned (rule `{rule}`)",
                    visit=last.visit.id,
                    dates=visit_dates(last.visit),
                    deadline=deadline,
                    rule=rule.id,
                ),
                last.date_key,
                deadline,
                rule=rule.id,
                visit=last.visit.id,
            )

    def commitment(
        self, rule: CommitmentRule, in_window: list[Counted], target: KeyPath
    ) -> Iterator[Diagnostic]:
        period = rule.when
        inside = commitment_visits(rule, in_window)
        hosted = [c for c in inside if c.visit.host == rule.host]
        ended = period.last < self.as_of
        # once the period is over only a held visit keeps the promise; until then a plan will do
        kept = any(held_by(c, self.as_of) for c in hosted) if ended else bool(hosted)
        if kept:
            return
        kinds = ", ".join(rule.visits)
        others = [c for c in inside if c.visit.host != rule.host]
        clauses: list[Phrase] = []
        if others:
            hosted_by = [
                said("`{visit}` (hosted by `{host}`)", visit=c.visit.id, host=c.visit.host)
                for c in others
            ]
            clauses.append(said("; in that period: {visits}", visits=Listing(hosted_by)))
        if ended:
            plans = [c for c in hosted if c.visit.status in ("planned", "confirmed")]
            if plans:
                still = [
                    said(
                        "`{visit}` is still only {status}",
                        visit=c.visit.id,
                        status=Status(c.visit.status),
                    )
                    for c in plans
                ]
                clauses.append(
                    said(
                        "; {visits}: a plan is not a kept promise once the period is over (mark "
                        "it held if it took place)",
                        visits=Listing(still),
                    )
                )
            elsewhere = Listing(clauses, "")
            yield self._diagnostic(
                Severity.ERROR,
                "commitment",
                said(
                    "`{host}` was to host {kinds} in {period} and no held visit is "
                    "recorded{elsewhere} (rule `{rule}`)",
                    host=rule.host,
                    kinds=kinds,
                    period=period,
                    elsewhere=elsewhere,
                    rule=rule.id,
                ),
                target,
                period.last,
                rule=rule.id,
            )
        else:
            yield self._diagnostic(
                Severity.WARNING,
                "commitment",
                said(
                    "`{host}` is to host {kinds} in {period} and no such visit is planned "
                    "yet{elsewhere} (rule `{rule}`)",
                    host=rule.host,
                    kinds=kinds,
                    period=period,
                    elsewhere=Listing(clauses, ""),
                    rule=rule.id,
                ),
                target,
                period.last,
                rule=rule.id,
            )

    def delegation(self, rule: DelegationRule, in_window: list[Counted]) -> Iterator[Diagnostic]:
        parties = self.schedule.parties
        for c in in_window:
            visit = c.visit
            if rule.max_people is not None:
                people: dict[str, int] = defaultdict(int)
                for participant in visit.participants:
                    people[participant.party] += 1
                for guest in visit.guest_ids(parties):
                    if people[guest] > rule.max_people:
                        yield self._diagnostic(
                            Severity.ERROR,
                            "delegation",
                            said(
                                "visit `{visit}`: the `{party}` delegation has {count} "
                                "participants, more than the {max} allowed (rule `{rule}`)",
                                visit=visit.id,
                                party=guest,
                                count=people[guest],
                                max=rule.max_people,
                                rule=rule.id,
                            ),
                            c.target,
                            visit.earliest,
                            rule=rule.id,
                            visit=visit.id,
                        )
            days = visit_days(visit)
            if rule.max_days is not None and days is not None and days > rule.max_days:
                yield self._diagnostic(
                    Severity.ERROR,
                    "delegation",
                    said(
                        "visit `{visit}` ({dates}) lasts {days} days, more than the {max} allowed "
                        "(rule `{rule}`)",
                        visit=visit.id,
                        dates=visit_dates(visit),
                        days=days,
                        max=rule.max_days,
                        rule=rule.id,
                    ),
                    c.target,
                    visit.earliest,
                    rule=rule.id,
                    visit=visit.id,
                )

    def quota(
        self, agreement: Agreement, rule: QuotaRule, in_window: list[Counted], target: KeyPath
    ) -> Iterator[Diagnostic]:
        """One pass over the periods, as month numbers: a window of 10,000 years is 120,000
        monthly periods, each a possible diagnostic, so nothing per period may be slow."""
        last_day = min(agreement.ends, self.as_of)
        if agreement.starts > last_day:
            return
        months = _PERIOD_MONTHS[rule.per]
        counts: dict[int, list[Counted]] = defaultdict(list)
        for c in in_window:
            period = _period_number(months, c.visit.earliest)
            if _period_number(months, c.visit.latest) == period:
                counts[period].append(c)
        kinds = ", ".join(rule.visits)
        as_of_period = _period_number(months, self.as_of)
        no_visits: list[Counted] = []
        for period in range(
            _period_number(months, agreement.starts), _period_number(months, last_day) + 1
        ):
            visits = counts.get(period, no_visits)
            first = _period_first(months, period)
            if rule.min is not None and period < as_of_period:  # ended before the as-of date
                held = sum(1 for c in visits if c.visit.status == "held")
                if held < rule.min:
                    yield self._diagnostic(
                        Severity.ERROR,
                        "quota",
                        said(
                            "{period}: {count} {kinds} held, fewer than the minimum of {min} "
                            "(rule `{rule}`)",
                            period=_period_name(rule.per, first),
                            count=held,
                            kinds=kinds,
                            min=rule.min,
                            rule=rule.id,
                        ),
                        target,
                        first,
                        rule=rule.id,
                    )
            elif rule.min is not None and period == as_of_period and len(visits) < rule.min:
                yield self._diagnostic(
                    Severity.WARNING,
                    "quota",
                    said(
                        "{period}: {count} {kinds} held or planned so far, fewer than the minimum "
                        "of {min} (rule `{rule}`)",
                        period=_period_name(rule.per, first),
                        count=len(visits),
                        kinds=kinds,
                        min=rule.min,
                        rule=rule.id,
                    ),
                    target,
                    first,
                    rule=rule.id,
                )
            if rule.max is not None and len(visits) > rule.max:
                listed = ", ".join(f"`{c.visit.id}`" for c in visits)
                yield self._diagnostic(
                    Severity.WARNING,
                    "quota",
                    said(
                        "{period}: {count} {kinds} ({visits}), more than the maximum of {max} "
                        "(rule `{rule}`)",
                        period=_period_name(rule.per, first),
                        count=len(visits),
                        kinds=kinds,
                        visits=listed,
                        max=rule.max,
                        rule=rule.id,
                    ),
                    target,
                    first,
                    rule=rule.id,
                )

    # --- built-in checks --------------------------------------------------------------------

    def statuses(self) -> Iterator[Diagnostic]:
        for index, visit in enumerate(self.schedule.visits):
            at: KeyPath = ("visits", index, "status")
            if visit.status == "held" and visit.earliest > self.as_of:
                yield self._diagnostic(
                    Severity.ERROR,
                    "status",
                    said(
                        "visit `{visit}` is marked held but starts {start}, after {as_of}",
                        visit=visit.id,
                        start=visit.earliest,
                        as_of=self.as_of,
                    ),
                    at,
                    visit.earliest,
                    visit=visit.id,
                )
            elif visit.status in ("planned", "confirmed") and visit.last_day < self.as_of:
                yield self._diagnostic(
                    Severity.WARNING,
                    "status",
                    said(
                        "visit `{visit}` ({dates}) is still {status} but its last possible day "
                        "has passed: mark it held, postponed or cancelled",
                        visit=visit.id,
                        dates=visit_dates(visit),
                        status=Status(visit.status),
                    ),
                    at,
                    visit.earliest,
                    visit=visit.id,
                )
            elif visit.status == "confirmed" and not visit.exact:
                yield self._diagnostic(
                    Severity.WARNING,
                    "status",
                    said(
                        "visit `{visit}` is confirmed but has only a partial date "
                        '(`when = "{when}"`): give its `start` (and `end`)',
                        visit=visit.id,
                        when=visit.when,
                    ),
                    at,
                    visit.earliest,
                    visit=visit.id,
                )

    def holidays(self) -> Iterator[Diagnostic]:
        parties = self.schedule.parties
        for index, visit in enumerate(self.schedule.visits):
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
                for year in range(visit.start.year, end.year + 1):
                    for day, name in public_holidays(country, year):
                        if visit.start <= day <= end:
                            found[day].append(Holiday(country, day, name))
            for day in sorted(found):
                yield self._diagnostic(
                    Severity.WARNING,
                    "holiday",
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

    def actions(self) -> Iterator[Diagnostic]:
        for index, action in enumerate(self.schedule.actions):
            if action.status == "open" and action.due is not None and action.due < self.as_of:
                yield self._diagnostic(
                    Severity.WARNING,
                    "action-overdue",
                    said(
                        "action `{action}` (owner `{owner}`) was due {due} and is still open",
                        action=action.id,
                        owner=action.owner,
                        due=action.due,
                    ),
                    ("actions", index, "due"),
                    action.due,
                    visit=action.visit,
                    action=action.id,
                )

    def expiring_agreements(self) -> Iterator[Diagnostic]:
        agreements = self.schedule.agreements
        for index, agreement in enumerate(agreements):
            until = agreement.valid_until
            if not agreement.rules or until is None:
                continue
            if not dt.timedelta(0) <= until - self.as_of <= EXPIRY_WARNING:  # no overflow at 9999
                continue
            if any(other.starts > agreement.starts for other in agreements):
                continue
            days = (until - self.as_of).days
            yield self._diagnostic(
                Severity.WARNING,
                "agreement-expiring",
                said(
                    "agreement `{agreement}` ends {until} (in {days} days) and no agreement "
                    "follows it in this file",
                    agreement=agreement.id,
                    until=until,
                    days=days,
                ),
                ("agreements", index, "valid_until"),
                until,
            )

    def lapsed_agreement(self) -> Iterator[Diagnostic]:
        found = lapsed_agreement(self.schedule, self.as_of)
        if found is None:
            return
        index, agreement = found
        host = continuing_host(self.schedule, agreement, self.counted, self.as_of)
        following = (
            said("; if its rotation continues, `{host}` hosts next", host=host) if host else NOTHING
        )
        yield self._diagnostic(
            Severity.WARNING,
            "agreement-lapsed",
            said(
                "no memorandum is in force: agreement `{agreement}` ended {ends} and no agreement "
                "with rules follows it{following}",
                agreement=agreement.id,
                ends=agreement.ends,
                following=following,
            ),
            ("agreements", index),
            agreement.ends,
        )


@dataclass(slots=True)  # not frozen: a frozen one is ten times slower to make, for every person
class Booking:
    """One person's place in one counted visit with exact dates: all that double-booking needs,
    so that it can span files without keeping them in memory."""

    person: str
    name: str
    start: dt.date
    end: dt.date
    path: str
    index: int
    participant: int
    visit: str
    dates: Span | str
    line: int | None = None
    """Where the participant is written, when already known."""
    column: int | None = None

    @property
    def target(self) -> KeyPath:
        return ("visits", self.index, "participants", self.participant)


def bookings(schedule: Schedule, path: str) -> Iterator[Booking]:
    """Each participant of each counted visit with exact dates (once per visit)."""
    for index, visit in enumerate(schedule.visits):
        # SPEC: "two counted visits" (informal, postponed and cancelled ones count for nothing)
        if not visit.counted or visit.start is None:
            continue
        start, end, dates = visit.start, visit.last_day, visit_dates(visit)  # once per visit
        people: set[str] = set()
        for k, participant in enumerate(visit.participants):
            person = (
                f"id:{participant.id}"
                if participant.id
                else f"name:{normalise_name(participant.name)}"
            )
            if person in people:
                continue
            people.add(person)
            yield Booking(person, participant.name, start, end, path, index, k, visit.id, dates)


def double_bookings(all_bookings: Iterable[Booking]) -> Iterator[Diagnostic]:
    """People in two bookings with overlapping dates, reported on the later one: each person's
    bookings are swept in date order (O(n log n))."""
    by_person: dict[str, list[Booking]] = defaultdict(list)
    for booking in all_bookings:
        by_person[booking.person].append(booking)
    for person_bookings in by_person.values():
        if len(person_bookings) < 2:
            continue
        person_bookings.sort(key=lambda b: (b.start, b.path, b.index))
        latest_end = person_bookings[0]
        for booking in person_bookings[1:]:
            if booking.start <= latest_end.end:
                other = latest_end
                elsewhere = other.path != booking.path
                where = said(" in {path}", path=other.path) if elsewhere else NOTHING
                message = said(
                    "{name} takes part in visit `{visit}` ({dates}) and in visit `{other}` "
                    "({other_dates}){where}, whose dates overlap",
                    name=person_bookings[0].name,
                    visit=booking.visit,
                    dates=booking.dates,
                    other=other.visit,
                    other_dates=other.dates,
                    where=where,
                )
                yield Diagnostic(
                    booking.path,
                    Severity.ERROR,
                    "double-booking",
                    message.english(),
                    said=message,
                    line=booking.line,
                    column=booking.column,
                    visit=booking.visit,
                    date=booking.start,
                    target=booking.target,
                )
            if booking.end > latest_end.end:
                latest_end = booking


# --- calendar periods and holidays ---------------------------------------------------------


_PERIOD_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def _period_number(months: int, day: dt.date) -> int:
    """The calendar period of `day`, counted in periods of `months` months from year 0."""
    return (day.year * 12 + day.month - 1) // months


def _period_first(months: int, period: int) -> dt.date:
    year, month = divmod(period * months, 12)
    return dt.date(year, month + 1, 1)


def _period_name(per: str, first: dt.date) -> Said | str:
    """`2025`, `2025-Q3` or `2025-07`; years with four digits (`0001-01`)."""
    year = f"{first.year:04d}"
    if per == "year":
        return year
    if per == "quarter":
        # Translators: a quarter of a year, like 2025-Q3
        return said("{year}-Q{quarter}", year=year, quarter=(first.month - 1) // 3 + 1)
    # Translators: a month of a year, like 2025-07
    month = f"{first.month:02d}"
    return said("{year}-{month}", year=year, month=month)


def visit_dates(visit: Visit) -> Span | str:
    """A visit's dates as said in a message: its exact days, or its partial date as written."""
    if visit.when is not None:
        return visit.when.text
    assert visit.start is not None
    return Span(visit.start, visit.end or visit.start)


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

"""The rules engine's entrance for one schedule: each rule of each agreement by its family,
then the built-in checks (double-booking, which spans files, is `schedules.rules.bookings`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from schedules.diagnostics import Diagnostic, KeyPath
from schedules.rules.agreements import expiring_agreements, lapsed
from schedules.rules.commitments import commitment
from schedules.rules.context import Context
from schedules.rules.delegation import delegation
from schedules.rules.holidays import holidays
from schedules.rules.interval import interval
from schedules.rules.quota import quota
from schedules.rules.rotation import alternation
from schedules.rules.seen import rule_sees
from schedules.rules.statuses import overdue_actions, statuses
from schedules.tables import (
    Agreement,
    AlternateRule,
    AnyRule,
    CommitmentRule,
    DelegationRule,
    IntervalRule,
    Schedule,
)


def check_schedule(schedule: Schedule, path: str, as_of: dt.date) -> Iterator[Diagnostic]:
    """The diagnostics of one schedule, except double-booking (which spans files)."""
    ctx = Context(schedule, path, as_of)
    for agreement_index, agreement in enumerate(schedule.agreements):
        for rule_index, rule in enumerate(agreement.rules):
            target: KeyPath = ("agreements", agreement_index, "rules", rule_index)
            yield from _rule(ctx, agreement, rule, target)
    yield from statuses(ctx)
    yield from holidays(ctx)
    yield from overdue_actions(ctx)
    yield from expiring_agreements(ctx)
    yield from lapsed(ctx)


def _rule(
    ctx: Context, agreement: Agreement, rule: AnyRule, target: KeyPath
) -> Iterator[Diagnostic]:
    seen = rule_sees(agreement, rule, ctx.counted)
    if isinstance(rule, AlternateRule):
        yield from alternation(ctx, rule, seen)
    elif isinstance(rule, IntervalRule):
        yield from interval(ctx, agreement, rule, seen)
    elif isinstance(rule, CommitmentRule):
        yield from commitment(ctx, rule, seen, target)
    elif isinstance(rule, DelegationRule):
        yield from delegation(ctx, rule, seen)
    else:
        yield from quota(ctx, agreement, rule, seen, target)

"""The rules engine's entrance for one schedule: each rule of each agreement by its family,
then the built-in checks (double-booking, which spans files, is `schedules.rules.bookings`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence

from schedules.diagnostics import Diagnostic, KeyPath
from schedules.loader import Document
from schedules.model import (
    Agreement,
    AlternateRule,
    AnyRule,
    CommitmentRule,
    DelegationRule,
    IntervalRule,
    Schedule,
)
from schedules.rules.agreements import expiring_agreements, lapsed
from schedules.rules.bookings import bookings, double_bookings
from schedules.rules.commitments import commitment
from schedules.rules.context import Context
from schedules.rules.delegation import delegation
from schedules.rules.holidays import holidays
from schedules.rules.interval import interval
from schedules.rules.quota import quota
from schedules.rules.rotation import alternation
from schedules.rules.seen import rule_sees
from schedules.rules.statuses import overdue_actions, statuses
from schedules.rules.waivers import apply_waivers


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

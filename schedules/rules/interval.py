"""Intervals: the next counted visit comes by the deadline and not before `min` (`interval`)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from schedules.codes import Code
from schedules.dates import Duration
from schedules.diagnostics import Diagnostic, Severity
from schedules.i18n import N_
from schedules.messages import Said, said
from schedules.rules.context import Context
from schedules.rules.seen import Counted, interval_deadline, visit_dates
from schedules.tables import Agreement, IntervalRule

DEFAULT_HORIZON = Duration("P90D", days=90)


def interval(
    ctx: Context, agreement: Agreement, rule: IntervalRule, seen: list[Counted]
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
                yield ctx.diagnostic(
                    Severity.ERROR,
                    Code.INTERVAL,
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
                if deadline < ctx.as_of:
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
                yield ctx.diagnostic(
                    Severity.WARNING,
                    Code.INTERVAL,
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
                yield ctx.diagnostic(
                    Severity.ERROR if definite else Severity.WARNING,
                    Code.INTERVAL,
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
    if deadline < ctx.as_of:
        severity = Severity.ERROR
        wording = N_(
            "overdue: the next visit after `{visit}` ({dates}) was due by {deadline} "
            "({allowed} later) and none is planned (rule `{rule}`)"
        )
    elif deadline <= horizon.after(ctx.as_of):
        severity = Severity.WARNING
        wording = N_(
            "due soon: the next visit after `{visit}` ({dates}) is due by {deadline} and "
            "none is planned (rule `{rule}`)"
        )
    else:
        return
    found = {"visit": last.visit.id, "dates": visit_dates(last.visit), "deadline": deadline}
    message = Said(wording, {**found, "allowed": allowed, "rule": rule.id})
    yield ctx.diagnostic(
        severity, Code.INTERVAL, message, last.date_key, deadline, rule=rule.id, visit=last.visit.id
    )

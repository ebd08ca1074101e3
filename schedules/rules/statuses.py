"""The calendar's own checks: statuses the as-of date contradicts (`status`) and overdue
actions (`action-overdue`)."""

from __future__ import annotations

from collections.abc import Iterator

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.messages import Status, said
from schedules.rules.context import Context
from schedules.rules.seen import visit_dates


def statuses(ctx: Context) -> Iterator[Diagnostic]:
    for index, visit in enumerate(ctx.schedule.visits):
        at: KeyPath = ("visits", index, "status")
        if visit.status == "held" and visit.earliest > ctx.as_of:
            yield ctx.diagnostic(
                Severity.ERROR,
                Code.STATUS,
                said(
                    "visit `{visit}` is marked held but starts {start}, after {as_of}",
                    visit=visit.id,
                    start=visit.earliest,
                    as_of=ctx.as_of,
                ),
                at,
                visit.earliest,
                visit=visit.id,
            )
        elif visit.status in ("planned", "confirmed") and visit.last_day < ctx.as_of:
            yield ctx.diagnostic(
                Severity.WARNING,
                Code.STATUS,
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
            yield ctx.diagnostic(
                Severity.WARNING,
                Code.STATUS,
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


def overdue_actions(ctx: Context) -> Iterator[Diagnostic]:
    for index, action in enumerate(ctx.schedule.actions):
        if action.status == "open" and action.due is not None and action.due < ctx.as_of:
            yield ctx.diagnostic(
                Severity.WARNING,
                Code.ACTION_OVERDUE,
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

"""Rotation: each counted visit is hosted by the party after the previous host (`alternate`)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, Severity
from schedules.messages import said
from schedules.rules.context import Context
from schedules.rules.seen import Counted, next_host, rotation_order
from schedules.tables import AlternateRule


def alternation(ctx: Context, rule: AlternateRule, seen: list[Counted]) -> Iterator[Diagnostic]:
    order = rotation_order(ctx.schedule, rule)
    for previous, current in pairwise(seen):
        host = current.visit.host
        expected = next_host(order, previous.visit.host)
        if expected is None or host == expected:
            continue
        yield ctx.diagnostic(
            Severity.ERROR,
            Code.ALTERNATION,
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

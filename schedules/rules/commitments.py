"""Commitments: the committed host holds a visit inside the period (`commitment`)."""

from __future__ import annotations

from collections.abc import Iterator

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.messages import Listing, Phrase, Status, said
from schedules.rules.context import Context
from schedules.rules.seen import Counted, commitment_visits, held_by
from schedules.tables import CommitmentRule


def commitment(
    ctx: Context, rule: CommitmentRule, in_window: list[Counted], target: KeyPath
) -> Iterator[Diagnostic]:
    period = rule.when
    inside = commitment_visits(rule, in_window)
    hosted = [c for c in inside if c.visit.host == rule.host]
    ended = period.last < ctx.as_of
    # once the period is over only a held visit keeps the promise; until then a plan will do
    kept = any(held_by(c, ctx.as_of) for c in hosted) if ended else bool(hosted)
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
        yield ctx.diagnostic(
            Severity.ERROR,
            Code.COMMITMENT,
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
        yield ctx.diagnostic(
            Severity.WARNING,
            Code.COMMITMENT,
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

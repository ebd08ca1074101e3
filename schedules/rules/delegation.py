"""Delegations: how many people of one guest party, and how many days (`delegation`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, Severity
from schedules.messages import said
from schedules.rules.context import Context
from schedules.rules.seen import Counted, visit_dates, visit_days
from schedules.tables import DelegationRule


def delegation(
    ctx: Context, rule: DelegationRule, in_window: list[Counted]
) -> Iterator[Diagnostic]:
    parties = ctx.schedule.parties
    for c in in_window:
        visit = c.visit
        if rule.max_people is not None:
            people: dict[str, int] = defaultdict(int)
            for participant in visit.participants:
                people[participant.party] += 1
            for guest in visit.guest_ids(parties):
                if people[guest] > rule.max_people:
                    yield ctx.diagnostic(
                        Severity.ERROR,
                        Code.DELEGATION,
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
            yield ctx.diagnostic(
                Severity.ERROR,
                Code.DELEGATION,
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

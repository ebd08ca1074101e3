"""The words people read in the documents (`visits plan`, `visits report`) and the app's rules
table: dates, durations and rules said in plain English, and the labels of the documents.

Kept in one place so that a translation has one module to follow; JSON and check messages,
which scripts read, never come from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from schedules.dates import Duration, PartialDate
from schedules.model import (
    AlternateRule,
    AnyRule,
    CommitmentRule,
    DelegationRule,
    IntervalRule,
    QuotaRule,
    Schedule,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

LABELS: dict[str, str] = {
    # the plan
    "plan.title": "Plan of delegations for {year}",
    "plan.office": "Office",
    "plan.as_of": "Drawn up on",
    "plan.outgoing": "Outgoing delegations (đoàn ra)",
    "plan.incoming": "Incoming delegations (đoàn vào)",
    "plan.undecided": "Visits due with the host still to be agreed",
    "plan.outgoing.short": "Outgoing",
    "plan.incoming.short": "Incoming",
    "plan.undecided.short": "Host to be agreed",
    "plan.none": "None.",
    "plan.summary": "{out} outgoing and {incoming} incoming delegations; {due} due under the "
    "agreements and not yet planned.",
    "plan.number": "No.",
    "plan.partner": "Partner",
    "plan.purpose": "Purpose",
    "plan.time": "Time",
    "plan.delegation": "Head and size of the delegation",
    "plan.basis": "Basis in the agreements",
    "plan.status": "Status",
    "plan.host": "Host",
    "plan.suggested": "suggested {span}",
    "plan.no_dates": "no dates suggested: {reason}",
    "plan.due_by": "due by {day}",
    "plan.due_on": "due on {day}",
    "plan.due_window": "due {first} to {last}",
    "plan.due_from": "due from {day}",
    "plan.overdue": "overdue since {day}",
    "plan.head_to_be_named": "to be named",
    "plan.people": "{count} people",
    "plan.person": "1 person",
    "plan.days": "{count} days",
    "plan.day": "1 day",
    "plan.not_in_rules": "not counted by any rule",
    "plan.informal": "informal visit",
    "plan.notes": "Notes on the suggested dates",
    "plan.unsettled": "Visits to settle before the next can be planned",
    "plan.unsettled_visit": "{visit} ({partnership}, {when}) is still marked {status} though its "
    "dates have passed: mark it held, postponed or cancelled; until then the agreements ask for "
    "no further visit of its kind.",
    # statuses, for people
    "status.planned": "planned",
    "status.confirmed": "confirmed",
    "status.held": "held",
    "status.postponed": "postponed",
    "status.cancelled": "cancelled",
    "status.due": "due, not yet planned",
}


def label(key: str, **values: object) -> str:
    return LABELS[key].format(**values)


def status_text(status: str) -> str:
    return LABELS.get(f"status.{status}", status)


# --- dates -------------------------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    """`5 July 2027`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: dt.date) -> str:
    """`13 April`."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def date_span(first: dt.date, last: dt.date) -> str:
    """`5 July 2027`, `5–7 July 2027`, `30 June – 2 July 2027`, `30 Dec 2027 – 2 Jan 2028`."""
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{long_date(last)}"
    if first.year == last.year:
        return f"{day_month(first)} – {long_date(last)}"
    return f"{long_date(first)} – {long_date(last)}"


def days_span(first: dt.date, last: dt.date) -> str:
    """`13–16 April`, `30 April – 3 May`: within a year that is already said."""
    if first == last:
        return day_month(first)
    if first.month == last.month:
        return f"{first.day}–{day_month(last)}"
    return f"{day_month(first)} – {day_month(last)}"


def partial_date_text(when: PartialDate) -> str:
    """`2027`, `3rd quarter of 2027`, `July 2027`, `5 July 2027`."""
    if when.precision == "year":
        return str(when.first.year)
    if when.precision == "quarter":
        quarter = (when.first.month - 1) // 3 + 1
        return f"{('1st', '2nd', '3rd', '4th')[quarter - 1]} quarter of {when.first.year}"
    if when.precision == "month":
        return f"{MONTHS[when.first.month - 1]} {when.first.year}"
    return long_date(when.first)


def _counted(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def duration_text(duration: Duration) -> str:
    """`2 years`, `18 months`, `1 year and 6 months`, `90 days`."""
    parts = [
        _counted(n, unit)
        for n, unit in (
            (duration.years, "year"),
            (duration.months, "month"),
            (duration.weeks, "week"),
            (duration.days, "day"),
        )
        if n
    ]
    if not parts:
        return "no time"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# --- rules -------------------------------------------------------------------------------------


def kinds_text(kinds: list[str] | tuple[str, ...]) -> str:
    """Visit kinds as words: `talks or information exchange`."""
    words = [kind.replace("-", " ") for kind in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


_PER = {"year": "a year", "quarter": "a quarter", "month": "a month"}


def rule_in_words(
    schedule: Schedule, rule: AnyRule, party: Callable[[str], str] | None = None
) -> str:
    """What a rule asks for, as a planner would say it: `talks every 2 years`, `the hosts of
    the talks take turns: QT, then SL`. `party` names a party id (default: its short label)."""
    name = party or schedule.party_label
    kinds = kinds_text(rule.visits)
    if isinstance(rule, AlternateRule):
        order = [name(p) for p in (rule.order or list(schedule.parties))]
        return f"the hosts of the {kinds} take turns: {', then '.join(order)}"
    if isinstance(rule, IntervalRule):
        text = f"{kinds} every {duration_text(rule.max)}"
        if rule.max.years == 1 and not (rule.max.months or rule.max.weeks or rule.max.days):
            text = f"{kinds} every year"
        if rule.tolerance:
            text += f", with {duration_text(rule.tolerance)} of grace"
        if rule.min:
            text += f", no sooner than {duration_text(rule.min)} after the last"
        return text
    if isinstance(rule, CommitmentRule):
        when = partial_date_text(rule.when)
        article = "the " if rule.when.precision == "quarter" else ""
        preposition = "on" if rule.when.precision == "day" else "in"
        return f"{kinds} hosted by {name(rule.host)} {preposition} {article}{when}"
    if isinstance(rule, QuotaRule):
        per = _PER[rule.per]
        if rule.min is not None and rule.max is not None and rule.min != rule.max:
            return f"{kinds}: {rule.min} to {rule.max} {per}"
        if rule.min is not None and rule.max is not None:
            return f"{kinds}: {_times(rule.min)} {per}"
        if rule.min is not None:
            return f"{kinds}: at least {_times(rule.min)} {per}"
        if rule.max is not None:
            return f"{kinds}: at most {_times(rule.max)} {per}"
        return f"{kinds}: any number {per}"
    assert isinstance(rule, DelegationRule)
    limits = []
    if rule.max_people is not None:
        limits.append(f"at most {_people(rule.max_people)} in each guest delegation")
    if rule.max_days is not None:
        limits.append(f"at most {_counted(rule.max_days, 'day')} per visit")
    return f"{kinds}: {' and '.join(limits) or 'no limit'}"


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _times(n: int) -> str:
    return {0: "none", 1: "once", 2: "twice"}.get(n, f"{n} times")

"""The words people read in the documents (`visits plan`, `visits report`) and the app's rules
table: dates, durations and rules said in plain English, and the labels of the documents.

Kept in one place so that a translation has one module to follow; JSON and check messages,
which scripts read, never come from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from schedules import i18n
from schedules.dates import Duration, PartialDate
from schedules.i18n import N_, _, ngettext, pgettext
from schedules.messages import visit_status
from schedules.tables import (
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
    "plan.title": N_("Plan of delegations for {year}"),
    "plan.office": N_("Office"),
    "plan.as_of": N_("Drawn up on"),
    "plan.outgoing": N_("Outgoing delegations (đoàn ra)"),
    "plan.incoming": N_("Incoming delegations (đoàn vào)"),
    "plan.undecided": N_("Visits due with the host still to be agreed"),
    "plan.outgoing.short": N_("Outgoing"),
    "plan.incoming.short": N_("Incoming"),
    "plan.undecided.short": N_("Host to be agreed"),
    "plan.none": N_("None."),
    "plan.summary": N_(
        "{out} outgoing and {incoming} incoming delegations; {due} due under the "
        "agreements and not yet planned."
    ),
    "plan.number": N_("No."),
    "plan.partner": N_("Partner"),
    "plan.purpose": N_("Purpose"),
    "plan.time": N_("Time"),
    "plan.delegation": N_("Head and size of the delegation"),
    "plan.basis": N_("Basis in the agreements"),
    "plan.status": N_("Status"),
    "plan.host": N_("Host"),
    "plan.suggested": N_("suggested {span}"),
    "plan.no_dates": N_("no dates suggested: {reason}"),
    "plan.due_by": N_("due by {day}"),
    "plan.due_on": N_("due on {day}"),
    "plan.due_window": N_("due {first} to {last}"),
    "plan.due_from": N_("due from {day}"),
    "plan.overdue": N_("overdue since {day}"),
    "plan.head_to_be_named": N_("to be named"),
    "plan.people": N_("{count} people"),
    "plan.person": N_("1 person"),
    "plan.days": N_("{count} days"),
    "plan.day": N_("1 day"),
    "plan.not_in_rules": N_("not counted by any rule"),
    "plan.informal": N_("informal visit"),
    "plan.notes": N_("Notes on the suggested dates"),
    "plan.unsettled": N_("Visits to settle before the next can be planned"),
    "plan.unsettled_visit": N_(
        "{visit} ({partnership}, {when}) is still marked {status} though its dates have passed: "
        "mark it held, postponed or cancelled; until then the agreements ask for no further "
        "visit of its kind."
    ),
    # statuses, for people
    "status.planned": N_("planned"),
    "status.confirmed": N_("confirmed"),
    "status.held": N_("held"),
    "status.postponed": N_("postponed"),
    "status.cancelled": N_("cancelled"),
    "status.due": N_("due, not yet planned"),
}


def label(key: str, **values: object) -> str:
    """A document's label, in the reader's language."""
    return _(LABELS[key]).format(**values)


def status_text(status: str) -> str:
    if status == "due":
        return label("status.due")
    return visit_status(status)


def _english() -> bool:
    return i18n.current() == "en"


# --- dates -------------------------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    """`5 July 2027`; `ngày 05 tháng 07 năm 2027`, as office documents write it."""
    if not _english():
        return i18n.format_date(day, document=True)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month(day: dt.date) -> str:
    """`13 April`; `13/04`."""
    if not _english():
        return f"{day.day:02d}/{day.month:02d}"
    return f"{day.day} {MONTHS[day.month - 1]}"


def date_span(first: dt.date, last: dt.date) -> str:
    """`5 July 2027`, `5–7 July 2027`, `30 June – 2 July 2027`, `30 Dec 2027 – 2 Jan 2028`."""
    if not _english() and first != last:
        return f"{long_date(first)} – {long_date(last)}"
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
    if not _english():
        return f"{day_month(first)}–{day_month(last)}"
    if first.month == last.month:
        return f"{first.day}–{day_month(last)}"
    return f"{day_month(first)} – {day_month(last)}"


def partial_date_text(when: PartialDate) -> str:
    """`2027`, `3rd quarter of 2027`, `July 2027`, `5 July 2027`."""
    if when.precision == "year":
        return str(when.first.year)
    quarter = (when.first.month - 1) // 3 + 1
    if when.precision == "quarter" and not _english():
        return _("{year}-Q{quarter}").format(year=when.first.year, quarter=quarter)
    if when.precision == "quarter":
        return f"{('1st', '2nd', '3rd', '4th')[quarter - 1]} quarter of {when.first.year}"
    if when.precision == "month" and not _english():
        return _("{year}-{month}").format(year=when.first.year, month=f"{when.first.month:02d}")
    if when.precision == "month":
        return f"{MONTHS[when.first.month - 1]} {when.first.year}"
    return long_date(when.first)


def _counted(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def duration_text(duration: Duration) -> str:
    """`2 years`, `18 months`, `1 year and 6 months`, `90 days`; `2 năm` (CLDR's words)."""
    if not _english():
        return i18n.format_duration(
            years=duration.years, months=duration.months, weeks=duration.weeks, days=duration.days
        )
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
    if len(words) == 1:
        return words[0]
    return _("{choices} or {last}").format(choices=", ".join(words[:-1]), last=words[-1])


_PER = {"year": N_("a year"), "quarter": N_("a quarter"), "month": N_("a month")}


def rule_in_words(
    schedule: Schedule, rule: AnyRule, party: Callable[[str], str] | None = None
) -> str:
    """What a rule asks for, as a planner would say it: `talks every 2 years`, `the hosts of
    the talks take turns: QT, then SL`. `party` names a party id (default: its short label)."""
    name = party or schedule.party_label
    kinds = kinds_text(rule.visits)
    if isinstance(rule, AlternateRule):
        order = [name(p) for p in (rule.order or list(schedule.parties))]
        return _("the hosts of the {kinds} take turns: {order}").format(
            kinds=kinds, order=_(", then ").join(order)
        )
    if isinstance(rule, IntervalRule):
        text = _("{kinds} every {duration}").format(kinds=kinds, duration=duration_text(rule.max))
        if rule.max.years == 1 and not (rule.max.months or rule.max.weeks or rule.max.days):
            text = _("{kinds} every year").format(kinds=kinds)
        if rule.tolerance:
            text += _(", with {duration} of grace").format(duration=duration_text(rule.tolerance))
        if rule.min:
            text += _(", no sooner than {duration} after the last").format(
                duration=duration_text(rule.min)
            )
        return text
    if isinstance(rule, CommitmentRule):
        when = partial_date_text(rule.when)
        if rule.when.precision == "day":
            wording = _("{kinds} hosted by {host} on {when}")
        elif rule.when.precision == "quarter":
            wording = _("{kinds} hosted by {host} in the {when}")
        else:
            wording = _("{kinds} hosted by {host} in {when}")
        return wording.format(kinds=kinds, host=name(rule.host), when=when)
    if isinstance(rule, QuotaRule):
        per = _(_PER[rule.per])
        if rule.min is not None and rule.max is not None and rule.min != rule.max:
            wording = _("{kinds}: {min} to {max} {per}")
        elif rule.min is not None and rule.max is not None:
            wording = _("{kinds}: {times} {per}")
        elif rule.min is not None:
            wording = _("{kinds}: at least {times} {per}")
        elif rule.max is not None:
            wording = _("{kinds}: at most {times} {per}")
        else:
            wording = _("{kinds}: any number {per}")
        times = _times(rule.min if rule.min is not None else (rule.max or 0))
        return wording.format(kinds=kinds, min=rule.min, max=rule.max, times=times, per=per)
    assert isinstance(rule, DelegationRule)
    limits = []
    if rule.max_people is not None:
        limits.append(
            _("at most {people} in each guest delegation").format(people=_people(rule.max_people))
        )
    if rule.max_days is not None:
        days = ngettext("{count} day", "{count} days", rule.max_days).format(count=rule.max_days)
        limits.append(_("at most {days} per visit").format(days=days))
    return _("{kinds}: {limits}").format(
        kinds=kinds, limits=_(" and ").join(limits) or _("no limit")
    )


def _people(n: int) -> str:
    return ngettext("{count} person", "{count} people", n).format(count=n)


def _times(n: int) -> str:
    words = {0: _("none"), 1: _("once"), 2: _("twice")}
    return words.get(n) or ngettext("{count} time", "{count} times", n).format(count=n)


# --- plans and rules, in a word ------------------------------------------------------------


def rule_kind_text(kind: str) -> str:
    """A rule's kind in a word of the reader's language (its `kind` value stays as written
    where the file's own is shown)."""
    words = {
        "alternate": pgettext("rule kind", "alternate"),
        "interval": pgettext("rule kind", "interval"),
        "commitment": pgettext("rule kind", "commitment"),
        "quota": pgettext("rule kind", "quota"),
        "delegation": pgettext("rule kind", "delegation"),
    }
    return words.get(kind, kind)


def state_text(state: str) -> str:
    """What a rule's next visit stands at: `planned`, `late`, `overdue`..."""
    words = {
        "planned": pgettext("next state", "planned"),
        "late": pgettext("next state", "late"),
        "nothing planned": pgettext("next state", "nothing planned"),
        "overdue": pgettext("next state", "overdue"),
        "kept": pgettext("next state", "kept"),
    }
    return words.get(state, state)

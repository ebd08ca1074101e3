"""`visits plan` output: JSON for scripts (contract), a text table for people, and the document
an office sends up for approval, as Markdown or as HTML that prints on A4.

The document has the outgoing and the incoming delegations in two sections, each a numbered
table: partner, purpose, time, head and size of the delegation, basis in the agreements,
status. Its words come from `schedules.words`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from schedules.document import Block, Bullets, Cell, Heading, Paragraph, Span, Table
from schedules.i18n import _, format_date, pgettext
from schedules.next_cmd import table
from schedules.plan import Direction, PlanEntry, YearPlan
from schedules.render import literal
from schedules.tables import Schedule, Visit
from schedules.words import (
    date_span,
    kinds_text,
    label,
    long_date,
    partial_date_text,
    rule_in_words,
    status_text,
)

JSON_VERSION = 1


# --- JSON -----------------------------------------------------------------------------------


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def entry_json(entry: PlanEntry) -> dict[str, Any]:
    visit = entry.visit
    window = entry.window
    suggestion = entry.suggestion
    suggested = None
    if suggestion is not None and suggestion.start is not None:
        suggested = {"start": _day(suggestion.start), "end": _day(suggestion.end)}
    return {
        "direction": entry.direction,
        "partnership": entry.partnership,
        "path": entry.path,
        "visit": visit.id if visit is not None else None,
        "kind": entry.kind,
        "status": entry.status,
        "host": entry.host,
        "guests": list(entry.guests),
        "start": _day(visit.start) if visit is not None else None,
        "end": _day(visit.last_day) if visit is not None and visit.exact else None,
        "when": visit.when.text if visit is not None and visit.when is not None else None,
        "rule": entry.rule,
        "window": (
            {"earliest": _day(window.earliest), "deadline": _day(window.deadline)}
            if window is not None
            else None
        ),
        "suggested": suggested,
        "head": entry.head,
        "people": entry.people,
    }


def render_json(plan: YearPlan) -> str:
    document = {
        "version": JSON_VERSION,
        "home": plan.home,
        "year": plan.year,
        "as_of": plan.as_of.isoformat(),
        "entries": [entry_json(entry) for entry in plan.entries],
        "summary": {"out": plan.count("out"), "in": plan.count("in"), "due": plan.due},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- what each column says ------------------------------------------------------------------


def partner(entry: PlanEntry, short: bool = False) -> str:
    """The other side: the host of an outgoing delegation, the guests of an incoming one (by
    their names, or with `short` their short labels)."""
    schedule = entry.schedule

    def name(party_id: str) -> str:
        party = schedule.parties.get(party_id)
        if party is None:
            return party_id
        return (party.short or party.name) if short else party.name

    if entry.direction == "out" and entry.host is not None:
        return name(entry.host)
    if entry.direction == "in":
        return ", ".join(name(guest) for guest in entry.guests)
    return ", ".join(name(p) for p in schedule.parties if p != entry.home)


def purpose(entry: PlanEntry) -> str:
    if entry.visit is not None and entry.visit.title:
        return entry.visit.title
    kinds = entry.due.kinds if entry.due is not None else (entry.kind,)
    words = kinds_text(kinds)
    return words[:1].upper() + words[1:]


def time_text(entry: PlanEntry) -> str:
    visit = entry.visit
    if visit is not None:
        if visit.when is not None:
            return partial_date_text(visit.when)
        return date_span(visit.earliest, visit.last_day)
    suggestion = entry.suggestion
    if suggestion is not None and suggestion.start is not None and suggestion.end is not None:
        return label("plan.suggested", span=date_span(suggestion.start, suggestion.end))
    return due_text(entry)


def time_cell(entry: PlanEntry) -> Cell:
    """The time, its dates never broken in two."""
    suggestion = entry.suggestion
    if entry.visit is None and suggestion is not None and suggestion.start is not None:
        assert suggestion.end is not None
        before = label("plan.suggested", span="")
        return Cell(date_span(suggestion.start, suggestion.end), "date", before)
    if entry.visit is not None:
        return Cell(time_text(entry), "date")
    return Cell(time_text(entry))


def due_text(entry: PlanEntry) -> str:
    window = entry.window
    if window is None:
        return ""
    if entry.due is not None and entry.due.overdue and window.deadline is not None:
        return label("plan.overdue", day=long_date(window.deadline))
    if window.earliest is not None and window.earliest == window.deadline:
        return label("plan.due_on", day=long_date(window.earliest))
    if window.earliest is not None and window.deadline is not None:
        return label(
            "plan.due_window", first=long_date(window.earliest), last=long_date(window.deadline)
        )
    if window.deadline is not None:
        return label("plan.due_by", day=long_date(window.deadline))
    if window.earliest is not None:
        return label("plan.due_from", day=long_date(window.earliest))
    return ""


def delegation_text(entry: PlanEntry) -> str:
    head = entry.head or label("plan.head_to_be_named")
    if entry.people == 0:
        return head
    size = label("plan.person") if entry.people == 1 else label("plan.people", count=entry.people)
    return f"{head}, {size}"


def basis(entry: PlanEntry) -> str:
    """The agreements and rules the delegation is held under: `Memorandum of 2023: talks
    every 2 years; the hosts of the talks take turns: QT, then SL`."""
    schedule = entry.schedule
    if entry.due is not None:
        wanted = {(plan.agreement, plan.rule) for plan in entry.due.rules}
        pairs = [(a, r) for a, r in schedule.rules() if (a.id, r.id) in wanted]
    else:
        visit = entry.visit
        assert visit is not None
        if not visit.formal:
            return label("plan.informal")
        pairs = [
            (a, r)
            for a, r in schedule.rules()
            if visit.kind in r.visits and a.in_force(visit.earliest)
        ]
    said: dict[str, list[str]] = {}
    for agreement, rule in pairs:
        said.setdefault(agreement.title or agreement.id, []).append(rule_in_words(schedule, rule))
    if not said:
        return label("plan.not_in_rules")
    return " ".join(
        _("{agreement}: {rules}.").format(agreement=title, rules="; ".join(rules))
        for title, rules in said.items()
    )


def status_cell(entry: PlanEntry) -> Cell:
    if entry.due is not None and entry.due.overdue:
        return Cell(due_text(entry), "error")
    if entry.status == "due":
        return Cell(status_text("due"), "warning")
    return Cell(status_text(entry.status), "ok" if entry.status in ("confirmed", "held") else "")


# --- the document -----------------------------------------------------------------------------

SECTIONS: tuple[tuple[Direction | None, str], ...] = (
    ("out", "plan.outgoing"),
    ("in", "plan.incoming"),
    (None, "plan.undecided"),
)
"""The sections of the plan: which entries, under which heading (and `KEY.short` in notes)."""
WIDTHS = ("5%", "14%", "15%", "20%", "14%", "20%", "12%")


def title(plan: YearPlan) -> str:
    return label("plan.title", year=plan.year)


def plan_blocks(plan: YearPlan) -> list[Block]:
    blocks: list[Block] = [Heading(1, title(plan))]
    blocks.append(Paragraph([("strong", f"{label('plan.office')}: "), ("", plan.office)]))
    blocks.append(Paragraph([("strong", f"{label('plan.as_of')}: "), ("", long_date(plan.as_of))]))
    summary = label("plan.summary", out=plan.count("out"), incoming=plan.count("in"), due=plan.due)
    blocks.append(Paragraph([("", summary)]))
    notes: list[list[Span]] = []
    numeral = 0
    for direction, heading in SECTIONS:
        entries = [entry for entry in plan.entries if entry.direction == direction]
        if direction is None and not entries:
            continue
        numeral += 1
        blocks.append(Heading(2, f"{('I', 'II', 'III')[numeral - 1]}. {label(heading)}"))
        if not entries:
            blocks.append(Paragraph([("", label("plan.none"))]))
            continue
        rows = Table(
            tuple(
                label(f"plan.{key}")
                for key in ("number", "partner", "purpose", "time", "delegation", "basis", "status")
            ),
            widths=WIDTHS,
        )
        for number, entry in enumerate(entries, 1):
            rows.rows.append(
                (
                    Cell(str(number), "number"),
                    partner(entry),
                    purpose(entry),
                    time_cell(entry),
                    delegation_text(entry),
                    basis(entry),
                    status_cell(entry),
                )
            )
            if entry.suggestion is not None:
                where = f"{label(heading + '.short')}, {label('plan.number')} {number}: "
                notes.append([("strong", where), ("", suggestion_note(entry))])
        blocks.append(rows)
    if notes:
        blocks.append(Heading(2, label("plan.notes")))
        blocks.append(Bullets(notes))
    if plan.unsettled:
        blocks.append(Heading(2, label("plan.unsettled")))
        blocks.append(Bullets([[("", unsettled_note(s, v))] for s, v in plan.unsettled]))
    return blocks


def unsettled_note(schedule: Schedule, visit: Visit) -> str:
    when = (
        partial_date_text(visit.when) if visit.when else date_span(visit.earliest, visit.last_day)
    )
    return label(
        "plan.unsettled_visit",
        visit=visit.title or visit.id,
        partnership=schedule.partnership.title,
        when=when,
        status=status_text(visit.status),
    )


def suggestion_note(entry: PlanEntry) -> str:
    suggestion = entry.suggestion
    assert suggestion is not None
    if suggestion.start is None:
        return label("plan.no_dates", reason=suggestion.why())
    days = label("plan.day") if suggestion.days == 1 else label("plan.days", count=suggestion.days)
    return f"{time_text(entry)} ({days}): {suggestion.why()}"


# --- text -------------------------------------------------------------------------------------


def text_headers() -> tuple[str, ...]:
    return (
        pgettext("plan column", "no."),
        pgettext("plan column", "time"),
        pgettext("plan column", "partner"),
        pgettext("plan column", "purpose"),
        pgettext("plan column", "head"),
        pgettext("plan column", "people"),
        pgettext("plan column", "status"),
    )


def render_text(plan: YearPlan) -> str:
    lines = [
        _("{title}: {office} ({home}), as of {day}").format(
            title=title(plan),
            office=literal(plan.office),
            home=literal(plan.home),
            day=format_date(plan.as_of),
        )
    ]
    for direction, heading in SECTIONS:
        entries = [entry for entry in plan.entries if entry.direction == direction]
        if direction is None and not entries:
            continue
        lines += ["", f"{label(heading)}: {len(entries)}"]
        if not entries:
            continue
        rows: list[tuple[str, ...]] = [text_headers()]
        for number, entry in enumerate(entries, 1):
            rows.append(
                (
                    str(number),
                    _text_time(entry),
                    partner(entry, short=True),
                    f"{purpose(entry)} ({entry.partnership})",
                    entry.head or "-",
                    str(entry.people),
                    status_cell(entry).text,
                )
            )
        lines.extend(table(rows))
        for number, entry in enumerate(entries, 1):
            if entry.suggestion is not None:
                lines.append(f"  {number}: {literal(suggestion_note(entry))}")
    if plan.unsettled:
        lines += ["", f"{label('plan.unsettled')}:"]
        lines += [f"  - {literal(unsettled_note(s, v))}" for s, v in plan.unsettled]
    summary = label("plan.summary", out=plan.count("out"), incoming=plan.count("in"), due=plan.due)
    lines += ["", summary]
    return "\n".join(lines) + "\n"


def _text_time(entry: PlanEntry) -> str:
    """ISO dates in the terminal: `2027-01-05..2027-01-07`, `2027-Q3`, `due by ...`."""
    dates = entry.dates
    if dates is not None:
        first, last = dates
        shown = format_date(first)
        if first != last:
            shown += f"..{format_date(last)}"
        return shown + (_(" (suggested)") if entry.visit is None else "")
    if entry.visit is not None and entry.visit.when is not None:
        return entry.visit.when.text
    return _("no dates")

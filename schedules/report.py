"""`visits report`: a status report per partnership that a planner can send to leadership.

Per partnership: the agreements and whether they are in force, the visit history, compliance
with each rule (the findings of `visits check`), waived breaches with their reasons, the next
visit due under each rule, and the open actions. The report is built once as plain blocks of
text (`schedules.document`), then written as Markdown or as HTML that prints on A4.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from schedules.command_io import load_schedules, report_problems, write_output
from schedules.diagnostics import Diagnostic
from schedules.document import (
    Block,
    Bullets,
    Cell,
    Heading,
    Paragraph,
    Span,
    Table,
    markdown_code,
    markdown_text,
    render_html,
    render_markdown,
)
from schedules.i18n import _, ngettext, pgettext
from schedules.loader import Document
from schedules.messages import visit_status
from schedules.model import Agreement, Party, Schedule, Visit
from schedules.next_cmd import state_text
from schedules.planning import NextVisit, next_visits
from schedules.report_compliance import compliance_blocks, message_spans
from schedules.words import date_span, long_date, partial_date_text, rule_in_words
from schedules.workspace import check

__all__ = [
    "Heading",
    "Table",
    "markdown_code",
    "markdown_text",
    "render_html",
    "render_markdown",
    "report_blocks",
    "run_report",
]


def run_report(paths: Sequence[str], as_of: dt.date, output_format: str, output: str | None) -> int:
    loaded = load_schedules(paths)
    report_problems(loaded)
    blocks = report_blocks(loaded.documents, as_of)
    title = _("Visits status report as of {day}").format(day=long_date(as_of))
    text = render_html(blocks, title) if output_format == "html" else render_markdown(blocks)
    return max(write_output(text, output), loaded.exit_code)


def report_blocks(documents: Sequence[Document], as_of: dt.date) -> list[Block]:
    """The whole report: one section per valid schedule."""
    findings: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in check(documents, as_of):
        findings[diagnostic.path].append(diagnostic)
    blocks: list[Block] = [
        Heading(1, _("Visits status report as of {day}").format(day=long_date(as_of)))
    ]
    for document in documents:
        if document.schedule is not None:
            blocks += partnership_blocks(
                document.path, document.schedule, findings[document.path], as_of
            )
    return blocks


def partnership_blocks(
    path: str, schedule: Schedule, findings: list[Diagnostic], as_of: dt.date
) -> list[Block]:
    blocks: list[Block] = [Heading(2, schedule.partnership.title)]
    parties = "; ".join(
        party.name + (f" ({', '.join(about)})" if (about := _about(party)) else "")
        for party in schedule.parties.values()
    )
    blocks.append(Paragraph([("strong", _("Parties: ")), ("", parties)]))
    blocks.append(Paragraph([("strong", _("File: ")), ("", path)]))
    if schedule.partnership.notes:
        blocks.append(Paragraph([("strong", _("Notes: ")), ("", schedule.partnership.notes)]))
    blocks += _agreements(schedule, as_of)
    blocks += _history(schedule)
    blocks += compliance_blocks(schedule, findings, as_of)
    blocks += _next(schedule, as_of)
    blocks += _actions(schedule, as_of)
    return blocks


def _agreements(schedule: Schedule, as_of: dt.date) -> list[Block]:
    blocks: list[Block] = [Heading(3, _("Agreements"))]
    if not schedule.agreements:
        return [*blocks, Paragraph([("", _("No agreements recorded."))])]
    if not any(a.in_force(as_of) for a in schedule.agreements):
        none = _("No agreement is in force on {day}.").format(day=long_date(as_of))
        blocks.append(Paragraph([("warning", none)]))
    table = Table(
        (
            pgettext("report column", "Agreement"),
            pgettext("report column", "Signed"),
            pgettext("report column", "Valid"),
            pgettext("report column", "Status"),
        ),
        widths=("46%", "16%", "26%", "12%"),
    )
    for agreement in schedule.agreements:
        status = _agreement_status(agreement, as_of)
        table.rows.append(
            (
                agreement.title or agreement.id,
                Cell(long_date(agreement.signed), "date"),
                _validity(agreement),
                Cell(_agreement_status_text(status), "ok" if status == "in force" else ""),
            )
        )
    return [*blocks, table]


def _history(schedule: Schedule) -> list[Block]:
    blocks: list[Block] = [Heading(3, _("Visit history"))]
    if not schedule.visits:
        return [*blocks, Paragraph([("", _("No visits recorded."))])]
    label = schedule.party_label
    order = sorted(range(len(schedule.visits)), key=lambda i: schedule.visits[i].earliest)
    table = Table(
        (
            pgettext("report column", "Dates"),
            pgettext("report column", "Visit"),
            pgettext("report column", "Host"),
            pgettext("report column", "Guest delegation (head, size)"),
            pgettext("report column", "Place"),
            pgettext("report column", "Status"),
        ),
        widths=("14%", "25%", "14%", "21%", "13%", "13%"),
    )
    for index in order:
        visit = schedule.visits[index]
        status = visit_status(visit.status) + ("" if visit.formal else _(" (informal)"))
        table.rows.append(
            (
                Cell(visit_dates(visit), "date"),
                visit.title or visit.id,
                label(visit.host),
                delegation(schedule, visit),
                visit.place or "",
                status,
            )
        )
    return [*blocks, table]


def visit_dates(visit: Visit) -> str:
    """`5–7 July 2018`, or `2025`, `3rd quarter of 2025`... for a partial date."""
    if visit.when is not None:
        return partial_date_text(visit.when)
    return date_span(visit.earliest, visit.last_day)


def delegation(schedule: Schedule, visit: Visit) -> str:
    """Each guest party's delegation: its head and its size (`QT: Lê Quang Chiến, 4 people`)."""
    parts = []
    for guest in visit.guest_ids(schedule.parties):
        team = [p for p in visit.participants if p.party == guest]
        if not team:
            parts.append(_("{party}: not recorded").format(party=schedule.party_label(guest)))
            continue
        head = next((p.name for p in team if p.role == "head"), _("head not named"))
        size = ngettext("{count} person", "{count} people", len(team)).format(count=len(team))
        parts.append(
            _("{party}: {head}, {size}").format(
                party=schedule.party_label(guest), head=head, size=size
            )
        )
    return "; ".join(parts)


def _next(schedule: Schedule, as_of: dt.date) -> list[Block]:
    blocks: list[Block] = [Heading(3, _("Next visits"))]
    upcoming = next_visits(schedule, as_of)
    if not upcoming:
        text = _("No alternate, interval or commitment rule is in force.")
        return [*blocks, Paragraph([("", text)])]
    table = Table(
        (
            pgettext("report column", "Under the rule"),
            pgettext("report column", "Host"),
            pgettext("report column", "After"),
            pgettext("report column", "Due"),
            pgettext("report column", "Planned"),
            pgettext("report column", "State"),
        ),
        widths=("26%", "15%", "18%", "15%", "15%", "11%"),
    )
    for entry in upcoming:
        table.rows.append(
            (
                _rule_words(schedule, entry.rule),
                schedule.party_label(entry.host) if entry.host else "",
                _visit_title(schedule, entry.after),
                Cell(_due(entry), "date"),
                _visit_title(schedule, entry.planned),
                Cell(
                    state_text(entry.state),
                    {"overdue": "error", "late": "warning"}.get(entry.state, ""),
                ),
            )
        )
    blocks.append(table)
    notes: list[list[Span]] = [
        [
            ("strong", f"{_rule_words(schedule, e.rule)}: "),
            *message_spans(e.said_note.text() if e.said_note else e.note or ""),
        ]
        for e in upcoming
        if e.note
    ]
    if notes:
        blocks.append(Bullets(notes))
    return blocks


def _due(entry: NextVisit) -> str:
    if entry.earliest is not None and entry.deadline is not None:
        return _("{first} to {last}").format(
            first=long_date(entry.earliest), last=long_date(entry.deadline)
        )
    if entry.deadline is not None:
        return _("by {day}").format(day=long_date(entry.deadline))
    if entry.earliest is not None:
        return _("from {day}").format(day=long_date(entry.earliest))
    return ""


def _visit_title(schedule: Schedule, visit_id: str | None) -> str:
    visit = schedule.visit(visit_id) if visit_id else None
    return (visit.title or visit.id) if visit is not None else (visit_id or "")


def _actions(schedule: Schedule, as_of: dt.date) -> list[Block]:
    blocks: list[Block] = [Heading(3, _("Open actions"))]
    actions = [action for action in schedule.actions if action.status == "open"]
    if not actions:
        return [*blocks, Paragraph([("", _("No open actions."))])]
    table = Table(
        (
            pgettext("report column", "What"),
            pgettext("report column", "Owner"),
            pgettext("report column", "From visit"),
            pgettext("report column", "Due"),
        ),
        widths=("50%", "10%", "22%", "18%"),
    )
    for action in actions:
        due: str | Cell = ""
        if action.due is not None:
            late = action.due < as_of
            due = Cell(
                long_date(action.due) + (_(" (overdue)") if late else ""),
                "warning" if late else "date",
            )
        table.rows.append(
            (
                action.text,
                schedule.party_label(action.owner),
                _visit_title(schedule, action.visit),
                due,
            )
        )
    return [*blocks, table]


def _about(party: Party) -> list[str]:
    return [text for text in (party.short, party.country) if text]


def _rule_words(schedule: Schedule, rule_id: str) -> str:
    rule = next((r for _agreement, r in schedule.rules() if r.id == rule_id), None)
    return rule_in_words(schedule, rule) if rule is not None else rule_id


def _validity(agreement: Agreement) -> str:
    if agreement.valid_until is None:
        return _("from {day}, open-ended").format(day=long_date(agreement.starts))
    return _("{first} to {last}").format(
        first=long_date(agreement.starts), last=long_date(agreement.valid_until)
    )


def _agreement_status(agreement: Agreement, as_of: dt.date) -> str:
    if agreement.in_force(as_of):
        return "in force"
    if agreement.ends < as_of:
        return "ended"
    return "not yet in force"


def _agreement_status_text(status: str) -> str:
    words = {
        "in force": pgettext("agreement status", "in force"),
        "ended": pgettext("agreement status", "ended"),
        "not yet in force": pgettext("agreement status", "not yet in force"),
    }
    return words[status]

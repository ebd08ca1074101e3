"""`visits next`: per partnership and rule, who hosts the next visit, by when, and what is planned.

Text is a table for people (aligned by terminal cell width, so Vietnamese and Lao line up);
JSON is for scripts (contract: see docs/planning.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len

from schedules.command_io import load_schedules, report_problems, write_output
from schedules.i18n import _, format_date, pgettext
from schedules.loader import Document
from schedules.model import Schedule
from schedules.planning import NextVisit, next_visits
from schedules.render import literal
from schedules.words import rule_kind_text, state_text

JSON_VERSION = 1

Planned = tuple[Document, Schedule, list[NextVisit]]


def run_next(paths: Sequence[str], as_of: dt.date, output_format: str) -> int:
    loaded = load_schedules(paths)
    report_problems(loaded)
    planned = [
        (document, schedule, next_visits(schedule, as_of))
        for document, schedule in loaded.schedules
    ]
    text = render_json(planned, as_of) if output_format == "json" else render_text(planned, as_of)
    return max(write_output(text, None), loaded.exit_code)


# --- JSON ------------------------------------------------------------------------------------


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def next_visit_json(entry: NextVisit) -> dict[str, Any]:
    return {
        "agreement": entry.agreement,
        "rule": entry.rule,
        "rule_kind": entry.rule_kind,
        "kinds": list(entry.kinds),
        "host": entry.host,
        "guests": list(entry.guests),
        "after": entry.after,
        "earliest": _day(entry.earliest),
        "deadline": _day(entry.deadline),
        "planned": entry.planned,
        "state": entry.state,
        "note": entry.note,
        "lapsed_since": _day(entry.lapsed_since),
    }


def render_json(planned: list[Planned], as_of: dt.date) -> str:
    document = {
        "version": JSON_VERSION,
        "as_of": as_of.isoformat(),
        "partnerships": [
            {
                "path": document.path,
                "partnership": schedule.partnership.id,
                "title": schedule.partnership.title,
                "next": [next_visit_json(entry) for entry in entries],
            }
            for document, schedule, entries in planned
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- text ------------------------------------------------------------------------------------

NOTHING = "-"


def headers() -> tuple[str, ...]:
    """The table's column names, in the reader's language."""
    return (
        pgettext("next column", "agreement"),
        pgettext("next column", "rule"),
        pgettext("next column", "kind"),
        pgettext("next column", "visits"),
        pgettext("next column", "host"),
        pgettext("next column", "after"),
        pgettext("next column", "due"),
        pgettext("next column", "planned"),
        pgettext("next column", "state"),
    )


def due_text(earliest: dt.date | None, deadline: dt.date | None) -> str:
    """`2025-01-01..2025-12-31`, `by 2025-04-04`, `from 2024-04-04`, or `-`."""
    if earliest is not None and deadline is not None:
        return f"{format_date(earliest)}..{format_date(deadline)}"
    if deadline is not None:
        return _("by {day}").format(day=format_date(deadline))
    if earliest is not None:
        return _("from {day}").format(day=format_date(earliest))
    return NOTHING


def host_label(schedule: Schedule, party_id: str | None) -> str:
    """The party's short label, else its id (full names are too long for a table)."""
    if party_id is None:
        return NOTHING
    party = schedule.parties.get(party_id)
    return party.short if party is not None and party.short else party_id


def table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows padded to the terminal width of each cell (combining marks take no cell; wide
    characters take two), after escaping control characters."""
    shown = [tuple(literal(cell) for cell in row) for row in rows]
    widths = [max(cell_len(row[i]) for row in shown) for i in range(len(shown[0]))]
    lines = []
    for row in shown:
        cells = [cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row)]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def render_text(planned: list[Planned], as_of: dt.date) -> str:
    lines = [_("Next visits as of {day}").format(day=format_date(as_of))]
    for document, schedule, entries in planned:
        lines.append("")
        lines.append(f"{literal(schedule.partnership.title)} ({literal(document.path)})")
        if not entries:
            lines.append(f"  {_no_rules(schedule, as_of)}")
            continue
        lapsed = next((e for e in entries if e.lapsed_since is not None), None)
        if lapsed is not None:
            assert lapsed.lapsed_since is not None
            lapsed_line = _(
                "no memorandum in force since {day}: the rotation of agreement {agreement} "
                "continues"
            ).format(day=format_date(lapsed.lapsed_since), agreement=literal(lapsed.agreement))
            lines.append(f"  {lapsed_line}")
        rows = [headers()]
        rows += [
            (
                entry.agreement,
                entry.rule,
                rule_kind_text(entry.rule_kind),
                ", ".join(entry.kinds),
                host_label(schedule, entry.host),
                entry.after or NOTHING,
                due_text(entry.earliest, entry.deadline),
                entry.planned or NOTHING,
                state_text(entry.state),
            )
            for entry in entries
        ]
        lines.extend(table(rows))
        for entry in entries:
            if entry.note:
                note = entry.said_note.text() if entry.said_note else entry.note
                on = _("note on {rule}: {note}").format(
                    rule=literal(entry.rule), note=literal(note)
                )
                lines.append(f"  {on}")
    return "\n".join(lines) + "\n"


def _no_rules(schedule: Schedule, as_of: dt.date) -> str:
    ended = [a for a in schedule.agreements if a.ends < as_of and a.rules]
    if ended:
        last = max(ended, key=lambda a: a.ends)
        return _(
            "no alternate, interval or commitment rule in force: agreement {agreement} ended {day}"
        ).format(agreement=literal(last.id), day=format_date(last.ends))
    return _("no alternate, interval or commitment rule")

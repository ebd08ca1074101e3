"""Hover: what an id, a duration or a partial date under the cursor means."""

from __future__ import annotations

import re

from schedules.codes import WAIVABLE
from schedules.dates import Duration, PartialDate
from schedules.lsp.analysis import Analysis
from schedules.lsp.ids import Defined, Target, find
from schedules.model import QuotaRule, Schedule
from schedules.planning import NextVisit, continuing_visits, next_visits

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")


def literal(text: object) -> str:
    """File text shown as itself in Markdown (no emphasis, links or HTML from it)."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"``{text}``"


def hover_text(analysis: Analysis, target: Target) -> str | None:
    """Markdown for the target, or None when there is nothing to say."""
    if target.kind == "duration":
        return _duration(target.text)
    if target.kind == "partial-date":
        return _partial_date(target.text)
    data = analysis.document.data
    if target.kind == "rule-or-code":
        rule = find(data, "rule", target.text)
        if rule is not None:
            return _rule(analysis, rule)
        if target.text in WAIVABLE:
            return f"the built-in check {code(target.text)}"
        return None
    kind = target.id_kind
    defined = find(data, kind, target.text) if kind is not None else None
    if defined is None:
        return None
    if defined.kind == "party":
        return _party(defined)
    if defined.kind == "rule":
        return _rule(analysis, defined)
    if defined.kind == "visit":
        return _visit(defined)
    return _titled(defined)


def _party(defined: Defined) -> str:
    table = defined.table
    lines = [f"**{literal(table.get('name', defined.ident))}**", ""]
    details = [f"party {code(defined.ident)}"]
    if isinstance(table.get("short"), str):
        details.append(f"short {literal(table['short'])}")
    if isinstance(table.get("country"), str):
        details.append(f"country {literal(table['country'])}")
    lines.append(" · ".join(details))
    return "\n".join(lines)


def _visit(defined: Defined) -> str:
    table = defined.table
    title = table.get("title") or table.get("kind") or defined.ident
    dates = table.get("when") or _span(table.get("start"), table.get("end"))
    details = [f"visit {code(defined.ident)}"]
    for label, key in (("hosted by", "host"), ("status", "status")):
        if isinstance(table.get(key), str):
            details.append(f"{label} {code(table[key])}")
    if dates:
        details.append(literal(dates))
    return f"**{literal(title)}**\n\n" + " · ".join(details)


def _span(start: object, end: object) -> str | None:
    if start is None:
        return None
    return f"{start} to {end}" if end is not None and end != start else str(start)


def _titled(defined: Defined) -> str:
    title = defined.table.get("title") or defined.table.get("text") or defined.ident
    return f"**{literal(title)}**\n\n{defined.kind} {code(defined.ident)}"


def _rule(analysis: Analysis, defined: Defined) -> str:
    table = defined.table
    kind = table.get("kind")
    lines = [f"**rule {code(defined.ident)}**" + (f" ({literal(kind)})" if kind else "")]
    if isinstance(table.get("description"), str):
        lines += ["", literal(table["description"])]
    lines += ["", _next_deadline(analysis.document.schedule, defined.ident, analysis)]
    return "\n".join(lines)


def _next_deadline(schedule: Schedule | None, rule_id: str, analysis: Analysis) -> str:
    if schedule is None or not analysis.document.ok:
        return "Its next deadline is shown once the file has no input errors."
    found = _next_of(next_visits(schedule, analysis.as_of), rule_id)
    if found is None:
        found = _next_of(continuing_visits(schedule, analysis.as_of), rule_id)
    if found is None:
        return _no_deadline(schedule, rule_id)
    parts = []
    if found.host is not None:
        parts.append(f"hosted by {code(found.host)}")
    if found.earliest is not None and found.deadline is not None:
        parts.append(f"between {found.earliest} and {found.deadline}")
    elif found.deadline is not None:
        parts.append(f"by {found.deadline}")
    text = "Next visit: " + (", ".join(parts) or "no deadline set")
    if found.state == "kept" and found.planned is not None:
        text += f" — kept by {code(found.planned)}"
    elif found.planned is not None:
        text += f" — planned: {code(found.planned)}"
    elif found.state == "overdue":
        text += " — overdue: nothing is planned"
    else:
        text += " — nothing planned yet"
    if found.note:
        text += f" ({literal(found.note)})"
    return text + "."


def _no_deadline(schedule: Schedule, rule_id: str) -> str:
    for agreement, rule in schedule.rules():
        if rule.id != rule_id:
            continue
        if isinstance(rule, QuotaRule):
            low = "" if rule.min is None else f"at least {rule.min}"
            high = "" if rule.max is None else f"at most {rule.max}"
            count = " and ".join(part for part in (low, high) if part) or "any number of"
            return f"A quota: {count} visits per {rule.per}; it sets no deadline."
        if agreement.valid_until is not None:
            return (
                f"Its agreement {code(agreement.id)} ended on {agreement.valid_until}: "
                "it sets no deadline now."
            )
    return "It sets no deadline now."


def _next_of(found: list[NextVisit], rule_id: str) -> NextVisit | None:
    return next((entry for entry in found if entry.rule == rule_id), None)


_UNITS = (("years", "year"), ("months", "month"), ("weeks", "week"), ("days", "day"))


def _duration(text: str) -> str:
    try:
        duration = Duration.parse(text)
    except ValueError as error:
        return literal(error)
    parts = [
        f"{count} {singular if count == 1 else plural}"
        for plural, singular in _UNITS
        if (count := getattr(duration, plural))
    ]
    return f"{code(text)}: " + (" ".join(parts) if parts else "no time at all")


def _partial_date(text: str) -> str:
    try:
        period = PartialDate.parse(text)
    except ValueError as error:
        return literal(error)
    if period.first == period.last:
        return f"{code(text)}: {period.first}"
    return f"{code(text)}: {period.first} to {period.last} (a {period.precision})"

"""Hover: what an id, a duration or a partial date under the cursor means, in the server's
language (ids and other file text as written)."""

from __future__ import annotations

import datetime as dt
import re

from schedules import i18n
from schedules.codes import WAIVABLE
from schedules.dates import Duration, PartialDate
from schedules.i18n import N_, _, pgettext
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
            return _("the built-in check {code}").format(code=code(target.text))
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
    details = [_("party {id}").format(id=code(defined.ident))]
    if isinstance(table.get("short"), str):
        details.append(_("short {name}").format(name=literal(table["short"])))
    if isinstance(table.get("country"), str):
        details.append(_("country {code}").format(code=literal(table["country"])))
    lines.append(" · ".join(details))
    return "\n".join(lines)


def _visit(defined: Defined) -> str:
    table = defined.table
    title = table.get("title") or table.get("kind") or defined.ident
    dates = table.get("when") or _span(table.get("start"), table.get("end"))
    details = [_("visit {id}").format(id=code(defined.ident))]
    if isinstance(table.get("host"), str):
        details.append(_("hosted by {party}").format(party=code(table["host"])))
    if isinstance(table.get("status"), str):
        details.append(_("status {status}").format(status=code(table["status"])))
    if dates:
        details.append(literal(dates))
    return f"**{literal(title)}**\n\n" + " · ".join(details)


def _span(start: object, end: object) -> str | None:
    if start is None:
        return None
    if end is None or end == start:
        return _shown_date(start)
    return _("{start} to {end}").format(start=_shown_date(start), end=_shown_date(end))


def _shown_date(day: object) -> str:
    """A date in the reader's way (ISO in English); anything else as written."""
    return i18n.format_date(day) if isinstance(day, dt.date) else str(day)


def _titled(defined: Defined) -> str:
    title = defined.table.get("title") or defined.table.get("text") or defined.ident
    wording = _TITLED.get(defined.kind)
    ident = code(defined.ident)
    said = _(wording).format(id=ident) if wording else f"{defined.kind} {ident}"
    return f"**{literal(title)}**\n\n{said}"


_TITLED = {
    "agreement": N_("agreement {id}"),
    "action": N_("action {id}"),
    "waiver": N_("waiver {id}"),
    "visit": N_("visit {id}"),
    "party": N_("party {id}"),
    "rule": N_("rule {id}"),
}


def _rule(analysis: Analysis, defined: Defined) -> str:
    table = defined.table
    kind = table.get("kind")
    heading = _("rule {id}").format(id=code(defined.ident))
    lines = [f"**{heading}**" + (f" ({literal(kind)})" if kind else "")]
    if isinstance(table.get("description"), str):
        lines += ["", literal(table["description"])]
    lines += ["", _next_deadline(analysis.document.schedule, defined.ident, analysis)]
    return "\n".join(lines)


def _next_deadline(schedule: Schedule | None, rule_id: str, analysis: Analysis) -> str:
    if schedule is None or not analysis.document.ok:
        return _("Its next deadline is shown once the file has no input errors.")
    found = _next_of(next_visits(schedule, analysis.as_of), rule_id)
    if found is None:
        found = _next_of(continuing_visits(schedule, analysis.as_of), rule_id)
    if found is None:
        return _no_deadline(schedule, rule_id)
    parts = []
    if found.host is not None:
        parts.append(_("hosted by {party}").format(party=code(found.host)))
    if found.earliest is not None and found.deadline is not None:
        parts.append(
            _("between {earliest} and {deadline}").format(
                earliest=_shown_date(found.earliest), deadline=_shown_date(found.deadline)
            )
        )
    elif found.deadline is not None:
        parts.append(_("by {deadline}").format(deadline=_shown_date(found.deadline)))
    # Translators: the next visit a rule asks for, in the editor: who hosts it and by when
    text = _("Next visit: {what}").format(what=", ".join(parts) or _("no deadline set"))
    if found.state == "kept" and found.planned is not None:
        text += _(" — kept by {visit}").format(visit=code(found.planned))
    elif found.planned is not None:
        text += _(" — planned: {visit}").format(visit=code(found.planned))
    elif found.state == "overdue":
        text += _(" — overdue: nothing is planned")
    else:
        text += _(" — nothing planned yet")
    note = found.said_note.text() if found.said_note is not None else found.note
    if note:
        text += f" ({literal(note)})"
    return text + "."


def _no_deadline(schedule: Schedule, rule_id: str) -> str:
    for agreement, rule in schedule.rules():
        if rule.id != rule_id:
            continue
        if isinstance(rule, QuotaRule):
            per = _PERIODS[rule.per]
            if rule.min is not None and rule.max is not None:
                wording = N_(
                    "A quota: at least {min} and at most {max} visits per {per}; it sets no "
                    "deadline."
                )
            elif rule.min is not None:
                wording = N_("A quota: at least {min} visits per {per}; it sets no deadline.")
            elif rule.max is not None:
                wording = N_("A quota: at most {max} visits per {per}; it sets no deadline.")
            else:
                wording = N_("A quota: any number of visits per {per}; it sets no deadline.")
            return _(wording).format(min=rule.min, max=rule.max, per=_(per))
        if agreement.valid_until is not None:
            return _("Its agreement {id} ended on {day}: it sets no deadline now.").format(
                id=code(agreement.id), day=_shown_date(agreement.valid_until)
            )
    return _("It sets no deadline now.")


# Translators: the period of a quota, in "visits per year"
_PERIODS = {"year": N_("year"), "quarter": N_("quarter"), "month": N_("month")}


def _next_of(found: list[NextVisit], rule_id: str) -> NextVisit | None:
    return next((entry for entry in found if entry.rule == rule_id), None)


_UNITS = ("years", "months", "weeks", "days")


def _duration(text: str) -> str:
    try:
        duration = Duration.parse(text)
    except ValueError as error:
        return literal(error)
    counts = {unit: getattr(duration, unit) for unit in _UNITS}
    if not any(counts.values()):
        return f"{code(text)}: " + _("no time at all")
    if i18n.current() != "en":
        return f"{code(text)}: " + i18n.format_duration(**counts)
    parts = [
        f"{count} {unit if count != 1 else unit[:-1]}" for unit, count in counts.items() if count
    ]
    return f"{code(text)}: " + " ".join(parts)


def _partial_date(text: str) -> str:
    try:
        period = PartialDate.parse(text)
    except ValueError as error:
        return literal(error)
    if period.first == period.last:
        return f"{code(text)}: {_shown_date(period.first)}"
    span = _("{start} to {end}").format(
        start=_shown_date(period.first), end=_shown_date(period.last)
    )
    # Translators: what a partial date like 2025-Q3 stands for, after its first and last day
    precisions = {
        "year": pgettext("partial date", "a year"),
        "quarter": pgettext("partial date", "a quarter"),
        "month": pgettext("partial date", "a month"),
        "day": pgettext("partial date", "a day"),
    }
    return f"{code(text)}: {span} ({precisions[period.precision]})"

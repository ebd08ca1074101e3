"""The compliance section of `visits report`: each rule with its result, the findings of
`visits check` worded for leadership, and the waived breaches with their reasons."""

from __future__ import annotations

import datetime as dt

from schedules.diagnostics import Diagnostic, Severity
from schedules.document import Block, Bullets, Cell, Heading, Paragraph, Span, Table
from schedules.i18n import _, ngettext, pgettext
from schedules.model import CommitmentRule, Schedule
from schedules.rules import commitment_kept, counted_visits
from schedules.words import rule_in_words


def compliance_blocks(
    schedule: Schedule, findings: list[Diagnostic], as_of: dt.date
) -> list[Block]:
    blocks: list[Block] = [Heading(3, _("Compliance with the rules"))]
    live = [d for d in findings if not d.waived]
    waived = [d for d in findings if d.waived]
    rules = schedule.rules()
    if rules:
        table = Table(
            (
                pgettext("report column", "The agreement asks for"),
                pgettext("report column", "Agreement"),
                pgettext("report column", "Result"),
            ),
            widths=("52%", "30%", "18%"),
        )
        counted = counted_visits(schedule)
        for agreement, rule in rules:
            # a commitment is met only by a held visit; a plan for it is just a plan
            met = "met"
            if isinstance(rule, CommitmentRule) and not commitment_kept(
                agreement, rule, counted, as_of
            ):
                met = "planned, not yet held"
            table.rows.append(
                (
                    rule_in_words(schedule, rule),
                    agreement.title or agreement.id,
                    Cell(_result(rule.id, findings, met), _result_mark(rule.id, findings, met)),
                )
            )
        blocks.append(table)
    else:
        blocks.append(Paragraph([("", _("No rules recorded."))]))
    rule_findings = [d for d in live if d.rule is not None]
    if rule_findings:
        blocks.append(Bullets([_finding(d) for d in rule_findings]))
    other = [d for d in live if d.rule is None]
    if other:
        blocks.append(Paragraph([("strong", _("Other findings"))]))
        blocks.append(Bullets([_finding(d) for d in other]))

    blocks.append(Heading(3, _("Waived breaches")))
    if waived:
        blocks.append(
            Bullets(
                [[*_finding(d), ("strong", _(" Waived: ")), ("", d.reason or "")] for d in waived]
            )
        )
    else:
        blocks.append(Paragraph([("", _("None."))]))
    return blocks


def _result_mark(rule_id: str, findings: list[Diagnostic], met: str = "met") -> str:
    """How the result of a rule is marked: errors, else warnings, else met (a commitment only
    planned is not marked as met)."""
    live = {d.severity for d in findings if d.rule == rule_id and not d.waived}
    if Severity.ERROR in live:
        return "error"
    if Severity.WARNING in live:
        return "warning"
    return "ok" if met == "met" else ""


def _result(rule_id: str, findings: list[Diagnostic], met: str = "met") -> str:
    mine = [d for d in findings if d.rule == rule_id]
    errors = sum(1 for d in mine if not d.waived and d.severity is Severity.ERROR)
    warnings = sum(1 for d in mine if not d.waived and d.severity is Severity.WARNING)
    waived = sum(1 for d in mine if d.waived)
    parts = []
    if errors:
        parts.append(ngettext("{count} error", "{count} errors", errors).format(count=errors))
    if warnings:
        parts.append(
            ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
        )
    met_text = _("met") if met == "met" else _("planned, not yet held")
    result = ", ".join(parts) if parts else met_text
    return result + (_(" ({count} waived)").format(count=waived) if waived else "")


def _finding(diagnostic: Diagnostic) -> list[Span]:
    """`✖ Error (interval): message`, marked so that it stands out on paper too."""
    if diagnostic.severity is Severity.ERROR:
        mark = ("error", _("✖ Error ({code}): ").format(code=diagnostic.code))
    else:
        mark = ("warning", _("⚠ Warning ({code}): ").format(code=diagnostic.code))
    return [mark, *message_spans(diagnostic.text)]


def message_spans(message: str) -> list[Span]:
    """A check message with its `ids` as code spans (odd pieces between backticks)."""
    pieces = message.split("`")
    if len(pieces) % 2 == 0:  # unpaired: an id with a backtick in it; show it all as text
        return [("", message)]
    return [("code" if i % 2 else "", piece) for i, piece in enumerate(pieces) if piece]

"""`visits report`: a status report per partnership that a planner can send to leadership.

Per partnership: the agreements and whether they are in force, the visit history, compliance
with each rule (the findings of `visits check`), waived breaches with their reasons, the next
visit due under each rule, and the open actions. The report is built once as plain blocks of
text, then written as Markdown or HTML, each escaping the text from the files its own way.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from schedules.command_io import load_schedules, report_problems, write_output
from schedules.diagnostics import Diagnostic, Severity
from schedules.loader import Document
from schedules.model import (
    Agreement,
    AlternateRule,
    AnyRule,
    CommitmentRule,
    DelegationRule,
    IntervalRule,
    QuotaRule,
    Schedule,
)
from schedules.next_cmd import due_text
from schedules.planning import next_visits
from schedules.render import literal
from schedules.rules import check, commitment_kept, counted_visits

# --- the report as blocks ----------------------------------------------------------------------

Span = tuple[str, str]
"""(style, text): style is "", "strong" or "code"; text is plain text, escaped when rendered.
Code spans are never put in table cells (GitHub's tables split them at `|`)."""


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    spans: list[Span]


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Bullets:
    items: list[list[Span]]


Block = Heading | Paragraph | Table | Bullets


def run_report(paths: Sequence[str], as_of: dt.date, output_format: str, output: str | None) -> int:
    loaded = load_schedules(paths)
    report_problems(loaded)
    blocks = report_blocks(loaded.documents, as_of)
    title = f"Visits status report as of {as_of.isoformat()}"
    text = render_html(blocks, title) if output_format == "html" else render_markdown(blocks)
    return max(write_output(text, output), loaded.exit_code)


def report_blocks(documents: Sequence[Document], as_of: dt.date) -> list[Block]:
    """The whole report: one section per valid schedule."""
    findings: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in check(documents, as_of):
        findings[diagnostic.path].append(diagnostic)
    blocks: list[Block] = [Heading(1, f"Visits status report as of {as_of.isoformat()}")]
    for document in documents:
        if document.schedule is not None:
            blocks += partnership_blocks(
                document.path, document.schedule, findings[document.path], as_of
            )
    return blocks


def partnership_blocks(
    path: str, schedule: Schedule, findings: list[Diagnostic], as_of: dt.date
) -> list[Block]:
    label = schedule.party_label
    blocks: list[Block] = [Heading(2, schedule.partnership.title)]
    parties = "; ".join(
        party.name + (f" ({party.country})" if party.country else "")
        for party in schedule.parties.values()
    )
    blocks.append(Paragraph([("strong", "Parties: "), ("", parties)]))
    blocks.append(Paragraph([("strong", "File: "), ("", path)]))
    if schedule.partnership.notes:
        blocks.append(Paragraph([("strong", "Notes: "), ("", schedule.partnership.notes)]))

    blocks.append(Heading(3, "Agreements"))
    if schedule.agreements:
        in_force = [a for a in schedule.agreements if a.in_force(as_of)]
        if not in_force:
            blocks.append(Paragraph([("strong", f"No agreement is in force on {as_of}.")]))
        table = Table(("Agreement", "Title", "Signed", "Valid", "Status"))
        for agreement in schedule.agreements:
            table.rows.append(
                (
                    agreement.id,
                    agreement.title or "",
                    agreement.signed.isoformat(),
                    _validity(agreement),
                    _agreement_status(agreement, as_of),
                )
            )
        blocks.append(table)
    else:
        blocks.append(Paragraph([("", "No agreements recorded.")]))

    blocks.append(Heading(3, "Visit history"))
    if schedule.visits:
        order = sorted(range(len(schedule.visits)), key=lambda i: schedule.visits[i].earliest)
        table = Table(("Dates", "Visit", "Host", "Guests", "Place", "Status"))
        for index in order:
            visit = schedule.visits[index]
            guests = ", ".join(label(g) for g in visit.guest_ids(schedule.parties))
            status = visit.status + ("" if visit.formal else " (informal)")
            table.rows.append(
                (
                    visit.dates_text(),
                    visit.title or visit.id,
                    label(visit.host),
                    guests,
                    visit.place or "",
                    status,
                )
            )
        blocks.append(table)
    else:
        blocks.append(Paragraph([("", "No visits recorded.")]))

    blocks.append(Heading(3, "Compliance with the rules"))
    live = [d for d in findings if not d.waived]
    waived = [d for d in findings if d.waived]
    rules = schedule.rules()
    if rules:
        table = Table(("Rule", "Agreement", "Asks for", "Result"))
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
                    rule.id,
                    agreement.id,
                    rule_summary(schedule, rule),
                    _result(rule.id, findings, met),
                )
            )
        blocks.append(table)
    else:
        blocks.append(Paragraph([("", "No rules recorded.")]))
    rule_findings = [d for d in live if d.rule is not None]
    if rule_findings:
        blocks.append(Bullets([_finding(d) for d in rule_findings]))
    other = [d for d in live if d.rule is None]
    if other:
        blocks.append(Paragraph([("strong", "Other findings")]))
        blocks.append(Bullets([_finding(d) for d in other]))

    blocks.append(Heading(3, "Waived breaches"))
    if waived:
        blocks.append(
            Bullets([[*_finding(d), ("strong", " Waived: "), ("", d.reason or "")] for d in waived])
        )
    else:
        blocks.append(Paragraph([("", "None.")]))

    blocks.append(Heading(3, "Next visits"))
    upcoming = next_visits(schedule, as_of)
    if upcoming:
        table = Table(("Rule", "Host", "After", "Due", "Planned", "State"))
        for entry in upcoming:
            table.rows.append(
                (
                    entry.rule,
                    label(entry.host) if entry.host else "",
                    entry.after or "",
                    due_text(entry.earliest, entry.deadline),
                    entry.planned or "",
                    entry.state,
                )
            )
        blocks.append(table)
        notes = [[("strong", f"{e.rule}: "), *message_spans(e.note)] for e in upcoming if e.note]
        if notes:
            blocks.append(Bullets(notes))
    else:
        blocks.append(Paragraph([("", "No alternate, interval or commitment rule is in force.")]))

    blocks.append(Heading(3, "Open actions"))
    actions = [action for action in schedule.actions if action.status == "open"]
    if actions:
        table = Table(("Action", "What", "Owner", "From visit", "Due"))
        for action in actions:
            due = ""
            if action.due is not None:
                late = " (overdue)" if action.due < as_of else ""
                due = action.due.isoformat() + late
            table.rows.append(
                (action.id, action.text, label(action.owner), action.visit or "", due)
            )
        blocks.append(table)
    else:
        blocks.append(Paragraph([("", "No open actions.")]))
    return blocks


def _validity(agreement: Agreement) -> str:
    until = agreement.valid_until.isoformat() if agreement.valid_until else "open-ended"
    return f"{agreement.starts.isoformat()} to {until}"


def _agreement_status(agreement: Agreement, as_of: dt.date) -> str:
    if agreement.in_force(as_of):
        return "in force"
    if agreement.ends < as_of:
        return "ended"
    return "not yet in force"


def rule_summary(schedule: Schedule, rule: AnyRule) -> str:
    """What a rule asks for, in a few words."""
    kinds = ", ".join(rule.visits)
    if isinstance(rule, AlternateRule):
        order = rule.order or list(schedule.parties)
        return f"{kinds}: hosts take turns ({' → '.join(schedule.party_label(p) for p in order)})"
    if isinstance(rule, IntervalRule):
        text = f"{kinds}: at most {rule.max} apart"
        if rule.tolerance:
            text += f" (+ {rule.tolerance} tolerance)"
        if rule.min:
            text += f", at least {rule.min}"
        return text
    if isinstance(rule, CommitmentRule):
        return f"{kinds}: hosted by {schedule.party_label(rule.host)} in {rule.when}"
    if isinstance(rule, DelegationRule):
        limits = []
        if rule.max_people is not None:
            limits.append(f"at most {rule.max_people} people per guest delegation")
        if rule.max_days is not None:
            limits.append(f"at most {rule.max_days} days per visit")
        return f"{kinds}: {' and '.join(limits)}"
    assert isinstance(rule, QuotaRule)
    bounds = []
    if rule.min is not None:
        bounds.append(f"at least {rule.min}")
    if rule.max is not None:
        bounds.append(f"at most {rule.max}")
    return f"{kinds}: {' and '.join(bounds)} per {rule.per}"


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _result(rule_id: str, findings: list[Diagnostic], met: str = "met") -> str:
    mine = [d for d in findings if d.rule == rule_id]
    errors = sum(1 for d in mine if not d.waived and d.severity is Severity.ERROR)
    warnings = sum(1 for d in mine if not d.waived and d.severity is Severity.WARNING)
    waived = sum(1 for d in mine if d.waived)
    parts = []
    if errors:
        parts.append(_counted(errors, "error"))
    if warnings:
        parts.append(_counted(warnings, "warning"))
    result = ", ".join(parts) if parts else met
    return result + (f" ({waived} waived)" if waived else "")


def _finding(diagnostic: Diagnostic) -> list[Span]:
    severity = "Error" if diagnostic.severity is Severity.ERROR else "Warning"
    return [("strong", f"{severity} ({diagnostic.code}): "), *message_spans(diagnostic.message)]


def message_spans(message: str) -> list[Span]:
    """A check message with its `ids` as code spans (odd pieces between backticks)."""
    pieces = message.split("`")
    if len(pieces) % 2 == 0:  # unpaired: an id with a backtick in it; show it all as text
        return [("", message)]
    return [("code" if i % 2 else "", piece) for i, piece in enumerate(pieces) if piece]


# --- Markdown -----------------------------------------------------------------------------------

# characters that could start emphasis, code, links, HTML, entities, tables or math
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
# what would make a line a heading, quote, list or rule where the text starts a line
_BLOCK_START = re.compile(r"^([>+=-]|\d+[.)])")


def plain(text: str) -> str:
    """One line of text: white space collapsed (one space kept at either end), control
    characters shown escaped."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return literal(f"{lead}{inner}{trail}")


def markdown_text(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
    return _BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped)


def markdown_code(text: str) -> str:
    """A code span: its content is literal, so only the backtick fence needs care."""
    content = plain(text).strip()
    fence = "`" * (max((len(run) for run in re.findall("`+", content)), default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def _markdown_spans(spans: list[Span]) -> str:
    parts = []
    for style, text in spans:
        if style == "code" and text.strip():
            parts.append(markdown_code(text))
            continue
        shown = markdown_text(text)
        if style == "strong" and shown.strip():
            # emphasis delimiters must touch the text: keep outer spaces outside them
            lead, core, trail = _split_space(shown)
            parts.append(f"{lead}**{core}**{trail}")
        else:
            parts.append(shown)
    return "".join(parts)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip(" ")
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {markdown_text(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(_markdown_spans(block.spans))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_markdown_spans(item)}" for item in block.items))
        else:
            rows = [block.headers, *block.rows]
            lines = ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows]
            lines.insert(1, "|" + "|".join(" --- " for _ in block.headers) + "|")
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_STYLE = """\
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.4; color: #1a1a1a; }
h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }"""


def html_text(text: str) -> str:
    return html.escape(plain(text), quote=True)


_HTML_TAGS = {"strong": "strong", "code": "code"}


def _html_spans(spans: list[Span]) -> str:
    parts = []
    for style, text in spans:
        tag = _HTML_TAGS.get(style)
        parts.append(f"<{tag}>{html_text(text)}</{tag}>" if tag else html_text(text))
    return "".join(parts)


def render_html(blocks: list[Block], title: str) -> str:
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_html_spans(block.spans)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_html_spans(item)}</li>" for item in block.items)
            body.append(f"<ul>{items}</ul>")
        else:
            head = "".join(f"<th>{html_text(h)}</th>" for h in block.headers)
            rows = "".join(
                "<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_text(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

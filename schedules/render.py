"""Output formats of `visits check`: text for people, JSON for scripts, GitHub annotations for CI.

Text from the files is data: control characters are shown escaped and nothing is ever
interpreted as markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

from schedules.diagnostics import Diagnostic, Severity
from schedules.i18n import _, ngettext
from schedules.workspace import Report

JSON_VERSION = 1

# C0/C1 controls, DEL, and the bidirectional overrides that can reorder a terminal line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def literal(text: str) -> str:
    """`text` with control characters escaped (`\\x1b`, `\\u202e`), tabs and newlines as `\\t` and
    `\\n` when `keep_lines` is off, so that nothing from a file can move or restyle the terminal."""
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text


def summary(report: Report, *, show_waived: bool = False) -> str:
    """`3 files checked: 1 error, 2 warnings (1 waived)`, in the reader's language."""
    files = ngettext("{count} file", "{count} files", len(report.checked))
    errors = ngettext("{count} error", "{count} errors", report.count(Severity.ERROR))
    warnings = ngettext("{count} warning", "{count} warnings", report.count(Severity.WARNING))
    line = _("{files} checked: {errors}, {warnings}").format(
        files=files.format(count=len(report.checked)),
        errors=errors.format(count=report.count(Severity.ERROR)),
        warnings=warnings.format(count=report.count(Severity.WARNING)),
    )
    if report.waived and show_waived:
        line += _(" ({count} waived)").format(count=report.waived)
    elif report.waived:
        line += _(" ({count} waived, shown with --show-waived)").format(count=report.waived)
    return line


def _waived(reason: str | None) -> str:
    return _(" (waived: {reason})").format(reason=literal(reason or ""))


def render_text(report: Report, *, color: bool = False, show_waived: bool = False) -> str:
    style = _Style(color)
    lines: list[str] = []
    by_path = {document.path: document for document in report.documents}
    # diagnostics come file by file: split each file into lines once, and only while it is shown
    shown_path, shown_lines = "", list[str]()
    for diagnostic in report.diagnostics:
        if diagnostic.waived and not show_waived:
            continue
        where = literal(diagnostic.path)
        if diagnostic.line is not None:
            where += f":{diagnostic.line}:{diagnostic.column or 1}"
        severity = diagnostic.severity.value
        label = style(
            f"{severity}[{diagnostic.code}]",
            "1;31" if diagnostic.severity is Severity.ERROR else "1;33",
        )
        waived = style(_waived(diagnostic.reason), "2") if diagnostic.waived else ""
        lines.append(f"{style(where, '1')}: {label}{waived} {literal(diagnostic.text)}")
        document = by_path.get(diagnostic.path)
        if document is not None and document.text is not None and diagnostic.line is not None:
            if diagnostic.path != shown_path:
                shown_path, shown_lines = diagnostic.path, document.text.split("\n")
            if diagnostic.line <= len(shown_lines):
                source_line = shown_lines[diagnostic.line - 1].removesuffix("\r")
                lines.extend(_snippet(source_line, diagnostic, style))
    lines.append(style(summary(report, show_waived=show_waived), "1"))
    return "\n".join(lines) + "\n"


def _snippet(source_line: str, diagnostic: Diagnostic, style: _Style) -> list[str]:
    if not source_line.strip():
        return []
    number = str(diagnostic.line)
    gutter = " " * len(number)
    column = max(1, diagnostic.column or 1)
    # the caret goes under the same character once escapes have widened the line before it
    shown_before = literal(source_line[: column - 1])
    caret_pad = "".join("\t" if ch == "\t" else " " for ch in shown_before)
    caret_style = "1;31" if diagnostic.severity is Severity.ERROR else "1;33"
    return [
        style(f"{gutter} |", "34"),
        f"{style(f'{number} |', '34')} {literal(source_line)}",
        f"{style(f'{gutter} |', '34')} {caret_pad}{style('^', caret_style)}",
    ]


def diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "visit": diagnostic.visit,
        "date": diagnostic.date.isoformat() if diagnostic.date else None,
        "message": diagnostic.message,
        "waived": diagnostic.waived,
        "reason": diagnostic.reason,
    }


_DIAGNOSTICS = "\x00diagnostics"  # where the list goes: no file text can be this JSON string


def render_json(report: Report) -> str:
    document = {
        "version": JSON_VERSION,
        "as_of": report.as_of.isoformat(),
        "files": [
            {
                "path": f.path,
                "partnership": f.partnership,
                "errors": f.errors,
                "warnings": f.warnings,
                "skipped": f.skipped,
            }
            for f in report.files
        ],
        "diagnostics": _DIAGNOSTICS,
        "summary": {
            "files": len(report.checked),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "waived": report.waived,
        },
    }
    # one diagnostic per line, by the C encoder (indenting runs in pure Python: a file can
    # produce 120,000 diagnostics, 8 s of indenting)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    items = ",\n    ".join(encode(diagnostic_json(d)) for d in report.diagnostics)
    listed = f"[\n    {items}\n  ]" if items else "[]"
    text = json.dumps(document, ensure_ascii=False, indent=2).replace(
        json.dumps(_DIAGNOSTICS), listed, 1
    )
    # the same strings, but DEL, C1 controls and bidi overrides written as \u escapes: a JSON
    # report shown in a terminal must not be reordered or restyled either
    return _UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n"


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report, *, show_waived: bool = False) -> str:
    lines = []
    for d in report.diagnostics:
        if d.waived and not show_waived:
            continue
        command = "notice" if d.waived else d.severity.value
        props = [f"file={_github_property(d.path)}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        title = f"visits {d.code}" + (_(" (waived)") if d.waived else "")
        props.append(f"title={_github_property(title)}")
        message = literal(d.text) + (_waived(d.reason) if d.waived else "")
        lines.append(f"::{command} {','.join(props)}::{_github_data(message)}")
    return "".join(line + "\n" for line in lines)

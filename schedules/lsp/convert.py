"""`visits check` diagnostics as LSP diagnostics, each with the fix its message names, if any."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from schedules.dates import toml_quoted
from schedules.diagnostics import Diagnostic, Severity
from schedules.i18n import _
from schedules.lsp.text import Lines, Token, tokens
from schedules.messages import DID_YOU_MEAN, Said, parts

SOURCE = "visits"

_UNKNOWN_KEY = frozenset(
    {
        "key `{key}` is not known{suggestion}",
        "key `{key}` is not known at the top of the file{suggestion}",
    }
)
"""The ids of the loader's messages about a key that is not known: their suggestion replaces
the key, every other suggestion the value."""
_BARE_KEY = re.compile(r"[A-Za-z0-9_\-]+")


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the text at `range` with `text`: what "did you mean" proposes."""

    title: str
    range: types.Range
    text: str


@dataclass(frozen=True, slots=True)
class Published:
    diagnostic: types.Diagnostic
    fix: Fix | None


def severity(diagnostic: Diagnostic) -> types.DiagnosticSeverity:
    if diagnostic.waived:
        return types.DiagnosticSeverity.Information
    if diagnostic.severity is Severity.ERROR:
        return types.DiagnosticSeverity.Error
    return types.DiagnosticSeverity.Warning


def message(diagnostic: Diagnostic) -> str:
    """The message in the server's language (`schedules.i18n`, chosen as for every command)."""
    if diagnostic.waived:
        # Translators: a diagnostic a waiver covers, in the editor, with the waiver's reason
        return _("{message} (waived: {reason})").format(
            message=diagnostic.text, reason=diagnostic.reason
        )
    return diagnostic.text


def convert(diagnostics: list[Diagnostic], lines: Lines) -> list[Published]:
    return [_convert(diagnostic, lines) for diagnostic in diagnostics]


def _convert(diagnostic: Diagnostic, lines: Lines) -> Published:
    line = max((diagnostic.line or 1) - 1, 0)
    column = max((diagnostic.column or 1) - 1, 0)
    row = tokens(lines.line(line))
    at = next((t for t in row if t.start <= column < t.end and t.kind != "punct"), None)
    end = _end_of(row, at, column, len(lines.line(line)))
    lsp_range = types.Range(start=lines.position(line, column), end=lines.position(line, end))
    published = types.Diagnostic(
        range=lsp_range,
        message=message(diagnostic),
        severity=severity(diagnostic),
        code=diagnostic.code,
        source=SOURCE,
    )
    return Published(published, _fix(diagnostic, lines, line, row, at))


def _end_of(row: list[Token], at: Token | None, column: int, length: int) -> int:
    """Where the diagnostic's range ends: its key's value, or its token, or the line's end."""
    if at is None:
        return length if column < length else column
    after = [t for t in row if t.start >= at.end]
    if after and after[0].text == "=" and len(after) > 1:
        value = after[1]
        if value.text in "[{":
            return length  # an array or inline table: to the end of the line
        return value.end
    return at.end


def _fix(
    diagnostic: Diagnostic, lines: Lines, line: int, row: list[Token], at: Token | None
) -> Fix | None:
    if diagnostic.said is None or at is None:
        return None
    found = _suggestion(diagnostic)
    if found is None:
        return None
    wanted, about_a_key = found
    if about_a_key:
        target, text = at, wanted if _BARE_KEY.fullmatch(wanted) else toml_quoted(wanted)
    else:
        after = [t for t in row if t.start >= at.end]
        is_key = bool(after) and after[0].text == "="
        target = after[1] if is_key and len(after) > 1 else at
        if target.kind == "punct":
            return None
        text = toml_quoted(wanted) if target.kind == "string" else wanted
    fix_range = types.Range(
        start=lines.position(line, target.start), end=lines.position(line, target.end)
    )
    # Translators: a quick fix in the editor, e.g. Replace with `host`
    return Fix(_("Replace with `{text}`").format(text=wanted), fix_range, text)


def _suggestion(diagnostic: Diagnostic) -> tuple[str, bool] | None:
    """What "did you mean" proposes, found by message id (in every language), and whether it
    names a key (rather than a value)."""
    if diagnostic.said is None:
        return None
    for part in parts(diagnostic.said):
        suggestion = next(
            (v for v in part.params.values() if isinstance(v, Said) and v.msgid == DID_YOU_MEAN),
            None,
        )
        if suggestion is not None:
            option = suggestion.params.get("option")
            return (option, part.msgid in _UNKNOWN_KEY) if isinstance(option, str) else None
    return None

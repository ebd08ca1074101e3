"""Diagnostics: what a check found, where, and how the command exits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

from schedules.codes import INPUT, Code, Severity

if TYPE_CHECKING:
    from schedules.messages import Said

KeyPath = tuple[str | int, ...]

__all__ = ["Code", "Diagnostic", "ExitCode", "KeyPath", "Severity", "exit_code"]


class ExitCode(IntEnum):
    """`visits check` exit statuses (contract)."""

    OK = 0
    """No unwaived errors (warnings allowed unless --strict)."""
    FAILED = 1
    """At least one unwaived error, or with --strict a warning."""
    INPUT_ERROR = 2
    """A file could not be read or is not a valid schedule, or the command line is wrong."""
    INTERNAL_ERROR = 3
    """A bug in visits: never mistaken for a clean pass or a rule violation."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, at a place in one file.

    `target` is the key path in the TOML document the finding is about (for the app to jump
    to); `line` and `column` are where that path is written, filled in by the loader.
    `message` is the English wording scripts read; `said` is the same message as an id and
    parameters, put into the reader's language by `text`.
    """

    path: str
    severity: Severity
    code: str
    message: str
    line: int | None = None
    column: int | None = None
    rule: str | None = None
    visit: str | None = None
    action: str | None = None
    date: dt.date | None = None
    waived: bool = False
    reason: str | None = None
    target: KeyPath = field(default=(), compare=False)
    said: Said | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """The message in the reader's language."""
        return self.message if self.said is None else self.said.text()

    @property
    def is_input_error(self) -> bool:
        return self.code in INPUT

    @property
    def counts(self) -> bool:
        """Counts toward the exit status (not waived)."""
        return not self.waived

    @classmethod
    def worded(
        cls,
        path: str,
        severity: Severity,
        code: Code,
        message: Said,
        *,
        line: int | None = None,
        column: int | None = None,
        rule: str | None = None,
        visit: str | None = None,
        action: str | None = None,
        date: dt.date | None = None,
        target: KeyPath = (),
    ) -> Diagnostic:
        """A finding worded as a message id and parameters (its English `message` from them)."""
        return cls(
            path,
            severity,
            code,
            message.english(),
            line=line,
            column=column,
            rule=rule,
            visit=visit,
            action=action,
            date=date,
            target=target,
            said=message,
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.code, self.message)


def exit_code(diagnostics: list[Diagnostic], *, strict: bool = False) -> ExitCode:
    """Input errors win over rule errors; waived diagnostics never count."""
    live = [d for d in diagnostics if d.counts]
    if any(d.is_input_error for d in live):
        return ExitCode.INPUT_ERROR
    if any(d.severity is Severity.ERROR for d in live):
        return ExitCode.FAILED
    if strict and live:
        return ExitCode.FAILED
    return ExitCode.OK

"""What the planning commands (`next`, `export`, `report`) share: reading the schedules they are
given, reporting input errors the way `visits check` does, and writing their output."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from schedules.atomic import write_atomically
from schedules.diagnostics import Diagnostic, ExitCode
from schedules.i18n import _
from schedules.loader import Document
from schedules.model import Schedule
from schedules.render import literal
from schedules.workspace import duplicate_partnerships, load_all


@dataclass
class Loaded:
    """The valid schedules under some paths, and the input errors of the others."""

    documents: list[Document]
    problems: list[Diagnostic]

    @property
    def schedules(self) -> list[tuple[Document, Schedule]]:
        return [(d, d.schedule) for d in self.documents if d.schedule is not None]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.INPUT_ERROR if self.problems else ExitCode.OK


def load_schedules(paths: Sequence[str]) -> Loaded:
    """Like `visits check`: directories are searched for schedules, other TOML files skipped."""
    documents, _skipped = load_all(paths)
    problems = [problem for document in documents for problem in document.problems]
    duplicates = duplicate_partnerships(documents)
    problems.extend(duplicates.values())
    valid = [d for d in documents if d.ok and d.path not in duplicates]
    return Loaded(valid, problems)


def diagnostic_line(diagnostic: Diagnostic) -> str:
    """`path:line:col: error[code] message`, as `visits check` prints it."""
    where = literal(diagnostic.path)
    if diagnostic.line is not None:
        where += f":{diagnostic.line}:{diagnostic.column or 1}"
    severity = diagnostic.severity.value
    return f"{where}: {severity}[{diagnostic.code}] {literal(diagnostic.text)}"


def report_problems(loaded: Loaded) -> None:
    """Input errors on stderr; the files that have them are left out of the output."""
    for problem in loaded.problems:
        sys.stderr.write(diagnostic_line(problem) + "\n")
    if not loaded.documents and not loaded.problems:
        sys.stderr.write("visits: " + _("no schedule files found") + "\n")


def write_output(data: str | bytes, output: str | None) -> ExitCode:
    """To stdout, or to a file replaced atomically so that a failed run leaves the old one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return ExitCode.OK
    try:
        write_atomically(output, payload)
    except OSError as error:
        reason = error.strerror or str(error)
        sys.stderr.write(
            "visits: "
            + _("cannot write {file}: {reason}").format(file=literal(output), reason=reason)
            + "\n"
        )
        return ExitCode.INPUT_ERROR
    return ExitCode.OK

"""What the planning commands (`next`, `export`, `report`) share: reading the schedules they are
given, reporting input errors the way `visits check` does, and writing their output."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schedules.diagnostics import Diagnostic, ExitCode
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
    return f"{where}: {severity}[{diagnostic.code}] {literal(diagnostic.message)}"


def report_problems(loaded: Loaded) -> None:
    """Input errors on stderr; the files that have them are left out of the output."""
    for problem in loaded.problems:
        sys.stderr.write(diagnostic_line(problem) + "\n")
    if not loaded.documents and not loaded.problems:
        sys.stderr.write("visits: no schedule files found\n")


def write_output(data: str | bytes, output: str | None) -> ExitCode:
    """To stdout, or to a file replaced atomically so that a failed run leaves the old one."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return ExitCode.OK
    target = Path(output)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary).chmod(_file_mode(target))
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        reason = error.strerror or str(error)
        sys.stderr.write(f"visits: cannot write {literal(output)}: {reason}\n")
        return ExitCode.INPUT_ERROR
    return ExitCode.OK


def _file_mode(target: Path) -> int:
    """The mode the file has, or the one a new file gets (mkstemp's is owner-only)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask

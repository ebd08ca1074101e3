"""Finding schedule files and checking them together."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schedules.diagnostics import Diagnostic, ExitCode, Severity, exit_code
from schedules.loader import Document, load_file
from schedules.rules import check


@dataclass
class CheckedFile:
    path: str
    partnership: str | None
    skipped: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.counts and d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.counts and d.severity is Severity.WARNING)


@dataclass
class Report:
    """What `visits check` found in all the files it was given."""

    as_of: dt.date
    files: list[CheckedFile]
    documents: list[Document]
    diagnostics: list[Diagnostic]

    @property
    def checked(self) -> list[CheckedFile]:
        return [f for f in self.files if not f.skipped]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.counts and d.severity is severity)

    @property
    def waived(self) -> int:
        return sum(1 for d in self.diagnostics if d.waived)

    def exit_code(self, *, strict: bool = False) -> ExitCode:
        return exit_code(self.diagnostics, strict=strict)


def discover(paths: Iterable[str]) -> list[tuple[str, bool]]:
    """(path, named explicitly) for each file to read: directories are searched for `*.toml`
    recursively in sorted order, skipping hidden directories."""
    found: list[tuple[str, bool]] = []
    for given in paths:
        if not Path(given).is_dir():
            found.append((given, True))
            continue
        for root, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(
                (os.path.join(root, name), False)  # noqa: PTH118 - keeps the path as the user wrote it
                for name in sorted(files)
                if name.endswith(".toml") and not name.startswith(".")
            )
    return found


def load_all(paths: Sequence[str]) -> tuple[list[Document], list[CheckedFile]]:
    """Load every schedule under `paths`; TOML files found in directories that are not
    schedules are listed as skipped."""
    documents: list[Document] = []
    files: list[CheckedFile] = []
    seen: set[str] = set()
    for path, explicit in discover(paths):
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        document = load_file(path)
        if not explicit and not document.is_schedule:
            files.append(CheckedFile(path, None, skipped=True))
            continue
        documents.append(document)
    return documents, files


def run_check(paths: Sequence[str], as_of: dt.date) -> Report:
    documents, skipped = load_all(paths)
    diagnostics = [problem for document in documents for problem in document.problems]
    diagnostics.extend(check(documents, as_of))
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    files = [
        CheckedFile(
            document.path,
            document.schedule.partnership.id if document.schedule else _partnership_id(document),
            diagnostics=by_path.get(document.path, []),
        )
        for document in documents
    ]
    order = {document.path: index for index, document in enumerate(documents)}
    diagnostics.sort(key=lambda d: (order.get(d.path, 0), d.line or 0, d.column or 0, d.code))
    return Report(as_of, files + skipped, documents, diagnostics)


def _partnership_id(document: Document) -> str | None:
    partnership = (document.data or {}).get("partnership")
    ident = partnership.get("id") if isinstance(partnership, dict) else None
    return ident if isinstance(ident, str) else None

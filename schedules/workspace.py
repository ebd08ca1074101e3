"""Finding schedule files and checking them together."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schedules.diagnostics import Diagnostic, ExitCode, Severity, exit_code
from schedules.loader import Document, load_file
from schedules.messages import said
from schedules.rules import Booking, apply_waivers, bookings, check, check_schedule, double_bookings

if TYPE_CHECKING:
    from schedules.model import Waiver


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


def _unique(found: Iterable[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    """Each file once, however many times and ways it was named."""
    seen: set[str] = set()
    for path, explicit in found:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            yield path, explicit


def load_all(paths: Sequence[str]) -> tuple[list[Document], list[CheckedFile]]:
    """Load every schedule under `paths`; TOML files found in directories that are not
    schedules are listed as skipped."""
    documents: list[Document] = []
    files: list[CheckedFile] = []
    for path, explicit in _unique(discover(paths)):
        document = load_file(path)
        if not explicit and not document.is_schedule:
            files.append(CheckedFile(path, None, skipped=True))
            continue
        documents.append(document)
    return documents, files


def _in_report_order(documents: Sequence[Document], diagnostics: list[Diagnostic]) -> None:
    """By file (in the given order), line, column and code: the order `visits check` prints."""
    order = {document.path: index for index, document in enumerate(documents)}
    diagnostics.sort(key=lambda d: (order.get(d.path, 0), d.line or 0, d.column or 0, d.code))


def duplicate_partnerships(
    documents: Sequence[Document], ids: Mapping[str, str | None] | None = None
) -> dict[str, Diagnostic]:
    """A `reference` error for each file whose partnership id a file before it (in sorted
    order) already uses, by path: the rules of one partnership cannot be split over files.
    `ids`, when given, are the partnership ids by path (of documents whose data is gone)."""
    first_with: dict[str, str] = {}
    found: dict[str, Diagnostic] = {}
    for document in sorted(documents, key=lambda d: d.path):
        ident = _partnership_id(document) if ids is None else ids.get(document.path)
        if ident is None:
            continue
        other = first_with.setdefault(ident, document.path)
        if other != document.path:
            where = document.locate(("partnership", "id"))
            message = said(
                "[partnership]: id `{id}` is already the id of {other}, checked together with "
                "this file: give each partnership its own id",
                id=ident,
                other=other,
            )
            found[document.path] = Diagnostic(
                document.path,
                Severity.ERROR,
                "reference",
                message.english(),
                said=message,
                line=where.line,
                column=where.column,
                target=("partnership", "id"),
            )
    return found


def check_documents(
    documents: Sequence[Document], as_of: dt.date, *, release_sources: bool = False
) -> list[Diagnostic]:
    """What `visits check` reports on these documents, in the order it prints them: each
    file's input problems and rule diagnostics, by file (in the given order), line, column
    and code. A file whose partnership id an earlier one has is not checked further."""
    duplicates = duplicate_partnerships(documents)
    diagnostics = [problem for document in documents for problem in document.problems]
    diagnostics.extend(duplicates.values())
    checked = [document for document in documents if document.path not in duplicates]
    diagnostics.extend(check(checked, as_of, release_sources=release_sources))
    _in_report_order(documents, diagnostics)
    return diagnostics


def run_check(paths: Sequence[str], as_of: dt.date, *, lean: bool = False) -> Report:
    """Check every schedule under `paths`.

    `lean` is for a one-off run over a large tree: each file is checked as soon as it is read,
    and only its text (for snippets), its diagnostics and who takes part in what (for
    double-booking across files) are kept. The report is the same.
    """
    if lean:
        return _run_check_lean(paths, as_of)
    documents, skipped = load_all(paths)
    diagnostics = check_documents(documents, as_of)
    names = {document.path: _partnership_id(document) for document in documents}
    return _report(as_of, documents, skipped, diagnostics, names)


def _run_check_lean(paths: Sequence[str], as_of: dt.date) -> Report:
    documents: list[Document] = []
    skipped: list[CheckedFile] = []
    diagnostics: list[Diagnostic] = []
    names: dict[str, str | None] = {}
    waivers: dict[str, list[Waiver]] = {}
    everyone: list[Booking] = []
    for path, explicit in _unique(discover(paths)):
        document = load_file(path, keep_data=False, lean=True)
        if not explicit and not document.is_schedule:
            skipped.append(CheckedFile(path, None, skipped=True))
            continue
        names[path] = _partnership_id(document)
        diagnostics.extend(document.problems)
        schedule = document.schedule
        if document.ok and schedule is not None:
            found = apply_waivers(schedule.waivers, list(check_schedule(schedule, path, as_of)))
            diagnostics.extend(map(document.place, found))
            # not located: of thousands of bookings, the few reported are placed at the end
            everyone.extend(bookings(schedule, path))
            waivers[path] = schedule.waivers
        tables = document.arrays() if document.ok else None
        document.release_sourcemap()
        # keep only what the report shows: the text, for snippets, and the arrays' sizes, to
        # place a double-booking by mapping only its visit's table
        documents.append(Document(path=document.path, text=document.text, tables=tables))
    by_path = {document.path: document for document in documents}
    duplicates = duplicate_partnerships(documents, names)
    if duplicates:  # those files stop at their input error: drop what their rules found
        diagnostics = [d for d in diagnostics if d.path not in duplicates or d.is_input_error]
        diagnostics.extend(duplicates.values())
        everyone = [booking for booking in everyone if booking.path not in duplicates]
    for diagnostic in double_bookings(everyone):
        # at the participant's key (or, when it cannot be found, its visit's)
        located = by_path[diagnostic.path].place(diagnostic)
        diagnostics.extend(apply_waivers(waivers[diagnostic.path], [located]))
    _in_report_order(documents, diagnostics)
    return _report(as_of, documents, skipped, diagnostics, names)


def _report(
    as_of: dt.date,
    documents: list[Document],
    skipped: list[CheckedFile],
    diagnostics: list[Diagnostic],
    names: dict[str, str | None],
) -> Report:
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    files = [
        CheckedFile(
            document.path, names.get(document.path), diagnostics=by_path.get(document.path, [])
        )
        for document in documents
    ]
    return Report(as_of, files + skipped, documents, diagnostics)


def _partnership_id(document: Document) -> str | None:
    if document.schedule is not None:
        return document.schedule.partnership.id
    partnership = (document.data or {}).get("partnership")
    ident = partnership.get("id") if isinstance(partnership, dict) else None
    return ident if isinstance(ident, str) else None

"""Finding schedule files and checking them together."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, ExitCode, Severity, exit_code
from schedules.loader import Document, load_file
from schedules.messages import said
from schedules.rules import Booking, apply_waivers, bookings, check_schedule, double_bookings

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


def load_all(
    paths: Sequence[str], *, lean: bool = False
) -> tuple[list[Document], list[CheckedFile]]:
    """Load every schedule under `paths`, keeping their data (with `lean`, their schedules
    made of the lean classes, see `Document.schedule`); TOML files found in directories that
    are not schedules are listed as skipped."""
    skipped: list[CheckedFile] = []
    return list(_schedules(paths, skipped, lean=lean)), skipped


def _schedules(
    paths: Sequence[str],
    skipped: list[CheckedFile],
    *,
    keep_data: bool = True,
    lean: bool = False,
) -> Iterator[Document]:
    """Each schedule under `paths`, read when asked for; the TOML files found in directories
    that are not schedules go to `skipped`; with `lean`, into the lean classes (see
    `Document.schedule`)."""
    for path, explicit in _unique(discover(paths)):
        document = load_file(path, keep_data=keep_data, lean=lean)
        if not explicit and not document.is_schedule:
            skipped.append(CheckedFile(path, None, skipped=True))
            continue
        yield document


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
            found[document.path] = Diagnostic.worded(
                document.path,
                Severity.ERROR,
                Code.REFERENCE,
                message,
                line=where.line,
                column=where.column,
                target=("partnership", "id"),
            )
    return found


@dataclass
class _Checked:
    """What the pipeline found, and the documents it kept (in the lean mode, only their text
    and their arrays' sizes)."""

    documents: list[Document]
    diagnostics: list[Diagnostic]
    names: dict[str, str | None]


def check_documents(
    documents: Iterable[Document], as_of: dt.date, *, lean: bool = False
) -> list[Diagnostic]:
    """What `visits check` reports on these documents, in the order it prints them: each
    file's input problems and rule diagnostics, by file (in the given order), line, column
    and code. A file whose partnership id an earlier one has is not checked further.

    The one entrance of the check pipeline. `lean` is its streaming mode, for a one-off run
    over a large tree: each document is checked as soon as it comes (give a generator), and
    then only its text (for snippets), its diagnostics and who takes part in what (for
    double-booking across files) are kept. The diagnostics are the same."""
    return _check(documents, as_of, lean=lean).diagnostics


def check(documents: Iterable[Document], as_of: dt.date) -> list[Diagnostic]:
    """The rule and built-in findings of `check_documents` (no input errors), sorted by file
    path, line, column, code and message."""
    found = [d for d in check_documents(documents, as_of) if not d.is_input_error]
    return sorted(found, key=Diagnostic.sort_key)


def _check(documents: Iterable[Document], as_of: dt.date, *, lean: bool) -> _Checked:
    kept: list[Document] = []
    problems: list[Diagnostic] = []
    findings: list[Diagnostic] = []
    names: dict[str, str | None] = {}
    waivers: dict[str, Sequence[Waiver]] = {}
    everyone: list[Booking] = []
    for document in documents:
        path = document.path
        names[path] = _partnership_id(document)
        problems.extend(document.problems)
        schedule = document.schedule
        if document.ok and schedule is not None:
            found = apply_waivers(schedule.waivers, list(check_schedule(schedule, path, as_of)))
            findings.extend(map(document.place, found))
            # not located: of thousands of bookings, the few reported are placed at the end
            everyone.extend(bookings(schedule, path))
            waivers[path] = schedule.waivers
        if lean:
            tables = document.arrays() if document.ok else None
            document.release_sourcemap()
            # keep only what the report shows: the text, for snippets, and the arrays' sizes,
            # to place a double-booking by mapping only its visit's table
            document = Document(path=document.path, text=document.text, tables=tables)
        kept.append(document)
    duplicates = duplicate_partnerships(kept, names)
    if duplicates:  # those files stop at their input error: drop what their rules found
        findings = [d for d in findings if d.path not in duplicates]
        everyone = [booking for booking in everyone if booking.path not in duplicates]
    by_path = {document.path: document for document in kept}
    for diagnostic in double_bookings(everyone):
        # at the participant's key (or, when it cannot be found, its visit's)
        located = by_path[diagnostic.path].place(diagnostic)
        findings.extend(apply_waivers(waivers[diagnostic.path], [located]))
    diagnostics = [*problems, *duplicates.values(), *sorted(findings, key=Diagnostic.sort_key)]
    _in_report_order(kept, diagnostics)
    return _Checked(kept, diagnostics, names)


def run_check(paths: Sequence[str], as_of: dt.date, *, lean: bool = False) -> Report:
    """Check every schedule under `paths` (`lean`: in the streaming mode of `check_documents`,
    each file read only when the one before it is checked). The report is the same."""
    skipped: list[CheckedFile] = []
    checked = _check(_schedules(paths, skipped, keep_data=not lean, lean=lean), as_of, lean=lean)
    return _report(as_of, checked.documents, skipped, checked.diagnostics, checked.names)


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

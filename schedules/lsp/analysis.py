"""Checking an open document as `visits check` on its folder would, from its unsaved text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from schedules.diagnostics import Diagnostic
from schedules.loader import Document
from schedules.lsp.folder import Booked, Folder, people_of
from schedules.lsp.parsing import IncrementalParser
from schedules.model import Schedule
from schedules.workspace import check_documents


@dataclass(frozen=True)
class Analysis:
    """One version of an open document, checked."""

    text: str
    document: Document
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """What `visits check` reports for this document, in its order; none for a TOML file
    that is not a schedule."""
    as_of: dt.date = field(default_factory=dt.date.today)

    @property
    def is_schedule(self) -> bool:
        return self.document.is_schedule


class _People:
    """Who can be double-booked in each of a schedule's visits, worked out again only for the
    visits that changed (an edit keeps the other visits' very models)."""

    def __init__(self) -> None:
        self._known: dict[int, Booked] = {}

    def of(self, schedule: Schedule) -> list[Booked]:
        known: dict[int, Booked] = {}
        for visit in schedule.visits:
            entry = self._known.get(id(visit))
            if entry is None or entry[0] is not visit:
                entry = (visit, people_of(visit))
            known[id(visit)] = entry
        self._known = known
        return [entry for entry in known.values() if entry[1]]


class Checker:
    """Checks successive versions of one document: only the edited tables are parsed again,
    the folder's other files come from its cache."""

    def __init__(self, path: Path | None, folder: Folder | None) -> None:
        self.path = path
        self.folder = folder
        self.shown = path.name if path is not None else "untitled.toml"
        """How the document is named in diagnostics (as `visits check` in its folder would)."""
        self._parser = IncrementalParser()
        self._previous: Document | None = None
        self._people = _People()

    def check(self, text: str, as_of: dt.date) -> Analysis:
        """The diagnostics of `text` (the loader reports bad input as diagnostics, never raises)."""
        document = self._parser.load(text, self.shown, previous=self._previous)
        if document.data is not None:
            self._previous = document
        if not document.is_schedule:
            return Analysis(text, document, [], as_of)
        before: list[Document] = []
        after: list[Document] = []
        if self.folder is not None and self.path is not None:
            schedule = document.schedule
            booked = self._people.of(schedule) if schedule is not None and document.ok else []
            before, after = self.folder.around(self.path, booked)
        together = [*before, document, *after]
        found = check_documents(together, as_of)
        return Analysis(text, document, [d for d in found if d.path == self.shown], as_of)

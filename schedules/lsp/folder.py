"""The other schedule files of an edited file's folder, as `visits check` on the folder sees them.

Each file is read once and kept until its modification time or size changes: its partnership
id, its parties, and, for each person, the visits that can double-book them (counted, with
exact dates). For a check of the edited document, each file becomes a stand-in `Document` with
only the visits of the people the edited document has in its own such visits, and no
agreements, actions or problems of its own. Checked together with the edited document
(`workspace.check_documents`), the stand-ins give it every diagnostic that spans files
(double-booking, duplicate partnership ids) at a small cost; only the edited document's own
diagnostics are kept.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schedules.loader import Document, load_file
from schedules.model import Partnership, Party, Schedule, Visit
from schedules.rules import bookings
from schedules.workspace import discover

Booked = tuple[Visit, frozenset[str]]
"""A visit of the edited document that can double-book people, and who they are."""


class _File:
    """What a check of another file needs from one file of the folder."""

    def __init__(
        self,
        path: str,
        data: dict[str, Any] | None = None,
        schedule: Schedule | None = None,
        visits: list[Visit] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        """For a file that is not a valid schedule: just its `partnership` table, if any."""
        self.schedule = schedule
        """For a valid one: partnership and parties (no countries: no holidays to check)."""
        self.visits = visits or []
        self._people: dict[str, tuple[list[int], list[tuple[int, int, int]]]] = {}
        """Each person's visits that can double-book them: their first days (as ordinals),
        and (first day, last day, index into `visits`), in the order `visits check` sweeps."""
        self._longest = 0
        """The longest of those visits, in days."""
        self._pulled: dict[str, dict[int, tuple[Visit, frozenset[int]]]] = {}
        """For each edited file, for each of its visits: the visits here it may overlap."""
        if schedule is not None:
            by_person: dict[str, list[tuple[int, int, int]]] = {}
            for booking in bookings(_only(self.visits), ""):
                first, last = booking.start.toordinal(), booking.end.toordinal()
                by_person.setdefault(booking.person, []).append((first, last, booking.index))
                self._longest = max(self._longest, last - first)
            for person, spans in by_person.items():
                spans.sort()
                self._people[person] = ([first for first, _, _ in spans], spans)

    def stand_in(self, edited: str, booked: list[Booked]) -> Document:
        """The file with only the visits that may double-book someone of the `booked` visits,
        and each of their people's first visit (whose spelling of the name messages use)."""
        if self.schedule is None:
            return Document(path=self.path, data=self.data)
        known = self._pulled.get(edited, {})
        kept: dict[int, tuple[Visit, frozenset[int]]] = {}
        indices: set[int] = set()
        for visit, people_of in booked:
            entry = known.get(id(visit))
            if entry is None or entry[0] is not visit:
                entry = (visit, self._overlapping(visit, people_of))
            kept[id(visit)] = entry
            indices |= entry[1]
        self._pulled[edited] = kept
        lean = self.schedule.model_copy(
            update={"visits": [self.visits[i] for i in sorted(indices)]}
        )
        return Document(path=self.path, schedule=lean)

    def _overlapping(self, visit: Visit, people_of: frozenset[str]) -> frozenset[int]:
        assert visit.start is not None
        first, last = visit.start.toordinal(), visit.last_day.toordinal()
        found: set[int] = set()
        for person in people_of:
            mine = self._people.get(person)
            if mine is None:
                continue
            starts, spans = mine
            found.add(spans[0][2])
            low = bisect_left(starts, first - self._longest)
            high = bisect_right(starts, last)
            found.update(index for _, end, index in spans[low:high] if end >= first)
        return frozenset(found)


def _only(visits: list[Visit]) -> Schedule:
    """A schedule of just these visits, for `rules.bookings` (which reads nothing else)."""
    nobody = Partnership.model_construct(id="", title="")
    return Schedule.model_construct(partnership=nobody, parties={}, visits=visits)


def people_of(visit: Visit) -> frozenset[str]:
    """Who `visit` can double-book, as `rules.bookings` names people (none unless it counts
    and has exact dates)."""
    return frozenset(booking.person for booking in bookings(_only([visit]), ""))


def _file(document: Document) -> _File | None:
    """What `document` contributes to the check of another file; None when not a schedule."""
    if not document.is_schedule:
        return None
    schedule = document.schedule
    if schedule is None or not document.ok:
        # not checked by rules, but its partnership id still counts among the folder's ids
        partnership = (document.data or {}).get("partnership")
        data = {"partnership": partnership} if isinstance(partnership, dict) else {}
        return _File(document.path, data=data)
    parties = {key: Party(name=party.name) for key, party in schedule.parties.items()}
    bare = Schedule.model_construct(partnership=schedule.partnership, parties=parties)
    return _File(document.path, schedule=bare, visits=schedule.visits)


@dataclass(frozen=True, slots=True)
class _Seen:
    stamp: tuple[int, int]
    """(mtime in ns, size) when read."""
    file: _File | None


class Folder:
    """The schedule files under one folder (recursively, as `visits check FOLDER` finds them),
    named relative to it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: dict[str, _Seen] = {}
        self.reads = 0
        """How many files were read from disk so far (the others came from the cache)."""
        self.unreadable: set[str] = set()
        """Files the loader failed on, to tell the editor's user once."""

    def around(self, edited: Path, booked: list[Booked]) -> tuple[list[Document], list[Document]]:
        """Stand-ins for the other schedule files, for a check of the edited file whose `booked`
        visits can double-book people: those sorted before the edited file and those after it
        (the order `visits check` reads them in)."""
        before: list[Document] = []
        after: list[Document] = []
        edited_key = os.path.realpath(edited)
        seen_now: dict[str, _Seen] = {}
        passed = False
        for path, _ in discover([str(self.root)]):
            key = os.path.realpath(path)
            if key == edited_key:
                passed = True
                continue
            if key in seen_now:
                continue  # the same file again, through a link
            try:
                info = Path(path).stat()
            except OSError:
                continue  # gone since the folder was listed
            stamp = (info.st_mtime_ns, info.st_size)
            known = self._seen.get(key)
            if known is None or known.stamp != stamp:
                known = _Seen(stamp, self._read(path))
                self.reads += 1
            seen_now[key] = known
            if known.file is not None:
                stand_in = known.file.stand_in(edited_key, booked)
                (after if passed else before).append(stand_in)
        self._seen = seen_now
        return before, after

    def _read(self, path: str) -> _File | None:
        shown = os.path.relpath(path, self.root)
        try:
            return _file(load_file(path, shown, keep_data=False))
        except MemoryError:
            # a file too large to read (the loader reports every other problem as diagnostics):
            # it cannot be checked with this one, which is still checked
            self.unreadable.add(shown)
            return None

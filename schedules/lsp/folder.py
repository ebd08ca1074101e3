"""The other schedule files of an edited file's folder, as `visits check` on the folder sees them.

Each file is read once and kept until its modification time or size changes. What is kept is a
stand-in: a `Document` with the file's partnership id, its parties (without countries) and the
visits that can double-book someone (counted, exact dates, with participants), and no problems.
Checked together with the edited document (`workspace.check_documents`), a stand-in contributes
everything a check across files needs (double-booking, duplicate partnership ids) and, as it has
no agreements, actions or holidays to check, costs little; only the edited document's own
diagnostics are kept.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from schedules.loader import Document, load_file
from schedules.model import Schedule
from schedules.workspace import discover


@dataclass(frozen=True, slots=True)
class _Seen:
    stamp: tuple[int, int]
    """(mtime in ns, size) when read."""
    stand_in: Document | None
    """None for a TOML file that is not a schedule."""


def stand_in(document: Document) -> Document | None:
    """What `document` contributes to the check of another file; None when it is not a
    schedule."""
    if not document.is_schedule:
        return None
    schedule = document.schedule
    if schedule is None or not document.ok:
        # not checked by rules, but its partnership id still counts among the folder's ids
        partnership = (document.data or {}).get("partnership")
        data = {"partnership": partnership} if isinstance(partnership, dict) else {}
        return Document(path=document.path, data=data)
    visits = [
        visit for visit in schedule.visits if visit.counted and visit.exact and visit.participants
    ]
    parties = {
        key: party.model_copy(update={"country": None}) for key, party in schedule.parties.items()
    }
    lean = Schedule.model_construct(
        format=schedule.format,
        partnership=schedule.partnership,
        parties=parties,
        agreements=[],
        visits=visits,
        actions=[],
        waivers=[],
    )
    return Document(path=document.path, schedule=lean)


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

    def around(self, edited: Path) -> tuple[list[Document], list[Document]]:
        """The stand-ins of the other schedule files, those sorted before the edited file and
        those after it (the order `visits check` reads them in)."""
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
            if known.stand_in is not None:
                (after if passed else before).append(known.stand_in)
        self._seen = seen_now
        return before, after

    def _read(self, path: str) -> Document | None:
        shown = os.path.relpath(path, self.root)
        try:
            return stand_in(load_file(path, shown, keep_data=False))
        except (RecursionError, ValueError, MemoryError):
            # a file the loader cannot take (until it reports such files itself): it cannot be
            # checked with this one, which is still checked
            self.unreadable.add(shown)
            return None

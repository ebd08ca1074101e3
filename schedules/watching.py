"""Watching the disk under the open files: which changed, which appeared.

`look_at_disk` runs in a worker: it reads stamps, texts and new files and changes nothing.
`Session.apply_disk` applies what it found on the session's own thread and says what to tell:
a file changed on disk while clean is reloaded; while it has unsaved changes, the planner is
warned once per change (saving then asks); a new schedule file under the root is opened.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schedules.open_file import OpenFile, Stamp, read_again, read_new_file, stamp
from schedules.workspace import discover


@dataclass(frozen=True, eq=False)
class DiskChanges:
    """What a look at the disk found, not applied yet."""

    touched: tuple[tuple[OpenFile, Stamp], ...] = ()
    """Stamp moved, bytes as read: only the stamp is new."""
    dirty: tuple[tuple[OpenFile, Stamp], ...] = ()
    """Changed on disk while they have unsaved changes."""
    fresh: tuple[tuple[OpenFile, OpenFile], ...] = ()
    """Changed on disk while clean, each with the file read again."""
    new: tuple[OpenFile, ...] = ()
    """Schedule files that appeared under the root folder."""


def new_paths(root: str, known: Sequence[str]) -> list[str]:
    """Schedule files that appeared under the folder `root` since it was read."""
    if not Path(root).is_dir():
        return []
    seen = {os.path.realpath(path) for path in known}
    return [path for path, _ in discover([root]) if os.path.realpath(path) not in seen]


def look_at_disk(files: Sequence[OpenFile], root: str) -> DiskChanges:
    """Compare each open file with its file on disk, and look for new files under `root`."""
    touched: list[tuple[OpenFile, Stamp]] = []
    dirty: list[tuple[OpenFile, Stamp]] = []
    fresh: list[tuple[OpenFile, OpenFile]] = []
    for file in files:
        now = stamp(file.path)
        if now == file.stamp:
            continue
        editable = file.editable
        if editable is not None and not editable.changed_on_disk():
            touched.append((file, now))
        elif file.dirty:
            dirty.append((file, now))
        else:
            fresh.append((file, read_again(file.path, now)))
    new = [
        found
        for path in new_paths(root, [f.path for f in files])
        if (found := read_new_file(path)) is not None
    ]
    return DiskChanges(tuple(touched), tuple(dirty), tuple(fresh), tuple(new))

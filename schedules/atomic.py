"""Writing a file so that a failure at any moment leaves either the old file or the new one.

The data goes to a temporary file in the same folder (named `.NAME.*.tmp`, so that one left
by a killed process can be recognised, see `leftover_temp_files`), is synced to disk, takes
the file's permissions, and replaces the file in one rename; the folder is synced last. A
symlink is written through: the file it points to is replaced, the link stays.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

__all__ = ["leftover_temp_files", "umask", "write_atomically"]


def write_atomically(path: Path | str, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` (through a symlink); OSError leaves the old file as it was.
    `mode` is for a new file (default: what the umask allows)."""
    target = Path(path).resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = mode if mode is not None else 0o666 & ~umask()
    descriptor, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        temp.replace(target)
    except BaseException:
        with suppress(FileNotFoundError):
            temp.unlink()
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some systems cannot open or sync a folder, which is harmless."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def umask() -> int:
    """The process's umask, read without setting it (os.umask would race with other threads)."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


_TEMP_SUFFIX = re.compile(r"\.[A-Za-z0-9_]{6,}\.tmp")


def leftover_temp_files(folder: Path | str, names: list[str] | None = None) -> list[Path]:
    """Temporary files a killed save left in `folder`: `.NAME.XXXXXXXX.tmp` where NAME is one
    of `names` (default: any `.toml` file there); nothing else is ever listed."""
    folder = Path(folder)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    wanted = (
        set(names)
        if names is not None
        else {entry.name for entry in entries if entry.name.endswith(".toml")}
    )
    found = []
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or not name.endswith(".tmp"):
            continue
        for original in wanted:
            prefix = f".{original}"
            if name.startswith(prefix) and _TEMP_SUFFIX.fullmatch(name[len(prefix) :]):
                if entry.is_file() and not entry.is_symlink():
                    found.append(entry)
                break
    return sorted(found)

"""`visits examples [FOLDER]`: the bundled example schedules, written out to try visits on.

The `.toml` files beside this module are copies of the repository's `examples/` (a test keeps
them equal), shipped as package data so that an installed wheel has them too.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from schedules.diagnostics import ExitCode
from schedules.i18n import _
from schedules.render import literal


def bundled() -> dict[str, bytes]:
    """The example files by name."""
    folder = resources.files(__name__)
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(".toml")
    }


def run_examples(folder: str) -> int:
    """Write each example into `folder` (made if needed); a file already there is left alone
    when it differs, and then nothing is written."""
    target = Path(folder)
    examples = bundled()
    clashes = [
        name
        for name, data in examples.items()
        if (target / name).exists() and (target / name).read_bytes() != data
    ]
    if clashes:
        for name in clashes:
            sys.stderr.write(
                "visits: "
                + _("{file} already exists and is not the example: left as it is").format(
                    file=literal(str(target / name))
                )
                + "\n"
            )
        sys.stderr.write(
            "visits: " + _("nothing written; name another folder: visits examples FOLDER") + "\n"
        )
        return ExitCode.INPUT_ERROR
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, data in examples.items():
            path = target / name
            if not path.exists():
                path.write_bytes(data)  # a new file: nobody's work can be lost
            sys.stdout.write(f"{literal(str(path))}\n")
    except OSError as error:
        cannot = _("cannot write into {folder}: {reason}").format(
            folder=literal(folder), reason=error.strerror
        )
        sys.stderr.write(f"visits: {cannot}\n")
        return ExitCode.INPUT_ERROR
    shown = literal(folder)
    sys.stdout.write(
        "\n"
        + _(
            "Check them: visits check {folder} --as-of 2023-12-01\n"
            "Open them in the app: visits {folder}"
        ).format(folder=shown)
        + "\n"
    )
    return ExitCode.OK

"""The app's first screen does not wait for what it does not show (issue 15: the first screen
fast): its forms, dialogs and their drafts are imported when a planner first opens one, and
pydantic's models and the editing machinery after the files are on screen; the collector runs
its full passes again once the app has started."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

OPENED_LATER = (
    "tui.screens.action_form",
    "tui.screens.agreement_form",
    "tui.screens.as_of",
    "tui.screens.dialogs",
    "tui.screens.form",
    "tui.screens.held_form",
    "tui.screens.participant_form",
    "tui.screens.partnership_forms",
    "tui.screens.rule_form",
    "tui.screens.visit_form",
    "tui.screens.waiver_form",
    "tui.screens.year",
    "schedules.plan",
    "schedules.new_file",
    "schedules.drafts",
    "schedules.watching",
)

IN_A_FRESH_INTERPRETER = f"""
import sys
import tui.app

print(*sorted(set(sys.modules) & {set(OPENED_LATER)!r}))
"""


SHOWING_THE_EXAMPLES = f"""
import sys
import datetime as dt
import tui.app
from schedules.session import Session, open_files

session = Session({str(ROOT / "examples")!r}, dt.date(2026, 12, 1))
session.opened(open_files(session.root))
heavy = ("pydantic", "pydantic_core", "schedules.model", "schedules.editing", "babel", "tomlkit")
print(*sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy))
"""


def printed_by_a_fresh_interpreter(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_starting_the_app_imports_no_form_or_dialog() -> None:
    assert printed_by_a_fresh_interpreter(IN_A_FRESH_INTERPRETER) == []


def test_starting_the_app_and_reading_the_examples_imports_no_pydantic() -> None:
    """What the first screen waits for: the app's modules and a lean read of the files (the
    small-file validator, no pydantic-core), with no models and no editing machinery."""
    assert printed_by_a_fresh_interpreter(SHOWING_THE_EXAMPLES) == []


STARTING_AND_STARTED = f"""
import gc
import asyncio
import datetime as dt

before = gc.get_threshold()
from tests.tui.pilots import settle
from tui.app import VisitsApp

starting = gc.get_threshold()
app = VisitsApp({str(ROOT / "examples")!r}, as_of=dt.date(2026, 12, 1), follow_disk=False)


async def run():
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        print(before == starting, gc.get_threshold() == before, gc.isenabled())


asyncio.run(run())
"""


def test_the_collector_runs_as_usual_once_the_app_has_started() -> None:
    """Starting, the collector's full passes wait (they took about a sixth of the time to the
    first screen); once the files are read, checked and made into models, it runs as before."""
    assert printed_by_a_fresh_interpreter(STARTING_AND_STARTED) == ["False", "True", "True"]

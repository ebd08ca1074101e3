"""Snapshots of the main screen and the timeline on the examples, at a fixed size and as-of date.

Update them with `pytest tests/tui --snapshot-update` after looking at the change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.paths import ROOT
from tests.tui.pilots import settle
from tui.app import VisitsApp

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2024, 6, 1)


def test_main_screen(snap_compare: Any, examples: str) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    assert snap_compare(app, terminal_size=(120, 35), run_before=settle)


def test_main_screen_at_80_by_24(snap_compare: Any, examples: str) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_timeline(snap_compare: Any, examples: str) -> None:
    async def show_timeline(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()

    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    assert snap_compare(app, terminal_size=(120, 35), run_before=show_timeline)


def test_timeline_with_an_overdue_visit(snap_compare: Any, examples: str) -> None:
    async def show_timeline(pilot: Pilot[None]) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        screen.go_to(str(Path(examples) / "son-la-hua-phan.toml"))  # type: ignore[attr-defined]
        await pilot.press("2")
        await pilot.pause()

    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    assert snap_compare(app, terminal_size=(120, 35), run_before=show_timeline)

"""The app in Vietnamese, which runs longer than English, at both terminal sizes: the main
screen, a form and the help screen (SVGs under __snapshots__; look at them after
`pytest tests/tui --snapshot-update`: nothing that matters may be cut off)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from schedules import i18n
from tests.paths import ROOT
from tests.tui.pilots import settle
from tui.app import VisitsApp

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2024, 6, 1)
SIZES = {"120x35": (120, 35), "80x24": (80, 24)}
SCREENS = {"main": (), "visit-form": ("e",), "help": ("question_mark",)}


@pytest.fixture(autouse=True)
def _vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ("VISITS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    i18n.use("vi")
    yield
    i18n.use("en")


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_in_vietnamese(snap_compare: Any, examples: str, screen: str, size: str) -> None:
    async def show(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=show)

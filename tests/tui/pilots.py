"""Driving the app in tests: a host for one form on the forms' schedule, and waiting as a person
would, until the background work is done or what a test looks for is on the screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from schedules import Schedule, load_file
from tests.paths import ROOT
from tui.screens.main import MainScreen

FORMS_SCHEDULE = ROOT / "tests" / "data" / "forms" / "quang-tri-salavan.toml"
"""A copy of examples/quang-tri-salavan.toml: the form tests do not follow the example."""


class FormHost(App[None]):
    """An app that shows one form (or dialog) and nothing else."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.form = screen

    def on_mount(self) -> None:
        self.push_screen(self.form)


def forms_schedule() -> Schedule:
    document = load_file(FORMS_SCHEDULE)
    assert document.schedule is not None
    return document.schedule


def main_screen(pilot: Pilot[Any]) -> MainScreen:
    """The app's main screen: the bottom of its stack, under any form or dialog."""
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


BACKGROUND = ("load", "check", "poll", "reload", "remember-language")
"""The worker groups that run by themselves (not the ones waiting on a dialog)."""


async def settle(pilot: Pilot[Any]) -> None:
    """Let the reading, checking, disk and config workers finish."""
    app = pilot.app
    for _ in range(3):
        await pilot.pause()
        busy = [w for w in app.workers if w.group in BACKGROUND]
        if busy:  # an empty list would mean every worker, even one waiting on a dialog
            await app.workers.wait_for_complete(busy)
    await pilot.pause()


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Wait (up to about ten seconds) until `condition()` holds; fail naming `what`."""
    for _ in range(150):
        await settle(pilot)
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")

"""Waiting for the app as a person would: until its background work is done, or until what a
test looks for is on the screen."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

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

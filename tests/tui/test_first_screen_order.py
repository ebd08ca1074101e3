"""What the app shows first (issue 15: the first screen fast): the visits as soon as the files
are read; then edits can be made, the checks come in, and the models the forms use are made;
the rows below the first screenful wait for all that."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from benchmarks.generate import generate
from tests.tui.pilots import settle, until
from tui.app import VisitsApp
from tui.screens import main_work
from tui.screens.main import MainScreen
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.footer import Footer
from tui.widgets.partnership_list import PartnershipList, entry_prompt
from tui.widgets.visits_table import CHUNK, VisitsTable

AS_OF = dt.date(2026, 12, 1)
SIZE = (120, 35)


def held_back(monkeypatch: pytest.MonkeyPatch, step: str) -> threading.Event:
    """The load worker's `step` (`main_work.open_files`, `check_files`...) waits until the
    returned event is set (a worker that is still busy)."""
    go_on = threading.Event()
    work: Callable[..., Any] = getattr(main_work, step)

    def run(*args: Any, **kwargs: Any) -> Any:
        assert go_on.wait(60), "the test never let the work go on"
        return work(*args, **kwargs)

    monkeypatch.setattr(main_work, step, run)
    return go_on


async def meanwhile(pilot: Pilot[Any], condition: Callable[[], object], what: str) -> None:
    """Wait until `condition()` holds while a worker is held (`until` would wait for it)."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def main_screen(app: App[Any]) -> MainScreen | None:
    screen = app.screen
    return screen if isinstance(screen, MainScreen) else None


async def test_the_visits_are_shown_before_the_checks_are_in(
    examples: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_on = held_back(monkeypatch, "check_files")
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await meanwhile(
                pilot,
                lambda: (
                    (screen := main_screen(app)) is not None
                    and screen.query_one(VisitsTable).table.row_count > 0
                ),
                "the visits on screen",
            )
            screen = main_screen(app)
            assert screen is not None
            panel = screen.query_one(DiagnosticsPanel)
            assert screen.checks is None
            assert "checking…" in str(panel.border_title)
            # no counts or deadlines that are not known yet: "✖ 0 ▲ 0, nothing due" would lie
            sidebar = [entry_prompt(e).plain for e in screen.query_one(PartnershipList).entries]
            assert sidebar and all("checking…" in line and "✖" not in line for line in sidebar)
            summary = str(screen.query_one("#summary", Static).content)
            assert "checking…" in summary and "nothing due" not in summary
        finally:
            go_on.set()
        await settle(pilot)
        assert screen.checks is not None and screen.checks.diagnostics
        sidebar = [entry_prompt(e).plain for e in screen.query_one(PartnershipList).entries]
        assert all("checking…" not in line and "✖" in line for line in sidebar)
        assert "checking…" not in str(screen.query_one("#summary", Static).content)
        assert "checking…" not in str(panel.border_title)
        file = screen.file()
        assert file is not None and file.editable is not None and file.models is not None


async def test_the_visits_table_has_the_focus_and_its_keys_before_the_files_are_read(
    examples: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_on = held_back(monkeypatch, "open_files")
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await meanwhile(pilot, lambda: main_screen(app) is not None, "the main screen")
            await pilot.pause(0.1)
            screen = main_screen(app)
            assert screen is not None and not screen.loaded
            assert screen.focused is screen.query_one(VisitsTable).table
            assert " s Sort " in screen.query_one(Footer).render().plain
        finally:
            go_on.set()
        await settle(pilot)
        assert screen.focused is screen.query_one(VisitsTable).table


@pytest.mark.parametrize(("width", "wanted"), [(80, "-narrow"), (99, "-narrow"), (100, "-wide")])
async def test_the_main_screen_has_its_widths_class_when_its_widgets_are_made(
    examples: str, monkeypatch: pytest.MonkeyPatch, width: int, wanted: str
) -> None:
    """Styled for its width from the start, not once more after the first resize."""
    classes: list[set[str]] = []
    compose = MainScreen.compose

    def composing(screen: MainScreen) -> Any:
        composed = list(compose(screen))
        classes.append(set(screen.classes))
        return composed

    monkeypatch.setattr(MainScreen, "compose", composing)
    other = "-wide" if wanted == "-narrow" else "-narrow"
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        assert classes and wanted in classes[0] and other not in classes[0]
        assert wanted in app.screen.classes  # Textual's own choice, at the first resize
        await pilot.resize_terminal(160 if wanted == "-narrow" else 80, 30)
        await settle(pilot)
        assert other in app.screen.classes and wanted not in app.screen.classes


async def test_the_rows_below_the_first_screenful_wait_until_the_files_are_read_for_editing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = generate(3, 1, 3 * CHUNK, tmp_path)[0]
    go_on = held_back(monkeypatch, "models_of")
    app = VisitsApp(str(path), as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await meanwhile(
                pilot,
                lambda: (screen := main_screen(app)) is not None and screen.checks is not None,
                "the checks",
            )
            screen = main_screen(app)
            assert screen is not None
            table = screen.query_one(VisitsTable).table
            for _ in range(5):
                await pilot.pause(0.02)
                assert table.row_count == CHUNK  # the first screenful, and no more yet
        finally:
            go_on.set()
        await until(pilot, lambda: table.row_count == 3 * CHUNK, "every visit in the table")

"""Details of the forms and the main screen found in the walk-through: the problem summary
follows the fixes, the as-of dialog saves nothing, the checks panel can show one
partnership, every palette entry and key has an action, and keys are named."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from schedules import load_file
from tests.paths import ROOT
from tests.tui.pilots import FORMS_SCHEDULE, FormHost
from tui.app import VisitsApp
from tui.commands import ACTIONS
from tui.screens.as_of import AsOfDialog
from tui.screens.main import MainScreen
from tui.screens.rule_form import RuleForm
from tui.widgets.diagnostics_panel import DiagnosticsPanel

DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"


def summary(pilot: Pilot[None]) -> str:
    widget = pilot.app.screen.query_one("#problems", Static)
    return "" if widget.has_class("-empty") else str(widget.render())


async def test_the_problem_summary_counts_down_as_problems_are_fixed() -> None:
    schedule = load_file(FORMS_SCHEDULE).schedule
    assert schedule is not None
    async with FormHost(RuleForm(schedule, "mou-2023")).run_test(size=(100, 35)) as pilot:
        pilot.app.screen.query_one("#kind", Select).value = "interval"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert summary(pilot).startswith("Not saved, 2 problems to fix: the id is required")
        pilot.app.screen.query_one("#id", Input).value = "talks-every-year"
        await pilot.pause()
        assert summary(pilot).startswith("Not saved, 1 problem to fix: the longest time")
        pilot.app.screen.query_one("#interval-max", Input).value = "P1Y"
        await pilot.pause()
        assert summary(pilot) == ""
        # a problem of a field the kind no longer has goes with it
        await pilot.press("ctrl+s")  # saved: dismissed
        await pilot.pause()
        assert not isinstance(pilot.app.screen, RuleForm)


async def test_the_as_of_dialog_does_not_say_not_saved() -> None:
    async with FormHost(AsOfDialog(dt.date(2026, 12, 1))).run_test(size=(80, 24)) as pilot:
        pilot.app.screen.query_one("#as-of", Input).value = "31/12/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = summary(pilot)
        assert shown.startswith("Not a date to check as of:") and "Not saved" not in shown


async def test_the_checks_panel_shows_one_partnership_on_k(tmp_path: Path) -> None:
    for name in ("quang-tri-salavan.toml", "son-la-hua-phan.toml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    app = VisitsApp(str(tmp_path), as_of=dt.date(2026, 12, 1), follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(50):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            screen = pilot.app.screen
            if isinstance(screen, MainScreen) and screen.checks is not None:
                break
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen) and screen.checks is not None
        panel = screen.query_one(DiagnosticsPanel)
        paths = {d.path for d in screen.checks.diagnostics}
        assert len(paths) == 2 and panel.option_count == len(screen.checks.diagnostics)
        await pilot.press("k")
        await pilot.pause()
        mine = screen.checks.for_path(screen.current or "")
        assert 0 < panel.option_count == len(mine) < len(screen.checks.diagnostics)
        assert "this partnership only" in str(panel.border_title)
        await pilot.press("k")
        await pilot.pause()
        assert panel.option_count == len(screen.checks.diagnostics)


def test_every_palette_entry_and_key_has_an_action_and_an_id() -> None:
    for _title, _help, action in ACTIONS:
        name = action.split("(")[0]
        assert callable(getattr(MainScreen, f"action_{name}", None)), action
    for binding in MainScreen.BINDINGS:
        assert isinstance(binding, Binding) and binding.id, binding
        assert callable(getattr(MainScreen, f"action_{binding.action.split('(')[0]}", None))
    titles = " ".join(title.lower() for title, _, _ in ACTIONS)
    for word in ("agreement", "rule", "partnership", "party", "waiver", "action"):
        assert word in titles, word


async def test_plan_next_says_a_stale_plan_is_late(tmp_path: Path) -> None:
    """talks-2025 was only ever planned, for "2025", and its deadline was 2025-04-04."""
    shutil.copy(EXAMPLES / "quang-tri-salavan.toml", tmp_path / "qt-sl.toml")
    app = VisitsApp(str(tmp_path / "qt-sl.toml"), as_of=dt.date(2026, 12, 1), follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        for _ in range(50):
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            screen = pilot.app.screen
            if isinstance(screen, MainScreen) and screen.files and screen.files[0].editable:
                break
        await pilot.press("n")
        await pilot.pause()
        said = [n.message for n in pilot.app._notifications]
        assert any(
            m.startswith("talks-2025 is planned, but late: its deadline (2025-04-04)") for m in said
        ), said
        assert not any("already planned" in m for m in said)

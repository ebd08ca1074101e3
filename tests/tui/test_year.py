"""The year view (`y`): the office's delegations over all loaded partnerships, each entry
opening its visit or the plan-next form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from tests.paths import ROOT
from tests.tui.pilots import settle
from tui.app import VisitsApp
from tui.screens.dialogs import ConfirmDialog
from tui.screens.main import MainScreen
from tui.screens.visit_form import VisitForm
from tui.screens.year import YearScreen
from tui.widgets.visits_table import VisitsTable

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2024, 6, 1)


async def open_year(pilot: Pilot[None], home: str | None = None) -> YearScreen:
    await settle(pilot)
    await pilot.press("y")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, YearScreen)
    if home is not None:
        screen.query_one("#home", Select).value = home
        await pilot.pause()
    return screen


def rows(screen: YearScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_year_opens_a_visit(examples: str) -> None:
    async with VisitsApp(examples, as_of=AS_OF, follow_disk=False).run_test(
        size=(120, 35)
    ) as pilot:
        screen = await open_year(pilot)
        # no party is in both examples: the first one is chosen, and can be changed
        assert screen.home == "quang-tri" and screen.year == 2024
        assert rows(screen) == []
        assert "Nothing planned or due this year." in str(
            screen.query_one("#year-detail", Static).content
        )
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.year == 2025
        ((direction, time, status, _, partner, *_),) = rows(screen)
        assert (direction, time, status, partner) == ("← in", "2025", "planned", "SL")
        await pilot.press("enter")
        await pilot.pause()
        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        assert main.current is not None and main.current.endswith("quang-tri-salavan.toml")
        assert main.visit_id == "talks-2025"
        assert main.query_one(VisitsTable).table.has_focus


async def test_a_due_visit_opens_the_plan_next_form(examples: str) -> None:
    async with VisitsApp(examples, as_of=AS_OF, follow_disk=False).run_test(
        size=(120, 35)
    ) as pilot:
        screen = await open_year(pilot, home="son-la")
        ((direction, time, status, purpose, partner, head, title),) = rows(screen)
        assert head == "to be named" and title == "Sơn La – Hủa Phăn Departments of Home Affairs"
        assert (direction, partner, purpose) == (
            "← in",
            "Department of Home Affairs, Hủa Phăn Province",
            "Working visit",
        )
        assert time == "suggested 3–5 June 2024"
        assert status == "overdue since 9 April 2020"
        detail = str(screen.query_one("#year-detail", Static).content)
        assert "the hosts of the working visit take turns" in detail
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, VisitForm)
        assert form.query_one("#host", Select).value == "son-la"
        assert form.query_one("#dates", Input).value == "2024-06-03..2024-06-05"


async def test_escape_goes_back(examples: str) -> None:
    async with VisitsApp(examples, as_of=AS_OF, follow_disk=False).run_test(
        size=(120, 35)
    ) as pilot:
        await open_year(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MainScreen)


def _snapshot(snap_compare: Any, examples: str, size: tuple[int, int]) -> bool:
    async def show_year(pilot: Pilot[None]) -> None:
        await open_year(pilot, home="son-la")
        await pilot.pause()

    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    result: bool = snap_compare(app, terminal_size=size, run_before=show_year)
    return result


def test_year_view_snapshot(snap_compare: Any, examples: str) -> None:
    assert _snapshot(snap_compare, examples, (120, 35))


def test_year_view_snapshot_at_80_by_24(snap_compare: Any, examples: str) -> None:
    assert _snapshot(snap_compare, examples, (80, 24))


async def test_the_year_of_an_empty_folder(tmp_path: Path) -> None:
    async with VisitsApp(str(tmp_path), as_of=AS_OF, follow_disk=False).run_test(
        size=(80, 24)
    ) as pilot:
        await settle(pilot)
        offer = pilot.app.screen  # an empty folder: the app offers a new partnership first
        assert isinstance(offer, ConfirmDialog) and ("Not now", "no") in offer.choices
        offer.dismiss("no")
        screen = await open_year(pilot)
        assert screen.home is None and rows(screen) == []
        assert "choose the office's party" in str(screen.query_one("#year-title", Static).content)


async def test_a_visit_to_settle_is_named(examples: str) -> None:
    """As of today talks-2025 is still only planned: the year says why nothing is due."""
    app = VisitsApp(examples, as_of=dt.date(2026, 12, 1), follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await open_year(pilot, home="quang-tri")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.year == 2027 and rows(screen) == []
        detail = str(screen.query_one("#year-detail", Static).content)
        assert "Next talks in Quảng Trị" in detail and "is still marked planned" in detail

"""The editor through the app: every awkward layout edited and saved with only the intended
lines changed, undo and redo, deleting a visit that others refer to, a visit appended by hand
while the app is open, and the leftovers of an interrupted save."""

from __future__ import annotations

import asyncio
import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from schedules import load_file
from tests.paths import ROOT
from tests.tui.pilots import main_screen, settle, until
from tui.app import VisitsApp
from tui.screens.dialogs import ConfirmDialog
from tui.screens.main import MainScreen
from tui.widgets.visits_table import VisitsTable

EXAMPLES = ROOT / "examples"
QT_SL = "quang-tri-salavan.toml"
AS_OF = dt.date(2024, 6, 1)
SIZE = (120, 35)


def app_on(path: Path, *, follow_disk: bool = False) -> VisitsApp:
    return VisitsApp(str(path), as_of=AS_OF, follow_disk=follow_disk)


async def editing(pilot: Pilot[None]) -> MainScreen:
    screen = main_screen(pilot)
    await until(pilot, lambda: bool(screen.files) and screen.files[0].editable, "editing")
    return screen


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


async def choose_visit(pilot: Pilot[None], visit_id: str) -> None:
    table = main_screen(pilot).query_one(VisitsTable)
    assert table.select(visit_id)
    table.table.focus()
    await pilot.pause()


async def save(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not main_screen(pilot).saving, "the save")


LAYOUTS = ROOT / "tests" / "data" / "editing"
STATUS_LINES = {
    "split-arrays.toml": ('status = "held"', 'status = "cancelled"'),
    "inline.toml": None,  # the visit's inline table is written again
    "dotted.toml": ('status = "held"', 'status = "cancelled"'),
    "crlf-bom.toml": ('status = "held"   # Salavan', 'status = "cancelled"   # Salavan'),
    "delegation.toml": ('status = "held"', 'status = "cancelled"'),
    "small.toml": (
        'status = "held"    # aligned on purpose',
        'status = "cancelled"    # aligned on purpose',
    ),
}


async def mark(pilot: Pilot[None], visit_id: str, status: str) -> None:
    await choose_visit(pilot, visit_id)
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmDialog)
    pilot.app.screen.dismiss(status)
    await settle(pilot)


@pytest.mark.parametrize("name", sorted(STATUS_LINES))
async def test_each_layout_is_edited_in_the_app_and_saved(name: str, tmp_path: Path) -> None:
    path = Path(shutil.copy(LAYOUTS / name, tmp_path / name))
    before = path.read_bytes()
    async with app_on(path).run_test(size=SIZE) as pilot:
        screen = await editing(pilot)
        await mark(pilot, "talks-2023", "cancelled")
        await save(pilot)
        assert not screen.unsaved
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\r\n") == before.count(b"\r\n")
    old, new = before.decode("utf-8-sig"), after.decode("utf-8-sig")
    removed, added = changes(old, new)
    expected = STATUS_LINES[name]
    if expected is None:
        assert len(removed) == len(added) == 1
        assert 'status = "cancelled"' in added[0]
        assert "# held" in added[0]  # the comment after the inline table stays
    else:
        assert removed == [expected[0]]
        assert added == [expected[1]]
    assert load_file(path).ok


async def test_undo_and_redo_in_the_app(tmp_path: Path) -> None:
    path = Path(shutil.copy(EXAMPLES / QT_SL, tmp_path / QT_SL))
    before = path.read_bytes()
    async with app_on(path).run_test(size=SIZE) as pilot:
        screen = await editing(pilot)
        await mark(pilot, "talks-2023", "postponed")
        await mark(pilot, "talks-2018", "cancelled")
        assert screen.unsaved
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not screen.unsaved  # back to the text as loaded
        file = screen.file()
        assert file is not None and file.schedule is not None
        assert file.schedule.visit("talks-2023").status == "held"  # type: ignore[union-attr]
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert screen.unsaved
        await save(pilot)
    removed, added = changes(before.decode("utf-8"), path.read_text(encoding="utf-8"))
    assert len(removed) == len(added) == 1
    assert 'status = "postponed"' in added[0]


@pytest.mark.parametrize("choice", ["delete", "detach"])
async def test_deleting_a_visit_that_actions_refer_to_asks_what_to_do(
    choice: str, tmp_path: Path
) -> None:
    path = Path(shutil.copy(EXAMPLES / QT_SL, tmp_path / QT_SL))
    async with app_on(path).run_test(size=SIZE) as pilot:
        screen = await editing(pilot)
        await choose_visit(pilot, "talks-2023")
        await pilot.press("delete")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert [value for _, value in dialog.choices] == ["delete", "detach", "keep"]
        assert "3 actions refer to it" in str(dialog.message)
        dialog.dismiss(choice)
        await settle(pilot)
        await save(pilot)
        assert not screen.unsaved  # saveable: no reference left dangling
    document = load_file(path)
    assert document.ok and document.schedule is not None
    actions = document.schedule.actions
    assert (actions == []) if choice == "delete" else (len(actions) == 3)
    assert all(action.visit is None for action in actions)


async def test_a_visit_appended_by_hand_while_the_app_is_open_is_edited(tmp_path: Path) -> None:
    """The story of issue 10: `cat >>` a visit after the waivers, edit it, save."""
    path = Path(shutil.copy(EXAMPLES / QT_SL, tmp_path / QT_SL))
    appended = '\n[[visits]]\nid = "talks-2027"\nkind = "talks"\nhost = "salavan"\nwhen = "2027"\n'
    async with app_on(tmp_path, follow_disk=True).run_test(size=SIZE) as pilot:
        screen = await editing(pilot)
        before = path.read_text(encoding="utf-8")
        with path.open("a", encoding="utf-8") as stream:
            stream.write(appended)
        for _ in range(60):  # the app polls the disk every two seconds
            file = screen.file()
            if file and file.schedule and file.schedule.visit("talks-2027") and file.editable:
                break
            await asyncio.sleep(0.1)
            await pilot.pause()
        await settle(pilot)
        await mark(pilot, "talks-2027", "confirmed")
        await save(pilot)
    removed, added = changes(before + appended, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ['status = "confirmed"']
    assert path.read_text(encoding="utf-8").endswith('when = "2027"\n')


async def test_leftovers_of_an_interrupted_save_are_offered_for_removal(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / QT_SL, tmp_path / QT_SL)
    leftover = tmp_path / f".{QT_SL}.a1b2c3d4.tmp"
    leftover.write_text("half", encoding="utf-8")
    other = tmp_path / ".notes.tmp"
    other.write_text("mine", encoding="utf-8")
    async with app_on(tmp_path).run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the offer")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert leftover.name in str(dialog.message)
        assert other.name not in str(dialog.message)
        dialog.dismiss("remove")
        await settle(pilot)
    assert not leftover.exists()
    assert other.exists()
    assert (tmp_path / QT_SL).exists()

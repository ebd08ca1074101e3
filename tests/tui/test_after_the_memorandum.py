"""The app after Quảng Trị–Salavan's memorandum has ended (as of 2026-12-01), and the small
fixes found on the same walk-through: dialogs that show every button, party labels from the
file, a palette that ignores accents, and what stays readable at 80×24."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from test_forms import FORMS_SCHEDULE, FormHost, error_of, paste_into, type_into
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Button, OptionList

from schedules import load_file
from schedules.planning import next_visits
from tests.paths import ROOT
from tui.app import VisitsApp
from tui.screens.dialogs import ConfirmDialog
from tui.screens.main import MainScreen
from tui.screens.visit_form import VisitForm
from tui.widgets.partnership_list import PartnershipEntry, PartnershipList, entry_prompt, next_due
from tui.widgets.rules_table import RulesTable
from tui.widgets.visits_table import VisitsTable

EXAMPLES = ROOT / "examples"
QT_SL = "quang-tri-salavan.toml"
SL_HP = "son-la-hua-phan.toml"
AFTER = dt.date(2026, 12, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in (QT_SL, SL_HP):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


async def opened(pilot: object) -> MainScreen:
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(100):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        screen = app.screen_stack[0]
        if isinstance(screen, MainScreen) and screen.query_one(PartnershipList).entries:
            busy = [w for w in app.workers if w.group in ("load", "check")]
            if not busy:
                return screen
    raise AssertionError("the app did not load the folder")


def entry_text(screen: MainScreen, name: str) -> str:
    entries = screen.query_one(PartnershipList).entries
    return next(e.next_due.plain for e in entries if e.path.endswith(name))


# --- the lapsed memorandum --------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_side_list_and_rules_tab_after_the_memorandum_ended(
    folder: Path, size: tuple[int, int]
) -> None:
    app = VisitsApp(str(folder), as_of=AFTER, follow_disk=False)
    async with app.run_test(size=size) as pilot:
        screen = await opened(pilot)
        # not "nothing due": talks-2025 was planned for after its deadline, and is still a plan
        assert entry_text(screen, QT_SL) == "late: due 2025-04-04 (no memorandum)"
        # Sơn La has no `short`: no initials made up for it (Salavan's are "SL")
        assert entry_text(screen, SL_HP) == "overdue by 2020-04-09"
        screen.go_to(str(folder / QT_SL))
        await pilot.pause()
        rules = screen.query_one(RulesTable)
        for rule in ("talks-rotate-2023", "talks-interval-2023"):
            cell = rules.get_cell(rule, "next").plain
            assert cell == "late by 2025-04-04 (continued)", cell
        # the ended agreement's quota rules ask for nothing next
        assert rules.get_cell("committee-exchange-yearly", "next").plain == ""


def test_side_list_never_breaks_a_date_in_two() -> None:
    schedule = load_file(EXAMPLES / QT_SL).schedule
    assert schedule is not None
    for as_of in (dt.date(2023, 12, 1), AFTER, dt.date(2024, 6, 1)):
        due = next_due(schedule, next_visits(schedule, as_of))
        entry = PartnershipEntry(QT_SL, schedule.partnership.title, 6, 3, False, False, due)
        # the side list's text width at 80 columns
        lines = Text(entry_prompt(entry).plain).wrap(Console(width=21), 21)
        shown = "\n".join(line.plain for line in lines)
        for token in due.plain.split():
            if token[:4].isdigit():
                assert any(token in line.plain for line in lines), shown


async def test_visits_table_keeps_the_status_visible_at_80_by_24(folder: Path) -> None:
    app = VisitsApp(str(folder), as_of=AFTER, follow_disk=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        for name in (QT_SL, SL_HP):  # Sơn La–Hủa Phăn: a long kind and long party ids
            screen.go_to(str(folder / name))
            screen.action_show_tab("visits")
            await pilot.pause()
            table = screen.query_one(VisitsTable).table
            assert table.row_count > 0
            left = 0
            for key, column in table.columns.items():
                if key.value == "status":
                    break
                left += column.get_render_width(table)
            status = table.columns[next(k for k in table.columns if k.value == "status")]
            assert left + status.get_render_width(table) <= table.scrollable_content_region.width


# --- the palette ------------------------------------------------------------------------------


async def test_palette_ignores_accents(folder: Path) -> None:
    app = VisitsApp(str(folder), as_of=AFTER, follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Son La")
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        found: list[str] = []
        for _ in range(40):
            await pilot.pause(0.05)
            options = palette.query_one(OptionList)
            found = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            if found:
                break
        assert any("Sơn La – Hủa Phăn" in text for text in found), found


# --- choice dialogs ---------------------------------------------------------------------------

CONFLICT = [
    ("Save as a new file", "save-as"),
    ("Overwrite the file on disk", "overwrite"),
    ("Reload, dropping my changes", "reload"),
    ("Cancel", "cancel"),
]
MARK = [
    ("Held", "held"),
    ("Confirmed", "confirmed"),
    ("Postponed", "postponed"),
    ("Cancelled", "cancelled"),
]


class DialogApp(App[None]):
    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.choices = choices

    def on_mount(self) -> None:
        self.push_screen(ConfirmDialog("The file changed on disk", "A question.", self.choices))


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
@pytest.mark.parametrize("choices", [CONFLICT, MARK], ids=["conflict", "mark"])
async def test_choice_dialogs_show_every_button_whole(
    size: tuple[int, int], choices: list[tuple[str, str]]
) -> None:
    async with DialogApp(choices).run_test(size=size) as pilot:
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        box = dialog.query_one("#dialog").region
        assert dialog.region.contains_region(box)
        buttons = list(dialog.query(Button))
        assert [str(b.label) for b in buttons] == [label for label, _ in choices]
        for button in buttons:
            label = str(button.label)
            region = button.region
            assert box.contains_region(region), (label, region, box)
            assert button.content_region.width >= len(label), (label, button.content_region)
        # and the buttons do not overlap one another
        regions = [b.region for b in buttons]
        for i, one in enumerate(regions):
            assert all(not one.overlaps(other) for other in regions[i + 1 :])


# --- date fields ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2027-07-15..17", "2027-07-15..07-17"])
async def test_visit_form_takes_a_range_as_the_app_writes_it(typed: str) -> None:
    schedule = load_file(FORMS_SCHEDULE).schedule
    assert schedule is not None
    app = FormHost(VisitForm(schedule))
    async with app.run_test(size=(100, 35)) as pilot:
        await type_into(pilot, "#dates", typed)
        assert error_of(app.screen, "#dates") == ""
        await type_into(pilot, "#dates", "31/08/2025")
        assert "like 2025-08-31" in error_of(app.screen, "#dates")
        await paste_into(pilot, "#dates", "2027-07-15–17")  # an en dash: no key name spells it
        assert "write a range with two dots, like 2027-07-15..17" in error_of(app.screen, "#dates")

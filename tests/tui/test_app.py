"""The app's flows, driven with the Pilot on copies of the examples: what ends up in the file."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, TabbedContent

from schedules import session
from schedules.sourcemap import SourceMap
from schedules.textedit import pieces
from schedules.workspace import run_check
from tests.paths import ROOT
from tests.tui.pilots import main_screen, settle, until
from tui.app import VisitsApp
from tui.screens import main_work
from tui.screens.as_of import AsOfDialog
from tui.screens.dialogs import ConfirmDialog, SaveAsDialog
from tui.screens.held_form import HeldDatesForm
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.visit_form import VisitForm
from tui.screens.visit_participants import ParticipantRow
from tui.screens.waiver_form import WaiverForm
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.partnership_list import PartnershipList
from tui.widgets.visits_table import VisitsTable

EXAMPLES = ROOT / "examples"
QT_SL = "quang-tri-salavan.toml"
SL_HP = "son-la-hua-phan.toml"
AS_OF = dt.date(2024, 6, 1)
SIZE = (120, 35)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with copies of both examples."""
    for name in (QT_SL, SL_HP):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def app_on(path: Path, as_of: dt.date = AS_OF) -> VisitsApp:
    return VisitsApp(str(path), as_of=as_of, follow_disk=False)


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


async def fill_visit_form(pilot: Pilot[None], **values: str) -> None:
    form = pilot.app.screen
    assert isinstance(form, VisitForm)
    for key, value in values.items():
        if key == "host":
            form.query_one("#host", Select).value = value
        else:
            form.query_one(f"#{key}", Input).value = value
    await pilot.pause()


# --- opening -----------------------------------------------------------------------------------


async def test_opens_a_folder_with_the_same_checks_as_visits_check(folder: Path) -> None:
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        sidebar = screen.query_one(PartnershipList)
        assert [entry.path for entry in sidebar.entries] == [
            str(folder / QT_SL),
            str(folder / SL_HP),
        ]
        shown = screen.query_one(DiagnosticsPanel).checks
        assert shown is not None
        report = run_check([str(folder)], AS_OF)
        assert list(shown.diagnostics) == report.diagnostics
        assert sidebar.entries[1].errors == 1


async def test_a_file_that_cannot_be_read_shows_its_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[partnership]\nid = "x"\ntitle = "Broken\n', encoding="utf-8")
    async with app_on(tmp_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        checks = screen.query_one(DiagnosticsPanel).checks
        assert checks is not None
        (problem,) = checks.diagnostics
        assert (problem.code, problem.line) == ("syntax", 3)
        assert screen.query_one(PartnershipList).entries[0].input_error
        await pilot.press("a")  # editing is refused, nothing crashes
        await pilot.pause()
        assert pilot.app.screen is screen


async def test_file_text_is_shown_literally(tmp_path: Path) -> None:
    text = (EXAMPLES / QT_SL).read_text(encoding="utf-8")
    text = text.replace('title = "Bilateral talks (Hội đàm song phương)"', 'title = "[bold]x[/]"')
    (tmp_path / QT_SL).write_text(text, encoding="utf-8")
    async with app_on(tmp_path / QT_SL).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main_screen(pilot).query_one(VisitsTable).table
        cell = table.get_cell("talks-2023", "title")
        assert cell.plain == "[bold]x[/]"
        assert "[bold]x[/]" in pilot.app.export_screenshot().replace("&#160;", " ")


# --- plan, add, edit ---------------------------------------------------------------------------


async def test_add_a_visit_keeps_comments_and_lands_after_the_last_visit(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await fill_visit_form(
            pilot,
            **{"visit-id": "info-2024", "kind": "information-exchange", "dates": "2024-09-10"},
            host="salavan",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.file() is not None and screen.file().dirty  # type: ignore[union-attr]
        assert screen.query_one(VisitsTable).visit_id == "info-2024"
        await save(pilot)
    after = path.read_text(encoding="utf-8")
    removed, added = changes(before, after)
    assert removed == []
    assert added == [
        "[[visits]]",
        'id = "info-2024"',
        'kind = "information-exchange"',
        'host = "salavan"',
        'guests = ["quang-tri"]',
        'status = "planned"',
        "start = 2024-09-10",
        "",
    ]
    # after the last visit, before the comments that open the actions section
    assert after.index('id = "info-2024"') > after.index('id = "talks-2025"')
    assert after.index('id = "info-2024"') < after.index("# Follow-ups from the 2023 talks")
    assert (folder / SL_HP).read_text(encoding="utf-8") == (EXAMPLES / SL_HP).read_text(
        encoding="utf-8"
    )


async def test_plan_next_fills_the_form_from_the_rules(folder: Path) -> None:
    path = folder / SL_HP
    before = path.read_text(encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, VisitForm)
        # overdue since 2020: Sơn La's turn to host the working visit, as soon as possible:
        # the first three weekdays (the 2018 visit lasted three days) free of holidays
        assert form.query_one("#host", Select).value == "son-la"
        assert form.query_one("#kind", Input).value == "working-visit"
        assert form.query_one("#dates", Input).value == "2024-06-03..2024-06-05"
        await fill_visit_form(pilot, **{"visit-id": "working-visit-2024"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        checks = main_screen(pilot).query_one(DiagnosticsPanel).checks
        assert checks is not None
        # the overdue error becomes a late visit: the gap broke the rule, the rotation holds
        (late,) = [d for d in checks.diagnostics if d.code == "interval"]
        assert late.visit == "working-visit-2024" and "overdue" not in late.message
        assert not [d for d in checks.diagnostics if d.code == "alternation"]
        await save(pilot)
    removed, added = changes(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert 'host = "son-la"' in added
    assert "start = 2024-06-03" in added and "end = 2024-06-05" in added


async def test_edit_a_visit_changes_only_that_key(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("e")
        await pilot.pause()
        await fill_visit_form(pilot, dates="2025-03-10..2025-03-12")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await save(pilot)
    removed, added = changes(before, path.read_text(encoding="utf-8"))
    assert removed == ['when = "2025"']
    assert added == ["start = 2025-03-10", "end = 2025-03-12"]


async def test_edit_a_participants_title(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    old_title = "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch Thường trực HĐND tỉnh Quảng Trị"
    new_title = "Phó Chủ tịch Thường trực HĐND tỉnh Quảng Trị"
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2023")
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, VisitForm)
        (row,) = [r for r in form.query(ParticipantRow) if r.name_input.value == "Lê Quang Chiến"]
        title = row.query_one(".p-title", Input)
        assert title.value == old_title
        title.value = new_title
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is main_screen(pilot)
        await save(pilot)
        shown = main_screen(pilot).query_one(DiagnosticsPanel).checks
    after = path.read_text(encoding="utf-8")
    assert changes(before, after) == ([f'  title = "{old_title}"'], [f'  title = "{new_title}"'])
    assert shown is not None
    assert list(shown.diagnostics) == run_check([str(path)], AS_OF).diagnostics


async def test_mark_a_visit_postponed(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        dialog.dismiss("postponed")
        await settle(pilot)
        table = main_screen(pilot).query_one(VisitsTable).table
        assert table.get_cell("talks-2025", "status").plain == "postponed"
        await save(pilot)
    assert changes(before, path.read_text(encoding="utf-8")) == (
        ['status = "planned"'],
        ['status = "postponed"'],
    )


async def test_marking_a_visit_changes_its_row_in_place(folder: Path) -> None:
    async with app_on(folder / QT_SL).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        visits = main_screen(pilot).query_one(VisitsTable)
        order = [row.value for row in visits.table.rows]
        assert visits.table.get_cell("talks-2025", "mark").plain == "▲"  # may be too late
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("held")
        await settle(pilot)
        # only "2025" is known: a held visit needs its days, so they are asked for
        form = pilot.app.screen
        assert isinstance(form, HeldDatesForm)
        form.query_one("#dates", Input).value = "2025-07-01..03"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # held, but its dates are after the as-of date: an error on its row
        assert visits.table.get_cell("talks-2025", "status").plain == "held"
        assert visits.table.get_cell("talks-2025", "dates").plain.startswith("2025-07-01")
        assert visits.table.get_cell("talks-2025", "mark").plain == "✖"
        assert [row.value for row in visits.table.rows] == order
        assert visits.visit_id == "talks-2025"


async def test_delete_a_visit(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#choice-0")  # Delete
        await settle(pilot)
        await save(pilot)
    after = path.read_text(encoding="utf-8")
    assert 'id = "talks-2025"' not in after
    assert "# Follow-ups from the 2023 talks" in after
    assert 'id = "talks-2023"' in after


async def test_close_an_action_and_add_a_waiver(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.go_to(str(path), action="hall-funding")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        dialog.dismiss("done")
        await settle(pilot)
        # a waiver for the training quota of 2023, from its diagnostic
        panel = screen.query_one(DiagnosticsPanel)
        panel.focus()
        panel.highlighted = next(
            index
            for index, d in enumerate(panel.checks.diagnostics)  # type: ignore[union-attr]
            if d.code == "quota" and d.severity == "error"
        )
        await pilot.press("w")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, WaiverForm)
        assert form.query_one("#rule", Select).value == "delegate-training-yearly"
        form.query_one("#reason", Input).value = "Training was agreed only at the 2023 talks"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        checks = screen.query_one(DiagnosticsPanel).checks
        assert checks is not None
        assert checks.count("error") == 0  # type: ignore[arg-type]
        await save(pilot)
    removed, added = changes(before, path.read_text(encoding="utf-8"))
    assert removed == ['status = "open"']
    assert added[0] == 'status = "done"'
    assert "[[waivers]]" in added
    assert 'rule = "delegate-training-yearly"' in added


async def test_an_invalid_form_refuses_to_save(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await fill_visit_form(pilot, **{"visit-id": "talks-2023", "dates": "2025-13"})
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, VisitForm)  # still open
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)  # what was typed is not lost silently
        pilot.app.screen.dismiss("discard")
        await settle(pilot)
        screen = main_screen(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert not screen.unsaved
    assert path.read_text(encoding="utf-8") == before


# --- the disk ----------------------------------------------------------------------------------


async def test_changed_on_disk_asks_before_overwriting(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("confirmed")
        await settle(pilot)
        outside = path.read_text(encoding="utf-8").replace(
            "# Visits. Only those", "# Edited elsewhere. Visits. Only those"
        )
        path.write_text(outside, encoding="utf-8")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the question")
        assert path.read_text(encoding="utf-8") == outside  # nothing written yet
        pilot.app.screen.dismiss("overwrite")
        await until(pilot, lambda: not main_screen(pilot).saving, "the save")
    after = path.read_text(encoding="utf-8")
    assert 'status = "confirmed"' in after
    assert "# Edited elsewhere" not in after


async def test_changed_on_disk_can_be_saved_as_another_file(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("confirmed")
        await settle(pilot)
        outside = path.read_text(encoding="utf-8") + "\n# edited elsewhere\n"
        path.write_text(outside, encoding="utf-8")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the question")
        pilot.app.screen.dismiss("save-as")
        await until(pilot, lambda: isinstance(pilot.app.screen, SaveAsDialog), "save as")
        pilot.app.screen.dismiss(folder / "mine.toml")
        await until(pilot, lambda: not main_screen(pilot).saving, "the save")
        assert main_screen(pilot).current == str(folder / "mine.toml")
    assert path.read_text(encoding="utf-8") == outside
    assert 'status = "confirmed"' in (folder / "mine.toml").read_text(encoding="utf-8")


async def test_changed_on_disk_can_be_reloaded(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("cancelled")
        await settle(pilot)
        outside = path.read_text(encoding="utf-8").replace(
            'place = "Quảng Trị"\nsource', 'place = "Đông Hà"\nsource'
        )
        path.write_text(outside, encoding="utf-8")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog), "the question")
        pilot.app.screen.dismiss("reload")
        await until(pilot, lambda: not main_screen(pilot).unsaved, "the reload")
        schedule = main_screen(pilot).file().schedule  # type: ignore[union-attr]
        assert schedule is not None
        visit = schedule.visit("talks-2025")
        assert visit is not None and visit.place == "Đông Hà" and visit.status == "planned"
    assert path.read_text(encoding="utf-8") == outside


async def test_a_file_edited_outside_reloads_by_itself(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = path.read_text(encoding="utf-8").replace(
            'status = "planned"', 'status = "confirmed"'
        )
        path.write_text(text, encoding="utf-8")
        screen = main_screen(pilot)
        screen.poll_disk()  # what the 2-second timer does
        await until(
            pilot,
            lambda: (
                screen.query_one(VisitsTable).table.get_cell("talks-2025", "status").plain
                == "confirmed"
            ),
            "the reload",
        )
        assert not screen.unsaved


# --- quitting ----------------------------------------------------------------------------------


async def test_quit_with_unsaved_changes_asks_first(folder: Path) -> None:
    path = folder / QT_SL
    before = path.read_text(encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("confirmed")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        pilot.app.screen.dismiss("cancel")
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, MainScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        pilot.app.screen.dismiss("discard")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_text(encoding="utf-8") == before


async def test_quit_can_save_first(folder: Path) -> None:
    path = folder / QT_SL
    async with app_on(path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_visit(pilot, "talks-2025")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("confirmed")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        pilot.app.screen.dismiss("save")
        for _ in range(50):
            await pilot.pause(0.05)
            if not pilot.app.is_running:
                break
    assert 'status = "confirmed"' in path.read_text(encoding="utf-8")


async def test_quit_without_changes_does_not_ask(folder: Path) -> None:
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not pilot.app.is_running


# --- browsing ----------------------------------------------------------------------------------


async def test_choosing_a_diagnostic_goes_to_its_visit(folder: Path) -> None:
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        panel = screen.query_one(DiagnosticsPanel)
        checks = panel.checks
        assert checks is not None
        index = next(i for i, d in enumerate(checks.diagnostics) if d.visit == "working-visit-2018")
        panel.focus()
        panel.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current is not None and screen.current.endswith(SL_HP)
        assert screen.query_one(VisitsTable).visit_id == "working-visit-2018"
        assert screen.query_one(TabbedContent).active == "visits-tab"


async def test_filter_and_sort_visits(folder: Path) -> None:
    async with app_on(folder / QT_SL).run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = main_screen(pilot).query_one(VisitsTable)
        await pilot.press("slash")
        await pilot.press(*"salavan")
        await pilot.pause()
        # accents and case do not matter; the host and guests are searched
        assert table.table.row_count == 3
        table.query_one(Input).value = "hoi dam"
        await pilot.pause()
        assert table.table.row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert table.table.row_count == 3
        table.sort_column = "status"
        await pilot.pause()
        assert [row.value for row in table.table.rows] == ["talks-2018", "talks-2023", "talks-2025"]


async def test_as_of_date_can_be_changed(folder: Path) -> None:
    async with app_on(folder / QT_SL).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, AsOfDialog)
        dialog.query_one("#as-of", Input).value = "2023-12-01"
        await pilot.press("enter")
        await settle(pilot)
        checks = main_screen(pilot).query_one(DiagnosticsPanel).checks
        assert checks is not None and checks.as_of == dt.date(2023, 12, 1)
        assert checks.diagnostics == tuple(
            run_check([str(folder / QT_SL)], dt.date(2023, 12, 1)).diagnostics
        )


async def test_help_and_command_palette(folder: Path) -> None:
    async with app_on(folder).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert main_screen(pilot).query_one(TabbedContent).active == "timeline-tab"


async def test_works_at_80_by_24(folder: Path) -> None:
    async with app_on(folder).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.has_class("-narrow")
        assert screen.query_one(VisitsTable).table.row_count == 3


async def test_a_large_file_opens_without_freezing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading, checking and reading for editing run in workers: while the files are still being
    read, the screen answers keys; none of that work ever runs on the event loop's thread."""
    path = tmp_path / "large.toml"
    path.write_text(large_schedule(5000), encoding="utf-8")
    reading = threading.Event()
    release = threading.Event()
    on_the_loop: list[str] = []

    def watched(name: str, work: Callable[..., Any], *, hold: bool = False) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                on_the_loop.append(name)
            if hold:
                reading.set()
                assert release.wait(60), "the test never let the reading go on"
            return work(*args, **kwargs)

        return run

    monkeypatch.setattr(main_work, "open_files", watched("read", main_work.open_files, hold=True))
    monkeypatch.setattr(session, "check_documents", watched("check", session.check_documents))
    monkeypatch.setattr(main_work, "read_for_editing", watched("edit", main_work.read_for_editing))
    async with app_on(path).run_test(size=SIZE) as pilot:
        while not reading.is_set():
            await pilot.pause(0.01)
        screen = main_screen(pilot)
        await pilot.press("2")  # the file is still being read: the screen answers all the same
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "timeline-tab"
        release.set()
        await pilot.press("1")
        await until(
            pilot, lambda: screen.query_one(VisitsTable).table.row_count == 5000, "all rows"
        )
        await until(pilot, lambda: screen.file() is not None and screen.file().editable, "edits")
    assert on_the_loop == []


async def test_an_edit_of_a_large_file_is_checked_without_reading_it_all_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edited table is rendered alone and only the tables with diagnostics are mapped to
    lines; the checks are still those of `visits check` on the saved file."""
    path = tmp_path / "large.toml"
    path.write_text(large_schedule(2000), encoding="utf-8")
    async with app_on(path).run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        await until(pilot, lambda: bool(screen.files) and screen.files[0].editable, "editing")
        scanned: list[int] = []
        rendered: list[str] = []
        from_text = SourceMap.from_text.__func__  # type: ignore[attr-defined]
        split = pieces.split

        def scan(cls: type[SourceMap], text: str) -> SourceMap:
            scanned.append(len(text))
            return from_text(cls, text)  # type: ignore[no-any-return]

        def cut(text: str) -> tuple[pieces.Piece, ...]:
            if len(text) > 1000:
                rendered.append("whole")
            return split(text)

        monkeypatch.setattr(SourceMap, "from_text", classmethod(scan))
        monkeypatch.setattr(pieces, "split", cut)
        await choose_visit(pilot, "v1999")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.dismiss("cancelled")
        await settle(pilot)
        assert rendered == []
        assert all(length < 1000 for length in scanned)  # tables, of a file of 200,000 characters
        monkeypatch.undo()
        await save(pilot)
        shown = screen.query_one(DiagnosticsPanel).checks
    assert 'status = "cancelled"' in path.read_text(encoding="utf-8")
    assert shown is not None
    assert list(shown.diagnostics) == run_check([str(path)], AS_OF).diagnostics


def large_schedule(visits: int) -> str:
    lines = [
        "[partnership]",
        'id = "large"',
        'title = "Large"',
        "[parties.a]",
        'name = "A"',
        "[parties.b]",
        'name = "B"',
        "[[agreements]]",
        'id = "mou"',
        "signed = 1000-01-01",
        "  [[agreements.rules]]",
        '  id = "rotate"',
        '  kind = "alternate"',
        '  visits = ["talks"]',
    ]
    for index in range(visits):
        day = dt.date(1000, 1, 1) + dt.timedelta(days=30 * index)
        lines += [
            "[[visits]]",
            f'id = "v{index}"',
            'kind = "talks"',
            f'host = "{"ab"[index % 2]}"',
            'status = "held"',
            f"start = {day.isoformat()}",
            f'title = "Visit {index}"',
        ]
    return "\n".join(lines) + "\n"


async def test_plan_next_after_the_memorandum_has_ended(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As of today mou-2023 has ended and talks-2025 is still only planned: the app says so;
    once it is recorded as held, the rotation carries on with Salavan's turn."""
    path = folder / QT_SL
    today = dt.date(2026, 11, 22)
    async with app_on(path, as_of=today).run_test(size=SIZE) as pilot:
        await settle(pilot)
        told: list[str] = []
        monkeypatch.setattr(
            main_screen(pilot), "notify", lambda message, **_: told.append(str(message))
        )
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, VisitForm)
        (notice,) = told
        # not "already planned": a plan a year stale is late, and the notice says so
        assert notice.startswith("talks-2025 is planned, but late: its deadline (2025-04-04)")
        assert "Mark it held (m) with its dates" in notice

    text = path.read_text(encoding="utf-8").replace('status = "planned"', 'status = "held"')
    path.write_text(text, encoding="utf-8")
    async with app_on(path, as_of=today).run_test(size=SIZE) as pilot:
        await settle(pilot)
        told.clear()
        monkeypatch.setattr(
            main_screen(pilot), "notify", lambda message, **_: told.append(str(message))
        )
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, VisitForm)
        assert form.query_one("#host", Select).value == "salavan"
        assert form.query_one("#kind", Input).value == "talks"
        # suggested dates, and why: two days (the median of the held talks with dates), and
        # the day after the as-of date is a Vietnamese holiday
        assert form.query_one("#dates", Input).value == "2026-11-25..2026-11-26"
        (notice,) = told
        assert notice.splitlines() == [
            "SL hosts next (alternate rule talks-rotate-2023 of mou-2023).",
            "Deadline: 2027-12-31.",
            "No memorandum in force since 2025-12-31: the last rotation continues.",
            "Suggested dates: 25–26 November 2026: avoids Vietnam Cultural Day (VN), 24 November",
        ]

"""The headless session as a front end drives it: results computed as a worker would, then
applied. Changes on disk (reloaded while clean, warned about once while edited, new files
opened), stale check results dropped, and saves that meet a change made on disk."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from schedules.drafts import VisitDraft
from schedules.editing import ConflictError
from schedules.session import (
    OpenFile,
    Session,
    check_files,
    models_of,
    read_for_editing,
    read_workspace,
)
from schedules.watching import look_at_disk
from tests.paths import ROOT

EXAMPLES = ROOT / "examples"
QT_SL = "quang-tri-salavan.toml"
AS_OF = dt.date(2026, 12, 1)


def opened(folder: Path) -> Session:
    """A session on `folder`, read and checked and read for editing, as the app opens it."""
    session = Session(str(folder), AS_OF)
    files, checked = read_workspace(session.root, session.as_of)
    session.opened(files, checked)
    for file in files:
        assert session.editable_ready(file, read_for_editing(file))
        assert session.models_ready(file, models_of(file))
    return session


def changed_on_disk(path: Path, old: str, new: str) -> None:
    """Someone else's edit: other bytes, and a stamp that surely differs."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def status(file: OpenFile, visit_id: str) -> str:
    assert file.schedule is not None
    visit = file.schedule.visit(visit_id)
    assert visit is not None
    return visit.status


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / QT_SL, tmp_path / QT_SL)
    return tmp_path


def test_a_file_changed_on_disk_while_clean_is_reloaded(folder: Path) -> None:
    session = opened(folder)
    (file,) = session.files
    changed_on_disk(folder / QT_SL, 'status = "planned"', 'status = "confirmed"')
    news = session.apply_disk(look_at_disk(session.files, session.root))
    assert news.reloaded == (file,) and news.recheck
    assert not news.warn
    assert status(file, "talks-2025") == "confirmed"
    assert file.editable is not None and not file.dirty
    # nothing changed since: nothing to do
    assert session.apply_disk(look_at_disk(session.files, session.root)).recheck is False


def test_a_file_changed_on_disk_while_edited_is_warned_about_once_per_change(
    folder: Path,
) -> None:
    session = opened(folder)
    (file,) = session.files
    session.edit(file, lambda e: e.update_visit("talks-2025", {"status": "postponed"}))
    changed_on_disk(folder / QT_SL, 'status = "planned"', 'status = "confirmed"')
    first = session.apply_disk(look_at_disk(session.files, session.root))
    again = session.apply_disk(look_at_disk(session.files, session.root))
    assert first.warn == (file,) and not first.reloaded
    assert again.warn == ()
    assert file.dirty  # the planner's edits stay; saving will ask
    changed_on_disk(folder / QT_SL, 'status = "confirmed"', 'status = "cancelled"')
    assert session.apply_disk(look_at_disk(session.files, session.root)).warn == (file,)


def test_a_new_schedule_file_under_the_folder_is_opened_once(folder: Path) -> None:
    session = opened(folder)
    shutil.copy(EXAMPLES / "son-la-hua-phan.toml", folder / "son-la-hua-phan.toml")
    (folder / "notes.toml").write_text('title = "not a schedule"\n', encoding="utf-8")
    news = session.apply_disk(look_at_disk(session.files, session.root))
    assert [Path(f.path).name for f in news.added] == ["son-la-hua-phan.toml"]
    assert news.added[0].editable is not None
    assert len(session.files) == 2
    assert session.apply_disk(look_at_disk(session.files, session.root)).added == ()
    assert len(session.files) == 2


def test_a_check_result_older_than_the_one_shown_is_dropped(folder: Path) -> None:
    session = opened(folder)
    (file,) = session.files
    session.edit(file, lambda e: e.update_visit("talks-2025", {"status": "postponed"}))
    older = check_files(session.files, session.as_of)
    session.edit(file, lambda e: e.update_visit("talks-2025", {"status": "cancelled"}))
    newer = check_files(session.files, session.as_of)
    generation = session.generation
    assert session.apply_check(newer)
    assert not session.apply_check(older)  # a worker that finished late
    assert status(file, "talks-2025") == "cancelled"
    assert session.checks is newer.checks
    assert session.generation == generation + 1
    assert not file.stale


def test_a_check_started_before_a_reload_is_dropped(folder: Path) -> None:
    session = opened(folder)
    (file,) = session.files
    session.edit(file, lambda e: e.update_visit("talks-2025", {"status": "postponed"}))
    before = check_files(session.files, session.as_of)
    changed_on_disk(folder / QT_SL, 'status = "planned"', 'status = "confirmed"')
    session.step(file)  # undone: clean again, so the change on disk is reloaded
    assert session.apply_disk(look_at_disk(session.files, session.root)).reloaded == (file,)
    assert not session.apply_check(before)
    assert status(file, "talks-2025") == "confirmed"


def test_a_check_for_another_as_of_date_is_dropped(folder: Path) -> None:
    session = opened(folder)
    stale = check_files(session.files, session.as_of)
    session.as_of = dt.date(2030, 1, 1)
    assert not session.apply_check(stale)
    assert session.apply_check(check_files(session.files, session.as_of))
    assert session.checks is not None and session.checks.as_of == dt.date(2030, 1, 1)


def test_saving_after_a_change_on_disk_raises_the_conflict(folder: Path) -> None:
    session = opened(folder)
    (file,) = session.files
    session.edit(file, lambda e: e.update_visit("talks-2025", {"status": "postponed"}))
    changed_on_disk(folder / QT_SL, 'status = "planned"', 'status = "confirmed"')
    on_disk = (folder / QT_SL).read_bytes()
    with pytest.raises(ConflictError):
        Session.write(file)
    assert (folder / QT_SL).read_bytes() == on_disk
    assert session.unsaved == [file]  # quitting would ask about it
    saved = Session.write(file, overwrite=True)
    session.saved(file, saved)
    assert session.unsaved == []
    assert 'status = "postponed"' in (folder / QT_SL).read_text(encoding="utf-8")
    # the stamp is the saved file's: the next look at the disk finds nothing
    news = session.apply_disk(look_at_disk(session.files, session.root))
    assert not (news.warn or news.reloaded or news.added)


def test_save_as_moves_the_file_and_parses_it_again_under_its_new_name(folder: Path) -> None:
    session = opened(folder)
    (file,) = session.files
    draft = VisitDraft(id="talks-2027", kind="talks", host="salavan", when="2027")
    session.edit(file, lambda e: e.add_visit(draft))
    target = folder / "copy.toml"
    session.saved(file, Session.write(file, target=target))
    assert file.path == str(target) and not file.dirty
    assert file.stale  # checked again under the new name
    assert session.apply_check(check_files(session.files, session.as_of))
    assert file.document.path == str(target)
    assert (folder / QT_SL).read_text(encoding="utf-8") == (EXAMPLES / QT_SL).read_text(
        encoding="utf-8"
    )

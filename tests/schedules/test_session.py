"""The headless editing session: undo and redo, references kept whole, id renames, saves
that fail, and the leftovers of an interrupted save."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from schedules import load_file
from schedules.atomic import leftover_temp_files, write_atomically
from schedules.command_io import write_output
from schedules.drafts import (
    ActionDraft,
    DraftProblem,
    EditError,
    ParticipantDraft,
    VisitDraft,
    WaiverDraft,
    visit_problems,
    waiver_problems,
)
from schedules.editing import EditableSchedule, SaveError
from schedules.renames import rename_party, rename_rule
from schedules.session import OpenFile, Session
from tests.paths import ROOT

DATA = ROOT / "tests" / "data" / "editing"
EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "quang-tri-salavan.toml"))


@pytest.fixture
def split(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "split-arrays.toml", tmp_path / "split-arrays.toml"))


def test_undo_goes_back_to_the_original_bytes_and_redo_forward(example: Path) -> None:
    before = example.read_bytes()
    editable = EditableSchedule.load(example)
    editable.update_visit("talks-2023", {"status": "postponed", "title": 'A "new" title'})
    editable.add_visit(VisitDraft(id="talks-2027", kind="talks", host="salavan", when="2027"))
    editable.delete_visit("talks-2018", references="detach")
    edited = editable.render()
    assert editable.dirty
    while editable.undo():
        pass
    assert editable.render().encode("utf-8") == before
    assert not editable.dirty
    assert not editable.undo()
    while editable.redo():
        pass
    assert editable.render() == edited
    assert editable.dirty


def test_an_edit_after_undo_drops_the_redo_steps(example: Path) -> None:
    editable = EditableSchedule.load(example)
    editable.update_visit("talks-2023", {"status": "postponed"})
    assert editable.undo()
    editable.update_visit("talks-2023", {"status": "cancelled"})
    assert not editable.can_redo
    assert tomllib.loads(editable.render())["visits"][1]["status"] == "cancelled"


def test_saving_starts_a_new_history(example: Path) -> None:
    editable = EditableSchedule.load(example)
    editable.update_visit("talks-2023", {"status": "postponed"})
    editable.save()
    assert not editable.can_undo
    assert not editable.dirty


def test_deleting_a_visit_can_delete_what_refers_to_it(example: Path) -> None:
    editable = EditableSchedule.load(example)
    actions, _ = editable.references("talks-2023")
    assert actions == ["hall-funding", "delegate-training", "reply-to-salavan"]
    editable.delete_visit("talks-2023", references="delete")
    data = tomllib.loads(editable.render())
    assert all(a.get("visit") != "talks-2023" for a in data.get("actions", []))
    assert [a["id"] for a in data.get("actions", [])] == []
    editable.save()  # no reference errors: it saves
    assert editable.undo() is False  # saved: a new history
    assert load_file(example).ok


def test_deleting_a_visit_can_keep_what_refers_to_it_without_it(example: Path) -> None:
    editable = EditableSchedule.load(example)
    editable.delete_visit("talks-2023", references="detach")
    data = tomllib.loads(editable.render())
    assert [a["id"] for a in data["actions"]] == [
        "hall-funding",
        "delegate-training",
        "reply-to-salavan",
    ]
    assert all("visit" not in a for a in data["actions"])
    editable.save()
    assert load_file(example).ok
    # one edit: one undo brings the visit and the references back
    editable = EditableSchedule.load(example)
    before = editable.render()
    editable.delete_visit("talks-2025", references="detach")
    assert editable.undo()
    assert editable.render() == before


def test_a_renamed_visit_id_is_renamed_where_it_is_referred_to(split: Path) -> None:
    editable = EditableSchedule.load(split)
    editable.update_visit("talks-2023", {"id": "talks-2023-salavan"})
    data = tomllib.loads(editable.render())
    assert data["actions"][0]["visit"] == "talks-2023-salavan"
    assert data["waivers"][0]["visit"] == "talks-2023-salavan"
    assert "  # from the talks" in editable.render()  # the action's comment stays
    editable.save()
    assert load_file(split).ok
    assert editable.render().count("talks-2023-salavan") == 3


def test_drafts_write_their_tables_and_are_checked(example: Path) -> None:
    document = load_file(example)
    schedule = document.schedule
    assert schedule is not None
    draft = VisitDraft(
        id="talks-2023",
        kind="talks",
        host="salavan",
        guests=("salavan",),
        participants=(
            ParticipantDraft("Anh", "salavan", role="head"),
            ParticipantDraft("Bình", "salavan", role="head"),
        ),
    )
    assert visit_problems(schedule, draft) == [
        DraftProblem("id", "another visit already has the id `talks-2023`"),
        DraftProblem("guests", "SL is the host, not a guest"),
    ]
    assert visit_problems(schedule, draft, editing="talks-2023")[0].key == "guests"
    assert waiver_problems(
        WaiverDraft(rule="x", reason="r", start=dt.date(2023, 4, 4), until=dt.date(2023, 1, 1))
    ) == [DraftProblem("until", "`until` (2023-01-01) is before `from` (2023-04-04)")]
    editable = EditableSchedule.load(example, read=document)
    editable.add_action(ActionDraft(id="new", text="Write", owner="salavan"))
    assert tomllib.loads(editable.render())["actions"][-1] == {
        "id": "new",
        "text": "Write",
        "owner": "salavan",
    }


def test_an_edit_that_cannot_be_written_is_an_edit_error(example: Path) -> None:
    editable = EditableSchedule.load(example)
    with pytest.raises(EditError, match="cannot hold"):
        editable.update_visit("talks-2023", {"title": object()})
    with pytest.raises(EditError, match="participants"):
        editable.update_visit("talks-2023", {"participants": "Anh"})
    assert not editable.dirty


def test_a_memory_error_while_saving_keeps_the_file_and_the_edits(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = example.read_bytes()
    editable = EditableSchedule.load(example)
    editable.update_visit("talks-2023", {"status": "postponed"})

    def out_of_memory(descriptor: int) -> None:
        raise MemoryError

    monkeypatch.setattr(os, "fsync", out_of_memory)
    with pytest.raises(SaveError, match="out of memory"):
        editable.save()
    assert example.read_bytes() == before
    assert editable.dirty
    assert leftover_temp_files(example.parent) == []
    monkeypatch.undo()
    editable.save()
    assert 'status = "postponed"' in example.read_text(encoding="utf-8")


def test_leftovers_of_a_killed_save_are_found_and_only_they_are_removed(tmp_path: Path) -> None:
    schedule = Path(shutil.copy(EXAMPLE, tmp_path / "qt.toml"))
    leftover = tmp_path / ".qt.toml.k3j_9xq2.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    others = [
        tmp_path / ".qt.toml.notes",  # not ours: no .tmp
        tmp_path / "qt.toml.k3j_9xq2.tmp",  # not hidden
        tmp_path / ".other.toml.k3j_9xq2.tmp",  # no such schedule open
        tmp_path / ".qt.toml.x.tmp",  # too short to be mkstemp's
    ]
    for path in others:
        path.write_text("keep me", encoding="utf-8")
    session = Session(str(tmp_path))
    session.files = [OpenFile(str(schedule), load_file(schedule))]
    assert session.leftovers() == [leftover]
    assert session.remove_leftovers([leftover, *others]) == [leftover]
    assert not leftover.exists()
    assert all(path.exists() for path in others)
    assert schedule.exists()


def test_one_writer_writes_through_symlinks_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert write_output("new", str(link)) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640
    write_atomically(link, b"again")
    assert link.is_symlink() and target.read_bytes() == b"again"


def test_a_renamed_party_is_renamed_everywhere_in_one_edit(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    editable = EditableSchedule.load(example)
    rename_party(editable, "salavan", "sa-la-van")
    text = editable.render()
    assert '"salavan"' not in text and "[parties.salavan]" not in text
    assert "[parties.sa-la-van]" in text
    removed, added = changed_lines(before, text)
    assert len(removed) == len(added)
    assert all(line.replace("salavan", "sa-la-van") in added for line in removed)
    assert comments(before) == comments(text)
    editable.save()
    document = load_file(example)
    assert document.ok, document.problems
    assert editable.undo() is False  # saved
    editable = EditableSchedule.load(example)
    rename_party(editable, "sa-la-van", "salavan")
    assert editable.render() == before
    with pytest.raises(EditError, match="taken"):
        rename_party(editable, "salavan", "quang-tri")


def test_a_renamed_rule_is_renamed_in_its_waivers(example: Path) -> None:
    editable = EditableSchedule.load(example)
    before = editable.render()
    rename_rule(editable, "talks-interval", "talks-gap")
    data = tomllib.loads(editable.render())
    rules = [r["id"] for a in data["agreements"] for r in a.get("rules", [])]
    assert "talks-gap" in rules and "talks-interval" not in rules
    assert [w["rule"] for w in data["waivers"]].count("talks-gap") == 1
    removed, added = changed_lines(before, editable.render())
    assert len(removed) == len(added) == 2
    editable.save()
    assert load_file(example).ok
    with pytest.raises(EditError, match="no rule"):
        rename_rule(editable, "nothing", "x")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    import difflib

    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in lines if line.startswith("- ")],
        [line[2:] for line in lines if line.startswith("+ ")],
    )


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]

"""Editing schedule files in place: the resulting file text, and saves that fail safely."""

from __future__ import annotations

import copy
import datetime as dt
import os
import random
import shutil
import stat
import tomllib
from pathlib import Path

import pytest

from schedules import check, load_file, load_text
from schedules.drafts import EditError
from schedules.editing import ConflictError, EditableSchedule, LoadError, SaveError
from tests.paths import ROOT

DATA = ROOT / "tests" / "data" / "editing"
EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "small.toml", tmp_path / "small.toml"))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "quang-tri-salavan.toml"))


def text_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def replaced(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# --- loading and rendering ---------------------------------------------------------------------


def test_an_unedited_file_renders_byte_for_byte(example: Path) -> None:
    editable = EditableSchedule.load(example)
    assert editable.render() == text_of(example)
    assert not editable.dirty
    assert not editable.changed_on_disk()


def test_an_array_of_tables_split_by_other_tables_is_edited_in_place() -> None:
    text = '[[visits]]\nid = "a"\n\n[[actions]]\nid = "x"\n\n[[visits]]\nid = "b"\n'
    editable = EditableSchedule.from_text(text)
    editable.update_visit("b", {"kind": "talks"})
    editable.add_visit({"id": "c"})
    editable.delete_visit("a")
    assert editable.render() == (
        '\n[[actions]]\nid = "x"\n\n[[visits]]\nid = "b"\nkind = "talks"\n\n[[visits]]\nid = "c"\n'
    )


def test_invalid_toml_and_unreadable_files_raise_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="not valid TOML"):
        EditableSchedule.from_text("a = \n")
    with pytest.raises(LoadError, match="cannot read"):
        EditableSchedule.load(tmp_path / "missing.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('title = "Qu\xe1ng"\n'.encode("latin-1"))
    with pytest.raises(LoadError, match="not UTF-8"):
        EditableSchedule.load(latin)


# --- adding ------------------------------------------------------------------------------------


def test_a_new_visit_lands_after_the_last_visit_before_the_next_section(example: Path) -> None:
    before = text_of(example)
    editable = EditableSchedule.load(example)
    editable.add_visit(
        {
            "id": "talks-2027",
            "kind": "talks",
            "host": "salavan",
            "guests": ["quang-tri"],
            "start": dt.date(2027, 4, 5),
            "end": dt.date(2027, 4, 6),
            "place": None,  # left out
            "agenda": ["Review of 2025", "Sign the 2027 memorandum"],
            "participants": [{"party": "salavan", "name": "Sỹ Hênh Hom Sôm Bắt", "role": "head"}],
        }
    )
    assert editable.dirty
    editable.save()

    last_visit_end = (
        'source = "Memorandum of 04/4/2023 (mou-2023), as reported on hdndquangtri.gov.vn"\n\n'
    )
    expected = replaced(
        before,
        last_visit_end,
        last_visit_end
        + "[[visits]]\n"
        + 'id = "talks-2027"\n'
        + 'kind = "talks"\n'
        + 'host = "salavan"\n'
        + 'guests = ["quang-tri"]\n'
        + "start = 2027-04-05\n"
        + "end = 2027-04-06\n"
        + "agenda = [\n"
        + '  "Review of 2025",\n'
        + '  "Sign the 2027 memorandum",\n'
        + "]\n"
        + "\n"
        + "  [[visits.participants]]\n"
        + '  name = "Sỹ Hênh Hom Sôm Bắt"\n'
        + '  party = "salavan"\n'
        + '  role = "head"\n'
        + "\n",
    )
    assert text_of(example) == expected
    assert expected.index("talks-2027") < expected.index("# Follow-ups from the 2023 talks")
    assert not editable.dirty


def test_a_single_agenda_entry_and_agenda_tables_stay_on_one_line(small: Path) -> None:
    editable = EditableSchedule.load(small)
    editable.add_visit(
        {"id": "v", "kind": "talks", "host": "b", "when": "2027", "agenda": ["Only item"]}
    )
    editable.update_visit("talks-2025", {"agenda": [{"time": "09:00", "item": "Opening"}]})
    editable.save()
    text = text_of(small)
    assert 'agenda = ["Only item"]\n' in text
    assert 'agenda = [{item = "Opening", time = "09:00"}]\n' in text


def test_a_first_visit_goes_at_the_end_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    start = (
        '[partnership]\nid = "a-b"\ntitle = "A – B"\n\n'
        '[parties.a]\nname = "A"\n\n[parties.b]\nname = "B"\n# the end'
    )
    path.write_text(start, encoding="utf-8")
    editable = EditableSchedule.load(path)
    editable.add_visit({"id": "v1", "kind": "talks", "host": "a", "start": dt.date(2026, 1, 2)})
    editable.add_visit({"id": "v2", "kind": "talks", "host": "b", "when": "2027"})
    editable.save()
    assert text_of(path) == (
        start + "\n\n"
        '[[visits]]\nid = "v1"\nkind = "talks"\nhost = "a"\nstart = 2026-01-02\n\n'
        '[[visits]]\nid = "v2"\nkind = "talks"\nhost = "b"\nwhen = "2027"\n'
    )


def test_a_participant_is_added_before_the_comments_of_the_next_visit(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.add_participant("talks-2025", {"name": "Bình", "party": "b", "title": "Chair"})
    editable.add_participant("talks-2023", {"name": "Chi", "party": "b"})
    editable.save()
    expected = replaced(
        before,
        '  role = "head"\n\n# Second talks',
        '  role = "head"\n\n  [[visits.participants]]\n  name = "Chi"\n  party = "b"\n\n'
        "# Second talks",
    )
    expected = replaced(
        expected,
        'when = "2025"\n\n# ----',
        'when = "2025"\n\n  [[visits.participants]]\n  name = "Bình"\n  party = "b"\n'
        '  title = "Chair"\n\n# ----',
    )
    assert text_of(small) == expected


def test_actions_and_waivers_are_appended(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.add_action({"id": "visit-b", "text": "Plan the visit", "owner": "b"})
    editable.add_waiver({"reason": "Floods", "rule": "holiday", "from": dt.date(2024, 9, 1)})
    editable.save()
    assert text_of(small) == (
        before + '\n[[actions]]\nid = "visit-b"\ntext = "Plan the visit"\nowner = "b"\n'
        '\n[[waivers]]\nrule = "holiday"\nfrom = 2024-09-01\nreason = "Floods"\n'
    )


# --- updating ----------------------------------------------------------------------------------


def test_an_edited_value_keeps_its_comment_and_alignment(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"status": "postponed", "host": "a"})
    editable.update_action("reply", {"status": "done"})
    editable.save()
    expected = replaced(before, 'status = "held"    # aligned', 'status = "postponed"    # aligned')
    expected = replaced(expected, 'host = "b"  # B hosted', 'host = "a"  # B hosted')
    expected = replaced(
        expected, 'status = "open"  # nothing yet', 'status = "done"  # nothing yet'
    )
    assert text_of(small) == expected


def test_an_unchanged_value_keeps_its_spelling(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"place": "Salavan", "start": dt.date(2023, 4, 4)})
    editable.save()
    assert text_of(small) == before  # 'Salavan' stays a literal string


def test_removing_a_key_takes_the_comment_above_it(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"place": None, "title": None})  # no title: no-op
    editable.save()
    expected = replaced(before, "# the place as the report spells it\nplace = 'Salavan'\n", "")
    assert text_of(small) == expected


def test_a_new_key_goes_after_the_visits_own_keys(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"outcome": "Memorandum signed"})
    editable.update_visit("talks-2025", {"status": "confirmed", "when": None})
    editable.update_visit("talks-2025", {"start": dt.date(2025, 7, 1)})
    editable.save()
    expected = replaced(
        before,
        "place = 'Salavan'\n\n",
        "place = 'Salavan'\noutcome = \"Memorandum signed\"\n\n",
    )
    expected = replaced(
        expected,
        'host = "a"\nwhen = "2025"\n\n# ----',
        'host = "a"\nstatus = "confirmed"\nstart = 2025-07-01\n\n# ----',
    )
    assert text_of(small) == expected


# --- participants ------------------------------------------------------------------------------


@pytest.fixture
def delegation(tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / "delegation.toml", tmp_path / "delegation.toml"))


ANH = {"name": "Anh", "party": "a", "title": "Chair", "role": "head"}
BINH = {"name": "Bình", "party": "a", "title": "Secretary"}
CHI = {"name": "Chi", "party": "b", "role": "head", "id": "chi"}


def test_editing_a_participants_title_changes_only_that_line(delegation: Path) -> None:
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    editable.update_visit(
        "talks-2023", {"participants": [ANH, {**BINH, "title": "Vice-Chair"}, CHI]}
    )
    editable.save()
    assert text_of(delegation) == replaced(
        before, 'title = "Secretary"\n', 'title = "Vice-Chair"\n'
    )


def test_removing_the_middle_participant_takes_its_comment(delegation: Path) -> None:
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    editable.update_visit("talks-2023", {"participants": [ANH, CHI]})
    editable.save()
    assert text_of(delegation) == replaced(
        before,
        '  # Minutes: "Bình (A)".\n  [[visits.participants]]\n  name = "Bình"\n  party = "a"\n'
        '  title = "Secretary"\n\n',
        "",
    )


def test_removing_the_first_and_the_last_participant(delegation: Path) -> None:
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    editable.update_visit("talks-2023", {"participants": [BINH]})
    editable.save()
    expected = replaced(
        before,
        '  # Led the delegation of A.\n  [[visits.participants]]\n  name = "Anh"\n  party = "a"\n'
        '  title = "Chair"   # as the report has it\n  role = "head"\n\n',
        "",
    )
    expected = replaced(
        expected,
        '  # Host side.\n  [[visits.participants]]\n  name = "Chi"\n  party = "b"\n'
        '  role = "head"\n  id = "chi"\n\n',
        "",
    )
    assert text_of(delegation) == expected


def test_participants_matched_by_name_or_id_are_edited_in_place(delegation: Path) -> None:
    """A name spelt differently (case, spaces) or a renamed person with the same id is the
    same person: their tables stay, with the changed keys edited; a new person is appended
    after the last participant, before the next visit's comment."""
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    people = [
        {"name": "ANH ", "party": "a", "title": "Chair", "role": "head"},
        {"name": "Bình", "party": "a"},  # no title any more
        {"name": "Chi Lan", "party": "b", "role": "head", "id": "chi"},
        {"name": "Dũng", "party": "b", "role": "staff"},
    ]
    editable.update_visit("talks-2023", {"participants": people})
    editable.save()
    expected = replaced(before, '  name = "Anh"\n', '  name = "ANH "\n')
    expected = replaced(expected, '  title = "Secretary"\n', "")
    expected = replaced(expected, '  name = "Chi"\n', '  name = "Chi Lan"\n')
    expected = replaced(
        expected,
        '  id = "chi"\n\n# The next talks.',
        '  id = "chi"\n\n  [[visits.participants]]\n  name = "Dũng"\n  party = "b"\n'
        '  role = "staff"\n\n# The next talks.',
    )
    assert text_of(delegation) == expected
    assert tomllib.loads(expected)["visits"][0]["participants"] == people


def test_a_reordered_list_is_written_in_its_new_order(delegation: Path) -> None:
    editable = EditableSchedule.load(delegation)
    editable.update_visit("talks-2023", {"participants": [CHI, ANH, BINH]})
    editable.save()
    text = text_of(delegation)
    assert tomllib.loads(text)["visits"][0]["participants"] == [CHI, ANH, BINH]
    assert text.count("# Host side.") == 1  # Chi's table and comment stay; the others move


def test_no_participants_removes_every_table(delegation: Path) -> None:
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    editable.update_visit("talks-2023", {"participants": None})
    editable.save()
    start = before.index("  # Led the delegation")
    end = before.index("# The next talks.")
    assert text_of(delegation) == before[:start] + before[end:]
    editable.update_visit("talks-2025", {"participants": [BINH]})  # a first participant
    assert tomllib.loads(editable.render())["visits"][1]["participants"] == [BINH]


def test_unchanged_participants_change_nothing(delegation: Path) -> None:
    editable = EditableSchedule.load(delegation)
    editable.update_visit("talks-2023", {"participants": [ANH, BINH, CHI]})
    assert not editable.dirty


def test_participants_that_cannot_be_written_change_nothing(delegation: Path) -> None:
    before = text_of(delegation)
    editable = EditableSchedule.load(delegation)
    with pytest.raises(EditError, match="participants"):
        editable.update_visit("talks-2023", {"status": "planned", "participants": "Anh"})
    assert editable.render() == before
    assert not editable.dirty


def test_participants_written_inline_are_written_inline_again(delegation: Path) -> None:
    before = text_of(delegation)
    inline = before.replace(
        'when = "2025"', 'when = "2025"\nparticipants = [{name = "X", party = "a"}]'
    )
    editable = EditableSchedule.from_text(inline)
    editable.update_visit("talks-2025", {"status": "confirmed", "participants": [BINH]})
    assert editable.render() == inline.replace(
        'host = "a"\nwhen = "2025"\nparticipants = [{name = "X", party = "a"}]',
        'host = "a"\nstatus = "confirmed"\nwhen = "2025"\n'
        'participants = [{name = "Bình", party = "a", title = "Secretary"}]',
    )
    assert editable.render().count("# Host side.") == 1


def test_unknown_ids_raise_edit_error(small: Path) -> None:
    editable = EditableSchedule.load(small)
    with pytest.raises(EditError, match='no visit with id "talks-1999"'):
        editable.update_visit("talks-1999", {"status": "held"})
    with pytest.raises(EditError):
        editable.delete_visit("talks-1999")
    with pytest.raises(EditError):
        editable.add_participant("talks-1999", {"name": "X", "party": "a"})
    with pytest.raises(EditError, match="action"):
        editable.update_action("nothing", {"status": "done"})
    assert not editable.dirty


# --- deleting ----------------------------------------------------------------------------------


def test_deleting_a_visit_keeps_its_neighbours_intact(example: Path) -> None:
    before = text_of(example)
    start = before.index("# Hội đàm song phương; the two heads co-chaired.\n")
    end = before.index("# Promised by the memorandum for 2025")
    editable = EditableSchedule.load(example)
    editable.delete_visit("talks-2023")
    # the actions refer to talks-2023: a reference error, nothing written
    with pytest.raises(SaveError, match="talks-2023"):
        editable.save()
    assert text_of(example) == before
    for action in ("hall-funding", "delegate-training", "reply-to-salavan"):
        editable.update_action(action, {"visit": None})
    editable.save()
    expected = before[:start] + before[end:]
    for _ in range(3):
        expected = expected.replace('visit = "talks-2023"\n', "", 1)
    assert text_of(example) == expected


def test_deleting_the_first_and_the_last_visit(small: Path) -> None:
    before = text_of(small)
    editable = EditableSchedule.load(small)
    editable.delete_visit("talks-2025")
    assert editable.render() == replaced(
        before,
        '# Second talks, dates not agreed.\n[[visits]]\nid = "talks-2025"\nkind = "talks"\n'
        'host = "a"\nwhen = "2025"\n\n',
        "",
    )
    editable.delete_visit("talks-2023")
    start = before.index("# First talks.")
    end = before.index("# ------")
    assert editable.render() == before[:start] + before[end:]
    editable.save()
    assert "visits" not in tomllib.loads(text_of(small))


def test_deleting_the_first_visit_of_a_file_that_starts_with_it() -> None:
    text = (
        '[[visits]]\nid = "a"\n\n# about b\n[[visits]]\nid = "b"\n\n'
        '[partnership]\nid = "p"\ntitle = "P"\n'
    )
    editable = EditableSchedule.from_text(text)
    editable.delete_visit("a")
    assert editable.render() == (
        '\n# about b\n[[visits]]\nid = "b"\n\n[partnership]\nid = "p"\ntitle = "P"\n'
    )


# --- line ends, encodings and special characters -----------------------------------------------


def test_crlf_line_ends_are_kept(small: Path) -> None:
    crlf = text_of(small).replace("\n", "\r\n")
    small.write_bytes(crlf.encode("utf-8"))
    editable = EditableSchedule.load(small)
    assert editable.render() == crlf
    editable.update_action("reply", {"status": "done"})
    editable.add_visit(
        {"id": "v", "kind": "talks", "host": "b", "when": "2027", "agenda": ["x", "y"]}
    )
    editable.save()
    raw = small.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b'agenda = [\r\n  "x",\r\n  "y",\r\n]\r\n' in raw
    assert raw.startswith(crlf.split('id = "talks-2025"')[0].encode("utf-8"))


def test_a_byte_order_mark_is_kept(small: Path) -> None:
    small.write_bytes(b"\xef\xbb\xbf" + small.read_bytes())
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    editable.save()
    assert small.read_bytes().startswith(b"\xef\xbb\xbf# A small schedule")


def test_special_characters_round_trip(small: Path) -> None:
    title = 'Say "hi" \\ C:\\path [bold]x[/] ສະບາຍດີ Lê Quang Chiến\ttab\nline\x01\x7f'
    editable = EditableSchedule.load(small)
    editable.add_visit({"id": "v", "kind": "talks", "host": "b", "when": "2027", "title": title})
    editable.update_action("reply", {"text": "[red]not markup[/] \\n stays"})
    editable.save()
    text = text_of(small)
    data = tomllib.loads(text)
    assert data["visits"][-1]["title"] == title
    assert data["actions"][0]["text"] == "[red]not markup[/] \\n stays"
    assert "ສະບາຍດີ Lê Quang Chiến" in text  # UTF-8, not escapes
    title_line = next(line for line in text.splitlines() if line.startswith("title = "))
    assert title_line.startswith('title = "')  # one single-line basic string


def test_dates_are_written_as_toml_dates(small: Path) -> None:
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"start": dt.date(2023, 4, 5)})
    editable.save()
    assert "start = 2023-04-05\n" in text_of(small)
    with pytest.raises(EditError, match="time"):
        editable.update_visit("talks-2023", {"start": dt.datetime(2023, 4, 5, 9, 0)})


# --- saving safely -----------------------------------------------------------------------------


def test_an_invalid_edit_raises_save_error_and_writes_nothing(small: Path) -> None:
    before = small.read_bytes()
    editable = EditableSchedule.load(small)
    editable.update_visit("talks-2023", {"host": "c"})
    with pytest.raises(SaveError, match=r"host `c` is not a party"):
        editable.save()
    editable.update_visit("talks-2023", {"host": "b", "stauts": "held"})
    with pytest.raises(SaveError, match=r"`stauts` is not known — did you mean `status`"):
        editable.verify()
    with pytest.raises(SaveError):
        editable.save_as(small.with_name("other.toml"))
    assert small.read_bytes() == before
    assert sorted(path.name for path in small.parent.iterdir()) == ["small.toml"]
    assert editable.dirty


def test_a_render_that_reads_back_differently_is_not_saved(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small.read_bytes()
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    rendered = editable.render()
    monkeypatch.setattr(
        EditableSchedule, "render", lambda self: rendered.replace('"done"', '"dropped"')
    )
    with pytest.raises(SaveError, match=r"does not read back .* `actions\[1\]\.status`"):
        editable.save()
    assert small.read_bytes() == before


def test_a_save_that_fails_at_the_rename_leaves_the_file_intact(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small.read_bytes()
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SaveError, match="No space left on device"):
        editable.save()
    assert small.read_bytes() == before
    assert leftovers(small.parent) == []
    assert editable.dirty
    monkeypatch.undo()
    editable.save()
    assert 'status = "done"' in text_of(small)


def test_a_save_that_fails_while_writing_leaves_the_file_intact(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = small.read_bytes()
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})

    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(SaveError, match="Input/output error"):
        editable.save()
    assert small.read_bytes() == before
    assert leftovers(small.parent) == []


def test_permissions_are_kept(small: Path) -> None:
    small.chmod(0o640)
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    editable.save()
    assert stat.S_IMODE(small.stat().st_mode) == 0o640


def test_a_symlinked_file_is_written_through_the_link(small: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(small)
    editable = EditableSchedule.load(link)
    editable.update_action("reply", {"status": "done"})
    editable.save()
    assert link.is_symlink()
    assert 'status = "done"' in text_of(small)


# --- changes on disk ---------------------------------------------------------------------------


def test_a_file_changed_on_disk_is_not_overwritten_silently(small: Path) -> None:
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    theirs = text_of(small).replace('"Reply to B"', '"Reply to B by May"')
    small.write_text(theirs, encoding="utf-8")
    assert editable.changed_on_disk()
    with pytest.raises(ConflictError, match="changed on disk"):
        editable.save()
    assert text_of(small) == theirs
    editable.save(overwrite=True)
    assert 'status = "done"' in text_of(small)
    assert '"Reply to B"' in text_of(small)
    assert not editable.changed_on_disk()


def test_a_deleted_file_is_a_conflict_too(small: Path) -> None:
    editable = EditableSchedule.load(small)
    small.unlink()
    assert editable.changed_on_disk()
    with pytest.raises(ConflictError, match="deleted"):
        editable.save()
    assert not small.exists()
    editable.save(overwrite=True)
    assert small.exists()


def test_reload_drops_edits_and_takes_the_disk_version(small: Path) -> None:
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    theirs = text_of(small).replace('"Reply to B"', '"Reply to B by May"')
    small.write_text(theirs, encoding="utf-8")
    editable.reload()
    assert editable.render() == theirs
    assert not editable.dirty
    assert not editable.changed_on_disk()
    editable.update_action("reply", {"status": "done"})
    editable.save()
    assert 'status = "done"' in text_of(small)


def test_save_as_writes_a_new_file_which_becomes_the_target(small: Path, tmp_path: Path) -> None:
    before = small.read_bytes()
    copy = tmp_path / "sub" / "copy.toml"
    copy.parent.mkdir()
    editable = EditableSchedule.load(small)
    editable.update_action("reply", {"status": "done"})
    editable.save_as(copy)
    assert editable.path == copy
    assert small.read_bytes() == before
    assert 'status = "done"' in text_of(copy)
    editable.update_action("reply", {"status": "dropped"})
    editable.save()
    assert 'status = "dropped"' in text_of(copy)
    assert small.read_bytes() == before


def test_a_schedule_without_a_file_needs_save_as(tmp_path: Path) -> None:
    text = (DATA / "small.toml").read_text(encoding="utf-8")
    editable = EditableSchedule.from_text(text)
    assert editable.path is None
    assert not editable.changed_on_disk()
    with pytest.raises(SaveError, match="save_as"):
        editable.save()
    target = tmp_path / "fresh.toml"
    editable.save_as(target)
    assert text_of(target) == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def test_verify_returns_the_checked_document(small: Path) -> None:
    editable = EditableSchedule.load(small)
    editable.add_visit({"id": "talks-2027", "kind": "talks", "host": "b", "when": "2027"})
    document = editable.verify()
    assert document.ok
    assert document.schedule is not None
    assert [visit.id for visit in document.schedule.visits][-1] == "talks-2027"
    editable.update_visit("talks-2027", {"host": "nobody"})
    assert not editable.document().ok


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_agenda_tables_replaced_by_an_array_keep_the_next_visits_comment(tmp_path: Path) -> None:
    path = Path(shutil.copy(DATA / "agenda-tables.toml", tmp_path / "agenda.toml"))
    before = text_of(path)
    editable = EditableSchedule.load(path)
    editable.update_visit("talks-2025", {"agenda": ["Opening", "Talks"]})
    editable.save()
    start = before.index("\n  # the programme")
    end = before.index("# The next one.")
    assert text_of(path) == (
        before[:start] + 'agenda = [\n  "Opening",\n  "Talks",\n]\n\n' + before[end:]
    )


def test_random_edits_always_read_back_to_the_intended_data(small: Path) -> None:
    """Whatever the sequence of edits, the text reads back to the same data as the edits made
    to plain dicts, and can be loaded for editing again."""
    original = text_of(small)
    for seed in range(40):
        rnd = random.Random(seed)
        editable = EditableSchedule.from_text(original)
        data = tomllib.loads(original)
        for step in range(8):
            visits = data.get("visits", [])
            choice = rnd.random()
            if choice < 0.3 or not visits:
                visit = {"id": f"v{step}", "kind": "talks", "host": "a", "when": "2027"}
                if rnd.random() < 0.5:
                    visit["participants"] = [{"name": "N", "party": "a"}]
                editable.add_visit(visit)
                data.setdefault("visits", []).append(visit)
            elif choice < 0.5:
                victim = rnd.choice(visits)
                editable.delete_visit(victim["id"])
                visits.remove(victim)
                if not visits:
                    del data["visits"]
            elif choice < 0.6:
                visit = rnd.choice(visits)
                editable.add_participant(visit["id"], {"name": "P", "party": "b"})
                visit.setdefault("participants", []).append({"name": "P", "party": "b"})
            elif choice < 0.7:
                visit = rnd.choice(visits)
                people = [dict(p) for p in visit.get("participants", [])]
                people = rnd.sample(people, rnd.randint(0, len(people)))
                for person in people:
                    if rnd.random() < 0.3:
                        person["title"] = rnd.choice(["Chair", "x [y]"])
                if rnd.random() < 0.5:
                    people.insert(rnd.randint(0, len(people)), {"name": f"Q{step}", "party": "a"})
                editable.update_visit(visit["id"], {"participants": people})
                if people:
                    visit["participants"] = people
                else:
                    visit.pop("participants", None)
            else:
                visit = rnd.choice(visits)
                key = rnd.choice(["title", "place", "agenda", "end", "status"])
                value = rnd.choice([None, "x [y]", ["a", "b"], dt.date(2027, 1, 2)])
                editable.update_visit(visit["id"], {key: value})
                if value is None:
                    visit.pop(key, None)
                else:
                    visit[key] = value
            rendered = editable.render()
            assert tomllib.loads(rendered) == data, (seed, step)
            assert EditableSchedule.from_text(rendered).render() == rendered


def all_paths(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += all_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += all_paths(value, (*path, index))
    return found


@pytest.mark.parametrize("seed", range(12))
def test_a_snapshot_reads_like_the_rendered_text(seed: int) -> None:
    """After any edits, a snapshot's text is the rendered text, and its document is what
    `load_text` reads from it: data, models, problems, checks and every position."""
    rnd = random.Random(seed)
    editable = EditableSchedule.load(EXAMPLE)
    previous = load_text(text_of(EXAMPLE), "f.toml")
    for step in range(10):
        visits = [v["id"] for v in tomllib.loads(editable.render()).get("visits", [])]
        choice = rnd.random()
        if choice < 0.15 or not visits:
            editable.add_visit(
                {"id": f"v{step}", "kind": "talks", "host": "salavan", "when": "2027"}
            )
        elif choice < 0.3:
            editable.delete_visit(rnd.choice(visits))
        elif choice < 0.45:
            editable.update_visit(rnd.choice(visits), {"status": rnd.choice(["held", "planned"])})
        elif choice < 0.55:
            visit = rnd.choice(visits)
            people = [{"name": "Chi", "party": "salavan", "title": rnd.choice(["A", "B\nC"])}]
            editable.update_visit(visit, {"participants": people})
        elif choice < 0.65:
            editable.add_participant(rnd.choice(visits), {"name": f"P{step}", "party": "salavan"})
        elif choice < 0.75:
            editable.add_action({"id": f"a{step}", "text": "Do it", "owner": "salavan"})
        elif choice < 0.85:
            editable.update_action("hall-funding", {"status": rnd.choice(["done", "open"])})
        else:
            editable.add_waiver({"rule": "holiday", "reason": f"Because {step}"})
        snapshot = editable.snapshot()
        rendered = editable.render()
        assert snapshot.text == rendered, (seed, step)
        document = snapshot.document("f.toml", previous)
        full = load_text(rendered, "f.toml")
        assert document.data == full.data
        assert document.schedule == full.schedule
        assert document.problems == full.problems
        assert check([document], dt.date(2024, 6, 1)) == check([full], dt.date(2024, 6, 1))
        for path in all_paths(full.data):
            assert document.sourcemap.key(path) == full.sourcemap.key(path), (seed, step, path)
            assert document.sourcemap.value(path) == full.sourcemap.value(path), (seed, step)
        previous = document


def test_a_snapshot_does_not_change_with_later_edits(small: Path) -> None:
    editable = EditableSchedule.load(small)
    snapshot = editable.snapshot()
    text, data = snapshot.text, copy.deepcopy(snapshot.data)
    editable.update_visit("talks-2023", {"status": "postponed"})
    editable.add_participant("talks-2023", {"name": "Chi", "party": "b"})
    editable.delete_visit("talks-2025")
    editable.update_action("reply", {"status": "done"})
    assert snapshot.text == text
    assert snapshot.data == data
    assert editable.snapshot().text == editable.render()


def test_the_checkers_data_is_shared_and_never_changed(small: Path) -> None:
    read = load_file(small)
    before = copy.deepcopy(read.data)
    editable = EditableSchedule.load(small, read=read)
    assert editable.snapshot().data is read.data
    editable.update_visit("talks-2023", {"status": "postponed"})
    editable.add_visit({"id": "v", "kind": "talks", "host": "b", "when": "2027"})
    assert read.data == before
    document = editable.snapshot().document(str(small), read)
    assert document.schedule is not None and read.schedule is not None
    assert document.schedule.visits[1] is read.schedule.visits[1]  # not validated again
    assert document.schedule.visits[0].status == "postponed"

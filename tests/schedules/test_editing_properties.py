"""Random sequences of edits, on the examples, on every awkward layout and on generated files:
after every save the file reads back to the intended data, the tables no edit touched keep
every line (and the comment lines above them), and undo goes back to the original bytes."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from schedules import load_file
from schedules.editing import EditableSchedule
from schedules.textedit.tables import Layout
from tests.paths import ROOT

LAYOUTS = sorted((ROOT / "tests" / "data" / "editing").glob("*.toml"))
FILES = [*sorted((ROOT / "examples").glob("*.toml")), *LAYOUTS]

NASTY = st.sampled_from(
    [
        'Say "hi"',
        "back\\slash C:\\path",
        "two\nlines",
        'triple """ quotes',
        "it's",
        "Hội đàm song phương",
        "ສະບາຍດີ ແຂວງສາລະວັນ",
        "[bold]not markup[/]",
        "tab\there",
        "# not a comment",
        "x = 1",
    ]
)
TEXT = st.one_of(NASTY, st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12))


def chunks(text: str) -> dict[tuple[str, str], str]:
    """Each table of the file by (array or table, id or name): its comment lines directly
    above its header, its header and its keys (its sub-tables included)."""
    layout = Layout(text)
    data = tomllib.loads(text)
    found: dict[tuple[str, str], str] = {}
    for path, span in layout.tables.items():
        if span.header is None or len(path) not in (1, 2):
            continue
        if len(path) == 2 and isinstance(path[1], int):
            key = str(path[0])
            table = data[key][path[1]]
            ident = str(table.get("id", table.get("reason", path[1])))
        elif len(path) == 2 or not isinstance(data.get(path[0]), dict):
            key, ident = str(path[0]), str(path[-1])
        else:
            key, ident = str(path[0]), ""
        lead, content, _ = layout.block(path)
        found[(key, ident)] = text[lead:content]
    return found


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


class Model:
    """What the file should read as, edited alongside the editor, and what was touched."""

    def __init__(self, text: str) -> None:
        self.data: dict[str, Any] = tomllib.loads(text)
        self.touched: set[tuple[str, str]] = set()

    def visits(self) -> list[dict[str, Any]]:
        return list(self.data.get("visits", []))

    def parties(self) -> list[str]:
        return list(self.data["parties"])


@st.composite
def visit_values(draw: st.DrawFn, ident: str, parties: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {"id": ident, "kind": "talks", "host": draw(st.sampled_from(parties))}
    if draw(st.booleans()):
        values["when"] = str(draw(st.integers(2026, 2030)))
    else:
        values["start"] = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 900)))
    if draw(st.booleans()):
        values["title"] = draw(TEXT)
    if draw(st.booleans()):
        values["participants"] = [
            {"name": draw(TEXT), "party": draw(st.sampled_from(parties))}
            for _ in range(draw(st.integers(1, 3)))
        ]
    return values


def apply_random_edit(draw: st.DrawFn, editable: EditableSchedule, model: Model, step: int) -> None:
    visits = model.visits()
    choice = draw(st.sampled_from(["add", "edit", "delete", "people", "action", "waiver"]))
    if choice == "add" or not visits:
        values = draw(visit_values(f"new-{step}", model.parties()))
        editable.add_visit(values)
        model.data.setdefault("visits", []).append(values)
        model.touched.add(("visits", values["id"]))
        return
    index = draw(st.integers(0, len(visits) - 1))
    visit = model.data["visits"][index]
    model.touched.add(("visits", visit["id"]))
    if choice == "edit":
        key = draw(st.sampled_from(["title", "place", "outcome", "status", "agenda"]))
        values = {
            "status": st.sampled_from(["held", "planned", "cancelled"]),
            "agenda": st.lists(NASTY, min_size=1, max_size=3),  # an agenda is a list, never text
        }
        value: Any = draw(st.one_of(st.none(), values.get(key, TEXT)))
        editable.update_visit(visit["id"], {key: value})
        if value is None:
            visit.pop(key, None)
        else:
            visit[key] = value
    elif choice == "delete":
        references = draw(st.sampled_from(["delete", "detach"]))
        for key in ("actions", "waivers"):
            for table in model.data.get(key, []):
                if table.get("visit") == visit["id"]:
                    model.touched.add((key, str(table.get("id", table.get("reason")))))
        editable.delete_visit(visit["id"], references=references)
        for key in ("actions", "waivers"):
            tables = model.data.get(key, [])
            if references == "delete":
                tables = [t for t in tables if t.get("visit") != visit["id"]]
            else:
                for table in tables:
                    if table.get("visit") == visit["id"]:
                        del table["visit"]
            if tables:
                model.data[key] = tables
            else:
                model.data.pop(key, None)
        del model.data["visits"][index]
        if not model.data["visits"]:
            del model.data["visits"]
    elif choice == "people":
        people = [dict(p) for p in visit.get("participants", [])]
        people = draw(st.permutations(people)) if people else people
        people = list(people)
        if people and draw(st.booleans()):
            people[draw(st.integers(0, len(people) - 1))]["name"] = draw(TEXT)  # renamed
        if draw(st.booleans()):
            at = draw(st.integers(0, len(people)))
            people.insert(at, {"name": draw(TEXT), "party": draw(st.sampled_from(model.parties()))})
        if people and draw(st.booleans()):
            people.pop(draw(st.integers(0, len(people) - 1)))
        editable.update_visit(visit["id"], {"participants": people})
        if people:
            visit["participants"] = people
        else:
            visit.pop("participants", None)
    elif choice == "action":
        action = {"id": f"act-{step}", "text": draw(TEXT), "owner": model.parties()[0]}
        action["visit"] = visit["id"]
        editable.add_action(action)
        model.data.setdefault("actions", []).append(action)
        model.touched.add(("actions", action["id"]))
    else:
        waiver = {"rule": "interval", "visit": visit["id"], "reason": draw(TEXT)}
        editable.add_waiver(waiver)
        model.data.setdefault("waivers", []).append(waiver)
        model.touched.add(("waivers", waiver["reason"]))


def check_saved(path: Path, original: str, model: Model) -> None:
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    assert tomllib.loads(text) == model.data
    document = load_file(path)
    assert not [p for p in document.problems if p.is_input_error], document.problems
    for key, chunk in chunks(original).items():
        if key not in model.touched:
            assert chunk in text, key  # its lines and the comments above it, unchanged
    kept = [
        line
        for key, chunk in chunks(original).items()
        if key in model.touched
        for line in comment_lines(chunk)
    ]
    missing = set(comment_lines(original)) - set(comment_lines(text)) - set(kept)
    assert not missing


@functools.cache
def generated() -> tuple[Path, ...]:
    """Two small generated files (benchmarks/generate.py: decades of history, comments,
    Vietnamese and Lao text)."""
    return tuple(generate(7, 2, 25, Path(tempfile.mkdtemp(prefix="visits-editing-"))))


SOURCES = st.one_of(st.sampled_from(FILES), st.builds(lambda i: generated()[i], st.integers(0, 1)))
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(data=st.data(), source=SOURCES)
def test_random_edits_of_every_layout_save_as_intended(
    data: st.DataObject, source: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("edits") / source.name
    raw = source.read_bytes()
    path.write_bytes(raw)
    original = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    editable = EditableSchedule.load(path)
    model = Model(original)
    for step in range(data.draw(st.integers(1, 5))):
        apply_random_edit(data.draw, editable, model, step)
        editable.save()
        check_saved(path, original, model)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    saved = path.read_bytes()
    assert (b"\r\n" in saved) == (b"\r\n" in raw)


@SETTINGS
@given(data=st.data(), source=SOURCES)
def test_undo_after_random_edits_gives_back_the_original_bytes(
    data: st.DataObject, source: Path
) -> None:
    raw = source.read_bytes()
    text = raw.decode("utf-8")
    editable = EditableSchedule.from_text(text)
    model = Model(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    for step in range(data.draw(st.integers(1, 5))):
        apply_random_edit(data.draw, editable, model, step)
    assert tomllib.loads(editable.render()) == model.data
    while editable.undo():
        pass
    assert editable.render() == text.removeprefix("\ufeff")

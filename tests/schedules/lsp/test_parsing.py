"""The incremental parser gives what `load_text` gives, parsing only the tables that changed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from lsp_session import EXAMPLE, ROOT

from schedules.loader import Document, load_text
from schedules.lsp.parsing import IncrementalParser
from schedules.workspace import check_documents

AS_OF = dt.date(2026, 7, 1)
FILES = sorted(
    path
    for path in [*ROOT.glob("examples/*.toml"), *ROOT.glob("tests/data/**/*.toml")]
    if not path.name.startswith("io-")  # not UTF-8: never an editor's text
)


def _found(document: Document) -> list[tuple[str, int | None, int | None, str]]:
    return [(d.code, d.line, d.column, d.message) for d in check_documents([document], AS_OF)]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_same_diagnostics_as_load_text_after_random_edits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parser = IncrementalParser()
    assert _found(parser.load(text, path.name)) == _found(load_text(text, path.name))
    rng = random.Random(path.name)
    previous = None
    for _ in range(12):
        at = rng.randrange(len(text))
        edited = (
            text[:at] + rng.choice(['"', "[", "]", "=", "\n", "x", "#", '"""']) + text[at:]
            if rng.random() < 0.5
            else text[:at] + text[at + 1 :]
        )
        document = parser.load(edited, path.name, previous=previous)
        assert _found(document) == _found(load_text(edited, path.name)), (
            at,
            edited[at - 20 : at + 20],
        )
        previous = document if document.data is not None else previous


def test_an_edit_parses_only_the_table_it_touches() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    parser = IncrementalParser()
    first = parser.load(text, "example.toml")
    assert parser.reparsed == 1 + text.count("[[agreements]]") + text.count(
        "[[visits]]"
    ) + text.count("[[actions]]") + text.count("[[waivers]]")
    edited = text.replace('place = "Salavan, Lao PDR"', 'place = "Salavan"')
    document = parser.load(edited, "example.toml", previous=first)
    assert parser.reparsed == 1
    assert document.schedule is not None and first.schedule is not None
    assert document.schedule.visit("talks-2023").place == "Salavan"
    # the models of the tables that did not change are the very same objects
    assert document.schedule.visits[0] is first.schedule.visits[0]


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param('\n[partnership]\nnotes = "a table after the visits"\n', id="table-after"),
        pytest.param('\nnotes = """\n[[visits]]\nid = "in a string"\n"""\n', id="header-in-string"),
        pytest.param("\nx = [\n", id="open-array"),
    ],
)
def test_layouts_pieces_cannot_tell_are_parsed_whole(tail: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    at = text.index("[[visits]]")
    edited = text[:at] + tail + text[at:]
    assert _found(IncrementalParser().load(edited, "x.toml")) == _found(load_text(edited, "x.toml"))

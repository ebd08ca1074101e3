"""Diagnostics as the editor gets them: ranges in its units, and the fixes "did you mean" names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from lsp_session import EXAMPLE
from lsprotocol import types

from schedules import i18n
from schedules.lsp.analysis import Checker
from schedules.lsp.convert import Published, convert, message
from schedules.lsp.text import Lines

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _published(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> list[Published]:
    analysis = Checker(None, None).check(text, dt.date(2023, 12, 1))
    return convert(analysis.diagnostics, Lines(text, encoding))


def _cut(text: str, found: types.Range) -> str:
    line = text.split("\n")[found.start.line]
    assert found.start.line == found.end.line
    return line[found.start.character : found.end.character]


def test_an_unknown_key_is_replaced_by_the_key_it_resembles() -> None:
    text = TEXT.replace('host = "salavan"\nguests', 'hots = "salavan"\nguests', 1)
    found = [p for p in _published(text) if p.diagnostic.code == "schema"]
    missing = [p for p in found if "required key `host` is missing" in p.diagnostic.message]
    assert len(missing) == 1 and missing[0].fix is None
    (wrong,) = [p for p in found if "is not known" in p.diagnostic.message]
    assert wrong.fix is not None
    assert _cut(text, wrong.fix.range) == "hots"
    assert wrong.fix.text == "host"
    assert _cut(text, wrong.diagnostic.range) == 'hots = "salavan"'


def test_a_wrong_value_is_replaced_by_the_quoted_value_it_resembles() -> None:
    text = TEXT.replace('status = "held"', 'status = "helt"', 1)
    (wrong,) = [p for p in _published(text) if p.diagnostic.code == "schema"]
    assert wrong.fix is not None
    assert _cut(text, wrong.fix.range) == '"helt"'
    assert wrong.fix.text == '"held"'


def test_a_guest_in_an_array_is_replaced_in_place() -> None:
    text = TEXT.replace('guests = ["quang-tri"]', 'guests = ["quang-tr"]', 1)
    (wrong,) = [p for p in _published(text) if p.diagnostic.code == "reference"]
    assert wrong.fix is not None
    assert _cut(text, wrong.fix.range) == '"quang-tr"'
    assert wrong.fix.text == '"quang-tri"'


def test_no_fix_without_a_suggestion() -> None:
    assert all(p.fix is None for p in _published(TEXT))


def test_columns_count_the_clients_units() -> None:
    # an astral character (two UTF-16 units, four UTF-8 bytes) and Vietnamese before the key
    line = '  x = { "Lê 𝔁" = 1, hots = 2 }'
    at = line.index("hots")
    utf16 = Lines(line)
    assert utf16.position(0, at).character == at + 1
    assert utf16.column(types.Position(line=0, character=at + 1)) == at
    utf8 = Lines(line, types.PositionEncodingKind.Utf8)
    assert utf8.position(0, at).character == len(line[:at].encode("utf-8"))
    assert utf8.column(utf8.position(0, at)) == at


@pytest.fixture
def in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "")  # restored afterwards: i18n.use sets it
    i18n.use("vi")
    yield
    i18n.use("en")


@pytest.mark.usefixtures("in_vietnamese")
def test_fixes_are_found_in_every_language() -> None:
    """By the message's id and parameters, not its English words."""
    text = TEXT.replace('host = "salavan"\nguests', 'hots = "salavan"\nguests', 1)
    text = text.replace('status = "held"', 'status = "helt"', 1)
    fixed = [p for p in _published(text) if p.fix is not None]
    assert sorted((p.fix.text, _cut(text, p.fix.range)) for p in fixed if p.fix) == [
        ('"held"', '"helt"'),
        ("host", "hots"),
    ]
    for published in fixed:
        assert "did you mean" not in published.diagnostic.message  # in Vietnamese
        assert published.fix is not None and published.fix.title.startswith("Thay bằng `")


@pytest.mark.usefixtures("in_vietnamese")
def test_a_waived_diagnostic_is_said_in_the_language_with_its_reason() -> None:
    analysis = Checker(None, None).check(TEXT, dt.date(2023, 12, 1))
    waived = [d for d in analysis.diagnostics if d.waived]
    assert waived
    for diagnostic in waived:
        shown = message(diagnostic)
        assert diagnostic.reason and shown.startswith(diagnostic.text)
        assert shown.endswith(f"{diagnostic.reason})")
        assert diagnostic.text != diagnostic.message and "waived" not in shown

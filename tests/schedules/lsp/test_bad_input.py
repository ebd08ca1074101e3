"""Bad input never takes the server down: it reports what it can and keeps answering."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp_session import (
    EXAMPLE,
    open_document,
    position_of,
    replace_text,
    uri_of,
)
from lsprotocol import types
from pytest_lsp import LanguageClient

from benchmarks.generate import generate

TEXT = EXAMPLE.read_text(encoding="utf-8")
HEAD = TEXT[: TEXT.index("# ----")]  # the partnership and its parties


async def _still_answers(client: LanguageClient, path: Path) -> None:
    """A request gets its answer, and a good text gets its diagnostics again."""
    await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri_of(path)))
    )
    assert await replace_text(client, path, HEAD, 99) == []


async def test_half_typed_document(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(TEXT, encoding="utf-8")
    await open_document(client, path)
    half = TEXT.replace('host = "salavan"\nguests', 'host = "sal\nguests', 1)
    diagnostics = await replace_text(client, path, half, 2)
    assert [d.code for d in diagnostics] == ["syntax"]
    line = half[: half.index('host = "sal\n')].count("\n")
    assert diagnostics[0].range.start.line == line
    # hover still knows the parties, from the last text that parsed
    at = position_of(half, "quang-tri", after='owner = "')
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri_of(path)), position=at)
    )
    assert hover is not None
    await _still_answers(client, path)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\x00\x01\x02 \u202e{{{ [[[ = = =\n", id="not-toml"),
        pytest.param('[tool]\nx = "no partnership here"\n[tool\n', id="not-a-schedule"),
    ],
)
async def test_not_a_schedule_gets_no_diagnostics(
    client: LanguageClient, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "other.toml"
    assert await open_document(client, path, text) == []
    await _still_answers(client, path)


async def test_not_toml_with_a_partnership_table_gets_a_syntax_error(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    diagnostics = await open_document(client, path, HEAD + "\nthis is = not = toml\n")
    assert [d.code for d in diagnostics] == ["syntax"]
    await _still_answers(client, path)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("[" * 1000 + "]" * 1000, id="nested-1000-deep"),
        pytest.param("{a = " * 1000 + "1" + "}" * 1000, id="inline-tables-1000-deep"),
        pytest.param("1" * 10_000, id="10000-digit-integer"),
    ],
)
async def test_pathological_values(client: LanguageClient, tmp_path: Path, value: str) -> None:
    """Nesting too deep and an integer too long are syntax errors at the value's line."""
    path = tmp_path / "plan.toml"
    path.write_text(TEXT, encoding="utf-8")
    await open_document(client, path)
    bad = HEAD.replace("[parties.quang-tri]", f"[parties.quang-tri]\nnotes = {value}")
    diagnostics = await replace_text(client, path, bad, 2)
    assert [d.code for d in diagnostics] == ["syntax"]
    assert diagnostics[0].range.start.line == bad[: bad.index(f"notes = {value[:3]}")].count("\n")
    assert diagnostics[0].message.startswith("not valid TOML: ")
    await _still_answers(client, path)


async def test_a_file_of_a_thousand_visits(client: LanguageClient, tmp_path: Path) -> None:
    (path,) = generate(seed=3, files=1, visits_per_file=1000, out_dir=tmp_path)
    diagnostics = await open_document(client, path)
    assert diagnostics  # decades of history: warnings at least
    text = path.read_text(encoding="utf-8")
    edited = text.replace('status = "held"', 'status = "helt"', 1)
    after = await replace_text(client, path, edited, 2)
    (wrong,) = [d for d in after if d.code == "schema"]
    assert "did you mean `held`?" in wrong.message
    assert wrong.range.start.line == edited[: edited.index('"helt"')].count("\n")

"""The server speaks the user's language, chosen as for every command (`VISITS_LANG`, then the
locale variables), and its quick fixes work in every language."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsp_session import EXAMPLE, open_document, position_of, uri_of
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "schedules.cli", "lsp"],
        server_env={**os.environ, "VISITS_LANG": "vi"},
    ),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("neovim"))
    )
    yield
    await lsp_client.shutdown_session()


async def test_messages_and_quick_fixes_in_vietnamese(
    client: LanguageClient, misspelt: Path
) -> None:
    diagnostics = await open_document(client, misspelt)
    wrong = next(d for d in diagnostics if d.code == "reference")
    assert "quang-tr" in wrong.message and "did you mean" not in wrong.message
    assert "có phải là" in wrong.message or "`quang-tri`" in wrong.message
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri_of(misspelt)),
            range=wrong.range,
            context=types.CodeActionContext(diagnostics=[wrong]),
        )
    )
    assert result is not None
    (action,) = result
    assert isinstance(action, types.CodeAction)
    assert action.title == "Thay bằng `quang-tri`"
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri_of(misspelt)]
    assert edit.new_text == '"quang-tri"'


async def test_hover_in_vietnamese(client: LanguageClient, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'when = "2025"\nplace', 'when = "2025-Q3"\nplace'
    )
    path = tmp_path / "quang-tri-salavan.toml"
    path.write_text(text, encoding="utf-8")
    await open_document(client, path)
    duration = await _hover(client, path, position_of(text, "P2Y", 1))
    assert duration == "`P2Y`: 2 năm"
    partial = await _hover(client, path, position_of(text, "2025-Q3", 1))
    assert partial == "`2025-Q3`: 01/07/2025 đến 30/09/2025 (một quý)"
    rule = await _hover(client, path, position_of(text, "talks-interval", 2, after='rule = "'))
    assert rule is not None and "quy định `talks-interval`" in rule
    assert "04/04/2023" in rule and "ended" not in rule


async def _hover(client: LanguageClient, path: Path, position: types.Position) -> str | None:
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri_of(path)), position=position
        )
    )
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value

"""The server speaks the user's language, chosen as for every command (`VISITS_LANG`, then the
locale variables), and its quick fixes work in every language."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_lsp
from lsp_session import open_document, uri_of
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

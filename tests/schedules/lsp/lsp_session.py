"""Helpers to open and edit documents in the real `visits lsp`, and wait for its diagnostics."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"
WAIT_SECONDS = 60  # a busy CI machine; a healthy server answers in well under a second


def uri_of(path: Path) -> str:
    return path.absolute().as_uri()


async def published(
    client: LanguageClient, uri: str, version: int | None = None
) -> Sequence[types.Diagnostic]:
    """The next diagnostics published for `uri` (for `version`, when given)."""

    async def wait() -> Sequence[types.Diagnostic]:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), WAIT_SECONDS)


async def open_document(
    client: LanguageClient, path: Path, text: str | None = None
) -> Sequence[types.Diagnostic]:
    """Open `path` (with `text`, unsaved, when given) and return its first diagnostics."""
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="toml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return await published(client, uri, 1)


async def replace_text(
    client: LanguageClient, path: Path, text: str, version: int
) -> Sequence[types.Diagnostic]:
    """Send the whole new text as version `version`; return its diagnostics."""
    uri = uri_of(path)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, uri, version)


def position_of(text: str, needle: str, offset: int = 0, after: str = "") -> types.Position:
    """The LSP position of `needle` (after the first `after`), `offset` code points in (UTF-16
    and code points agree on the files these tests use for columns)."""
    start = text.index(needle, text.index(after) if after else 0) + offset
    line = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return types.Position(line=line, character=column)

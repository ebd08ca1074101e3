"""A client driving the real `visits lsp` over stdio (a new server for each test)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_session import EXAMPLE, ROOT
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

if str(ROOT) not in sys.path:  # benchmarks/ (the file generator) is not an installed package
    sys.path.insert(0, str(ROOT))


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "schedules.cli", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("neovim"))
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def misspelt(tmp_path: Path) -> Path:
    """A copy of the Quảng Trị – Salavan example whose talks-2025 is hosted by "quang-tr"."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index('id = "talks-2025"')
    host = text.index('host = "quang-tri"', start)
    path = tmp_path / "quang-tri-salavan.toml"
    path.write_text(text[:host] + 'host = "quang-tr"' + text[host + 18 :], encoding="utf-8")
    return path


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "schedules.cli", "lsp"]),
)
async def utf8_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A client that counts columns in UTF-8 bytes (as Helix and Neovim may choose)."""
    capabilities = client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8]
    )
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()

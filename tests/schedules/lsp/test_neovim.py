"""As a new user would try it: Debian's Neovim, headless, attached to `visits lsp` with the recipe
of docs/lsp.md. Runs where `nvim` is installed (`apt-get install neovim`); CI machines without
it skip it, and the pytest-lsp tests cover the same protocol."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_session import EXAMPLE, ROOT

NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (apt-get install neovim)")
def test_neovim_shows_the_misspelt_host_on_its_line_and_a_party_name_on_hover(
    tmp_path: Path,
) -> None:
    assert NVIM is not None
    text = EXAMPLE.read_text(encoding="utf-8")
    host = text.index('host = "quang-tri"', text.index('id = "talks-2025"'))
    path = tmp_path / "quang-tri-salavan.toml"
    path.write_text(text[:host] + 'host = "quang-tr"' + text[host + 18 :], encoding="utf-8")
    line = text[:host].count("\n") + 1
    recipe = f"luafile {ROOT / 'docs' / 'lsp-try.lua'}"
    result = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", "NONE", str(path), "-c", recipe],
        env={
            **os.environ,
            "VISITS_LSP_CMD": f"{sys.executable} -m schedules.cli lsp",
            "VISITS_HOVER": '"salavan"',
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    shown = result.stdout.splitlines()
    assert any(
        entry.startswith(f"diagnostic line {line} col 1 error[reference] visit `talks-2025`: ")
        and "did you mean `quang-tri`?" in entry
        for entry in shown
    ), result.stdout + result.stderr
    hover = [entry for entry in shown if entry.startswith("hover ")]
    assert hover and "Standing Committee, Salavan Provincial People's Council" in hover[0], shown

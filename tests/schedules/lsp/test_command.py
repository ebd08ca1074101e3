"""`visits lsp` as a command: without pygls it says how to install it; other commands never
load it."""

from __future__ import annotations

import subprocess
import sys

from lsp_session import ROOT

WITHOUT_PYGLS = """
import sys
sys.modules["pygls"] = None  # what an environment without the `lsp` extra looks like
import schedules.cli
sys.exit(schedules.cli.main(["lsp"]))
"""

CHECK_THEN_LIST = """
import sys
import schedules.cli
code = schedules.cli.main(["check", "examples", "--as-of", "2023-12-01", "--format", "json"])
print("loaded", *sorted({name.split(".")[0] for name in sys.modules} & {"pygls", "lsprotocol"}))
"""


def test_without_pygls_it_says_how_to_install_it_and_exits_2() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_PYGLS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2, result.stderr
    assert "pip install 'visits[lsp]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # stdout is the protocol's channel: nothing else goes there


def test_check_does_not_import_the_language_server() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_THEN_LIST],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.splitlines()[-1] == "loaded", result.stderr

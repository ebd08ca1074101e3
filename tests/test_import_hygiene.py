"""`visits check` never loads the terminal app (textual, tui): it is slow to import and a CI
check does not need it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

FORBIDDEN = ("textual", "tui")

IN_A_FRESH_INTERPRETER = f"""
import sys
import schedules.cli

code = schedules.cli.main(sys.argv[1:])
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & {set(FORBIDDEN)!r})
print("exit", code)
print("loaded", *loaded)
"""


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_check_does_not_import_textual(output: str) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-c", IN_A_FRESH_INTERPRETER),
            *("check", "examples", "--as-of", "2023-12-01", "--format", output),
        ],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    assert lines[-2:] == ["exit 1", "loaded"], result.stderr  # exit 1: the check really ran


def test_check_does_not_import_textual_per_importtime(tmp_path: Path) -> None:
    # a schedule with planned visits on exact dates, so that every check (holidays too) runs
    plan = tmp_path / "plan.toml"
    plan.write_text(
        (ROOT / "examples" / "son-la-hua-phan.toml")
        .read_text(encoding="utf-8")
        .replace('status = "held"', 'status = "planned"')
        .replace("2018-04-09", "2030-04-09")
        .replace("end = 2018-04-11", "end = 2030-04-16"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "schedules.cli", "check", str(plan)],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "warning[holiday]" in result.stdout  # Lao New Year, 14–16 April
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "holidays" in imported and "schedules" in imported
    assert not imported & set(FORBIDDEN)


def test_public_api_resolves_every_exported_name_lazily() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, schedules\n"
            "assert 'schedules.rules' not in sys.modules, 'import schedules is eager'\n"
            "missing = [n for n in schedules.__all__ if getattr(schedules, n, None) is None]\n"
            "print(missing, sorted(schedules.__all__) == sorted(schedules._HOME_OF))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["[]", "True"], result.stderr


STARTUP_FORBIDDEN = ("pydantic", "pydantic_core", "babel", "holidays", "dateutil", "textual")

WHAT_IS_LOADED = """
import sys
import schedules.cli

code = schedules.cli.main(sys.argv[1:])
print("exit", code)
print("loaded", *sorted({name.split(".")[0] for name in sys.modules}))
print("importlib.metadata" in sys.modules)
"""


def test_checking_a_small_valid_file_imports_nothing_it_does_not_use() -> None:
    # pydantic-core validates only large or invalid files (schedules/small_files.py), pydantic's
    # models are the app's; babel and holidays wait for a duration put into words or a holiday
    # check (this example needs neither); nothing looks for plugins in distributions' metadata
    result = subprocess.run(
        [
            *(sys.executable, "-c", WHAT_IS_LOADED),
            *("check", "examples/quang-tri-salavan.toml", "--as-of", "2023-12-01"),
        ],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    exit_line, loaded, metadata = result.stdout.splitlines()[-3:]
    assert exit_line == "exit 0", result.stderr
    assert "schedules" in loaded.split()
    assert not set(loaded.split()) & set(STARTUP_FORBIDDEN)
    assert metadata == "False"

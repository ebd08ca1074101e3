"""What a user downloads is whole, and the first things a new user types work: `--version`, a
mistyped command, `visits examples`, the sdist with its own tests, the LICENSE."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

import schedules
import schedules.cli
from schedules.examples import bundled
from tests.paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def visits(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_version_is_the_packages_and_printed_as_spec_says() -> None:
    result = visits("--version")
    assert (result.returncode, result.stdout) == (0, f"visits {schedules.__version__}\n")
    assert importlib.metadata.version("visits") == schedules.__version__
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "schedules.__version__"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["init"], "file, folder or command"),
        (["new"], "file, folder or command"),
        (["examples/missing.toml"], "file, folder or command"),
        (["tui", "no-such-folder"], "file or folder"),
    ],
)
def test_a_missing_path_or_command_is_named_and_the_commands_listed(
    capsys: pytest.CaptureFixture[str], args: list[str], what: str
) -> None:
    if args == ["new"] and "new" in schedules.cli.SUBCOMMANDS:
        args = ["neww"]
    assert schedules.cli.main(args) == 2
    err = capsys.readouterr().err
    assert f"visits: no such {what}: '{args[-1]}'" in err
    for command in ("check", "next", "export", "report", "schema", "tui", "examples"):
        assert command in err


def test_an_existing_path_still_opens_the_app_parser() -> None:
    parser = schedules.cli.build_parser()
    assert parser.parse_args(["tui", "examples"]).path == "examples"


def test_the_packaged_examples_are_the_repositorys() -> None:
    on_disk = {path.name: path.read_bytes() for path in sorted((ROOT / "examples").glob("*.toml"))}
    assert bundled() == on_disk, "copy examples/*.toml to schedules/examples/"


def test_visits_examples_writes_them_out_to_check(tmp_path: Path) -> None:
    folder = tmp_path / "try"
    result = visits("examples", str(folder))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(bundled())
    again = visits("examples", str(folder))
    assert again.returncode == 0  # the same files: nothing to do, nothing lost
    checked = visits("check", str(folder), "--as-of", "2023-12-01")
    assert checked.returncode == 1 and "2 files checked" in checked.stdout


def test_visits_examples_never_overwrites_a_changed_file(tmp_path: Path) -> None:
    name = sorted(bundled())[0]
    (tmp_path / name).write_text("# my own notes\n", encoding="utf-8")
    result = visits("examples", str(tmp_path))
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8") == "# my own notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing else written


def test_license_is_mit_in_spdx_form() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    requires = PYPROJECT["build-system"]["requires"]
    found = re.fullmatch(r"setuptools>=(\d+)", requires[0])
    assert found is not None and int(found[1]) >= 77  # the first to read an SPDX license


def test_the_sdist_carries_the_tests_their_data_examples_and_docs(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, setuptools.build_meta as b; print(b.build_sdist(sys.argv[1]))",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    archive = tmp_path / build.stdout.split()[-1]
    with tarfile.open(archive) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    tracked = subprocess.run(
        ["git", "ls-files", "tests", "examples", "docs", "benchmarks", "tools", "schedules"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    wanted = set(tracked) or {
        str(path.relative_to(ROOT))
        for folder in ("tests", "examples", "docs")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    missing = sorted(wanted - names)
    assert missing == []
    assert {"LICENSE", "pyproject.toml", ".ci/constraints.txt"} <= names
    assert any(name.startswith("tests/tui/__snapshots__/") for name in names)
    assert any(name.startswith("tests/data/broken/") for name in names)

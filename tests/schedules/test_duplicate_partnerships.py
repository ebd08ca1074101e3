"""A partnership id used by two files checked together is a `reference` input error on the later
file in sorted order, naming the other (SPEC, Input errors): for every command and the app."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import schedules.cli
from schedules.loader import load_file
from schedules.workspace import check_documents
from tests.paths import ROOT

EXAMPLE = (ROOT / "examples" / "quang-tri-salavan.toml").read_text(encoding="utf-8")
ID_LINE = EXAMPLE[: EXAMPLE.index('id = "quang-tri-salavan"')].count("\n") + 1


@pytest.fixture
def twins(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(EXAMPLE, encoding="utf-8")
    second.write_text(EXAMPLE, encoding="utf-8")
    return first, second


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = schedules.cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("order", ["sorted", "reversed", "folder"])
def test_check_reports_the_later_file_and_checks_only_the_first(
    capsys: pytest.CaptureFixture[str], twins: tuple[Path, Path], order: str
) -> None:
    first, second = twins
    paths = {
        "sorted": [str(first), str(second)],
        "reversed": [str(second), str(first)],
        "folder": [str(first.parent)],
    }[order]
    code, out, _ = run(capsys, "check", *paths, "--as-of", "2023-12-01", "--format", "json")
    assert code == 2
    report = json.loads(out)
    on_second = [d for d in report["diagnostics"] if d["path"] == str(second)]
    assert [(d["code"], d["line"], d["column"]) for d in on_second] == [("reference", ID_LINE, 6)]
    assert f"already the id of {first}" in on_second[0]["message"]
    on_first = [d for d in report["diagnostics"] if d["path"] == str(first)]
    assert on_first and all(d["code"] != "reference" for d in on_first)
    # one partnership's people are not double-booked against themselves
    assert all(d["code"] != "double-booking" for d in report["diagnostics"])


@pytest.mark.parametrize("command", ["next", "report", "export", "plan"])
def test_planning_commands_report_it_and_leave_the_later_file_out(
    capsys: pytest.CaptureFixture[str], twins: tuple[Path, Path], command: str
) -> None:
    first, second = twins
    extra = ["--as-of", "2023-12-01"] if command != "export" else []
    if command == "plan":
        extra += ["--home", "quang-tri"]
    code, out, err = run(capsys, command, str(first.parent), *extra)
    assert code == 2
    assert f"{second}:{ID_LINE}:6: error[reference]" in err
    assert str(second) not in out


def test_the_apps_checks_see_it_and_forget_it_once_the_id_is_changed(
    twins: tuple[Path, Path],
) -> None:
    first, second = twins
    documents = [load_file(first), load_file(second)]
    found = check_documents(documents, dt.date(2023, 12, 1))
    assert [d.path for d in found if d.code == "reference"] == [str(second)]
    assert not any(d.path == str(second) and d.code != "reference" for d in found)
    second.write_text(EXAMPLE.replace('id = "quang-tri-salavan"', 'id = "other"'), "utf-8")
    again = check_documents([documents[0], load_file(second)], dt.date(2023, 12, 1))
    assert not any(d.code == "reference" for d in again)
    assert any(d.path == str(second) for d in again)

"""`visits check` as scripts and CI run it: in a subprocess, with NO_COLOR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import schedules.cli
import schedules.workspace
from tests.paths import ROOT

BROKEN = ROOT / "tests" / "data" / "broken"
QT = "examples/quang-tri-salavan.toml"
SL = "examples/son-la-hua-phan.toml"


def visits(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("VISITS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def json_of(*args: str, cwd: Path = ROOT) -> tuple[int, dict[str, Any]]:
    result = visits(*args, "--format", "json", cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


SCHEDULE = """\
[partnership]
id = "{ident}"
title = "Quảng Trị – Salavan"

[parties.quang-tri]
name = "Quảng Trị"

[parties.salavan]
name = "Salavan"
"""


def shown(*parts: str) -> str:
    """A relative path as `visits` prints it on this system."""
    return str(Path(*parts))


def write(folder: Path, name: str, body: str = "", ident: str = "quang-tri-salavan") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCHEDULE.format(ident=ident) + textwrap.dedent(body), encoding="utf-8")
    return path


STALE_PLANNED = """
[[visits]]
id = "talks-2023"
kind = "talks"
host = "salavan"
status = "planned"
start = 2023-04-04
"""

HELD_IN_FUTURE = """
[[visits]]
id = "talks-2025"
kind = "talks"
host = "quang-tri"
status = "held"
start = 2025-04-04
"""


# --- exit codes -----------------------------------------------------------------------------


def test_exit_0_with_warnings_only_and_1_with_strict(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", STALE_PLANNED)
    result = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plan.toml:" in result.stdout and "warning[status]" in result.stdout
    assert result.stdout.rstrip().endswith("1 file checked: 0 errors, 1 warning")
    strict = visits("plan.toml", "--as-of", "2024-01-01", "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_exit_0_on_a_clean_file_even_with_strict(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml")
    assert visits("plan.toml", "--strict", cwd=tmp_path).returncode == 0


def test_exit_1_on_a_rule_error(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", HELD_IN_FUTURE)
    result = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "error[status]" in line)
    assert line.startswith("plan.toml:15:1: error[status] visit `talks-2025` is marked held")


def test_input_errors_win_over_rule_errors(tmp_path: Path) -> None:
    result = visits(SL, str(BROKEN / "reference-unknown-host.toml"), "--as-of", "2023-12-01")
    assert result.returncode == 2
    assert "error[interval]" in result.stdout and "error[reference]" in result.stdout


def test_input_error_in_one_file_does_not_stop_the_others() -> None:
    code, report = json_of(str(BROKEN / "schema-missing-key.toml"), SL, "--as-of", "2023-12-01")
    assert code == 2
    assert {d["code"] for d in report["diagnostics"]} == {"schema", "interval"}


def test_missing_file_exits_2_never_0(tmp_path: Path) -> None:
    result = visits("nowhere.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "nowhere.toml: error[io] file not found" in result.stdout
    write(tmp_path, "plan.toml")
    assert visits("plan.toml", "nowhere.toml", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--as-of", "2023-13-01"],
        ["--as-of", "yesterday"],
        ["--format", "xml"],
        ["--no-such-option"],
    ],
)
def test_usage_error_exits_2(args: list[str]) -> None:
    result = visits(QT, *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_as_of_says_how_to_write_a_date() -> None:
    assert "is not a date: write YYYY-MM-DD" in visits(QT, "--as-of", "2023-13-01").stderr


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_as_of_at_the_ends_of_the_calendar(as_of: str) -> None:
    result = visits("examples", "--as-of", as_of)
    assert result.returncode in (0, 1), result.stderr
    assert "internal error" not in result.stderr


def test_unexpected_exception_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(schedules.workspace, "run_check", broken)
    code = schedules.cli.main(["check", str(ROOT / SL), "--as-of", "2023-12-01"])
    assert code == 3
    assert "internal error: RuntimeError: boom" in capsys.readouterr().err


def test_unexpected_exception_in_the_rules_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("no such rule")

    monkeypatch.setattr(schedules.workspace, "check_schedule", broken)
    assert schedules.cli.main(["check", str(ROOT / QT)]) == 3
    assert "This is a bug in visits" in capsys.readouterr().err


def test_a_closed_pipe_does_not_turn_errors_into_success() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "schedules.cli", "check", SL, "--as-of", "2023-12-01"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before anything is written (`| head -0`)
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in error


# --- JSON -----------------------------------------------------------------------------------


def test_json_shape_is_exactly_the_contract() -> None:
    code, report = json_of("examples", "--as-of", "2023-12-01")
    assert code == 1
    assert list(report) == ["version", "as_of", "files", "diagnostics", "summary"]
    assert report["version"] == 1 and report["as_of"] == "2023-12-01"
    assert report["files"] == [
        {
            "path": QT,
            "partnership": "quang-tri-salavan",
            "errors": 0,
            "warnings": 2,
            "skipped": False,
        },
        {
            "path": SL,
            "partnership": "son-la-hua-phan",
            "errors": 1,
            "warnings": 0,
            "skipped": False,
        },
    ]
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 2, "waived": 1}
    keys = [
        "path",
        "line",
        "column",
        "severity",
        "code",
        "rule",
        "visit",
        "date",
        "message",
        "waived",
        "reason",
    ]
    for diagnostic in report["diagnostics"]:
        assert list(diagnostic) == keys
        assert isinstance(diagnostic["line"], int) and isinstance(diagnostic["column"], int)
        assert diagnostic["severity"] in ("error", "warning")
        assert (diagnostic["reason"] is None) is (not diagnostic["waived"])


def test_json_nulls_where_they_do_not_apply(tmp_path: Path) -> None:
    code, report = json_of("missing.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert code == 2
    assert report["files"] == [
        {"path": "missing.toml", "partnership": None, "errors": 1, "warnings": 0, "skipped": False}
    ]
    assert report["diagnostics"] == [
        {
            "path": "missing.toml",
            "line": None,
            "column": None,
            "severity": "error",
            "code": "io",
            "rule": None,
            "visit": None,
            "date": None,
            "message": "file not found",
            "waived": False,
            "reason": None,
        }
    ]
    assert report["summary"] == {"files": 1, "errors": 1, "warnings": 0, "waived": 0}


def test_json_status_diagnostic_has_no_rule_but_a_visit_and_date(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", STALE_PLANNED)
    _, report = json_of("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    [diagnostic] = report["diagnostics"]
    assert (diagnostic["rule"], diagnostic["visit"], diagnostic["date"]) == (
        None,
        "talks-2023",
        "2023-04-04",
    )
    assert (diagnostic["line"], diagnostic["column"]) == (15, 1)


def test_json_schema_error_names_the_partnership_when_it_can(tmp_path: Path) -> None:
    code, report = json_of(str(BROKEN / "schema-missing-key.toml"))
    assert code == 2
    assert report["files"][0]["partnership"] == "quang-tri-salavan"
    assert report["diagnostics"][0]["visit"] == "talks-2025"


# --- directories ----------------------------------------------------------------------------


def test_directory_skips_other_toml_and_hidden_folders(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    write(plans, "a.toml", STALE_PLANNED)
    write(plans, "sub/b.toml", ident="quang-tri-savannakhet")
    (plans / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (plans / "notes.txt").write_text("not toml", encoding="utf-8")
    hidden = plans / ".archive"
    hidden.mkdir()
    (hidden / "old.toml").write_text("[partnership]\nbroken = \n", encoding="utf-8")
    (plans / ".draft.toml").write_text("[partnership]\nbroken = \n", encoding="utf-8")

    code, report = json_of("plans", "--as-of", "2024-01-01", cwd=tmp_path)
    assert code == 0
    files = {f["path"]: f for f in report["files"]}
    assert set(files) == {
        shown("plans", "a.toml"),
        shown("plans", "sub", "b.toml"),
        shown("plans", "pyproject.toml"),
    }
    assert files[shown("plans", "pyproject.toml")] == {
        "path": shown("plans", "pyproject.toml"),
        "partnership": None,
        "errors": 0,
        "warnings": 0,
        "skipped": True,
    }
    assert files[shown("plans", "a.toml")]["warnings"] == 1
    assert not files[shown("plans", "sub", "b.toml")]["skipped"]
    assert report["summary"]["files"] == 2
    text = visits("plans", "--as-of", "2024-01-01", cwd=tmp_path).stdout
    assert "2 files checked" in text


def test_directory_is_searched_in_sorted_order(tmp_path: Path) -> None:
    for name in ("c.toml", "a.toml", "b/z.toml"):
        write(tmp_path / "plans", name, STALE_PLANNED, ident=name.replace("/", "-")[:-5])
    _, report = json_of("plans", "--as-of", "2024-01-01", cwd=tmp_path)
    # each folder's files in sorted order, then its subfolders in sorted order (os.walk)
    assert [f["path"] for f in report["files"]] == [
        shown("plans", "a.toml"),
        shown("plans", "c.toml"),
        shown("plans", "b", "z.toml"),
    ]


def test_directory_reports_a_broken_schedule(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "broken.toml").write_text("[partnership]\nid = \n", encoding="utf-8")
    result = visits("plans", cwd=tmp_path)
    assert result.returncode == 2 and "error[syntax]" in result.stdout


def test_directory_reports_a_schedule_that_is_not_utf8(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "latin1.toml").write_bytes((BROKEN / "io-not-utf8.toml").read_bytes())
    result = visits("plans", cwd=tmp_path)
    assert result.returncode == 2
    assert "latin1.toml:4:18: error[io] is not UTF-8 text" in result.stdout


def test_a_file_named_explicitly_is_always_checked(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, report = json_of("pyproject.toml", cwd=tmp_path)
    assert code == 2
    assert report["files"][0]["skipped"] is False
    messages = {d["message"] for d in report["diagnostics"]}
    assert "required table [partnership] is missing" in messages


def test_the_same_file_twice_is_checked_once(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", STALE_PLANNED)
    _, report = json_of("plan.toml", ".", "--as-of", "2024-01-01", cwd=tmp_path)
    assert len(report["diagnostics"]) == 1 and report["summary"]["files"] == 1


# --- waived diagnostics ---------------------------------------------------------------------

WAIVED = (
    HELD_IN_FUTURE
    + """
[[waivers]]
rule = "status"
from = 2025-01-01
until = 2025-12-31
reason = "Recorded ahead: 100% sure, per the minutes"
"""
)


def test_waived_hidden_by_default_shown_with_reason(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", WAIVED)
    hidden = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert hidden.returncode == 0
    assert "error[status]" not in hidden.stdout
    assert "(1 waived, shown with --show-waived)" in hidden.stdout
    shown = visits("plan.toml", "--as-of", "2024-01-01", "--show-waived", cwd=tmp_path)
    assert shown.returncode == 0
    assert "error[status] (waived: Recorded ahead: 100% sure, per the minutes)" in shown.stdout
    assert visits("plan.toml", "--as-of", "2024-01-01", "--strict", cwd=tmp_path).returncode == 0


def test_waived_always_in_json(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", WAIVED)
    code, report = json_of("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert code == 0
    [diagnostic] = report["diagnostics"]
    assert diagnostic["waived"] is True
    assert diagnostic["reason"] == "Recorded ahead: 100% sure, per the minutes"
    assert report["summary"] == {"files": 1, "errors": 0, "warnings": 0, "waived": 1}
    assert report["files"][0]["errors"] == 0


def test_waived_in_github_only_with_show_waived(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", WAIVED)
    assert (
        visits("plan.toml", "--as-of", "2024-01-01", "--format", "github", cwd=tmp_path).stdout
        == ""
    )
    shown = visits(
        "plan.toml", "--as-of", "2024-01-01", "--format", "github", "--show-waived", cwd=tmp_path
    ).stdout
    [line] = shown.splitlines()
    assert not line.startswith("::error")  # a waived error must not fail the CI annotations
    assert "100%25 sure" in line


# --- github format --------------------------------------------------------------------------


def test_github_lines(tmp_path: Path) -> None:
    result = visits("examples", "--as-of", "2023-12-01", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith(
        f"::error file={SL},line=70,col=1,title=visits interval::overdue: the next visit after "
        "`working-visit-2018`"
    )
    assert (
        sum(line.startswith("::warning file=examples/quang-tri-salavan.toml,") for line in lines)
        == 2
    )


def test_github_escapes_properties_and_data(tmp_path: Path) -> None:
    body = STALE_PLANNED.replace('id = "talks-2023"', 'id = "talks 50%, day:1"')
    write(tmp_path, "a,b:c.toml", body)
    result = visits("a,b:c.toml", "--as-of", "2024-01-01", "--format", "github", cwd=tmp_path)
    [line] = result.stdout.splitlines()
    assert line.startswith("::warning file=a%2Cb%3Ac.toml,line=15,col=1,title=visits status::")
    assert "visit `talks 50%25, day:1` (2023-04-04) is still planned" in line


def test_github_one_line_per_annotation_even_with_newlines_in_the_data(tmp_path: Path) -> None:
    body = """
    [[visits]]
    id = "v1"
    kind = "talks"
    host = "salavan"
    start = 2025-03-01

      [[visits.participants]]
      name = "Lê Quang\\nChiến"
      party = "quang-tri"

    [[visits]]
    id = "v2"
    kind = "talks"
    host = "quang-tri"
    start = 2025-03-01

      [[visits.participants]]
      name = "Lê Quang\\nChiến"
      party = "quang-tri"
    """
    write(tmp_path, "plan.toml", body)
    result = visits("plan.toml", "--as-of", "2024-01-01", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    [booking] = [line for line in lines if "double-booking" in line]
    assert "\r" not in booking and ("%0A" in booking or "\\n" in booking)


# --- text from the files is printed literally -----------------------------------------------


def test_markup_like_names_are_printed_literally(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", STALE_PLANNED.replace('id = "talks-2023"', 'id = "[bold]x[/]"'))
    result = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert "visit `[bold]x[/]` (2023-04-04) is still planned" in result.stdout
    assert "\x1b" not in result.stdout


def test_control_characters_are_shown_escaped_never_raw(tmp_path: Path) -> None:
    body = STALE_PLANNED.replace('id = "talks-2023"', 'id = "x\\u001b[2Jy\\u202Ez"').replace(
        'status = "planned"', 'status = "planned" # \u202e reversed \u2066'
    )
    write(tmp_path, "plan.toml", body)
    for output in ("text", "github", "json"):
        result = visits("plan.toml", "--as-of", "2024-01-01", "--format", output, cwd=tmp_path)
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout, output
        assert "\u2066" not in result.stdout, output
    text = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path).stdout
    assert "visit `x\\x1b[2Jy\\u202ez`" in text
    assert "\\u202e reversed \\u2066" in text  # the snippet of the line, escaped too


def test_json_keeps_the_text_but_escapes_it_as_json(tmp_path: Path) -> None:
    body = STALE_PLANNED.replace('id = "talks-2023"', 'id = "x\\u001by"')
    write(tmp_path, "plan.toml", body)
    _, report = json_of("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path)
    assert report["diagnostics"][0]["visit"] == "x\x1by"


def test_raw_control_character_in_a_broken_file_is_escaped_in_the_snippet(tmp_path: Path) -> None:
    (tmp_path / "plan.toml").write_text(
        '[partnership]\nid = "a"\ntitle = "bad \x1b[31m red"\n', encoding="utf-8"
    )
    result = visits("plan.toml", cwd=tmp_path)
    assert result.returncode == 2 and "error[syntax]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31m" in result.stdout


def test_text_has_a_snippet_with_a_caret(tmp_path: Path) -> None:
    write(tmp_path, "plan.toml", HELD_IN_FUTURE)
    lines = visits("plan.toml", "--as-of", "2024-01-01", cwd=tmp_path).stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "error[status]" in line)
    assert lines[at + 1].strip() == "|"
    assert lines[at + 2] == '15 | status = "held"'
    assert lines[at + 3] == "   | ^"


# --- the bundled examples do what their header comments promise -----------------------------


def promised(
    report: dict[str, Any], path: str
) -> list[tuple[str, str, str | None, str | None, str | None, bool]]:
    return sorted(
        (d["severity"], d["code"], d["visit"], d["rule"], d["date"], d["waived"])
        for d in report["diagnostics"]
        if d["path"] == path
    )


def test_example_quang_tri_salavan_as_of_2023_12_01() -> None:
    code, report = json_of(QT, "--as-of", "2023-12-01")
    assert code == 0  # warnings only; the one error is waived
    assert promised(report, QT) == sorted(
        [
            ("error", "interval", "talks-2023", "talks-interval", "2020-07-05", True),
            ("warning", "interval", "talks-2025", "talks-interval-2023", "2025-04-04", False),
            ("warning", "quota", None, "delegate-training-yearly", "2023-01-01", False),
        ]
    )
    waived = next(d for d in report["diagnostics"] if d["waived"])
    assert waived["reason"].startswith("COVID-19")
    text = visits(QT, "--as-of", "2023-12-01").stdout
    assert "error[interval]" not in text  # shown only with --show-waived
    assert (
        "error[interval] (waived: COVID-19"
        in visits(QT, "--as-of", "2023-12-01", "--show-waived").stdout
    )


def test_example_quang_tri_salavan_after_2025() -> None:
    # "talks-2025 becomes a stale planned visit and the quotas of 2024 and 2025 (and training
    # 2023) become errors, so the exit status is 1"
    code, report = json_of(QT, "--as-of", "2026-06-01")
    assert code == 1
    found = promised(report, QT)
    assert ("warning", "status", "talks-2025", None, "2025-01-01", False) in found
    assert ("warning", "agreement-lapsed", None, None, "2025-12-31", False) in found
    assert ("error", "commitment", None, "talks-2025-in-quang-tri", "2025-12-31", False) in found
    quota_errors = {(d[3], d[4]) for d in found if d[0] == "error" and d[1] == "quota"}
    assert {
        ("committee-exchange-yearly", "2024-01-01"),
        ("committee-exchange-yearly", "2025-01-01"),
        ("delegate-training-yearly", "2023-01-01"),
    } <= quota_errors


def test_example_son_la_hua_phan_as_of_2023_12_01() -> None:
    code, report = json_of(SL, "--as-of", "2023-12-01")
    assert code == 1
    assert promised(report, SL) == [
        ("error", "interval", "working-visit-2018", "visit-interval", "2020-04-09", False)
    ]


def test_example_son_la_hua_phan_today() -> None:
    # "Run today without --as-of: the same single overdue error"
    code, report = json_of(SL)
    assert code == 1
    assert promised(report, SL) == [
        ("error", "interval", "working-visit-2018", "visit-interval", "2020-04-09", False)
    ]


# --- colour only on a terminal, never with NO_COLOR ------------------------------------------


def on_a_terminal(args: list[str], cwd: Path, *, no_color: bool) -> str:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "schedules.cli", "check", *args],
        cwd=cwd,
        env=env,
        stdout=slave,
        stderr=subprocess.DEVNULL,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed (Linux reports EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    process.wait(timeout=60)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    body = HELD_IN_FUTURE.replace('id = "talks-2025"', 'id = "x\\u001b[2Jy"')
    write(tmp_path, "plan.toml", body)
    args = ["plan.toml", "--as-of", "2024-01-01"]
    coloured = on_a_terminal(args, tmp_path, no_color=False)
    assert "\x1b[1;31merror[status]\x1b[0m" in coloured
    assert "\x1b[2J" not in coloured and "x\\x1b[2Jy" in coloured  # data never acts
    plain = on_a_terminal(args, tmp_path, no_color=True)
    assert "error[status]" in plain and "\x1b" not in plain

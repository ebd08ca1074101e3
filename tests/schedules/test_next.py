"""`schedules.planning.next_visits` and `visits next`: who hosts next, by when, what is planned.

The planning function is checked against `visits check` on the same files (same deadlines), on
the examples at fixed dates, and on the edge cases: no rules, only partial dates, an agreement
that has expired, one not yet in force. The command is run in a subprocess like a user would.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from schedules.diagnostics import Severity
from schedules.loader import Document, load_file, load_text
from schedules.model import Schedule
from schedules.next_cmd import render_text, table
from schedules.planning import NEXT_STATES, NextVisit, next_visits
from schedules.workspace import check
from tests.paths import ROOT

EXAMPLES = ROOT / "examples"
QT_SL = EXAMPLES / "quang-tri-salavan.toml"
SL_HP = EXAMPLES / "son-la-hua-phan.toml"
DATA = ROOT / "tests" / "data" / "planning"

HEAD = """\
[partnership]
id = "abc"
title = "Three provinces"

[parties.alpha]
name = "Alpha"

[parties.beta]
name = "Beta"

[parties.gamma]
name = "Gamma"
"""


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def schedule_of(body: str) -> Schedule:
    document = load_text(HEAD + textwrap.dedent(body))
    assert document.ok, document.problems
    assert document.schedule is not None
    return document.schedule


def loaded(path: Path) -> Document:
    document = load_file(path)
    assert document.ok, document.problems
    return document


def by_rule(entries: list[NextVisit]) -> dict[str, NextVisit]:
    return {entry.rule: entry for entry in entries}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


# --- the examples ----------------------------------------------------------------------------


def test_quang_tri_salavan_late_2023_talks_2025_is_planned_in_quang_tri() -> None:
    schedule = loaded(QT_SL).schedule
    assert schedule is not None
    entries = by_rule(next_visits(schedule, day("2023-12-01")))
    # mou-2017 ended on 2023-04-04: only mou-2023's rules are in force
    assert list(entries) == ["talks-rotate-2023", "talks-interval-2023", "talks-2025-in-quang-tri"]
    rotate = entries["talks-rotate-2023"]
    assert (rotate.host, rotate.guests, rotate.after) == ("quang-tri", ["salavan"], "talks-2023")
    # the alternate rule takes its window from the interval rule on the same kinds, and back
    interval = entries["talks-interval-2023"]
    assert rotate.deadline == interval.deadline == day("2025-04-04")
    assert interval.host == "quang-tri"
    assert rotate.planned == interval.planned == "talks-2025"
    assert rotate.state == interval.state == "planned"
    assert interval.note is not None and "may start after the deadline" in interval.note
    commitment = entries["talks-2025-in-quang-tri"]
    assert commitment.rule_kind == "commitment"
    assert (commitment.earliest, commitment.deadline) == (day("2025-01-01"), day("2025-12-31"))
    assert (commitment.host, commitment.planned, commitment.state) == (
        "quang-tri",
        "talks-2025",
        "planned",
    )


def test_quang_tri_salavan_seen_from_early_2023_before_the_talks_in_salavan() -> None:
    """As of 2023-01-01 the talks of April 2023 (marked held) had not happened yet."""
    schedule = loaded(QT_SL).schedule
    assert schedule is not None
    entries = by_rule(next_visits(schedule, day("2023-01-01")))
    interval = entries["talks-interval"]
    assert (interval.agreement, interval.host, interval.after) == (
        "mou-2017",
        "salavan",
        "talks-2018",
    )
    assert interval.deadline == day("2020-07-05")
    # planned for after its deadline: late, not planned
    assert (interval.planned, interval.state) == ("talks-2023", "late")
    assert interval.note is not None and "starts after the deadline 2020-07-05" in interval.note
    assert entries["talks-2018-in-quang-tri"].state == "kept"
    assert entries["talks-2018-in-quang-tri"].planned == "talks-2018"
    # mou-2023 is signed but not yet in force: listed, with no deadline inside its window
    later = entries["talks-interval-2023"]
    assert later.deadline is None
    assert later.note is not None and "falls outside agreement `mou-2023`" in later.note


def test_son_la_hua_phan_return_visit_is_overdue_and_matches_check() -> None:
    document = loaded(SL_HP)
    assert document.schedule is not None
    as_of = day("2023-12-01")
    entries = by_rule(next_visits(document.schedule, as_of))
    interval = entries["visit-interval"]
    assert (interval.host, interval.guests) == ("son-la", ["hua-phan"])
    assert (interval.after, interval.planned, interval.state) == (
        "working-visit-2018",
        None,
        "overdue",
    )
    overdue = [d for d in check([document], as_of) if d.rule == "visit-interval"]
    assert [(d.severity, d.date) for d in overdue] == [(Severity.ERROR, interval.deadline)]
    assert entries["visit-rotate"].deadline == interval.deadline


# --- semantics -------------------------------------------------------------------------------

ROTATION = """\
[[agreements]]
id = "mou"
signed = 2021-01-01

  [[agreements.rules]]
  id = "rotate"
  kind = "alternate"
  visits = ["talks"]
  order = ["alpha", "beta", "gamma"]

  [[agreements.rules]]
  id = "yearly"
  kind = "interval"
  visits = ["talks"]
  max = "P1Y"
  tolerance = "P1M"
  min = "P3M"

[[visits]]
id = "v1"
kind = "talks"
host = "alpha"
status = "held"
start = 2022-01-10

[[visits]]
id = "v2"
kind = "talks"
host = "beta"
status = "held"
start = 2022-09-01
end = 2022-09-03

[[visits]]
id = "cancelled"
kind = "talks"
host = "gamma"
status = "cancelled"
start = 2023-03-01

[[visits]]
id = "informal"
kind = "talks"
host = "gamma"
formal = false
start = 2023-04-01
"""


def test_rotation_window_from_min_max_and_tolerance_ignoring_uncounted_visits() -> None:
    schedule = schedule_of(ROTATION)
    entry = by_rule(next_visits(schedule, day("2023-06-01")))["rotate"]
    assert (entry.host, entry.guests, entry.after) == ("gamma", ["alpha", "beta"], "v2")
    assert entry.earliest == day("2022-12-01")  # v2's start + P3M
    assert entry.deadline == day("2023-10-01")  # v2's start + P1Y + P1M tolerance
    assert (entry.planned, entry.state, entry.note) == (None, "nothing planned", None)


@pytest.mark.parametrize(
    ("as_of", "state", "code_severity"),
    [
        ("2023-06-01", "nothing planned", None),
        ("2023-08-01", "nothing planned", Severity.WARNING),  # due soon: within 90 days
        ("2023-10-01", "nothing planned", Severity.WARNING),  # the deadline itself
        ("2023-10-02", "overdue", Severity.ERROR),
    ],
)
def test_deadline_and_state_agree_with_check(
    as_of: str, state: str, code_severity: Severity | None
) -> None:
    document = load_text(HEAD + ROTATION)
    assert document.schedule is not None
    entry = by_rule(next_visits(document.schedule, day(as_of)))["yearly"]
    assert entry.state == state
    found = [d for d in check([document], day(as_of)) if d.rule == "yearly"]
    if code_severity is None:
        assert found == []
    else:
        assert [(d.severity, d.date) for d in found] == [(code_severity, entry.deadline)]


def test_planned_visit_with_the_wrong_host_is_noted_and_late_after_the_deadline() -> None:
    schedule = schedule_of(
        ROTATION
        + """
[[visits]]
id = "v3"
kind = "talks"
host = "alpha"
status = "confirmed"
start = 2023-12-01
"""
    )
    entry = by_rule(next_visits(schedule, day("2023-06-01")))["rotate"]
    # v3 (2023-12-01) is also after the deadline 2023-10-01
    assert (entry.host, entry.planned, entry.state) == ("gamma", "v3", "late")
    assert entry.note is not None
    assert "hosted by `alpha`, but it is `gamma`'s turn" in entry.note
    assert "starts after the deadline" in entry.note


def test_interval_rule_alone_decides_no_host() -> None:
    schedule = schedule_of(
        """
        [[agreements]]
        id = "mou"
        signed = 2020-01-01

          [[agreements.rules]]
          id = "every-two-years"
          kind = "interval"
          visits = ["talks"]
          max = "P2Y"

        [[visits]]
        id = "v1"
        kind = "talks"
        host = "alpha"
        status = "held"
        start = 2021-05-01
        """
    )
    (entry,) = next_visits(schedule, day("2022-01-01"))
    assert (entry.host, entry.guests, entry.deadline) == (None, [], day("2023-05-01"))


def test_no_visit_yet_nothing_decides_host_or_deadline() -> None:
    schedule = schedule_of(
        """
        [[agreements]]
        id = "mou"
        signed = 2020-01-01

          [[agreements.rules]]
          id = "rotate"
          kind = "alternate"
          visits = ["talks"]

          [[agreements.rules]]
          id = "yearly"
          kind = "interval"
          visits = ["talks"]
          max = "P1Y"
        """
    )
    entries = next_visits(schedule, day("2022-01-01"))
    assert [(e.host, e.after, e.earliest, e.deadline, e.planned, e.state) for e in entries] == [
        (None, None, None, None, None, "nothing planned")
    ] * 2


COMMITMENTS = """\
[[agreements]]
id = "mou"
signed = 2021-01-01

  [[agreements.rules]]
  id = "kept"
  kind = "commitment"
  visits = ["talks"]
  host = "alpha"
  when = "2022"

  [[agreements.rules]]
  id = "missed"
  kind = "commitment"
  visits = ["talks"]
  host = "beta"
  when = "2022-Q3"

  [[agreements.rules]]
  id = "planned"
  kind = "commitment"
  visits = ["talks"]
  host = "gamma"
  when = "2024"

  [[agreements.rules]]
  id = "open"
  kind = "commitment"
  visits = ["training"]
  host = "alpha"
  when = "2024"

[[visits]]
id = "talks-2022"
kind = "talks"
host = "alpha"
status = "held"
start = 2022-08-10

[[visits]]
id = "talks-2024"
kind = "talks"
host = "gamma"
when = "2024-Q2"

[[visits]]
id = "training-2024"
kind = "training"
host = "beta"
start = 2024-05-01
"""


def test_commitment_states() -> None:
    entries = by_rule(next_visits(schedule_of(COMMITMENTS), day("2023-06-01")))
    assert {rule: (e.state, e.planned) for rule, e in entries.items()} == {
        "kept": ("kept", "talks-2022"),
        "missed": ("overdue", None),
        "planned": ("planned", "talks-2024"),
        "open": ("nothing planned", None),
    }
    # someone else hosts a visit in the committed period: said, not counted
    assert entries["missed"].note == "in 2022-Q3: `talks-2022` (hosted by `alpha`)"
    assert entries["open"].note == "in 2024: `training-2024` (hosted by `beta`)"
    assert (entries["open"].earliest, entries["open"].deadline) == (
        day("2024-01-01"),
        day("2024-12-31"),
    )
    assert all(e.after is None for e in entries.values())


def test_next_visit_is_frozen_and_states_are_known() -> None:
    (entry, *_) = next_visits(schedule_of(COMMITMENTS), day("2023-06-01"))
    with pytest.raises(AttributeError):
        entry.state = "kept"  # type: ignore[misc]
    assert entry.state in NEXT_STATES


# --- edge cases ------------------------------------------------------------------------------


def test_no_rules_no_next_visits() -> None:
    schedule = loaded(DATA / "no-rules.toml").schedule
    assert schedule is not None
    assert next_visits(schedule, day("2024-06-01")) == []


def test_expired_agreement_has_its_rotation_continued_not_nothing() -> None:
    schedule = loaded(DATA / "expired.toml").schedule
    assert schedule is not None
    continuing = next_visits(schedule, day("2024-06-01"))
    # the rotation and interval carry on; the 2019 commitment does not
    assert [(e.rule, e.host, e.state) for e in continuing] == [
        ("talks-rotate", "lai-chau", "overdue"),
        ("talks-interval", "lai-chau", "overdue"),
    ]
    assert {e.lapsed_since for e in continuing} == {day("2020-12-31")}
    assert [e.rule for e in next_visits(schedule, day("2020-12-31"))] == [
        "talks-rotate",
        "talks-interval",
        "talks-2019",
    ]


def test_only_partial_dates_use_the_latest_possible_start() -> None:
    document = loaded(DATA / "partial-only.toml")
    assert document.schedule is not None
    as_of = day("2024-12-01")
    entries = by_rule(next_visits(document.schedule, as_of))
    interval = entries["talks-yearly"]
    # 2024-Q1 may be as late as 2024-03-31, so the next talks are due a year later
    assert interval.deadline == day("2025-03-31")
    assert (interval.host, interval.after, interval.planned) == (
        "luang-prabang",
        "talks-2024",
        "talks-2025",
    )
    warned = [d for d in check([document], as_of) if d.rule == "talks-yearly"]
    assert [d.date for d in warned] == [interval.deadline]


# --- the text table --------------------------------------------------------------------------


def column_starts(line: str, cells: list[str]) -> list[int]:
    """The terminal column where each cell starts in a rendered table line."""
    starts, position = [], 0
    for cell in cells:
        index = line.index(cell, position)
        starts.append(cell_len(line[:index]))
        position = index + len(cell)
    return starts


def test_table_aligns_decomposed_vietnamese_lao_and_wide_text() -> None:
    nfd = unicodedata.normalize("NFD", "Quảng Trị")
    rows = [("host", "state"), (nfd, "planned"), ("ສາລະວັນ", "overdue"), ("中文", "kept")]
    lines = table(rows)
    starts = [column_starts(line, list(row)) for line, row in zip(lines, rows, strict=True)]
    assert len({tuple(s) for s in starts}) == 1, lines


def cell_starts(line: str) -> list[int]:
    """The terminal column where each cell of a table line starts (cells are separated by two
    spaces or more)."""
    return [cell_len(line[: m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def test_text_output_aligns_columns_on_mixed_scripts() -> None:
    document = loaded(DATA / "mixed-scripts.toml")
    assert document.schedule is not None
    as_of = day("2024-12-01")
    entries = next_visits(document.schedule, as_of)
    text = render_text([(document, document.schedule, entries)], as_of)
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("agreement"))
    rows = lines[header : header + 1 + len(entries)]
    assert len(entries) == 2
    # decomposed Vietnamese ids and host, Lao rule and visit ids, in every column
    assert unicodedata.normalize("NFD", "Quảng Nam") in rows[1]
    assert "ສອງປີ" in rows[2] and "ສຳມະນາ-2025" in rows[2]
    assert len({tuple(cell_starts(row)) for row in rows}) == 1, rows


def test_text_output_shows_markup_and_escape_sequences_literally() -> None:
    document = loaded(DATA / "mixed-scripts.toml")
    assert document.schedule is not None
    as_of = day("2024-12-01")
    text = render_text(
        [(document, document.schedule, next_visits(document.schedule, as_of))], as_of
    )
    assert "[bold]friends[/bold]" in text
    assert "\x1b" not in text and "\u202e" not in text


# --- the command -----------------------------------------------------------------------------


def test_cli_text_on_the_examples() -> None:
    result = run_cli("next", "examples/", "--as-of", "2023-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Next visits as of 2023-12-01"
    assert "Quảng Trị – Salavan People's Councils (examples/quang-tri-salavan.toml)" in lines
    row = next(line for line in lines if "visit-interval" in line)
    assert row.split() == [
        "minutes-2018",
        "visit-interval",
        "interval",
        "working-visit",
        "son-la",
        "working-visit-2018",
        "by",
        "2020-04-09",
        "-",
        "overdue",
    ]


def test_cli_json_on_the_examples() -> None:
    result = run_cli("next", "examples/", "--as-of", "2023-12-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["as_of"] == "2023-12-01"
    assert [p["partnership"] for p in document["partnerships"]] == [
        "quang-tri-salavan",
        "son-la-hua-phan",
    ]
    first = document["partnerships"][0]
    assert first["path"] == "examples/quang-tri-salavan.toml"
    assert first["next"][1] == {
        "agreement": "mou-2023",
        "rule": "talks-interval-2023",
        "rule_kind": "interval",
        "kinds": ["talks"],
        "host": "quang-tri",
        "guests": ["salavan"],
        "after": "talks-2023",
        "earliest": None,
        "deadline": "2025-04-04",
        "planned": "talks-2025",
        "state": "planned",
        "note": "`talks-2025` (2025) may start after the deadline: agree dates by 2025-04-04",
        "lapsed_since": None,
    }


def test_cli_edge_cases_say_why_nothing_is_listed() -> None:
    result = run_cli("next", "tests/data/planning/", "--as-of", "2024-12-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "  no memorandum in force since 2020-12-31: the rotation of agreement mou-2016 " in out
    assert "Hà Giang – Phongsaly (tests/data/planning/no-rules.toml)\n" in out
    assert "  no alternate, interval or commitment rule\n" in out


def test_cli_input_error_exits_2_with_check_style_diagnostics(tmp_path: Path) -> None:
    broken = ROOT / "tests" / "data" / "broken" / "schema-unknown-key.toml"
    result = run_cli("next", str(broken), str(SL_HP), "--as-of", "2023-12-01")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{broken}:") and ": error[schema] " in first
    # the valid file is still planned
    assert "visit-interval" in result.stdout


@pytest.mark.parametrize(
    "args",
    [("next", "--format", "yaml"), ("next", "--as-of", "2023-13-01"), ("next", "--bogus")],
)
def test_cli_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["next", "examples/", "--as-of", "2023-12-01"],
        ["report", "examples/", "--as-of", "2023-12-01"],
        ["export", "examples/"],
        ["schema"],
    ],
)
def test_planning_commands_never_load_the_terminal_app(args: list[str]) -> None:
    code = (
        "import contextlib, io, sys\n"
        "from schedules.cli import main\n"
        "with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())):\n"
        f"    status = main({args!r})\n"
        "assert status == 0, status\n"
        "assert 'textual' not in sys.modules and 'tui' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


def test_after_the_last_agreement_ends_its_rotation_continues() -> None:
    """Nothing is in force once mou-2023 has ended; planning carries its rotation on."""
    from schedules.planning import continuing_visits

    text = QT_SL.read_text(encoding="utf-8")
    schedule = load_text(text).schedule
    assert schedule is not None
    today = dt.date(2026, 11, 22)

    plans = continuing_visits(schedule, today)
    assert {plan.rule for plan in plans} == {"talks-rotate-2023", "talks-interval-2023"}
    # talks-2025 is still only planned, so it is what comes next, hosted by Quảng Trị
    assert all(plan.planned == "talks-2025" and plan.host == "quang-tri" for plan in plans)
    assert {plan.lapsed_since for plan in plans} == {dt.date(2025, 12, 31)}
    # and `next_visits`, which the app and `visits next` use, gives the same
    assert next_visits(schedule, today) == plans

    held = text.replace('status = "planned"', 'status = "held"')
    assert held != text
    schedule = load_text(held).schedule
    assert schedule is not None
    after_2025 = continuing_visits(schedule, today)
    # once talks-2025 is recorded as held, it is Salavan's turn, due two years after 2025
    assert {plan.host for plan in after_2025} == {"salavan"}
    assert {plan.after for plan in after_2025} == {"talks-2025"}
    assert {plan.deadline for plan in after_2025} == {dt.date(2027, 12, 31)}
    assert {plan.state for plan in after_2025} == {"nothing planned"}


def test_no_continuation_while_an_agreement_is_in_force() -> None:
    from schedules.planning import continuing_visits

    schedule = load_file(QT_SL).schedule
    assert schedule is not None
    assert continuing_visits(schedule, dt.date(2024, 6, 1)) == []

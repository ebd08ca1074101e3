"""`visits export --format ics`: parsed back with icalendar, as a calendar application would."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from schedules.export import STATUS, calendar_ics, event_uid
from schedules.loader import load_file, load_text
from tests.paths import ROOT

DATA = ROOT / "tests" / "data" / "planning"
STAMP = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.UTC)


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args], capture_output=True, cwd=ROOT, check=False
    )


def events(data: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(data)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_examples_one_all_day_event_per_exact_visit() -> None:
    result = run_cli("export", "--format", "ics", "examples/")
    assert result.returncode == 0, result.stderr
    found = events(result.stdout)
    assert sorted(found) == [
        "talks-2018@quang-tri-salavan.visits",
        "talks-2023@quang-tri-salavan.visits",
        "working-visit-2018@son-la-hua-phan.visits",
    ]
    talks = found["talks-2018@quang-tri-salavan.visits"]
    # 5–7 July: DTEND is exclusive, the day after the last day
    assert talks.decoded("dtstart") == dt.date(2018, 7, 5)
    assert talks.decoded("dtend") == dt.date(2018, 7, 8)
    assert str(talks["summary"]) == "Talks in Quảng Trị, as the 2017 memorandum foresaw"
    assert str(talks["location"]) == "Quảng Trị"
    assert str(talks["status"]) == "CONFIRMED"
    one_day = found["talks-2023@quang-tri-salavan.visits"]
    assert (one_day.decoded("dtstart"), one_day.decoded("dtend")) == (
        dt.date(2023, 4, 4),
        dt.date(2023, 4, 5),
    )
    description = str(one_day["description"])
    assert "Host: Standing Committee, Salavan Provincial People's Council" in description
    assert "Guests: Standing Committee, Quảng Trị Provincial People's Council" in description
    assert "- Signing of the 2023 memorandum" in description
    assert "- Lê Quang Chiến, Ủy viên Ban Thường vụ Tỉnh ủy" in description
    assert "head of delegation" in description


def test_partial_dates_are_left_out_and_listed_on_stderr() -> None:
    result = run_cli("export", "examples/quang-tri-salavan.toml")
    assert result.returncode == 0
    assert "talks-2025" not in "".join(events(result.stdout))
    stderr = result.stderr.decode()
    assert stderr.startswith("examples/quang-tri-salavan.toml:")
    assert 'visit `talks-2025` has only a partial date (when = "2025"): left out' in stderr


def test_include_tentative_spans_the_whole_period() -> None:
    result = run_cli("export", "--include-tentative", "examples/quang-tri-salavan.toml")
    assert result.returncode == 0
    assert result.stderr == b""
    event = events(result.stdout)["talks-2025@quang-tri-salavan.visits"]
    assert event.decoded("dtstart") == dt.date(2025, 1, 1)
    assert event.decoded("dtend") == dt.date(2026, 1, 1)
    assert str(event["status"]) == "TENTATIVE"
    assert str(event["transp"]) == "TRANSPARENT"
    assert "Dates to be agreed: 2025" in str(event["description"])


def test_uids_are_stable_across_runs_and_unique() -> None:
    first = run_cli("export", "examples/")
    second = run_cli("export", "examples/")
    assert list(events(first.stdout)) == list(events(second.stdout))
    assert len(events(first.stdout)) == 3


STATUSES = """\
[partnership]
id = "p"
title = "Statuses"

[parties.a]
name = "A"

[parties.b]
name = "B"
"""


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("planned", "TENTATIVE"),
        ("confirmed", "CONFIRMED"),
        ("held", "CONFIRMED"),
        ("cancelled", "CANCELLED"),
        ("postponed", "CANCELLED"),
    ],
)
def test_status_mapping(status: str, expected: str) -> None:
    document = load_text(
        STATUSES
        + f"""
[[visits]]
id = "v"
kind = "talks"
host = "a"
status = "{status}"
start = 2024-05-06
end = 2024-05-08
"""
    )
    assert document.ok, document.problems
    data, left_out = calendar_ics([document], STAMP)
    assert left_out == []
    (event,) = events(data).values()
    assert str(event["status"]) == expected == STATUS[status]
    assert event.decoded("dtend") == dt.date(2024, 5, 9)
    assert event.decoded("dtstamp") == STAMP
    # no title: the kind and the host say what it is
    assert str(event["summary"]) == "talks hosted by A"


def test_cancelled_partial_visit_stays_cancelled_when_included() -> None:
    document = load_text(
        STATUSES
        + """
[[visits]]
id = "v"
kind = "talks"
host = "a"
status = "cancelled"
when = "2024-Q2"
"""
    )
    data, _ = calendar_ics([document], STAMP, include_tentative=True)
    (event,) = events(data).values()
    assert str(event["status"]) == "CANCELLED"
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        dt.date(2024, 4, 1),
        dt.date(2024, 7, 1),
    )


def test_only_partial_dates_export_nothing_but_say_so() -> None:
    document = load_file(DATA / "partial-only.toml")
    data, left_out = calendar_ics([document], STAMP)
    assert events(data) == {}
    assert [item.visit.id for item in left_out] == ["talks-2024", "talks-2025"]
    assert left_out[0].line > 1
    assert "talks-2024" in left_out[0].message()


def test_text_from_the_file_is_escaped_as_ical_text() -> None:
    document = load_file(DATA / "mixed-scripts.toml")
    assert document.schedule is not None
    data, _ = calendar_ics([document], STAMP)
    assert b"\x1b" not in data and "\u202e".encode() not in data
    found = events(data)
    visit = document.schedule.visits[0]
    event = found[event_uid(document.schedule, visit)]
    assert str(event["location"]) == "ເມືອງລະມາມ & <Sekong>"
    assert "\\u202e" in str(event["summary"])
    # the UID is ASCII even for ids in other scripts, and stays unique
    assert all(uid.isascii() for uid in found)
    assert len(found) == 2


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "visits.ics"
    result = run_cli("export", "examples/son-la-hua-phan.toml", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    assert list(events(target.read_bytes())) == ["working-visit-2018@son-la-hua-phan.visits"]
    assert [p.name for p in tmp_path.iterdir()] == ["visits.ics"]  # no temporary file left


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    result = run_cli("export", "examples/", "-o", str(tmp_path / "missing" / "visits.ics"))
    assert result.returncode == 2
    assert b"cannot write" in result.stderr and b"Traceback" not in result.stderr


def test_input_error_exits_2_and_exports_the_valid_files() -> None:
    broken = "tests/data/broken/schema-unknown-key.toml"
    result = run_cli("export", broken, "examples/son-la-hua-phan.toml")
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{broken}:")
    assert b"error[schema]" in result.stderr
    assert list(events(result.stdout)) == ["working-visit-2018@son-la-hua-phan.visits"]


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli("export", "--format", "csv", "examples/")
    assert result.returncode == 2
    assert b"usage:" in result.stderr


def test_edge_cases_no_rules_expired_agreement_and_partial_dates() -> None:
    result = run_cli("export", "tests/data/planning/")
    assert result.returncode == 0, result.stderr
    assert sorted(uid.split("@")[1] for uid in events(result.stdout)) == [
        "ha-giang-phongsaly.visits",
        "lai-chau-oudomxay.visits",
        "lai-chau-oudomxay.visits",
        "quang-nam-sekong.visits",
        "quang-nam-sekong.visits",
    ]
    left_out = result.stderr.decode().splitlines()
    assert [line.split(":")[0] for line in left_out] == [
        "tests/data/planning/partial-only.toml"
    ] * 2

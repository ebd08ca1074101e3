"""The Quảng Trị–Salavan example a year after its memorandum ended (as of 2026-12-01): `check`,
`next` (text and JSON) and `report` tell one true story. mou-2023 ended on 2025-12-31, the 2025
talks in Quảng Trị are still only planned, and nothing has replaced the memorandum."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.paths import ROOT

EXAMPLE = "examples/quang-tri-salavan.toml"
AS_OF = "2026-12-01"


def visits(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_check_says_no_memorandum_is_in_force_and_the_promise_was_not_kept() -> None:
    result = visits("check", EXAMPLE, "--as-of", AS_OF, "--format", "json")
    found = json.loads(result.stdout)["diagnostics"]
    lapsed = [d for d in found if d["code"] == "agreement-lapsed"]
    assert [(d["severity"], d["date"]) for d in lapsed] == [("warning", "2025-12-31")]
    assert "`quang-tri` hosts next" in lapsed[0]["message"]
    (promise,) = [d for d in found if d["code"] == "commitment"]
    assert promise["severity"] == "error" and promise["rule"] == "talks-2025-in-quang-tri"
    assert "`talks-2025` is still only planned" in promise["message"]
    # no advice to agree dates by a day that is gone
    assert not [d for d in found if "agree dates by" in d["message"]]
    assert result.returncode == 1


def test_next_shows_the_rotation_continuing_marked_as_such() -> None:
    text = visits("next", EXAMPLE, "--as-of", AS_OF).stdout
    assert "no memorandum in force since 2025-12-31: the rotation of agreement mou-2023" in text
    rows = [line.split() for line in text.splitlines() if line.startswith("  mou-2023")]
    # Quảng Trị's turn after talks-2023, due by 2025-04-04; talks-2025 was planned too late
    assert [row[4:] for row in rows] == [
        ["QT", "talks-2023", "by", "2025-04-04", "talks-2025", "late"],
        ["QT", "talks-2023", "by", "2025-04-04", "talks-2025", "late"],
    ]
    assert "agree dates by" not in text

    document = json.loads(visits("next", EXAMPLE, "--as-of", AS_OF, "--format", "json").stdout)
    entries = document["partnerships"][0]["next"]
    assert {(e["rule"], e["state"], e["lapsed_since"]) for e in entries} == {
        ("talks-rotate-2023", "late", "2025-12-31"),
        ("talks-interval-2023", "late", "2025-12-31"),
    }


def test_report_does_not_call_an_unkept_promise_met() -> None:
    report = visits("report", EXAMPLE, "--as-of", AS_OF).stdout
    promise = "| talks hosted by QT in 2025 | Memorandum of understanding of 4 April 2023"
    row = next(line for line in report.splitlines() if line.startswith(promise))
    assert row.endswith("| **1 error** |")
    assert (
        "| the hosts of the talks take turns: QT, then SL | QT | Bilateral talks (Hội đàm song "
        "phương) | by 4 April 2025 | Next talks in Quảng Trị" in report
    )
    assert "external-affairs offices | **late** |" in report

    # while 2025 lasted, the plan was a plan, not a kept promise
    earlier = visits("report", EXAMPLE, "--as-of", "2025-06-01").stdout
    row = next(line for line in earlier.splitlines() if line.startswith(promise))
    assert row.endswith("| planned, not yet held |")

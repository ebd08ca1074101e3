"""`visits plan`: the office's year, its JSON contract, the suggested dates (checked against a
brute-force search built directly on the `holidays` package) and its documents."""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import holidays
import pytest

from schedules.document import render_html, render_markdown
from schedules.loader import load_file
from schedules.model import Schedule
from schedules.plan import year_plan
from schedules.plan_render import plan_blocks, render_json, render_text
from tests.paths import ROOT

DATA = ROOT / "tests" / "data" / "plan"
AS_OF = dt.date(2026, 12, 1)
FILES = ("alpha-beta", "alpha-delta", "alpha-gamma", "beta-gamma")


def schedules() -> list[tuple[str, Schedule]]:
    found = []
    for name in FILES:
        document = load_file(str(DATA / f"{name}.toml"))
        assert document.ok and document.schedule is not None, document.problems
        found.append((f"{name}.toml", document.schedule))
    return found


def plan_json(home: str = "alpha", year: int = 2027, as_of: dt.date = AS_OF) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_json(year_plan(schedules(), home, year, as_of)))
    return document


def entry(document: dict[str, Any], **wanted: object) -> dict[str, Any]:
    found = [e for e in document["entries"] if all(e[k] == v for k, v in wanted.items())]
    assert len(found) == 1, found
    return found[0]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


# --- entries --------------------------------------------------------------------------------


def test_json_shape() -> None:
    document = plan_json()
    assert list(document) == ["version", "home", "year", "as_of", "entries", "summary"]
    assert (document["version"], document["home"], document["year"]) == (1, "alpha", 2027)
    assert document["as_of"] == "2026-12-01"
    keys = [
        "direction", "partnership", "path", "visit", "kind", "status", "host", "guests",
        "start", "end", "when", "rule", "window", "suggested", "head", "people",
    ]  # fmt: skip
    assert all(list(e) == keys for e in document["entries"])
    assert document["summary"] == {"out": 4, "in": 2, "due": 4}


def test_visits_directions_statuses_heads_and_sizes() -> None:
    document = plan_json()
    out = entry(document, visit="exchange-2027")
    assert out["direction"] == "out" and out["status"] == "planned"
    assert (out["host"], out["guests"]) == ("beta", ["alpha"])
    assert (out["start"], out["end"], out["when"]) == ("2027-01-05", "2027-01-07", None)
    # alpha's head and alpha's three people, not beta's host head
    assert (out["head"], out["people"]) == ("Nguyễn Văn [bold]An[/bold]", 3)
    assert (out["rule"], out["window"], out["suggested"]) == (None, None, None)

    incoming = entry(document, visit="training-2027")
    assert incoming["direction"] == "in" and incoming["status"] == "confirmed"
    assert (incoming["start"], incoming["when"]) == (None, "2027-Q2")
    assert (incoming["head"], incoming["people"]) == ("Khamla Sengdara", 2)

    visits = {e["visit"] for e in document["entries"] if e["visit"]}
    assert "study-2027-postponed" in visits  # postponed visits stay in the plan
    assert "study-2027-cancelled" not in visits  # cancelled ones do not
    assert "exchange-2026" not in visits and "talks-2025" not in visits  # another year
    assert not any(e["partnership"] == "beta-gamma" for e in document["entries"])
    assert entry(document, visit="study-2027-postponed")["head"] is None


def test_entries_sorted_by_their_dates() -> None:
    firsts = [
        e["start"] or (e["suggested"] or {}).get("start") or e["when"]
        for e in plan_json()["entries"]
    ]
    assert firsts[:5] == [None, "2027-01-04", "2027-01-05", "2027-01-11", "2027-01-18"]
    assert firsts[5:] == ["2027-Q2", "2027-09"]


def test_one_merged_due_entry_per_partnership_and_kind() -> None:
    document = plan_json()
    due = [e for e in document["entries"] if e["status"] == "due"]
    assert sorted((e["partnership"], e["kind"]) for e in due) == [
        ("alpha-beta", "talks"),
        ("alpha-delta", "exchange"),
        ("alpha-delta", "talks"),
        ("alpha-gamma", "study-tour"),
    ]
    talks = entry(document, partnership="alpha-beta", status="due")
    # the rotation says beta hosts; both rules end on the same day: the first in the file
    assert (talks["direction"], talks["host"], talks["guests"]) == ("out", "beta", ["alpha"])
    assert talks["rule"] == "talks-rotate"
    assert talks["window"] == {"earliest": None, "deadline": "2027-03-10"}
    assert (talks["visit"], talks["head"], talks["people"]) == (None, None, 0)

    study = entry(document, partnership="alpha-gamma")
    # host from the commitment, window the intersection, rule the earliest deadline
    assert study["host"] == "gamma" and study["direction"] == "out"
    assert study["window"] == {"earliest": "2027-01-01", "deadline": "2027-03-02"}
    assert study["rule"] == "study-yearly"


def test_no_rule_says_who_hosts() -> None:
    exchange = entry(plan_json(), partnership="alpha-delta", kind="exchange")
    assert (exchange["host"], exchange["guests"], exchange["direction"]) == (None, [], None)


def test_the_partner_sees_the_mirror_image() -> None:
    document = plan_json(home="beta")
    assert {e["partnership"] for e in document["entries"]} == {"alpha-beta", "beta-gamma"}
    exchange = entry(document, visit="exchange-2027")
    assert exchange["direction"] == "in"
    assert (exchange["head"], exchange["people"]) == ("Nguyễn Văn [bold]An[/bold]", 3)
    training = entry(document, visit="training-2027")
    assert training["direction"] == "out"
    assert (training["head"], training["people"]) == ("Khamla Sengdara", 2)
    assert entry(document, visit="talks-2027")["direction"] == "out"
    assert entry(document, partnership="alpha-beta", status="due")["direction"] == "in"


def test_due_entries_of_another_year_are_left_out() -> None:
    document = plan_json(year=2029)
    # talks due by 2027-03-10 are not yet overdue on the as-of date: not due in 2029
    assert not any(e["partnership"] == "alpha-beta" for e in document["entries"])


# --- suggested dates ------------------------------------------------------------------------


def _holidays(countries: set[str], year: int) -> set[dt.date]:
    found: set[dt.date] = set()
    for country in countries:
        found |= set(holidays.country_holidays(country, years=year))
    return found


def _length(schedule: Schedule, kind: str) -> int:
    lengths = [
        (v.last_day - v.earliest).days + 1
        for v in schedule.visits
        if v.kind == kind and v.status == "held" and v.start is not None
    ]
    return int(-(-statistics.median(lengths) // 1)) if lengths else 3


def _taken(e: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    if e["start"] is not None:
        return dt.date.fromisoformat(e["start"]), dt.date.fromisoformat(e["end"])
    if e["suggested"] is not None:
        span = e["suggested"]
        return dt.date.fromisoformat(span["start"]), dt.date.fromisoformat(span["end"])
    return None


def _fits(
    first: dt.date, days: int, lo: dt.date, hi: dt.date, closed: set[dt.date], others: list[Any]
) -> bool:
    span = [first + dt.timedelta(days=i) for i in range(days)]
    return (
        lo <= span[0]
        and span[-1] <= hi
        and all(d.weekday() < 5 and d not in closed for d in span)
        and not any(a <= span[-1] and span[0] <= b for a, b in others)
    )


@pytest.mark.parametrize(
    ("year", "as_of"),
    [
        (2027, AS_OF),
        (2027, dt.date(2027, 1, 12)),  # part of the window has passed
        (2027, dt.date(2027, 5, 20)),  # every deadline has passed: the year alone
        (2026, AS_OF),  # December only
    ],
)
def test_suggested_dates_match_a_brute_force_search(year: int, as_of: dt.date) -> None:
    by_id = {schedule.partnership.id: schedule for _, schedule in schedules()}
    document = plan_json(year=year, as_of=as_of)
    entries = document["entries"]
    due = [e for e in entries if e["status"] == "due"]
    assert due
    # the plan suggests in the order of the earliest possible start; among equals, file order
    for index, e in enumerate(entries):
        if e["status"] != "due":
            continue
        schedule = by_id[e["partnership"]]
        parties = [e["host"], *e["guests"]] if e["host"] else list(schedule.parties)
        countries = {c for p in parties if (c := schedule.parties[p].country)}
        closed = _holidays(countries, year)
        days = _length(schedule, e["kind"])
        lo = max(as_of + dt.timedelta(days=1), dt.date(year, 1, 1))
        hi = dt.date(year, 12, 31)
        window = e["window"]
        deadline = dt.date.fromisoformat(window["deadline"]) if window["deadline"] else None
        if deadline is None or deadline > as_of:
            if window["earliest"]:
                lo = max(lo, dt.date.fromisoformat(window["earliest"]))
            if deadline is not None:
                hi = min(hi, deadline)
        everyone = [t for other in entries if other is not e and (t := _taken(other))]
        earlier = [
            t
            for i, other in enumerate(entries)
            if (t := _taken(other))
            and (other["status"] != "due" or _suggested_before(i, index, entries))
        ]
        candidates = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
        best = next((d for d in candidates if _fits(d, days, lo, hi, closed, earlier)), None)
        if e["suggested"] is None:
            assert best is None, (e, best)
            continue
        first, last = _taken(e) or (None, None)
        assert first is not None and last is not None
        assert (last - first).days + 1 == days
        assert _fits(first, days, lo, hi, closed, everyone), e
        assert first == best, (e, best)


def _suggested_before(i: int, index: int, entries: list[dict[str, Any]]) -> bool:
    """Whether entry i got its suggestion before entry `index`: the plan suggests dates in
    the order of the earliest possible start, which for these files is file order."""
    order = [n for n, e in enumerate(entries) if e["status"] == "due"]
    files = sorted(order, key=lambda n: FILES.index(entries[n]["partnership"]))
    return files.index(i) < files.index(index) if i in order else False


def test_median_length_of_held_visits() -> None:
    talks = entry(plan_json(), partnership="alpha-beta", status="due")
    start, end = talks["suggested"]["start"], talks["suggested"]["end"]
    # held talks of 2 and 5 days: 3.5, rounded up
    assert (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1 == 4
    exchange = entry(plan_json(), partnership="alpha-delta", kind="exchange")
    assert exchange["suggested"]["start"] == exchange["suggested"]["end"]  # one held, one day


def test_no_dates_fit_gives_null_and_a_reason() -> None:
    plan = year_plan(schedules(), "alpha", 2027, AS_OF)
    talks = next(e for e in plan.entries if e.partnership == "alpha-delta" and e.kind == "talks")
    assert talks.suggestion is not None and talks.suggestion.start is None
    assert entry(plan_json(), partnership="alpha-delta", kind="talks")["suggested"] is None
    text = render_text(plan)
    reason = "no 3 consecutive weekdays on 1 January 2027 are free of public holidays"
    assert f"no dates suggested: {reason}" in text
    markdown = render_markdown(plan_blocks(plan))
    assert "no dates suggested" in markdown


def test_suggestion_says_what_it_avoids() -> None:
    plan = year_plan(schedules(), "alpha", 2027, dt.date(2027, 4, 8))
    talks = next(e for e in plan.entries if e.partnership == "alpha-beta" and e.status == "due")
    assert talks.suggestion is not None
    # overdue since 10 March: the year alone; Lao New Year and Hùng Kings' day close 14–16 April
    assert (talks.suggestion.start, talks.suggestion.end) == (
        dt.date(2027, 4, 19),
        dt.date(2027, 4, 22),
    )
    assert talks.suggestion.why() == "avoids Lao New Year's Day (LA, VN), 14–16 April"
    assert "overdue since 10 March 2027" in render_text(plan)


# --- documents ------------------------------------------------------------------------------


def test_markdown_document_sections_and_escaping() -> None:
    plan = year_plan(schedules(), "alpha", 2027, AS_OF)
    out = render_markdown(plan_blocks(plan))
    assert out.startswith("# Plan of delegations for 2027\n")
    outgoing = out[out.index("## I. Outgoing") : out.index("## II. Incoming")]
    header = "| No. | Partner | Purpose | Time | Head and size of the delegation |"
    assert header in outgoing
    row = next(line for line in outgoing.splitlines() if "Exchange" in line)
    assert row.startswith("| 2 | Beta Provincial Council | Exchange \\<b\\>visit\\</b\\> \\|")
    assert "\\*urgent\\* \\[link\\](http://x)" in row
    assert "Nguyễn Văn \\[bold\\]An\\[/bold\\], 3 people" in row
    assert row.replace("\\|", "").count("|") == header.count("|") + 2  # basis and status
    assert "<script>" not in out and "<b>" not in out
    incoming = out[out.index("## II. Incoming") :]
    assert "| 1 | Beta Provincial Council | Training | 2nd quarter of 2027 |" in incoming
    assert "Khamla Sengdara, 2 people" in incoming
    assert (
        "Memorandum of 2023: the hosts of the talks take turns: AL, then BE; talks every 2 years."
        in outgoing
    )


def test_html_document_escapes_and_prints() -> None:
    plan = year_plan(schedules(), "alpha", 2027, AS_OF)
    out = render_html(plan_blocks(plan), "plan")
    assert "<script>" not in out and "<b>visit" not in out
    assert "Exchange &lt;b&gt;visit&lt;/b&gt; | *urgent* [link](http://x)" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "@page { size: A4" in out and "display: table-header-group" in out
    assert "break-after: avoid" in out and "counter(pages)" in out
    assert '<td><span class="date">5–7 January 2027</span></td>' in out
    assert '<td>suggested <span class="date">11–14 January 2027</span></td>' in out


# --- the command ----------------------------------------------------------------------------


def test_cli_json() -> None:
    result = run_cli(
        "plan", "tests/data/plan", "--home", "alpha", "--year", "2027",
        "--as-of", "2026-12-01", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["summary"] == {"out": 4, "in": 2, "due": 4}
    assert entry(document, visit="exchange-2027")["path"] == "tests/data/plan/alpha-beta.toml"


def test_cli_year_defaults_to_the_as_of_year() -> None:
    result = run_cli("plan", "examples/", "--home", "son-la", "--as-of", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Plan of delegations for 2026: Department of Home Affairs")
    # overdue since 2020, and no weekday left in 2026 after the as-of date that avoids...
    assert "Incoming delegations (đoàn vào): 1" in result.stdout


def test_cli_unknown_home_is_a_usage_error() -> None:
    result = run_cli("plan", "examples/", "--home", "hanoi")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: visits plan" in result.stderr
    assert "--home hanoi: no schedule file has a party with that id" in result.stderr
    assert "quang-tri, salavan, son-la, hua-phan" in result.stderr


def test_cli_home_is_required_and_formats_are_checked() -> None:
    assert run_cli("plan", "examples/").returncode == 2
    assert run_cli("plan", "examples/", "--home", "son-la", "--format", "pdf").returncode == 2


def test_cli_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    result = run_cli(
        "plan", "examples/", "--home", "quang-tri", "--year", "2027", "--as-of", "2026-12-01",
        "--format", "html", "-o", str(target),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Outgoing delegations" in text
    # talks-2025 is still only planned: the rotation waits for it, and the plan says so
    assert "Visits to settle before the next can be planned" in text
    assert "Next talks in Quảng Trị" in text and "is still marked planned" in text


def test_once_the_visit_is_held_the_next_one_is_due(tmp_path: Path) -> None:
    source = (ROOT / "examples" / "quang-tri-salavan.toml").read_text(encoding="utf-8")
    held = source.replace('status = "planned"\nwhen = "2025"', 'status = "held"\nwhen = "2025"')
    assert held != source
    (tmp_path / "qs.toml").write_text(held, encoding="utf-8")
    schedule = load_file(str(tmp_path / "qs.toml")).schedule
    assert schedule is not None
    plan = year_plan([("qs.toml", schedule)], "quang-tri", 2027, AS_OF)
    assert not plan.unsettled
    (talks,) = plan.entries
    # the rotation continues after the 2023 memorandum ended: Salavan hosts, Quảng Trị travels
    assert (talks.status, talks.direction, talks.host) == ("due", "out", "salavan")
    assert talks.suggestion is not None and talks.suggestion.start is not None


@pytest.mark.parametrize("args", [("--year", "0"), ("--year", "10000"), ("--as-of", "9999-12-31")])
def test_cli_years_out_of_the_calendar_are_usage_errors(args: tuple[str, str]) -> None:
    result = run_cli("plan", "examples/", "--home", "son-la", *args)
    assert result.returncode == 2, result.stderr
    assert "must lie between 1 and 9998" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_plan_does_not_load_the_app() -> None:
    code = (
        "import sys; from schedules.cli import main; "
        "main(['plan', 'examples/', '--home', 'son-la', '--as-of', '2026-12-01']); "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.stdout.splitlines()[-1] == "False", result.stderr


def test_cli_input_errors_are_reported_and_the_other_files_planned() -> None:
    broken = "tests/data/broken/reference-unknown-host.toml"
    result = run_cli(
        "plan", broken, "examples/son-la-hua-phan.toml", "--home", "son-la",
        "--as-of", "2026-12-01", "--format", "json",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}:") and "error[reference]" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["summary"] == {"out": 0, "in": 1, "due": 1}

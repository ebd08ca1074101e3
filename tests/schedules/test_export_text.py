"""`visits export`: titles are iCalendar TEXT (escaped, read back whole by icalendar and
vobject), every UID is unique, and visits at the ends of the calendar export."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

import schedules.cli


def rfc5545_text(value: str) -> str:
    """A TEXT value unescaped as RFC 5545 (3.3.11) says."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def schedule(title: str, ident: str = "p", visit: str = "start = 2024-03-01") -> str:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return (
        f'[partnership]\nid = "{ident}"\ntitle = "{quoted}"\n\n'
        '[parties.a]\nname = "A"\n\n[parties.b]\nname = "B"\n\n'
        f'[[visits]]\nid = "talks"\nkind = "talks"\nhost = "a"\n{visit}\n'
    )


def export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> tuple[int, bytes, str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    output = tmp_path / "out.ics"
    code = schedules.cli.main(["export", str(tmp_path), "-o", str(output)])
    err = capsys.readouterr().err
    assert "internal error" not in err
    return code, output.read_bytes(), err


@pytest.mark.parametrize(
    "title",
    [
        "Test; commas, and more",
        "Two\nlines",
        'Back\\slash, "quotes"; and: colons',
        "Quảng Trị – Salavan",
    ],
)
def test_the_calendar_name_reads_back_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    code, data, _ = export(tmp_path, capsys, {"plan.toml": schedule(title)})
    assert code == 0
    lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")  # unfolded
    for key in ("NAME", "X-WR-CALNAME"):  # icalendar reads them untyped: decode them as TEXT
        (value,) = [line.removeprefix(f"{key}:") for line in lines if line.startswith(f"{key}:")]
        assert rfc5545_text(value) == title
    parsed = vobject.readOne(data.decode("utf-8"))
    assert parsed.contents["x-wr-calname"][0].value == title
    assert parsed.contents["name"][0].value == title
    assert str(parsed.vevent.summary.value) == "talks hosted by A"


def test_files_with_one_partnership_id_are_an_input_error_and_uids_stay_unique(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {"a.toml": schedule("A", "same"), "b.toml": schedule("B", "same")}
    code, data, err = export(tmp_path, capsys, files)
    assert code == 2
    assert f"{tmp_path / 'b.toml'}:2:6: error[reference]" in err
    assert f"already the id of {tmp_path / 'a.toml'}" in err
    uids = [str(event["UID"]) for event in Calendar.from_ical(data).walk("VEVENT")]
    assert uids == ["talks@same.visits"]  # the later file is left out, as by `visits check`


def test_visits_at_both_ends_of_the_calendar_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "first.toml": schedule("First", "first", "start = 0001-01-01"),
        "last.toml": schedule("Last", "last", "start = 9999-12-30\nend = 9999-12-31"),
    }
    code, data, _ = export(tmp_path, capsys, files)
    assert code == 0
    found = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    first = found["talks@first.visits"]
    assert (first.decoded("dtstart"), first.decoded("dtend")) == (
        dt.date(1, 1, 1),
        dt.date(1, 1, 2),
    )
    last = found["talks@last.visits"]
    assert last.decoded("dtstart") == dt.date(9999, 12, 30)
    assert "DTEND" not in last and last.decoded("duration") == dt.timedelta(days=2)

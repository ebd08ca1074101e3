"""`visits check` (the lean pipeline: each file checked as it is read, bookings located only when
reported, the tables validated into lean classes rather than pydantic models, small files
first without pydantic-core) says exactly what the full pipeline says, positions included, in
text and in JSON."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from schedules import core_schema
from schedules.render import render_json, render_text
from schedules.workspace import run_check
from tests.paths import ROOT

if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, generate_dense

AS_OF = generate.REFERENCE_DATE


VALIDATORS = ["small-file validator first", "pydantic-core only"]


@pytest.fixture(params=VALIDATORS)
def validator(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which validator the lean pipeline uses for every file (whatever their size)."""
    small_first = request.param == VALIDATORS[0]
    monkeypatch.setattr(core_schema, "_small_first", lambda size: small_first)
    return str(request.param)


def _same_report(paths: list[str], as_of: dt.date) -> None:
    full = run_check(paths, as_of)
    lean = run_check(paths, as_of, lean=True)
    assert lean.diagnostics == full.diagnostics
    assert render_json(lean) == render_json(full)
    for show_waived in (False, True):
        shown = render_text(lean, color=False, show_waived=show_waived)
        assert shown == render_text(full, color=False, show_waived=show_waived)


@pytest.mark.parametrize("folder", ["examples", "tests/data"])
def test_the_repository_files(folder: str, validator: str) -> None:
    _same_report([str(ROOT / folder)], dt.date(2023, 12, 1))


def test_each_broken_file_named_on_the_command_line(validator: str) -> None:
    # named, not found in a folder: a file without [partnership] is reported, not skipped
    broken = sorted(str(path) for path in (ROOT / "tests/data/broken").glob("*.toml"))
    _same_report(broken, dt.date(2023, 12, 1))


def test_generated_files_with_double_bookings(tmp_path: Path, validator: str) -> None:
    paths = generate.generate(2, 4, 150, tmp_path / "history")
    paths += generate_dense.generate(2, 3, 20, tmp_path / "dense")
    full = run_check([str(p) for p in paths], AS_OF)
    assert any(d.code == "double-booking" for d in full.diagnostics)  # the case that matters
    assert all(d.line is not None for d in full.diagnostics if d.code == "double-booking")
    _same_report([str(p) for p in paths], AS_OF)


def test_a_valid_file_written_with_dotted_keys_is_checked_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        (ROOT / "tests/data/editing/dotted.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    report = run_check([str(tmp_path)], AS_OF, lean=True)
    assert [(f.partnership, f.skipped) for f in report.files] == [("a-b", False)]

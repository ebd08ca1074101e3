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
from schedules.loader import load_file
from schedules.render import render_json, render_text
from schedules.workspace import check_documents, run_check
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


def test_files_sharing_a_partnership_id(tmp_path: Path) -> None:
    """The later file stops at its `reference` error in both modes; its rules find nothing."""
    text = (ROOT / "examples" / "son-la-hua-phan.toml").read_text(encoding="utf-8")
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    full = run_check([str(tmp_path)], dt.date(2023, 12, 1))
    later = [d for d in full.diagnostics if d.path.endswith("b.toml")]
    assert [d.code for d in later] == ["reference"]
    assert any(d.path.endswith("a.toml") for d in full.diagnostics)
    _same_report([str(tmp_path)], dt.date(2023, 12, 1))


def test_the_entrance_streams_documents_in_its_lean_mode() -> None:
    """`check_documents` itself: documents given one at a time, each released once checked."""
    paths = sorted((ROOT / "examples").glob("*.toml")) + sorted(
        (ROOT / "tests/data").rglob("*.toml")
    )
    as_of = dt.date(2023, 12, 1)
    full = check_documents([load_file(p) for p in paths], as_of)
    streamed = check_documents((load_file(p, keep_data=False) for p in paths), as_of, lean=True)
    assert streamed == full
    # as `visits check` reads them: into the lean classes, not pydantic models
    plain = (load_file(p, keep_data=False, lean=True) for p in paths)
    assert check_documents(plain, as_of, lean=True) == full
    assert [(d.line, d.column) for d in streamed] == [(d.line, d.column) for d in full]
    assert any(d.is_input_error for d in full) and any(not d.is_input_error for d in full)

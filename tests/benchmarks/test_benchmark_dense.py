"""The second benchmark generator (benchmarks/generate_dense.py): valid, deterministic files of
another shape (inline-table delegations, agenda tables, comments)."""

from __future__ import annotations

import sys
from pathlib import Path

from schedules import load_file
from tests.paths import ROOT

if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate_dense import generate


def test_files_are_valid_and_of_their_shape(tmp_path: Path) -> None:
    paths = generate(5, 3, 12, tmp_path)
    assert len(paths) == 3
    for path in paths:
        document = load_file(path)
        assert document.problems == []
        assert document.schedule is not None
        visits = document.schedule.visits
        assert len(visits) == 12
        assert all(len(visit.participants) >= 20 for visit in visits)
        assert all(len(visit.agenda) >= 3 for visit in visits)
        text = path.read_text(encoding="utf-8")
        assert "participants = [\n  { name = " in text
        assert "[[visits.agenda]]" in text
    ids = {load_file(path).schedule.partnership.id for path in paths}  # type: ignore[union-attr]
    assert len(ids) == 3


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(3, 2, 10, tmp_path / "a")
    again = generate(3, 2, 10, tmp_path / "b")
    other = generate(4, 2, 10, tmp_path / "c")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_only_a_provinces_leaders_are_ever_booked_twice(tmp_path: Path) -> None:
    # each partnership has its own staff; a province's leaders head delegations in all of its
    # partnerships, which now and then coincide: a few double-bookings, not thousands
    import re

    from benchmarks.generate import REFERENCE_DATE
    from schedules.workspace import run_check

    generate(1, 20, 40, tmp_path)
    report = run_check([str(tmp_path)], REFERENCE_DATE, lean=True)
    doubles = [d for d in report.diagnostics if d.code == "double-booking"]
    assert 0 < len(doubles) <= 0.02 * 20 * 40
    leader = re.compile(r"^[^(]+ \([a-z-]+\) takes part in ")  # named after their province
    assert all(leader.match(d.message) for d in doubles), doubles[0].message

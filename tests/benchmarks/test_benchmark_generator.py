"""The benchmark generator (benchmarks/generate.py) writes realistic, valid, deterministic files.

Small sizes only: the benchmark itself (`python -m benchmarks.run`) is not part of the tests.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from schedules import Document, check, load_file, normalise_name
from tests.paths import ROOT

if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import REFERENCE_DATE, generate

LAO = re.compile(r"[\u0e80-\u0eff]")
VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9đĐơƠưƯăĂ]")  # letters only Vietnamese uses


def _relative(paths: list[Path], base: Path) -> list[str]:
    return [path.relative_to(base).as_posix() for path in paths]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Document]]:
    base = tmp_path_factory.mktemp("generated")
    paths = generate(11, 4, 120, base)
    return base, [load_file(path) for path in paths]


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = generate(3, 3, 40, tmp_path / "a")
    second = generate(3, 3, 40, tmp_path / "b")
    assert _relative(first, tmp_path / "a") == _relative(second, tmp_path / "b")
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes()
    different = generate(4, 3, 40, tmp_path / "c")
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in different]


def test_files_are_valid_schedules(generated: tuple[Path, list[Document]]) -> None:
    _, documents = generated
    assert len(documents) == 4
    for document in documents:
        assert document.problems == [], document.problems[:3]
        assert document.ok
        assert document.schedule is not None
        assert len(document.schedule.visits) == 120
    diagnostics = check(documents, REFERENCE_DATE)
    assert not [d for d in diagnostics if d.is_input_error]


def test_each_file_has_two_agreements_with_all_four_rule_kinds(
    generated: tuple[Path, list[Document]],
) -> None:
    for document in generated[1]:
        assert document.schedule is not None
        assert len(document.schedule.agreements) == 2
        kinds = {rule.kind for _, rule in document.schedule.rules()}
        assert kinds == {"alternate", "interval", "commitment", "quota"}
        assert document.schedule.actions
        assert document.schedule.waivers


def test_visits_span_decades_with_every_status_and_partial_dates(tmp_path: Path) -> None:
    (path,) = generate(5, 1, 1000, tmp_path)
    schedule = load_file(path).schedule
    assert schedule is not None
    years = [visit.earliest.year for visit in schedule.visits]
    assert max(years) - min(years) >= 20
    assert {v.status for v in schedule.visits} == {
        "planned",
        "confirmed",
        "held",
        "postponed",
        "cancelled",
    }
    assert any(v.when is not None for v in schedule.visits)
    assert any(not v.formal for v in schedule.visits)
    assert any(v.agenda for v in schedule.visits)


def test_lao_and_vietnamese_text(generated: tuple[Path, list[Document]]) -> None:
    for document in generated[1]:
        schedule = document.schedule
        assert schedule is not None
        names = [p.name for v in schedule.visits for p in v.participants]
        titles = [v.title or "" for v in schedule.visits]
        places = [v.place or "" for v in schedule.visits]
        for texts in (names, titles, places):
            assert any(LAO.search(text) for text in texts)
            assert any(VIETNAMESE.search(text) for text in texts)
        assert document.text is not None
        assert re.search(r"^# .*[\u1ea0-\u1ef9]", document.text, re.M)  # comments too


def test_participants_are_shared_across_files(generated: tuple[Path, list[Document]]) -> None:
    files_of: dict[str, set[str]] = defaultdict(set)
    for document in generated[1]:
        assert document.schedule is not None
        for visit in document.schedule.visits:
            for participant in visit.participants:
                person = participant.id or f"name:{normalise_name(participant.name)}"
                files_of[person].add(document.path)
    assert any(len(paths) > 1 for paths in files_of.values())


def test_double_booking_across_files_is_exercised(tmp_path: Path) -> None:
    paths = generate(2, 3, 300, tmp_path)
    documents = [load_file(path) for path in paths]
    bookings = [d for d in check(documents, REFERENCE_DATE) if d.code == "double-booking"]
    assert bookings
    # someone booked in two files: the message names the other file
    assert any(str(p) in d.message for d in bookings for p in paths if str(p) != d.path)

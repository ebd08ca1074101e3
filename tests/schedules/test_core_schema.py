"""The committed core schema (schedules/schedule.core-schema.json) is the one pydantic generates
for the models now, and validating with it says exactly what `Schedule.model_validate` says."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from schedules.core_schema import SCHEMA_PATH, generated_text, validate_schedule
from schedules.model import Schedule
from tests.paths import ROOT
from tests.schedules.mutations import Change, changes, mutated, readable

if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, generate_dense

FILES = sorted((ROOT / "examples").glob("*.toml")) + sorted(
    (ROOT / "tests" / "data").rglob("*.toml")
)


def test_the_committed_core_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == generated_text(), (
        "run `python -m schedules.core_schema`"
    )


def _outcome(validate: Any, data: Any) -> tuple[str, Any]:
    try:
        return "valid", validate(data).model_dump()
    except ValidationError as error:
        errors = error.errors(include_url=False)
        for item in errors:  # the ValueError a validator raised: equal when their words are
            item["ctx"] = {key: str(value) for key, value in item.get("ctx", {}).items()}
        return "invalid", errors


def _same(data: Any) -> None:
    assert _outcome(validate_schedule, data) == _outcome(Schedule.model_validate, data)


@pytest.mark.parametrize("data", readable(FILES), ids=lambda data: str(id(data)))
def test_the_repository_files_validate_alike(data: dict[str, Any]) -> None:
    _same(data)


def test_generated_files_validate_alike(tmp_path: Path) -> None:
    paths = generate.generate(5, 2, 60, tmp_path / "h") + generate_dense.generate(
        5, 2, 6, tmp_path / "d"
    )
    for data in readable(paths):
        _same(data)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=6),
    st.sampled_from(["", "talks", "P2Y", "2y", "2025-Q3", "09:00", "VN", "alternate", "held"]),
    st.dates(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["id", "name", "kind", "x"]), st.text(max_size=3), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(changes=changes(_VALUES))
def test_mutated_documents_are_accepted_and_rejected_alike(
    changes: list[Change],
) -> None:
    data = mutated(changes)
    _same(data)


def _models_own(fields: dict[str, Any], **_: object) -> Schedule | ValidationError:
    try:
        return Schedule.model_validate(fields)
    except ValidationError as error:
        return error


@pytest.mark.parametrize("folder", ["examples", "tests/data"])
def test_visits_check_reports_alike_with_the_models_own_validator(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from schedules import loader
    from schedules.render import render_json
    from schedules.workspace import run_check

    as_of = dt.date(2023, 12, 1)
    committed = render_json(run_check([str(ROOT / folder)], as_of, lean=True))
    monkeypatch.setattr(loader, "validated", _models_own)
    assert render_json(run_check([str(ROOT / folder)], as_of, lean=True)) == committed

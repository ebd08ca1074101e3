"""The small-file validator (schedules/small_files.py) accepts only what pydantic-core accepts,
into the very same lean tables and values; anything else it leaves to pydantic-core."""

from __future__ import annotations

import copy
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import ValidationError

from schedules import tables
from schedules.core_schema import schedule_validator, small_file_validator
from schedules.small_files import Unsure, compile_schema
from tests.paths import ROOT
from tests.schedules.mutations import Change, changes, mutated, readable

if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, generate_dense

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
FILES = EXAMPLES + sorted((ROOT / "tests" / "data").rglob("*.toml"))


def _plain(value: Any) -> Any:
    """A lean table as nested data: its class, its keys in order, the keys the file wrote."""
    if isinstance(value, tables.Table):
        keys = {key: _plain(item) for key, item in vars(value).items()}
        written = sorted(value.__pydantic_fields_set__)  # type: ignore[attr-defined]
        return (type(value).__name__, list(keys), keys, written)
    if isinstance(value, list):
        return ("list", [_plain(item) for item in value])
    if isinstance(value, dict):
        return ("dict", list(value), {key: _plain(item) for key, item in value.items()})
    return (type(value).__name__, value)


def _core(data: Any) -> Any:
    try:
        return _plain(schedule_validator(lean=True).validate_python(data))
    except ValidationError:
        return "invalid"


def _small(data: Any) -> Any:
    try:
        return _plain(small_file_validator()(data))
    except Unsure:
        return "unsure"


def _agrees(data: Any) -> str:
    """'accepted' or 'left to pydantic-core'; fails when the two differ."""
    before = copy.deepcopy(data)
    small, core = _small(data), _core(data)
    assert data == before  # the input is not changed (defaults are copied, not shared)
    if small == "unsure":
        return "left to pydantic-core"
    assert small == core
    return "accepted"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_is_accepted_as_pydantic_core_accepts_it(path: Path) -> None:
    assert _agrees(tomllib.loads(path.read_text(encoding="utf-8"))) == "accepted"


@pytest.mark.parametrize("data", readable(FILES), ids=lambda data: str(id(data)))
def test_the_repository_files_agree(data: dict[str, Any]) -> None:
    outcome = _agrees(data)
    if _core(data) == "invalid":
        assert outcome == "left to pydantic-core"


def test_generated_files_are_accepted_alike(tmp_path: Path) -> None:
    paths = generate.generate(5, 2, 60, tmp_path / "h") + generate_dense.generate(
        5, 2, 6, tmp_path / "d"
    )
    assert {_agrees(data) for data in readable(paths)} == {"accepted"}


def test_values_pydantic_core_reads_otherwise_are_left_to_it() -> None:
    data = tomllib.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    for change in (
        lambda d: d["partnership"].update(id="talks\n"),  # Python's `$` would match
        lambda d: d["visits"][0].update(formal=1),  # strict: not a bool
        lambda d: d["visits"][0].update(start="2023-04-04"),  # strict: not a date
        lambda d: d.update(format=True),  # not the literal 1
        lambda d: d["waivers"].append({"rule": "x", "from_": d["visits"][0]["start"]}),
    ):
        changed = copy.deepcopy(data)
        change(changed)
        assert _agrees(changed) == "left to pydantic-core"


def test_a_schema_construct_it_does_not_know_is_refused_when_built() -> None:
    with pytest.raises(ValueError, match="teach it here"):
        compile_schema({"type": "float"}, {}, {})


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=6),
    st.sampled_from(
        ["", "talks", "talks\n", "P2Y", "2y", "2025-Q3", "09:00", "VN", "alternate", "held", "x"]
    ),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(
        st.sampled_from(["id", "name", "kind", "item", "from", "from_", "x"]),
        st.text(max_size=3),
        max_size=2,
    ),
)


@settings(max_examples=300, deadline=None)
@given(changes=changes(_VALUES))
def test_mutated_documents_are_never_accepted_otherwise(
    changes: list[Change],
) -> None:
    data = mutated(changes)
    _agrees(data)

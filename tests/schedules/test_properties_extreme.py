"""Property tests at the edges the other strategies never reach: nesting up to 1,000 deep,
integers up to 10,000 digits (decimal, hex, octal, binary), the first and last days of the
calendar in files and as `--as-of`, and every value or table of a real schedule swapped for
another type. Whatever the file, every command exits 0, 1 or 2, never with a traceback, and
every diagnostic has a line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schedules.cli
from tests.paths import ROOT

EXAMPLES = {
    path.name: path.read_text(encoding="utf-8") for path in (ROOT / "examples").glob("*.toml")
}
EXAMPLE_DATA = {name: tomllib.loads(text) for name, text in EXAMPLES.items()}
SENTINEL = "\x00raw TOML goes here"
FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)
EDGE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def paths_in(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path into the data (tables, arrays and values)."""
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths_in(value, (*prefix, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {
            key: replaced(item, rest, value) if key == head else item for key, item in data.items()
        }
    return [
        replaced(item, rest, value) if index == head else item for index, item in enumerate(data)
    ]


def with_raw(data: dict[str, Any], path: tuple[Any, ...], raw: str) -> str:
    """The data as TOML with the raw TOML text `raw` written as the value at `path`."""
    text = tomli_w.dumps(replaced(data, path, SENTINEL))
    quoted = '"\\u0000raw TOML goes here"'
    assert quoted in text
    return text.replace(quoted, raw, 1)


def value_paths(name: str) -> list[tuple[Any, ...]]:
    """Paths whose value is written after `key =` (not a table or an array of tables)."""

    def is_value(node: Any) -> bool:
        if isinstance(node, dict):
            return False
        return not (isinstance(node, list) and node and all(isinstance(i, dict) for i in node))

    data = EXAMPLE_DATA[name]
    found = []
    for path in paths_in(data):
        node: Any = data
        for part in path:
            node = node[part]
        if is_value(node) and not any(isinstance(part, int) for part in path[-1:]):
            found.append(path)
    return found


VALUE_PATHS = {name: value_paths(name) for name in EXAMPLE_DATA}
ALL_PATHS = [(name, path) for name in sorted(EXAMPLE_DATA) for path in paths_in(EXAMPLE_DATA[name])]


def run_visits(text: str, *args: str) -> tuple[int, str, str]:
    """`visits ARGS FILE` in this process on `text`: (exit code, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(text, encoding="utf-8")
        out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = schedules.cli.main([*args, str(path)])
        out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()


def assert_checks_soundly(text: str, as_of: dt.date) -> dict[str, Any]:
    code, out, err = run_visits(text, "check", "--as-of", as_of.isoformat(), "--format", "json")
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "internal error" not in err
    report: dict[str, Any] = json.loads(out)
    lines = text.count("\n") + 1
    for diagnostic in report["diagnostics"]:
        assert diagnostic["line"] is not None and 1 <= diagnostic["line"] <= lines, diagnostic
        assert diagnostic["column"] is not None and diagnostic["column"] >= 1, diagnostic
    return report


nesting = st.tuples(st.integers(1, 1000), st.sampled_from(["[", "{", "mixed"])).map(
    lambda shape: (
        "[" * shape[0] + "]" * shape[0]
        if shape[1] == "["
        else "{a = " * shape[0] + "1" + "}" * shape[0]
        if shape[1] == "{"
        else "[{a = " * (shape[0] // 2) + "[]" + "}]" * (shape[0] // 2)
    )
)


@EDGE
@given(st.sampled_from(sorted(EXAMPLE_DATA)), st.data(), nesting)
def test_deep_nesting_anywhere_is_an_input_error_with_a_line(
    name: str, data: st.DataObject, raw: str
) -> None:
    path = data.draw(st.sampled_from(VALUE_PATHS[name]))
    report = assert_checks_soundly(with_raw(EXAMPLE_DATA[name], path, raw), dt.date(2023, 12, 1))
    assert report["summary"]["errors"] >= 1


def integer_literal(digits: int, base: str, sign: str, underscores: bool) -> str:
    alphabet = {"": "9876543210", "0x": "fedcba9876543210", "0o": "76543210", "0b": "10"}[base]
    body = "".join(alphabet[(i * 7 + 3) % len(alphabet)] for i in range(digits))
    body = alphabet[0] + body[1:]  # no leading zero
    if underscores:
        body = "_".join(body[i : i + 3] for i in range(0, len(body), 3))
    return f"{sign if base == '' else ''}{base}{body}"


integers = st.builds(
    integer_literal,
    st.one_of(st.integers(1, 30), st.integers(4290, 4310), st.integers(1, 10_000)),
    st.sampled_from(["", "0x", "0o", "0b"]),
    st.sampled_from(["", "+", "-"]),
    st.booleans(),
)


@EDGE
@given(st.sampled_from(sorted(EXAMPLE_DATA)), st.data(), integers)
def test_integers_of_any_size_anywhere_never_crash(
    name: str, data: st.DataObject, raw: str
) -> None:
    path = data.draw(st.sampled_from(VALUE_PATHS[name]))
    assert_checks_soundly(with_raw(EXAMPLE_DATA[name], path, raw), dt.date(2023, 12, 1))


def date_paths(name: str) -> list[tuple[Any, ...]]:
    data = EXAMPLE_DATA[name]
    found = []
    for path in paths_in(data):
        node: Any = data
        for part in path:
            node = node[part]
        if isinstance(node, dt.date):
            found.append(path)
    return found


DATE_PATHS = {name: date_paths(name) for name in EXAMPLE_DATA}


@EDGE
@given(
    st.sampled_from(sorted(EXAMPLE_DATA)),
    st.data(),
    st.sampled_from([FIRST, LAST, FIRST + dt.timedelta(days=1), LAST - dt.timedelta(days=1)]),
    st.sampled_from([FIRST, LAST, dt.date(2023, 12, 1)]),
    st.sampled_from(["check", "next", "report", "export"]),
)
def test_the_ends_of_the_calendar_in_files_and_as_of_never_crash(
    name: str, data: st.DataObject, day: dt.date, as_of: dt.date, command: str
) -> None:
    document = EXAMPLE_DATA[name]
    for path in data.draw(st.lists(st.sampled_from(DATE_PATHS[name]), min_size=1, max_size=4)):
        document = replaced(document, path, day)
    text = tomli_w.dumps(document)
    if command == "check":
        assert_checks_soundly(text, as_of)
        return
    args = [command] if command == "export" else [command, "--as-of", as_of.isoformat()]
    code, _, err = run_visits(text, *args)
    assert code in (0, 1, 2), err
    assert "Traceback" not in err and "internal error" not in err


SWAPS: list[Any] = [
    "text",
    0,
    -(2**63),
    1.5,
    True,
    dt.date(2023, 4, 4),
    dt.datetime(2023, 4, 4, 9, 0),
    dt.time(9, 0),
    [],
    [1, "mixed"],
    {},
    {"id": "x"},
    [{"id": "x"}],
]


@pytest.mark.parametrize(
    ("number", "name", "path"),
    [(number, name, path) for number, (name, path) in enumerate(ALL_PATHS)],
    ids=[f"{name[:5]}:{'.'.join(map(str, path))}" for name, path in ALL_PATHS],
)
def test_every_value_and_table_swapped_for_another_type_never_crashes(
    number: int, name: str, path: tuple[Any, ...]
) -> None:
    node: Any = EXAMPLE_DATA[name]
    for part in path:
        node = node[part]
    # three of the other types for each path, in turn: all of them over the whole table
    others = [swap for swap in SWAPS if type(swap) is not type(node)]
    for swap in (others[(number + step * 4) % len(others)] for step in range(3)):
        try:
            text = tomli_w.dumps(replaced(EXAMPLE_DATA[name], path, swap))
        except (TypeError, ValueError):  # not writable as TOML there (tomli_w says so)
            continue
        document = schedules.load_text(text, "plan.toml")
        for problem in document.problems:
            assert problem.line is not None and problem.line >= 1, problem
        found = schedules.check([document], dt.date(2023, 12, 1))
        assert all(d.line is not None and d.line >= 1 for d in found)

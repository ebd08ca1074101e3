"""Nothing a person can type into a schedule file crashes `visits check`.

Random documents (dicts rendered with tomli_w, shaped like schedules but with wrong keys, types
and values mixed in), mutated copies of the bundled examples, and random text: loading and
checking them always returns diagnostics, and the command always exits 0, 1 or 2.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schedules
import schedules.cli
from schedules.codes import INPUT, WAIVABLE
from schedules.diagnostics import Diagnostic
from tests.paths import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
PYDANTIC_WORDS = ("Extra inputs are not permitted", "Input should be", "Field required", "pydantic")

# --- strategies -----------------------------------------------------------------------------

PARTY_IDS = ["quang-tri", "salavan", "son-la"]
KINDS = ["talks", "training", "working-visit"]

scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
garbage = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def mostly(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Usually a valid value, sometimes anything at all."""
    return st.integers(0, 7).flatmap(lambda n: garbage if n == 0 else valid)


near_dates = st.one_of(
    st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    st.dates(),
)
partial_dates = st.one_of(
    st.integers(2015, 2030).map(str),
    st.from_regex(r"\A(19|20|99|00)\d\d(-Q[0-5]|-[01]\d(-[0-3]\d)?)?\Z"),
)
durations = st.one_of(
    st.sampled_from(["P2Y", "P18M", "P1Y6M", "P2W", "P90D", "2y", "18m", "2w", "90d", "P0D"]),
    st.from_regex(r"\AP(\d{1,6}Y)?(\d{1,6}M)?(\d{1,6}W)?(\d{1,9}D)?\Z"),
)
party_ids = st.one_of(st.sampled_from(PARTY_IDS), st.text(max_size=6))
names = st.one_of(
    st.sampled_from(["Lê Quang Chiến", "lê quang CHIẾN", "Sỹ Hênh", "[bold]x[/]", "\u202eevil"]),
    st.text(min_size=1, max_size=10),
)
ids = st.one_of(st.from_regex(r"\A[a-z]{1,4}(-[0-9]{1,4})?\Z"), st.text(max_size=6))


def table(
    required: dict[str, st.SearchStrategy[Any]], optional: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """A table with its keys mostly right: sometimes one missing, sometimes an unknown one."""
    base = st.fixed_dictionaries(
        {key: mostly(value) for key, value in required.items()},
        optional={key: mostly(value) for key, value in optional.items()},
    )

    def spoil(pair: tuple[dict[str, Any], int, str]) -> dict[str, Any]:
        data, how, extra = pair
        data = dict(data)
        if how == 0 and data:
            data.pop(sorted(data)[len(extra) % len(data)])
        elif how == 1:
            data[extra or "x"] = extra
        return data

    return st.tuples(base, st.integers(0, 9), st.text(max_size=6)).map(spoil)


participants = table(
    {"name": names, "party": party_ids},
    {
        "title": st.text(max_size=10),
        "role": st.sampled_from(["head", "member", "staff", "boss"]),
        "id": ids,
    },
)
agenda = st.one_of(
    st.text(max_size=10),
    table(
        {"item": st.text(max_size=10)},
        {
            "day": st.integers(-1, 5),
            "time": st.sampled_from(["09:00", "25:00", "9"]),
            "lead": party_ids,
        },
    ),
)
visits = table(
    {"id": ids, "kind": st.sampled_from(KINDS), "host": party_ids},
    {
        "title": st.text(max_size=10),
        "guests": st.lists(party_ids, max_size=3),
        "formal": st.booleans(),
        "status": st.sampled_from(
            ["planned", "confirmed", "held", "postponed", "cancelled", "hled"]
        ),
        "start": near_dates,
        "end": near_dates,
        "when": partial_dates,
        "place": st.text(max_size=10),
        "agenda": st.lists(agenda, max_size=3),
        "participants": st.lists(participants, max_size=3),
    },
)
rules = table(
    {
        "id": ids,
        "kind": st.sampled_from(["alternate", "interval", "commitment", "quota", "alternating"]),
        "visits": st.lists(st.sampled_from(KINDS), min_size=0, max_size=2),
    },
    {
        "order": st.lists(party_ids, max_size=4),
        "max": st.one_of(durations, st.integers(0, 5)),
        "min": st.one_of(durations, st.integers(-1, 5)),
        "tolerance": durations,
        "horizon": durations,
        "host": party_ids,
        "when": partial_dates,
        "per": st.sampled_from(["year", "quarter", "month", "week"]),
        "description": st.text(max_size=10),
    },
)
agreements = table(
    {"id": ids, "signed": near_dates},
    {"valid_from": near_dates, "valid_until": near_dates, "rules": st.lists(rules, max_size=4)},
)
actions = table(
    {"id": ids, "text": st.text(max_size=10), "owner": party_ids},
    {"visit": ids, "due": near_dates, "status": st.sampled_from(["open", "done", "dropped", "x"])},
)
waivers = table(
    {
        "rule": st.one_of(ids, st.sampled_from(sorted(map(str, WAIVABLE)))),
        "reason": st.text(max_size=10),
    },
    {"from": near_dates, "until": near_dates, "visit": ids},
)
parties = st.dictionaries(
    st.one_of(st.sampled_from(PARTY_IDS), st.text(max_size=6)),
    table(
        {"name": names},
        {"country": st.sampled_from(["VN", "LA", "TH", "ZZ", "vn"]), "short": st.text(max_size=4)},
    ),
    max_size=4,
)
documents = table(
    {
        "partnership": table(
            {"id": st.sampled_from(["quang-tri-salavan", "Bad Id"]), "title": st.text(max_size=10)},
            {"notes": st.text(max_size=10)},
        ),
        "parties": parties,
    },
    {
        "format": st.sampled_from([1, 1, 2]),
        "agreements": st.lists(agreements, max_size=3),
        "visits": st.lists(visits, max_size=6),
        "actions": st.lists(actions, max_size=2),
        "waivers": st.lists(waivers, max_size=2),
    },
)


# --- valid documents: the rules engine sees them all -------------------------------------------


@st.composite
def valid_visits(draw: st.DrawFn, index: int, party_list: list[str]) -> dict[str, Any]:
    host = draw(st.sampled_from(party_list))
    visit: dict[str, Any] = {
        "id": f"v{index}",
        "kind": draw(st.sampled_from(KINDS)),
        "host": host,
        "status": draw(st.sampled_from(["planned", "confirmed", "held", "postponed", "cancelled"])),
    }
    if draw(st.booleans()):
        visit["formal"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        visit["when"] = draw(
            st.one_of(
                st.integers(2015, 2030).map(str),
                st.tuples(st.integers(2015, 2030), st.integers(1, 4)).map(
                    lambda t: f"{t[0]}-Q{t[1]}"
                ),
                st.tuples(st.integers(2015, 2030), st.integers(1, 12)).map(
                    lambda t: f"{t[0]}-{t[1]:02d}"
                ),
            )
        )
    else:
        start = draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
        visit["start"] = start
        if draw(st.booleans()):
            visit["end"] = start + dt.timedelta(days=draw(st.integers(0, 6)))
    people = draw(
        st.lists(
            st.sampled_from(["Lê Quang Chiến", "lê  quang CHIẾN", "Sỹ Hênh"]),
            max_size=2,
            unique=True,
        )
    )
    visit["participants"] = [
        {"name": name, "party": draw(st.sampled_from(party_list)), "id": f"p{n}"}
        if draw(st.booleans())
        else {"name": name, "party": draw(st.sampled_from(party_list))}
        for n, name in enumerate(people)
    ]
    return visit


@st.composite
def valid_rules(draw: st.DrawFn, index: int, party_list: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["alternate", "interval", "commitment", "quota"]))
    rule: dict[str, Any] = {
        "id": f"r{index}",
        "kind": kind,
        "visits": draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=2, unique=True)),
    }
    if kind == "alternate" and draw(st.booleans()):
        rule["order"] = draw(st.permutations(party_list))
    elif kind == "interval":
        rule["max"] = draw(st.sampled_from(["P2Y", "P18M", "P1Y6M", "P90D", "2y", "P2W"]))
        for key in ("tolerance", "min", "horizon"):
            if draw(st.booleans()):
                rule[key] = draw(st.sampled_from(["P3M", "P30D", "1m", "P1W"]))
    elif kind == "commitment":
        rule["host"] = draw(st.sampled_from(party_list))
        rule["when"] = str(draw(st.integers(2015, 2030)))
    elif kind == "quota":
        low = draw(st.integers(0, 2))
        rule["min"] = low
        if draw(st.booleans()):
            rule["max"] = low + draw(st.integers(0, 2))
        rule["per"] = draw(st.sampled_from(["year", "quarter", "month"]))
    return rule


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    party_list = draw(st.lists(st.sampled_from(PARTY_IDS), min_size=2, max_size=3, unique=True))
    countries = st.sampled_from(["VN", "LA", "TH", "ZZ"])
    data: dict[str, Any] = {
        "partnership": {"id": "quang-tri-salavan", "title": "Quảng Trị – Salavan"},
        "parties": {p: {"name": p.title(), "country": draw(countries)} for p in party_list},
        "agreements": [],
        "visits": [draw(valid_visits(i, party_list)) for i in range(draw(st.integers(1, 6)))],
    }
    rule_index = 0
    for a in range(draw(st.integers(1, 2))):
        signed = draw(st.dates(dt.date(2014, 1, 1), dt.date(2028, 12, 31)))
        agreement: dict[str, Any] = {"id": f"a{a}", "signed": signed, "rules": []}
        if draw(st.booleans()):
            agreement["valid_until"] = signed + dt.timedelta(days=draw(st.integers(0, 3000)))
        for _ in range(draw(st.integers(0, 3))):
            agreement["rules"].append(draw(valid_rules(rule_index, party_list)))
            rule_index += 1
        data["agreements"].append(agreement)
    visit_ids = [v["id"] for v in data["visits"]]
    data["actions"] = [
        {
            "id": f"act{n}",
            "text": "reply",
            "owner": draw(st.sampled_from(party_list)),
            "due": draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))),
            **({"visit": draw(st.sampled_from(visit_ids))} if visit_ids else {}),
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    codes = [f"r{n}" for n in range(rule_index)] + sorted(map(str, WAIVABLE))
    data["waivers"] = [
        {
            "rule": draw(st.sampled_from(codes)),
            "from": dt.date(2019, 1, 1),
            "until": draw(st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31))),
            "reason": "agreed",
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    return data


as_of_dates = st.one_of(st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)), st.dates())


def render(data: dict[str, Any]) -> str | None:
    """The document as TOML text, or None when tomli_w cannot write it."""
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):
        return None


# --- mutations of real schedules ------------------------------------------------------------

EXAMPLE_DATA = [tomllib.loads(path.read_text(encoding="utf-8")) for path in EXAMPLES]


def paths_in(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths_in(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths_in(value, (*prefix, index)))
    return found


def mutate(data: Any, draw: st.DrawFn) -> Any:
    """One random edit: drop or rename a key, change a value's type, move a date, add text."""
    import copy

    data = copy.deepcopy(data)
    targets = paths_in(data)
    path = draw(st.sampled_from(targets))
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    value = parent[last]
    how = draw(st.sampled_from(["drop", "rename", "retype", "date", "text", "duplicate"]))
    if how == "drop":
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[
            draw(st.sampled_from([last[:-1] or "x", last + "s", last.upper(), "hots", "when"]))
        ] = parent.pop(last)
    elif how == "retype":
        parent[last] = draw(garbage)
    elif how == "date" and isinstance(value, dt.date):
        parent[last] = value + dt.timedelta(days=draw(st.integers(-3000, 3000)))
    elif how == "text":
        parent[last] = draw(st.one_of(st.text(max_size=8), partial_dates, durations))
    elif how == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(value))
    return data


@st.composite
def mutated_examples(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(st.sampled_from(EXAMPLE_DATA))
    for _ in range(draw(st.integers(1, 4))):
        data = mutate(data, draw)
    return data


@st.composite
def edited_texts(draw: st.DrawFn) -> str:
    """An example's text with a few characters inserted or deleted anywhere."""
    text = draw(st.sampled_from(EXAMPLES)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = (
                text[:at]
                + draw(st.text(alphabet="[]{}=\"'.,#\n \\xQ-0123é\u202e", max_size=4))
                + text[at:]
            )
        else:
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
    return text


# --- the properties -------------------------------------------------------------------------


def assert_sound(text: str, as_of: dt.date) -> list[Diagnostic]:
    document = schedules.load_text(text, "plan.toml")
    lines = text.count("\n") + 1
    for problem in document.problems:
        assert problem.code in INPUT
        assert problem.line is None or 1 <= problem.line <= lines
        assert problem.column is None or problem.column >= 1
        assert problem.message
        assert not any(word in problem.message for word in PYDANTIC_WORDS), problem.message
    found = schedules.check([document], as_of)
    if document.problems:
        assert found == []
    for diagnostic in found:
        assert diagnostic.code in WAIVABLE
        assert diagnostic.date is not None
        assert diagnostic.line is not None and 1 <= diagnostic.line <= lines
        assert diagnostic.column is not None and diagnostic.column >= 1
    return found


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(valid_documents(), as_of_dates)
def test_valid_documents_load_cleanly_and_check_without_crashing(
    data: dict[str, Any], as_of: dt.date
) -> None:
    text = tomli_w.dumps(data)
    assert schedules.load_text(text).problems == []
    assert_sound(text, as_of)


@st.composite
def spoiled_valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(valid_documents())
    for _ in range(draw(st.integers(1, 3))):
        data = mutate(data, draw)
    return data


@FAST
@given(st.one_of(documents, spoiled_valid_documents()), as_of_dates)
def test_random_documents_never_crash(data: dict[str, Any], as_of: dt.date) -> None:
    text = render(data)
    if text is not None:
        assert_sound(text, as_of)


@FAST
@given(mutated_examples(), as_of_dates)
def test_mutated_examples_never_crash(data: dict[str, Any], as_of: dt.date) -> None:
    text = render(data)
    if text is not None:
        assert_sound(text, as_of)


@settings(max_examples=100, deadline=None)
@given(edited_texts())
def test_edited_text_never_crashes(text: str) -> None:
    assert_sound(text, dt.date(2023, 12, 1))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    assert_sound(text, dt.date(2023, 12, 1))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(valid_documents(), documents, mutated_examples()),
    st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(["text", "json", "github"]),
)
def test_cli_in_process_exits_0_1_or_2(
    capsys: pytest.CaptureFixture[str], data: dict[str, Any], as_of: dt.date, output: str
) -> None:
    text = render(data)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(text, encoding="utf-8")
        code = schedules.cli.main(
            ["check", str(path), "--as-of", as_of.isoformat(), "--format", output]
        )
    captured = capsys.readouterr()
    assert code in (0, 1, 2), captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    if output == "json":
        import json

        assert json.loads(captured.out)["version"] == 1


@settings(max_examples=4, deadline=None)
@given(st.one_of(valid_documents(), documents, mutated_examples()))
def test_cli_in_a_subprocess_exits_0_1_or_2(data: dict[str, Any]) -> None:
    text = render(data)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "plan.toml").write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "schedules.cli", "check", "plan.toml", "--as-of", "2023-12-01"],
            cwd=folder,
            env={**os.environ, "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr

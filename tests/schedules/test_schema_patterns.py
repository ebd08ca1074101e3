"""The JSON Schema's patterns accept exactly what the loader accepts: partial dates, durations,
slugs, country codes and times, on a table of tricky values and on generated ones."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import schedules
from schedules.schema import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# (TOML text of the file with {value} where the value goes, the key path of the value)
PLACES = {
    "when": ('[[visits]]\nid = "v"\nkind = "talks"\nhost = "a"\nwhen = {value}\n', "when"),
    "max": (
        '[[agreements]]\nid = "m"\nsigned = 2020-01-01\n[[agreements.rules]]\nid = "r"\n'
        'kind = "interval"\nvisits = ["talks"]\nmax = {value}\n',
        "max",
    ),
    "kind": ('[[visits]]\nid = "v"\nkind = {value}\nhost = "a"\nstart = 2020-01-01\n', "kind"),
    "country": ("", "country"),
    "time": (
        '[[visits]]\nid = "v"\nkind = "talks"\nhost = "a"\nstart = 2020-01-01\n'
        '[[visits.agenda]]\nitem = "x"\ntime = {value}\n',
        "time",
    ),
}
HEAD = (
    '[partnership]\nid = "p"\ntitle = "T"\n'
    '[parties.a]\nname = "A"\n{country}[parties.b]\nname = "B"\n'
)


def document(place: str, value: str) -> tuple[str, dict[str, Any]]:
    text, _ = PLACES[place]
    quoted = json.dumps(value)  # a JSON string is a TOML basic string here
    country = f"country = {quoted}\n" if place == "country" else ""
    source = HEAD.format(country=country) + text.replace("{value}", quoted)
    instance = schedules.load_text(source).data
    assert instance is not None
    return source, json.loads(json.dumps(instance, default=str))


def agree(place: str, value: str) -> tuple[bool, bool]:
    """(the loader accepts it, the schema accepts it)."""
    source, instance = document(place, value)
    problems = [p for p in schedules.load_text(source).problems if p.code == "schema"]
    loader_ok = not any(p.target[-1:] == (PLACES[place][1],) for p in problems)
    schema_ok = not any(
        list(error.absolute_path)[-1:] == [PLACES[place][1]] or error.validator == "oneOf"
        for error in VALIDATOR.iter_errors(instance)
    )
    return loader_ok, schema_ok


TRICKY = {
    "when": [
        "2025",
        "2025-Q3",
        "2025-07",
        "2025-07-05",
        " 2025 ",
        "2025\n",
        "2025-13",
        "2025-00",
        "2025-Q0",
        "2025-Q5",
        "2025-q3",
        "0000",
        "0001",
        "9999-12-31",
        "2024-02-29",
        "2023-02-29",
        "2000-02-29",
        "1900-02-29",
        "0400-02-29",
        "2025-04-31",
        "2025-06-30",
        "25",
        "20250",
        "2025-7",
        "2025-07-5",
        "२०२५",
        "2025-07-05T00",
    ],
    "max": [
        "P2Y",
        "P18M",
        "P1Y6M",
        "P2W",
        "P90D",
        "p2y",
        "P2y",
        "2y",
        "2Y",
        "18m",
        "2 w",
        "90d",
        " P2Y ",
        "P",
        "P0D",
        "2",
        "y",
        "P2Y3",
        "PT2H",
        "P2D1Y",
        "2yr",
        "P-1Y",
        "२y",
        "2\ty",
    ],
    "kind": ["talks", "working-visit", "Talks", "talks\n", "talks-", "-talks", "a--b", "ta lks"],
    "country": ["VN", "LA", "vn", "VNM", "V", "VN\n"],
    "time": ["09:00", "23:59", "24:00", "9:00", "09:60", "09:00\n"],
}


@pytest.mark.parametrize(
    ("place", "value"), [(place, value) for place, values in TRICKY.items() for value in values]
)
def test_schema_and_loader_agree_on_tricky_values(place: str, value: str) -> None:
    loader_ok, schema_ok = agree(place, value)
    assert schema_ok == loader_ok, f"{place} = {value!r}: loader {loader_ok}, schema {schema_ok}"


def test_the_table_has_both_answers() -> None:
    answers = {agree(place, value)[0] for place, values in TRICKY.items() for value in values}
    assert answers == {True, False}


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["when", "max"]),
    st.text(alphabet="0123456789-QPYMWDymwdpq \n", max_size=11),
)
def test_schema_and_loader_agree_on_generated_values(place: str, value: str) -> None:
    loader_ok, schema_ok = agree(place, value)
    assert schema_ok == loader_ok, f"{place} = {value!r}: loader {loader_ok}, schema {schema_ok}"

"""`visits schema`: the committed JSON Schema is current, and an independent validator
(`jsonschema`) accepts the examples and rejects broken files.

TOML dates become `datetime.date`; in JSON they are strings with `"format": "date"`, which is
how editors (Taplo, Even Better TOML) see them too.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from schedules.codes import WAIVABLE, Code
from schedules.loader import load_file
from schedules.schema import SCHEMA_PATH, schedule_schema, schema_text
from tests.paths import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
PLANNING = sorted((ROOT / "tests" / "data" / "planning").glob("*.toml"))
BROKEN = ROOT / "tests" / "data" / "broken"


def as_json(value: Any) -> Any:
    """TOML data as a JSON instance: dates (and times) become ISO 8601 strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def instance(path: Path) -> Any:
    with path.open("rb") as stream:
        return as_json(tomllib.load(stream))


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_committed_schema_is_what_visits_schema_prints() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "schedules.cli", "schema"],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == schema_text()
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schedules/schedule.schema.json is out of date: run "
        "`visits schema > schedules/schedule.schema.json`"
    )


def test_the_codes_a_waiver_may_name_are_the_registry_s() -> None:
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    rule = committed["$defs"]["Waiver"]["properties"]["rule"]
    codes = next(choice["enum"] for choice in rule["anyOf"] if "enum" in choice)
    assert codes == [code.value for code in WAIVABLE]
    assert Code.SCHEMA not in codes and Code.HOLIDAY in codes  # input errors cannot be waived


def test_schema_is_2020_12_with_dates_and_descriptions() -> None:
    schema = schedule_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    visit = schema["$defs"]["Visit"]["properties"]
    assert visit["start"]["format"] == "date" and visit["start"]["type"] == "string"
    for name, table in [("Schedule", schema), *schema["$defs"].items()]:
        assert table.get("description"), name
        for key, value in table["properties"].items():
            assert value.get("description"), f"{name}.{key}"
            assert "null" not in json.dumps(value), f"{name}.{key}: TOML has no null"


@pytest.mark.parametrize("path", EXAMPLES + PLANNING, ids=lambda p: p.name)
def test_valid_files_validate(validator: jsonschema.protocols.Validator, path: Path) -> None:
    assert load_file(path).ok
    errors = [error.message for error in validator.iter_errors(instance(path))]
    assert errors == []


# Broken files the schema can tell apart. The others need more than a schema can say: a date
# written as a string looks like a date in JSON, ids must exist, `end` after `start`, quota
# `min` <= `max`, one head per party.
REJECTED = [
    "schema-bad-duration.toml",
    "schema-bad-partial-date.toml",
    "schema-missing-key.toml",
    "schema-missing-partnership.toml",
    "schema-neither-start-nor-when.toml",
    "schema-one-party.toml",
    "schema-start-and-when.toml",
    "schema-unknown-key.toml",
    "schema-unknown-rule-kind.toml",
    "schema-unknown-status.toml",
    "schema-unknown-top-level-table.toml",
    "schema-wrong-type.toml",
]


@pytest.mark.parametrize("name", REJECTED)
def test_broken_files_do_not_validate(validator: jsonschema.protocols.Validator, name: str) -> None:
    path = BROKEN / name
    assert [p.code for p in load_file(path).problems] and not load_file(path).ok
    assert list(validator.iter_errors(instance(path))), f"{name} validates"


def all_messages(errors: Iterable[jsonschema.ValidationError]) -> Iterator[str]:
    """The messages of errors and of the errors under them (`oneOf` explains each branch)."""
    for error in errors:
        yield error.message
        yield from all_messages(error.context or [])


def test_a_bad_date_and_a_typo_are_caught(validator: jsonschema.protocols.Validator) -> None:
    data = instance(ROOT / "examples" / "son-la-hua-phan.toml")
    data["visits"][0]["start"] = "2018-02-30"
    data["visits"][0]["hots"] = "son-la"
    data["agreements"][0]["rules"][0]["order"] = ["son-la"]
    messages = list(all_messages(validator.iter_errors(data)))
    assert any("'hots' was unexpected" in message for message in messages)
    assert any("is not a 'date'" in message for message in messages)
    assert any("is too short" in message for message in messages)


def test_pre_commit_hook_runs_visits_check() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: visits-check\n" in hooks
    assert "  entry: visits check\n" in hooks
    assert "  language: python\n" in hooks
    assert "  files: \\.toml$\n" in hooks

"""The `delegation` rule: people per guest delegation and days per visit (firing, near miss)."""

from __future__ import annotations

import datetime as dt
import tomllib

import jsonschema
import pytest
from test_rules import HEAD, agreement, check_text, visit

import schedules
from schedules.diagnostics import Severity
from schedules.schema import schedule_schema


def delegation(limits: str) -> str:
    return f"""
  [[agreements.rules]]
  id = "delegation-size"
  kind = "delegation"
  visits = ["talks"]
  {limits}
"""


def people(party: str, count: int) -> str:
    return "".join(
        f'\n[[visits.participants]]\nname = "{party} {n}"\nparty = "{party}"\n'
        for n in range(count)
    )


def test_too_many_people_in_a_guest_delegation_is_an_error_on_the_visit() -> None:
    body = agreement(delegation("max_people = 3"), signed="2023-01-01") + visit(
        "talks-2023", "salavan", "start = 2023-04-04", extra=people("quang-tri", 4)
    )
    checked = check_text(body)
    found = checked.only("delegation")
    assert found.severity is Severity.ERROR
    assert (found.rule, found.visit, found.date) == (
        "delegation-size",
        "talks-2023",
        dt.date(2023, 4, 4),
    )
    assert found.line == checked.line_of('id = "talks-2023"') - 1  # the [[visits]] line
    assert "`quang-tri` delegation has 4 participants" in found.message
    assert "more than the 3 allowed" in found.message


def test_near_miss_exactly_max_people_and_the_host_side_is_not_limited() -> None:
    body = agreement(delegation("max_people = 3"), signed="2023-01-01") + visit(
        "talks-2023",
        "salavan",
        "start = 2023-04-04",
        extra=people("quang-tri", 3) + people("salavan", 9),
    )
    assert check_text(body).of("delegation") == []


def test_too_long_a_visit_is_an_error_naming_its_length() -> None:
    body = agreement(delegation("max_days = 5"), signed="2023-01-01") + visit(
        "talks-2023", "salavan", "start = 2023-04-04\nend = 2023-04-09"
    )
    found = check_text(body).only("delegation")
    assert "lasts 6 days, more than the 5 allowed" in found.message
    assert found.date == dt.date(2023, 4, 4)


@pytest.mark.parametrize(
    "dates",
    [
        "start = 2023-04-04\nend = 2023-04-08",  # five days, start to end inclusive
        'when = "2023-04"',  # a partial date has no length yet
    ],
)
def test_near_miss_five_days_or_a_partial_date(dates: str) -> None:
    body = agreement(delegation("max_days = 5"), signed="2023-01-01") + visit(
        "talks-2023", "salavan", dates, status="planned"
    )
    assert check_text(body, as_of="2023-01-01").of("delegation") == []


@pytest.mark.parametrize(
    "extra",
    ["formal = false", 'status = "cancelled"', 'kind = "training"'],
)
def test_only_counted_visits_of_the_rule_kinds_are_limited(extra: str) -> None:
    lines = f'\n[[visits]]\nid = "v"\nhost = "salavan"\nstart = 2023-04-04\n{extra}\n'
    if "kind" not in extra:
        lines += 'kind = "talks"\n'
    body = agreement(delegation("max_people = 1"), signed="2023-01-01") + lines
    body += people("quang-tri", 2)
    assert check_text(body).of("delegation") == []


def test_a_delegation_rule_needs_a_limit() -> None:
    text = HEAD + agreement(delegation(""), signed="2023-01-01")
    (problem,) = schedules.load_text(text).problems
    assert problem.code == "schema"
    assert "needs `max_people`, `max_days` or both" in problem.message


@pytest.mark.parametrize("limit", ["max_people = 0", "max_days = 0", 'max_days = "5"'])
def test_delegation_limits_are_positive_integers(limit: str) -> None:
    text = HEAD + agreement(delegation(limit), signed="2023-01-01")
    (problem,) = schedules.load_text(text).problems
    assert problem.code == "schema" and "max_" in problem.message


def test_the_json_schema_knows_the_delegation_rule() -> None:
    validator = jsonschema.Draft202012Validator(schedule_schema())
    good = HEAD + agreement(delegation("max_people = 10\n  max_days = 5"), signed="2023-01-01")
    assert validator.is_valid(tomllib.loads(good) | {"agreements": [_json_agreement(good)]})
    empty = HEAD + agreement(delegation(""), signed="2023-01-01")
    assert not validator.is_valid(tomllib.loads(empty) | {"agreements": [_json_agreement(empty)]})


def _json_agreement(text: str) -> dict[str, object]:
    """The file's one agreement with its date as JSON has it."""
    (found,) = tomllib.loads(text)["agreements"]
    return {**found, "signed": found["signed"].isoformat()}

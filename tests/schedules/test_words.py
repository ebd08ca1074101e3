"""The words of the documents and the app's rules table: rules, durations and dates as a planner
says them."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules.dates import Duration, PartialDate
from schedules.loader import load_text
from schedules.words import date_span, duration_text, partial_date_text, rule_in_words

FILE = """\
[partnership]
id = "a-b"
title = "A – B"

[parties.a]
name = "Province A"
short = "PA"

[parties.b]
name = "Province B"

[[agreements]]
id = "mou"
signed = 2023-01-01

  [[agreements.rules]]
  id = "rotate"
  kind = "alternate"
  visits = ["talks"]

  [[agreements.rules]]
  id = "interval"
  kind = "interval"
  visits = ["talks"]
  max = "P2Y"
  tolerance = "P3M"
  min = "P6M"

  [[agreements.rules]]
  id = "yearly"
  kind = "interval"
  visits = ["study-tour"]
  max = "1y"

  [[agreements.rules]]
  id = "promise"
  kind = "commitment"
  visits = ["talks"]
  host = "b"
  when = "2025-Q3"

  [[agreements.rules]]
  id = "quota"
  kind = "quota"
  visits = ["talks", "information-exchange"]
  min = 1
  max = 2
  per = "year"

  [[agreements.rules]]
  id = "training"
  kind = "quota"
  visits = ["training"]
  min = 1
  per = "quarter"

  [[agreements.rules]]
  id = "small"
  kind = "delegation"
  visits = ["talks"]
  max_people = 10
  max_days = 5
"""


def test_rules_in_words() -> None:
    schedule = load_text(FILE, "a-b.toml").schedule
    assert schedule is not None
    said = {rule.id: rule_in_words(schedule, rule) for _, rule in schedule.rules()}
    assert said == {
        "rotate": "the hosts of the talks take turns: PA, then Province B",
        "interval": "talks every 2 years, with 3 months of grace, no sooner than 6 months "
        "after the last",
        "yearly": "study tour every year",
        "promise": "talks hosted by Province B in the 3rd quarter of 2025",
        "quota": "talks or information exchange: 1 to 2 a year",
        "training": "training: at least once a quarter",
        "small": "talks: at most 10 people in each guest delegation and at most 5 days per visit",
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("P2Y", "2 years"),
        ("P18M", "18 months"),
        ("P1Y6M", "1 year and 6 months"),
        ("90d", "90 days"),
    ],
)
def test_durations(text: str, words: str) -> None:
    assert duration_text(Duration.parse(text)) == words


def test_dates() -> None:
    assert date_span(dt.date(2027, 7, 5), dt.date(2027, 7, 7)) == "5–7 July 2027"
    assert date_span(dt.date(2027, 6, 30), dt.date(2027, 7, 2)) == "30 June – 2 July 2027"
    assert date_span(dt.date(2027, 12, 30), dt.date(2028, 1, 2)) == (
        "30 December 2027 – 2 January 2028"
    )
    assert partial_date_text(PartialDate.parse("2027-07")) == "July 2027"
    assert partial_date_text(PartialDate.parse("2027")) == "2027"

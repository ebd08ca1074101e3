"""Fixtures for the app's tests: schedules as real files under tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from schedules import Schedule, load_file

DATA = Path(__file__).parent.parent / "data"
FORMS_SCHEDULE = DATA / "forms" / "quang-tri-salavan.toml"
"""A copy of examples/quang-tri-salavan.toml: the form snapshots do not follow the example."""


@pytest.fixture
def form_schedule() -> Schedule:
    document = load_file(FORMS_SCHEDULE)
    assert document.ok and document.schedule is not None, document.problems
    return document.schedule

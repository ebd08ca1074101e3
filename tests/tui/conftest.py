"""Fixtures for the app's tests: schedules as real files under tests/data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from schedules import Schedule, load_file
from tests.paths import ROOT
from tests.tui.pilots import FORMS_SCHEDULE

DATA = ROOT / "tests" / "data"


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """`examples/` as a relative path (the screen shows it), holding copies of the examples."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return "examples"


@pytest.fixture
def form_schedule() -> Schedule:
    document = load_file(FORMS_SCHEDULE)
    assert document.ok and document.schedule is not None, document.problems
    return document.schedule


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs' cursors do not blink in tests: a snapshot taken mid-blink would show a cursor or
    not by the timing of the run."""
    plain_init = Input.__init__

    def init(self: Input, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        self.set_reactive(Input.cursor_blink, False)

    monkeypatch.setattr(Input, "__init__", init)


@pytest.fixture(autouse=True)
def _own_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own user config folder: switching the language in a test never writes
    the config of the person running the tests."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder

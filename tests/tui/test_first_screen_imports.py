"""The app's first screen does not wait for its forms and dialogs: they are imported when a
planner first opens one, not when the app starts (issue 15: the first screen fast)."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT

OPENED_LATER = (
    "tui.screens.action_form",
    "tui.screens.agreement_form",
    "tui.screens.as_of",
    "tui.screens.dialogs",
    "tui.screens.form",
    "tui.screens.held_form",
    "tui.screens.participant_form",
    "tui.screens.partnership_forms",
    "tui.screens.rule_form",
    "tui.screens.visit_form",
    "tui.screens.waiver_form",
    "tui.screens.year",
    "schedules.plan",
    "schedules.new_file",
)

IN_A_FRESH_INTERPRETER = f"""
import sys
import tui.app

print(*sorted(set(sys.modules) & {set(OPENED_LATER)!r}))
"""


def test_starting_the_app_imports_no_form_or_dialog() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IN_A_FRESH_INTERPRETER],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []

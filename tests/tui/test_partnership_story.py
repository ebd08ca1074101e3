"""A whole partnership made in the app, from an empty folder, without a text editor: the
new-partnership form, its memorandum with one rule of each kind, editing and deleting an
action and a waiver, renaming a party; the file text, and `visits check` agreeing with the
checks panel."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select

from schedules import Severity
from schedules.session import OpenFile
from tests.tui.pilots import main_screen, settle, until
from tui.app import VisitsApp
from tui.screens.action_form import ActionForm
from tui.screens.agreement_form import AgreementForm
from tui.screens.dialogs import ConfirmDialog
from tui.screens.main import MainScreen
from tui.screens.partnership_forms import NewPartnershipForm, PartyForm
from tui.screens.rule_form import RuleForm
from tui.screens.visit_form import VisitForm
from tui.screens.waiver_form import WaiverForm
from tui.widgets.actions_table import ActionsTable
from tui.widgets.diagnostics_panel import DiagnosticsPanel
from tui.widgets.rules_table import RulesTable

AS_OF = dt.date(2024, 6, 1)
SIZE = (120, 35)


def opened(screen: MainScreen) -> OpenFile:
    file = screen.file()
    assert file is not None
    return file


def text_now(screen: MainScreen) -> str:
    """The current file's text as edited so far."""
    editable = opened(screen).editable
    assert editable is not None
    return editable.render()


def editable_yet(screen: MainScreen) -> bool:
    file = screen.file()
    return file is not None and file.editable is not None


async def fill(pilot: Pilot[None], values: dict[str, Any]) -> None:
    """Set the fields of the form on top (Inputs by text, Selects by value)."""
    screen = pilot.app.screen
    for ident, value in values.items():
        widget = screen.query_one(f"#{ident}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
        await pilot.pause()


async def submit(pilot: Pilot[None], form: type) -> None:
    assert isinstance(pilot.app.screen, form), pilot.app.screen
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, form), "the form found problems"


async def answer(pilot: Pilot[None], label: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog)
    index = [choice for choice, _ in dialog.choices].index(label)
    await pilot.click(f"#choice-{index}")
    await settle(pilot)


RULES: list[tuple[str, dict[str, Any]]] = [
    ("alternate", {"id": "talks-rotate", "order": "quang-tri, savannakhet"}),
    ("interval", {"id": "talks-interval", "interval-max": "P2Y", "tolerance": "P3M"}),
    ("commitment", {"id": "talks-2024", "host": "quang-tri", "when": "2024"}),
    ("quota", {"id": "exchange-yearly", "quota-min": "1", "per": "year"}),
    ("delegation", {"id": "small-delegations", "max_people": "10", "max_days": "5"}),
]


async def test_a_partnership_from_an_empty_folder(tmp_path: Path) -> None:
    app = VisitsApp(str(tmp_path), as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await answer(pilot, "New partnership")  # offered: the folder has no schedule files
        await fill(
            pilot,
            {
                "title": "Quảng Trị – Savannakhet",
                "party1": "quang-tri",
                "name1": "Quảng Trị Province",
                "country1": "VN",
                "party2": "savannakhet",
                "name2": "Savannakhet Province",
                "country2": "LA",
            },
        )
        assert pilot.app.screen.query_one("#id", Input).value == "quang-tri-savannakhet"
        await submit(pilot, NewPartnershipForm)
        path = tmp_path / "quang-tri-savannakhet.toml"
        screen = main_screen(pilot)
        await until(pilot, lambda: editable_yet(screen), "the new file")

        await pilot.press("A")
        await fill(
            pilot,
            {"id": "mou-2024", "title": "Memorandum of 1 March 2024", "signed": "2024-03-01"},
        )
        await submit(pilot, AgreementForm)
        await pilot.press("4")
        for kind, values in RULES:
            await pilot.press("a")  # on the Rules tab: a rule, not a visit
            assert isinstance(pilot.app.screen, RuleForm)
            await fill(pilot, {"kind": kind, **values, "description": f"{kind} in their words"})
            await submit(pilot, RuleForm)
        await settle(pilot)
        assert len(screen.query_one(RulesTable).rows) == 5

        # plan next says which rule chose the host, the deadline and why these dates
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, VisitForm)
        said = "\n".join(n.message for n in pilot.app._notifications)
        assert "Quảng Trị Province hosts next (commitment rule talks-2024 of mou-2024)." in said
        assert "Deadline: 2024-12-31." in said and "Suggested dates: " in said
        await pilot.press("escape")  # nothing typed: closes without asking
        await settle(pilot)

        # an action: added, edited with `e` on the Actions tab, then deleted
        await pilot.press("f")
        await fill(pilot, {"action-id": "hall", "text": "Fund the hall", "owner": "quang-tri"})
        await submit(pilot, ActionForm)
        await pilot.press("3")
        screen.query_one(ActionsTable).select("hall")
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ActionForm)
        await fill(pilot, {"due": "2024-12-31", "owner": "savannakhet"})
        await submit(pilot, ActionForm)
        edited = tomllib.loads(text_now(screen))["actions"]
        assert edited == [
            {
                "id": "hall",
                "text": "Fund the hall",
                "owner": "savannakhet",
                "due": dt.date(2024, 12, 31),
                "status": "open",
            }
        ]
        # a second action, kept
        await pilot.press("f")
        await fill(pilot, {"action-id": "training", "text": "Train staff", "owner": "quang-tri"})
        await submit(pilot, ActionForm)
        screen.query_one(ActionsTable).select("hall")
        await pilot.press("delete")
        await answer(pilot, "Delete")
        actions = tomllib.loads(text_now(screen))["actions"]
        assert [a["id"] for a in actions] == ["training"]

        # a waiver: added, edited, deleted
        screen.query_one(DiagnosticsPanel).blur()
        await pilot.press("w")
        await fill(pilot, {"rule": "exchange-yearly", "reason": "Floods"})
        await submit(pilot, WaiverForm)
        await screen.run_action("edit_waiver")
        await settle(pilot)
        await fill(pilot, {"reason": "Floods in 2024", "from": "2024-01-01"})
        await submit(pilot, WaiverForm)
        waivers = tomllib.loads(text_now(screen))["waivers"]
        assert waivers == [
            {"rule": "exchange-yearly", "from": dt.date(2024, 1, 1), "reason": "Floods in 2024"}
        ]
        await screen.run_action("delete_waiver")
        await settle(pilot)
        await answer(pilot, "Delete")
        assert "waivers" not in tomllib.loads(text_now(screen))

        # renaming a party renames it in the rules and the action too
        await screen.run_action("edit_party")
        await settle(pilot)
        await answer(pilot, "Savannakhet Province")
        assert isinstance(pilot.app.screen, PartyForm)
        await fill(pilot, {"id": "svk", "short": "SVK"})
        await submit(pilot, PartyForm)

        await pilot.press("ctrl+s")
        await until(pilot, lambda: not opened(screen).dirty, "saved")
        await until(pilot, lambda: not opened(screen).stale, "checked")
        panel = screen.checks
        assert panel is not None
        shown = (panel.count(Severity.ERROR, str(path)), panel.count(Severity.WARNING, str(path)))

    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["partnership"] == {
        "id": "quang-tri-savannakhet",
        "title": "Quảng Trị – Savannakhet",
    }
    assert list(data["parties"]) == ["quang-tri", "svk"]
    assert data["parties"]["svk"] == {
        "name": "Savannakhet Province",
        "country": "LA",
        "short": "SVK",
    }
    rules = data["agreements"][0]["rules"]
    assert [r["kind"] for r in rules] == [kind for kind, _ in RULES]
    assert rules[0] == {
        "id": "talks-rotate",
        "kind": "alternate",
        "visits": ["talks"],
        "order": ["quang-tri", "svk"],
        "description": "alternate in their words",
    }
    assert rules[1]["max"] == "P2Y" and rules[1]["tolerance"] == "P3M"
    assert rules[3] == {
        "id": "exchange-yearly",
        "kind": "quota",
        "visits": ["talks"],
        "min": 1,
        "per": "year",
        "description": "quota in their words",
    }
    assert rules[4]["max_people"] == 10 and rules[4]["max_days"] == 5
    assert "[[agreements.rules]]" in text and "## A schedule file for `visits`" in text
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "schedules.cli",
            "check",
            str(path),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)["files"][0]
    assert (report["errors"], report["warnings"]) == shown

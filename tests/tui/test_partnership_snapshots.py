"""What the partnership, party, agreement and rule forms and the new-partnership form look
like, at 80×24 and 120×35 (SVGs under __snapshots__)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.pilots import FormHost, forms_schedule
from tui.screens.agreement_form import AgreementForm, EndAgreementForm
from tui.screens.held_form import HeldDatesForm
from tui.screens.partnership_forms import NewPartnershipForm, PartnershipForm, PartyForm
from tui.screens.rule_form import RuleForm
from tui.screens.waiver_form import WaiverForm

SIZES = [(80, 24), (120, 35)]


def rule(rule_id: str) -> tuple[str, Any]:
    return next((a.id, r) for a, r in forms_schedule().rules() if r.id == rule_id)


FORMS: dict[str, Any] = {
    "partnership": lambda: PartnershipForm(forms_schedule()),
    "party": lambda: PartyForm(forms_schedule(), "salavan"),
    "new-partnership": lambda: NewPartnershipForm(Path("/srv/partnerships")),
    "agreement": lambda: AgreementForm(forms_schedule(), forms_schedule().agreements[1]),
    "end-agreement": lambda: EndAgreementForm(
        forms_schedule().agreements[1], forms_schedule().agreements[1].signed
    ),
    "interval-rule": lambda: RuleForm(forms_schedule(), *rule("talks-interval-2023")),
    "commitment-rule": lambda: RuleForm(forms_schedule(), *rule("talks-2025-in-quang-tri")),
    "new-rule": lambda: RuleForm(forms_schedule(), "mou-2023"),
    "waiver": lambda: WaiverForm(forms_schedule(), waiver=forms_schedule().waivers[0]),
    "held-dates": lambda: HeldDatesForm(forms_schedule().visit("talks-2025")),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(FORMS))
def test_form(snap_compare: Any, name: str, size: tuple[int, int]) -> None:
    async def settled(pilot: Pilot[None]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # the cursor is shown, whatever the moment
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(FormHost(FORMS[name]()), terminal_size=size, run_before=settled)


def test_new_rule_refused(snap_compare: Any) -> None:
    """A quota rule with no period and a maximum below its minimum, after ctrl+s."""

    async def fill_in(pilot: Pilot[None]) -> None:
        screen = pilot.app.screen
        screen.query_one("#id").value = "exchange"  # type: ignore[attr-defined]
        screen.query_one("#kind").value = "quota"  # type: ignore[attr-defined]
        await pilot.pause()
        screen.query_one("#quota-min").value = "3"  # type: ignore[attr-defined]
        screen.query_one("#quota-max").value = "1"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(
        FormHost(RuleForm(forms_schedule(), "mou-2023")), terminal_size=(80, 24), run_before=fill_in
    )

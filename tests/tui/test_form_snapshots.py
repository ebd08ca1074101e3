"""What the visit form looks like, at a fixed terminal size (SVGs under __snapshots__)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.pilots import FormHost, forms_schedule
from tui.screens.visit_form import VisitForm

SIZE = (120, 35)


def test_edit_visit(snap_compare: Any) -> None:
    quang_tri_salavan = forms_schedule()
    form = VisitForm(
        quang_tri_salavan,
        quang_tri_salavan.visit("talks-2023"),
        open_actions=[a for a in quang_tri_salavan.actions if a.status == "open"],
    )

    async def still_cursor(pilot: Pilot[None]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # the cursor is shown, whatever the moment
        await pilot.pause()

    assert snap_compare(FormHost(form), terminal_size=SIZE, run_before=still_cursor)


def test_new_visit_refused(snap_compare: Any) -> None:
    """A new visit with a bad date and no host, after ctrl+s: what is wrong, and where."""

    async def fill_in(pilot: Pilot[None]) -> None:
        await pilot.press("tab", *"talks")  # the kind
        pilot.app.screen.query_one("#dates").focus()
        await pilot.press(*"2027-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()

    quang_tri_salavan = forms_schedule()
    form = VisitForm(quang_tri_salavan, defaults={"guests": ["salavan"]})
    assert snap_compare(FormHost(form), terminal_size=SIZE, run_before=fill_in)

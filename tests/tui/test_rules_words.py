"""The rules tab says what each rule asks for in words, as the report does."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable

from tests.paths import ROOT
from tui.app import VisitsApp
from tui.widgets.rules_table import RulesTable

EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"


async def test_rules_table_says_rules_in_words() -> None:
    app = VisitsApp(str(EXAMPLE), as_of=dt.date(2024, 6, 1), follow_disk=False)
    async with app.run_test(size=(160, 40)) as pilot:
        for _ in range(20):
            await pilot.pause(0.1)
            if app.screen.query(RulesTable) and app.screen.query_one(RulesTable).row_count:
                break
        await pilot.press("4")
        await pilot.pause()
        table: DataTable[object] = app.screen.query_one(RulesTable)
        said = {str(table.get_cell(key, "terms")) for key in ("talks-interval", "talks-rotate")}
        assert said == {"talks every 2 years", "the hosts of the talks take turns: QT, then SL"}

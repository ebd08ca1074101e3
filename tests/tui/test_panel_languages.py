"""The main screen's panels in Vietnamese: the visits table, the checks, the timeline, the
actions and rules tables, the visit in full; dates as the language writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from schedules import PartialDate, i18n, load_file
from tests.paths import ROOT
from tests.tui.pilots import settle
from tests.tui.test_form_languages import flat, shown_text
from tui.app import VisitsApp
from tui.widgets.labels import dates, full_dates, partial_text

EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _vietnamese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("VISITS_LANG", "vi")
    i18n.use("vi")
    yield
    i18n.use("en")


async def test_the_panels_read_in_vietnamese(examples: str) -> None:
    app = VisitsApp(examples, as_of=dt.date(2024, 6, 1), follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        main = flat(shown_text(app))
        assert "Chuyến thăm (3) · sắp xếp theo Thời gian ↓" in main
        assert "Kiểm tra tính đến ngày 01/06/2024: 2 lỗi, 3 cảnh báo, 1 đã miễn trừ" in main
        assert "Tình trạng" in main and "Chủ nhà → khách" in main
        assert "đã tổ chức" in main  # a visit's status
        assert "Sorted by" not in main and "Checks as of" not in main
        await pilot.press("2")
        await pilot.pause()
        timeline = flat(shown_text(app))
        assert "▲ tính đến ngày 01/06/2024" in timeline
        assert "1 2 3 4 5 6 7 8 9 101112" in timeline  # the months over the years
        assert "chưa cố định ngày" in timeline  # the legend
        await pilot.press("3")
        await pilot.pause()
        assert "Việc cần thực hiện (3 chưa xong)" in flat(shown_text(app))
        await pilot.press("4")
        await pilot.pause()
        rules = flat(shown_text(app))
        assert "Quy định (8)" in rules and "Biên bản" in rules


def test_visit_dates_follow_the_language() -> None:
    document = load_file(EXAMPLES / "quang-tri-salavan.toml")
    assert document.schedule is not None
    held = next(v for v in document.schedule.visits if v.start is not None and v.end)
    assert held.start is not None and held.end is not None
    assert dates(held).endswith(f"–{held.end:%d/%m/%Y}")
    assert full_dates(held) == f"{held.start:%d/%m/%Y}–{held.end:%d/%m/%Y}"
    assert partial_text(PartialDate.parse("2025-Q3")) == "quý 3/2025"
    assert partial_text(PartialDate.parse("2025-07")) == "tháng 07/2025"
    i18n.use("en")
    assert partial_text(PartialDate.parse("2025-Q3")) == "2025-Q3"
    assert full_dates(held) == held.dates_text()

"""The forms, dialogs and panels in Vietnamese and Lao: every label, button, placeholder and
problem a person reads comes from the catalogs, dates follow the language, and in the
pseudo-language no English reaches the screen outside ⟦…⟧ (text that no catalog saw)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from schedules import i18n
from tests.schedules.test_cli_languages import file_words, unmarked_english
from tests.tui import pilots
from tests.tui.pilots import FORMS_SCHEDULE
from tests.tui.pilots import forms_schedule as schedule
from tests.tui.test_partnership_snapshots import rule
from tui.screens.action_form import ActionForm
from tui.screens.agreement_form import AgreementForm, EndAgreementForm
from tui.screens.as_of import AsOfDialog
from tui.screens.dialogs import SaveAsDialog
from tui.screens.held_form import HeldDatesForm
from tui.screens.participant_form import ParticipantForm
from tui.screens.partnership_forms import NewPartnershipForm, PartnershipForm, PartyForm
from tui.screens.rule_form import RuleForm
from tui.screens.visit_form import VisitForm
from tui.screens.waiver_form import WaiverForm
from tui.widgets.footer import Footer

SIZE = (120, 60)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.use("en")


FORMS: dict[str, Callable[[], Screen[Any]]] = {
    "visit": lambda: VisitForm(
        schedule(), schedule().visit("talks-2023"), open_actions=schedule().actions
    ),
    "new-visit": lambda: VisitForm(schedule()),
    "participant": lambda: ParticipantForm(schedule(), schedule().visits[0]),
    "action": lambda: ActionForm(schedule(), action=schedule().actions[0]),
    "waiver": lambda: WaiverForm(schedule(), waiver=schedule().waivers[0]),
    "agreement": lambda: AgreementForm(schedule(), schedule().agreements[1]),
    "end-agreement": lambda: EndAgreementForm(schedule().agreements[1], dt.date(2025, 1, 1)),
    "interval-rule": lambda: RuleForm(schedule(), *rule("talks-interval-2023")),
    "new-rule": lambda: RuleForm(schedule(), "mou-2023"),
    "partnership": lambda: PartnershipForm(schedule()),
    "party": lambda: PartyForm(schedule(), "salavan"),
    "new-partnership": lambda: NewPartnershipForm(Path("/srv/partnerships")),
    "held-dates": lambda: HeldDatesForm(schedule().visit("talks-2025")),  # type: ignore[arg-type]
    "as-of": lambda: AsOfDialog(dt.date(2025, 1, 1)),
    "save-as": lambda: SaveAsDialog(Path("/srv/partnerships/new.toml")),
}


class FormHost(pilots.FormHost):
    TITLE = "visits"  # the screenshot's window title


def shown_text(app: App[None]) -> str:
    """The characters on the screen, line by line as the screenshot has them."""
    svg = app.export_screenshot()
    return html.unescape("\n".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


def flat(text: str) -> str:
    """The screen's words in one line, without the dialog's border: a sentence wrapped over
    two lines reads whole."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def with_prefixes(words: set[str]) -> set[str]:
    """File words and their beginnings: a field cuts a long value where the field ends."""
    return {word[:end] for word in words for end in range(2, len(word) + 1)}


async def form_text(name: str, *, save: bool = False) -> str:
    """What the form `name` shows (after Save, with its problems, when `save`); without the
    footer, whose key descriptions the app translates with its bindings."""
    app = FormHost(FORMS[name]())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if save:
            await pilot.press("ctrl+s")
            await pilot.pause()
        for footer in app.screen.query(Footer):
            footer.display = False
        await pilot.pause()
        return shown_text(app)


@pytest.mark.parametrize("name", list(FORMS))
async def test_no_english_outside_the_catalogs_in_any_form(name: str) -> None:
    """In the pseudo-language every word of a form is inside ⟦…⟧, after Save too (the
    problems), except the file's own text and ids."""
    i18n.use("qps")
    words = with_prefixes(file_words(FORMS_SCHEDULE) | {"srv", "partnerships", "new", "toml"})
    for save in (False, True):
        assert unmarked_english(await form_text(name, save=save), words) == []


@pytest.mark.parametrize(
    ("name", "vietnamese", "english"),
    [
        ("visit", ["Sửa chuyến thăm talks-2023", "Nội dung làm việc", "Thành viên đoàn"], "Agenda"),
        ("new-visit", ["Chuyến thăm mới", "Bên đăng cai", "Lưu", "Hủy"], "New visit"),
        ("participant", ["Thêm thành viên đoàn", "Chức vụ", "Vai trò"], "Add a participant"),
        ("action", ["Sửa việc cần thực hiện", "Bên chủ trì", "Hạn"], "Owner"),
        ("waiver", ["Quy định", "Từ ngày", "Đến ngày", "Lý do"], "Reason"),
        ("save-as", ["Lưu thành", "Tệp"], "Save as"),
        ("as-of", ["Kiểm tra tính đến ngày", "Hôm nay là ngày"], "Today is"),
    ],
)
async def test_forms_read_in_vietnamese(name: str, vietnamese: list[str], english: str) -> None:
    i18n.use("vi")
    text = flat(await form_text(name))
    for words in vietnamese:
        assert words in text
    assert english not in text


async def test_a_form_reads_in_lao() -> None:
    i18n.use("lo")
    text = await form_text("new-visit")
    assert "ການຢ້ຽມຢາມໃໝ່" in text  # New visit
    assert "ເຈົ້າພາບ" in text  # Host
    assert "ບັນທຶກ" in text  # Save
    assert "Host" not in text


async def test_problems_after_save_are_counted_in_vietnamese() -> None:
    i18n.use("vi")
    text = flat(await form_text("new-visit", save=True))
    assert "Chưa lưu, còn" in text and "lỗi cần sửa" in text
    assert "cần nhập mã" in text  # the id is required


async def test_typed_dates_are_advised_and_described_in_the_language() -> None:
    i18n.use("vi")
    app = FormHost(VisitForm(schedule()))
    async with app.run_test(size=SIZE) as pilot:
        dates = app.screen.query_one("#dates", Input)
        dates.value = "31/08/2025"
        await pilot.pause()
        text = flat(shown_text(app))
        # the advice keeps the date to type as the field takes it
        assert "viết ngày theo dạng năm-tháng-ngày, ví dụ 2025-08-31" in text
        assert "(ngày 31 tháng 08)" in text
        dates.value = "2025-07-05..07"
        await pilot.pause()
        text = flat(shown_text(app))
        assert "Cụ thể: Thứ Bảy 05/07/2025 đến Thứ Hai 07/07/2025 (3 ngày)" in text
        dates.value = "2025-07-05–07"
        await pilot.pause()
        assert "viết khoảng ngày bằng hai dấu chấm, ví dụ 2025-07-05..07" in flat(shown_text(app))


async def test_english_describes_typed_dates_as_before() -> None:
    app = FormHost(VisitForm(schedule()))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#dates", Input).value = "2025-07-05..07"
        await pilot.pause()
        assert "Exact: Sat 5 Jul 2025 to Mon 7 Jul 2025 (3 days)" in flat(shown_text(app))
        app.screen.query_one("#dates", Input).value = "2025-07-05"
        await pilot.pause()
        assert "Exact: Sat 5 Jul 2025 (one day)" in flat(shown_text(app))

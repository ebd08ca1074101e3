"""Switching the app's language while it runs, remembering it, and starting in it next time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from schedules import i18n
from tests.paths import ROOT
from tests.tui.pilots import settle
from tui.app import VisitsApp
from tui.language import start_language
from tui.screens.help import HelpScreen
from tui.widgets.footer import Footer

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2024, 6, 1)
LOCALE = ("VISITS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in LOCALE:
        monkeypatch.delenv(variable, raising=False)
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture
def config(_own_config_folder: Path) -> Path:
    return _own_config_folder / "visits" / "config.toml"


def footer_words(app: VisitsApp) -> list[str]:
    return app.screen.query_one(Footer).render().plain.split("  ")


async def choose_in_palette(pilot: Pilot[Any], typed: str, wanted: str) -> None:
    """Type `typed` into the open palette and run the hit whose title is `wanted`."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*["space" if c == " " else c for c in typed])
    hits = palette.query_one(CommandList)
    for _ in range(50):
        await pilot.pause(0.05)
        titles = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        if any(title.startswith(wanted) for title in titles):
            break
    found = [i for i, title in enumerate(titles) if title.split("\n")[0] == wanted]
    assert found, titles
    hits.highlighted = found[0]
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_switches_to_vietnamese_at_once_and_remembers_it(
    examples: str, config: Path
) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert any("Help" in key for key in footer_words(app))
        await pilot.press("3")  # the actions tab: still shown after the switch
        await pilot.press("ctrl+p")
        # accents need not be typed, as everywhere in the palette
        await choose_in_palette(pilot, "tieng viet", "Language: Tiếng Việt")
        assert i18n.current() == "vi"
        words = " ".join(footer_words(app))
        assert "Trợ giúp" in words and "Lưu" in words and "bảng lệnh" in words
        assert "Help" not in words and "palette" not in words
        assert app.screen.query_one(TabbedContent).active == "actions-tab"
        assert config.read_text(encoding="utf-8") == 'language = "vi"\n'

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Tìm lệnh…"
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.query_one("#help").border_title == "Trợ giúp"
    # the next start: the remembered language, before the locale
    assert start_language(
        None, {"XDG_CONFIG_HOME": str(config.parent.parent), "LANG": "lo_LA"}
    ) == (
        "vi",
        (),
    )


async def test_the_key_l_offers_the_three_languages_in_their_own_words(
    examples: str, config: Path
) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "Choose the language…"
        await choose_in_palette(pilot, "", "Language: ພາສາລາວ")
        assert i18n.current() == "lo"
        assert any("ຊ່ວຍເຫຼືອ" in key for key in footer_words(app))  # Help
        assert config.read_text(encoding="utf-8") == 'language = "lo"\n'
        # and back, by the English word, whatever the app speaks
        await pilot.press("ctrl+p")
        await choose_in_palette(pilot, "language english", "ພາສາ: English")
        assert i18n.current() == "en"
        assert any("Help" in key for key in footer_words(app))
        assert config.read_text(encoding="utf-8") == 'language = "en"\n'


def test_the_start_follows_lang_then_visits_lang_then_the_file_then_the_locale(
    config: Path,
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('language = "lo"\n', encoding="utf-8")
    home = {"XDG_CONFIG_HOME": str(config.parent.parent)}
    assert start_language("vi", home | {"VISITS_LANG": "en"}) == ("vi", ())
    assert start_language(None, home | {"VISITS_LANG": "vi"}) == ("vi", ())
    assert start_language(None, home | {"LANG": "vi_VN.UTF-8"}) == ("lo", ())
    config.unlink()
    assert start_language(None, home | {"LANG": "vi_VN.UTF-8"}) == ("vi", ())
    assert start_language(None, home) == ("en", ())


async def test_a_broken_config_file_is_ignored_with_a_notification(
    examples: str, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('language = "vi"\nlanguage = "lo"\n', encoding="utf-8")
    language, problems = start_language(None, {"XDG_CONFIG_HOME": str(config.parent.parent)})
    assert language == "en"
    # --lang and VISITS_LANG decide without reading it
    assert start_language("vi", {"XDG_CONFIG_HOME": str(config.parent.parent)}) == ("vi", ())
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False, config_problems=problems)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app, "notify", lambda message, **options: told.append((options["title"], message))
    )
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert told == [("Settings file ignored", f"{config}:2: the file is not valid TOML")]
        assert app.screen.query("VisitsTable")  # the app runs as ever


async def test_the_palette_says_in_vietnamese_when_nothing_matches(examples: str) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await choose_in_palette(pilot, "viet", "Language: Tiếng Việt")  # no accents typed
        assert i18n.current() == "vi"
        await pilot.press("ctrl+p")
        await choose_in_palette(pilot, "xylophone", "Không có lệnh nào khớp với các từ này")
        assert i18n.current() == "vi"  # it did nothing but close the palette
        assert not isinstance(app.screen, CommandPalette)


async def test_a_config_folder_that_cannot_be_written_is_said_and_the_switch_stays(
    examples: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocked))  # its visits/ folder cannot be made
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    told: list[str] = []
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app, "notify", lambda message, **options: told.append(message))
        await pilot.press("L")
        await choose_in_palette(pilot, "viet", "Language: Tiếng Việt")
        assert i18n.current() == "vi"
        assert len(told) == 1
        assert told[0].startswith("Không ghi nhớ được ngôn ngữ cho lần mở sau: ")
        assert str(blocked) in told[0]
        # ctrl+c, pressed out of habit, says which key quits, in Vietnamese too
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert told[1:] == ["Nhấn ^q để thoát ứng dụng"]

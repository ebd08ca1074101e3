"""The reader's language: how it is chosen, and the catalogs that carry it."""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from schedules import i18n
from tools import catalogs


@pytest.fixture(autouse=True)
def _english_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "")  # restored afterwards: i18n.use sets it
    yield
    i18n.use("en")


@pytest.mark.parametrize(
    ("option", "environ", "remembered", "expected"),
    [
        ("vi", {"VISITS_LANG": "lo", "LANG": "lo_LA.UTF-8"}, "lo", "vi"),
        (None, {"VISITS_LANG": "lo", "LANG": "vi_VN.UTF-8"}, "vi", "lo"),
        (None, {"LANG": "lo_LA.UTF-8"}, "vi", "vi"),
        (None, {"LANG": "vi_VN.UTF-8"}, None, "vi"),
        (None, {"LC_ALL": "lo_LA.UTF-8", "LANG": "vi_VN.UTF-8"}, None, "lo"),
        (None, {"LANGUAGE": "fr:lo", "LANG": "vi_VN.UTF-8"}, None, "lo"),
        # the first variable set decides, as in gettext: French is not ours, so English
        (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "vi_VN.UTF-8"}, None, "en"),
        (None, {"LANG": "C.UTF-8"}, None, "en"),
        (None, {}, None, "en"),
        ("klingon", {"LANG": "vi_VN"}, None, "vi"),
        (None, {"VISITS_LANG": "fr"}, "vi", "en"),
    ],
)
def test_language_is_chosen_by_option_then_environment_then_english(
    option: str | None, environ: dict[str, str], remembered: str | None, expected: str
) -> None:
    assert i18n.choose_language(option, environ, remembered) == expected


def test_lang_option_is_read_before_the_command_line_is_parsed() -> None:
    assert i18n.lang_option(["check", "--lang", "vi", "x.toml"]) == "vi"
    assert i18n.lang_option(["check", "--lang=lo"]) == "lo"
    assert i18n.lang_option(["check", "--", "--lang", "vi"]) is None
    assert i18n.lang_option(["check", "--lang"]) is None


def test_catalogs_are_complete_and_fresh() -> None:
    assert list(catalogs.problems()) == []


def test_a_translation_with_other_placeholders_is_a_problem() -> None:
    message = catalogs.Message("{count} visits", "{so} chuyến")
    assert list(catalogs._message_problems("vi", message)) == [
        "vi: '{count} visits': the translation's placeholders differ from ['{count}']"
    ]


def test_argparse_speaks_the_chosen_language() -> None:
    i18n.use("vi")
    parser = argparse.ArgumentParser(prog="visits")
    assert parser.format_help().startswith("cách dùng: visits [-h]")
    assert "hiện trợ giúp này rồi thoát" in parser.format_help()
    i18n.use("lo")
    assert argparse.ArgumentParser(prog="visits").format_usage().startswith("ວິທີໃຊ້: ")


def test_pseudo_language_wraps_every_message() -> None:
    i18n.use(i18n.PSEUDO)
    assert i18n._("options") == "⟦options⟧"
    assert "⟦show this help message and exit⟧" in argparse.ArgumentParser().format_help()


@pytest.mark.parametrize(
    ("language", "short", "document"),
    [
        ("en", "2023-02-05", "2023-02-05"),
        ("vi", "05/02/2023", "ngày 05 tháng 02 năm 2023"),
        ("lo", "05/02/2023", "ວັນທີ 05 ເດືອນ 02 ປີ 2023"),
    ],
)
def test_dates_follow_the_language(language: str, short: str, document: str) -> None:
    i18n.use(language)
    assert i18n.format_date(dt.date(2023, 2, 5)) == short
    assert i18n.format_date(dt.date(2023, 2, 5), document=True) == document


@pytest.mark.parametrize(
    ("language", "two_years", "year_and_a_half"),
    [
        ("en", "2 years", "1 year, 6 months"),
        ("vi", "2 năm", "1 năm, 6 tháng"),
        ("lo", "2 ປີ", "1 ປີ, 6 ເດືອນ"),
    ],
)
def test_durations_in_words(language: str, two_years: str, year_and_a_half: str) -> None:
    i18n.use(language)
    assert i18n.format_duration(years=2) == two_years
    assert i18n.format_duration(years=1, months=6) == year_and_a_half


@pytest.mark.parametrize("language", ["vi", "lo"])
def test_translations_are_composed_characters(language: str) -> None:
    """Every translation is in NFC: a Vietnamese letter with two marks (ổ) is one character, so
    it takes one cell in a terminal and compares equal to the same word typed in a file."""
    path = catalogs.LOCALE / language / "LC_MESSAGES" / "visits.po"
    with path.open("rb") as po:
        catalog = read_po(po)
    decomposed = [
        message.id
        for message in catalog
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if text and unicodedata.normalize("NFC", text) != text
    ]
    assert decomposed == []

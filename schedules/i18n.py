"""The reader's language: which one, and the words, dates and durations in it.

Messages are English msgids looked up in gettext catalogs (`schedules/locale`, made with
Babel: see `docs/translating.md`). Importing this module costs only the standard library's
gettext; Babel is imported when a duration or a list is first put into words.

Scripts' formats (JSON, check codes, the `severity[code]` prefix) are never translated: they are
built without these functions.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("en", "vi", "lo")
"""The languages a person can choose, English first (the msgids' own)."""

PSEUDO: Final = "qps"
"""A pseudo-language for tests, an ordinary catalog made from the template in which every
message is `⟦message⟧`: English text that reaches a reader without passing through a catalog
stands out. Not offered to users."""

DOMAIN: Final = "visits"
LOCALE_DIR: Final = Path(__file__).with_name("locale")

_LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language named by `VISITS_LANG`, else by the locale variables as gettext reads
    them (the first one set decides; `LANGUAGE` may list several), or None when none names one
    of ours."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("VISITS_LANG", "").strip()
    if chosen:
        return known_language(chosen)
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if not value:
            continue
        for candidate in value.split(":"):
            language = known_language(candidate)
            if language is not None:
                return language
        return None
    return None


def known_language(text: str) -> str | None:
    """`vi`, `vi_VN.UTF-8`, `lo-LA` and the like → the language code, if it is one of ours."""
    code = text.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in LANGUAGES or code == PSEUDO:
        return code
    return None


def choose_language(
    option: str | None = None,
    environ: Mapping[str, str] | None = None,
    remembered: str | None = None,
) -> str:
    """`--lang`, then `VISITS_LANG`, then a language the app remembered, then the locale
    variables, then English."""
    if option:
        language = known_language(option)
        if language is not None:
            return language
    environ = os.environ if environ is None else environ
    if environ.get("VISITS_LANG", "").strip():
        return language_from_environment({"VISITS_LANG": environ["VISITS_LANG"]}) or "en"
    if remembered and known_language(remembered):
        return known_language(remembered) or "en"
    return language_from_environment(environ) or "en"


def lang_option(argv: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` in a command line, read before it is parsed, so
    that the parser's own help and errors are already in that language."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def translations(language: str) -> _gettext.NullTranslations:
    """The catalog of one language (English, and a language without a catalog, translate to
    themselves)."""
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_language = "en"


def use(language: str) -> None:
    """Make `language` the one every later message is put into, in this process.

    The standard library's own strings (argparse's "usage:", "options") are looked up through
    the process-wide gettext domain, so it is pointed at our catalogs too.
    """
    global _active, _active_language
    _active = translations(language)
    _active_language = language
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    # gettext.gettext, which argparse calls, reads the languages from the environment each time
    os.environ["LANGUAGE"] = language


def current() -> str:
    """The language messages are put into now."""
    return _active_language


def _(message: str) -> str:
    """`message` (an English msgid) in the reader's language."""
    return _active.gettext(message)


def N_(message: str) -> str:
    """Marks `message` for the catalogs where it is defined; it is translated where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A short label that means different things in different places (`context` tells which)."""
    return _active.pgettext(context, message)


def format_date(day: dt.date, *, document: bool = False) -> str:
    """A date as people in the reader's language write it: ISO in English, `05/02/2023` in
    Vietnamese and Lao; with `document`, the administrative style of official letters
    (`ngày 05 tháng 02 năm 2023`), which CLDR does not produce."""
    language = _active_language
    if language == "vi":
        if document:
            return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year:04d}"
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if language == "lo":
        if document:
            return f"ວັນທີ {day.day:02d} ເດືອນ {day.month:02d} ປີ {day.year:04d}"
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    return day.isoformat()


def format_duration(years: int = 0, months: int = 0, days: int = 0, weeks: int = 0) -> str:
    """`2 years`, `2 năm`, `1 ປີ 6 ເດືອນ`: a duration in words, by CLDR's units."""
    from babel.lists import format_list
    from babel.units import format_unit

    locale = real_language()
    parts = [
        format_unit(amount, unit, length="long", locale=locale)
        for amount, unit in (
            (years, "duration-year"),
            (months, "duration-month"),
            (weeks, "duration-week"),
            (days, "duration-day"),
        )
        if amount
    ]
    if not parts:
        parts = [format_unit(0, "duration-day", length="long", locale=locale)]
    words = str(format_list(parts, style="unit", locale=locale))
    return f"⟦{words}⟧" if _active_language == PSEUDO else words


def real_language() -> str:
    """The language messages are put into, the pseudo-language counting as English: what CLDR
    data and an HTML `lang` attribute are asked for."""
    return _active_language if _active_language in LANGUAGES else "en"

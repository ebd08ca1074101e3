"""The app's language: chosen at start-up, switched from the palette (or `L`), remembered.

At start-up the order is `--lang`, `VISITS_LANG`, the language last chosen in the app (the user
config file, `schedules.user_config`), the locale variables, English. Switching puts every
message into the new language at once: the screens are composed again, so their labels, tabs,
bindings and footer are drawn anew, and the choice is written to the config file for next time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final, Protocol, runtime_checkable

from schedules import i18n
from schedules.user_config import ConfigProblem, read_user_config

NATIVE_NAMES: Final = {"en": "English", "vi": "Tiếng Việt", "lo": "ພາສາລາວ"}
"""Each language in its own words: whoever switched to a language they cannot read can still
find their own."""


def start_language(
    option: str | None, environ: Mapping[str, str] | None = None
) -> tuple[str, tuple[ConfigProblem, ...]]:
    """The language the app starts in, and what was wrong with the config file (if anything).

    The file is read only when neither `--lang` nor `VISITS_LANG` decides."""
    environ = os.environ if environ is None else environ
    if (option and i18n.known_language(option)) or environ.get("VISITS_LANG", "").strip():
        return i18n.choose_language(option, environ), ()
    config = read_user_config(environ)
    return i18n.choose_language(option, environ, config.language), config.problems


def language_title(language: str) -> str:
    """A palette entry: `Language: Tiếng Việt` (the word "Language" in the current language,
    the name in its own)."""
    return i18n._("Language: {language}").format(language=NATIVE_NAMES[language])


def switcher_title() -> str:
    """The palette entry that offers every language: `Language: English / Tiếng Việt / …`."""
    return i18n._("Language: {language}").format(language=" / ".join(NATIVE_NAMES.values()))


def english_words() -> dict[str, str]:
    """The language entries' titles → English words they are also found by in the palette:
    whatever language the app speaks, "language" finds them."""
    words = {switcher_title(): "language"}
    for language, name in NATIVE_NAMES.items():
        words[language_title(language)] = f"language {name}"
    return words


@runtime_checkable
class LanguageSwitching(Protocol):
    """The app, as the palette sees it (`tui.app.VisitsApp`, which imports the palette)."""

    def action_choose_language(self) -> None: ...

    async def switch_language(self, language: str) -> None: ...

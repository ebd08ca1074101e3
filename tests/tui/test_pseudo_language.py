"""The app's screens in the pseudo-language: every message the app or Textual shows comes out
`⟦…⟧`, so an English word outside the brackets that is not the files' own text was never
marked for translation.

The screens are the ones the snapshot tests show (main screen at both sizes and its tabs, a
form, the help screen, the year, the palette). What counts as the files' text is read from the
example files themselves; ids, check codes, paths and keys stay as they are, as in every
language.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Iterator

import pytest
from textual.color import Color
from textual.screen import ModalScreen
from textual.widgets import Static

from schedules import i18n
from schedules.codes import Code
from tests.paths import ROOT
from tests.schedules.test_cli_languages import unmarked_english
from tests.tui.pilots import settle
from tui.app import VisitsApp

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2024, 6, 1)
CLIPS = "│▕▏┃▌▐…▁▂▃▄▅▆▇█▊▎"
"""What stands after text a panel's edge or a column's width cut: a border, a scrollbar, an
ellipsis or nothing more on the line."""
_WORD = re.compile(r"[A-Za-z]{2,}")
_RUN = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>'
)


@pytest.fixture(autouse=True)
def _pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ("VISITS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    i18n.use(i18n.PSEUDO)
    yield
    i18n.use("en")


def data_words() -> set[str]:
    """The words of the example files (any case: a short label `QT` is shown `qt` too)."""
    words: set[str] = set()
    for path in EXAMPLES.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        words.update(w for word in _WORD.findall(text) for w in (word, word.lower()))
    return words


def screen_lines(app: VisitsApp) -> list[str]:
    """What the terminal shows, line by line (read from Textual's own screenshot)."""
    runs: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for x, line, text in _RUN.findall(app.export_screenshot()):
        runs[int(line)].append((float(x), html.unescape(text).replace("\xa0", " ")))
    return [" ".join(text for _, text in sorted(runs[line])) for line in sorted(runs)]


def shown_english(app: VisitsApp) -> list[str]:
    """The lines of the screen with an English word that no catalog saw."""
    keys = {
        app.get_key_display(active.binding)
        for screen in app.screen_stack
        for active in screen.active_bindings.values()
    }
    contract = {code.value for code in Code}
    data = data_words()
    lines = []
    for line in screen_lines(app):
        words = line.split()
        kept = []
        for index, word in enumerate(words):
            after = next((w for w in words[index + 1 :] if w), "")
            if word.strip("▲✖●·:()") in contract | keys:
                continue  # check codes are contract in every language; keys are as keyboards say
            bare = word.rstrip("…")
            cut = bare != word or not after or after[0] in CLIPS
            if cut and len(bare) > 1 and any(d.startswith(bare) for d in data):
                continue  # file text cut by the panel's edge
            kept.append(word)
        lines.append(" ".join(kept))
    return unmarked_english("\n".join(lines), data)


SCREENS = {
    "main": (),
    "timeline": ("2",),
    "actions": ("3",),
    "rules": ("4",),
    "help": ("question_mark",),
    "visit-form": ("e",),
    "partnership-form": ("i",),
    "year": ("y",),
    "palette": ("ctrl+p",),
}


@pytest.mark.parametrize("size", [(120, 35), (80, 24)], ids=["120x35", "80x24"])
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_no_english_reaches_the_screen_unmarked(
    examples: str, screen: str, size: tuple[int, int]
) -> None:
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in SCREENS[screen]:
            await pilot.press(key)
            await settle(pilot)
        if isinstance(app.screen, ModalScreen):
            # only the dialog: the screen behind it has its own test, and shows through cut
            app.screen.styles.background = Color(0, 0, 0)
            await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "⟦" in shown  # the pseudo-language is on, and the screen drawn
        english = shown_english(app)
        assert english == [], "\n".join(english)


async def test_the_detector_finds_english_that_the_screen_shows(examples: str) -> None:
    """It can fail: an English label put on the screen unmarked is found, beside the file's
    own text, which is not."""
    app = VisitsApp(examples, as_of=AS_OF, follow_disk=False)
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await app.screen.mount(Static("Salavan: unmarked xylophone", id="unmarked"))
        await pilot.pause()
        found = [line for line in shown_english(app) if "Salavan" in line]
        assert found and found[0].startswith("['unmarked', 'xylophone']: ")

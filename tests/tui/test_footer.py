"""The footer: the keys that work where the focus is, what each does, and a click on one
presses it; the palette's key stays on the right however many keys there are."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.widgets import Button

from tui.widgets.footer import Footer


class Keyed(Button):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "extra", "Extra key")]

    def action_extra(self) -> None:
        pass


class Keys(App[None]):
    """Two buttons, one with a key of its own; app keys, one of them doing nothing yet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "count", "Count"),
        Binding("j", "count", "Count too"),  # the same action: shown once, by its first key
        Binding("w", "wait", "Not yet"),
        Binding("h", "hidden", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.counted = 0
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Keyed("two", id="two")
        yield Footer()

    def action_count(self) -> None:
        self.counted += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "wait" else True  # None: shown, but dimmed

    def bell(self) -> None:
        self.bells += 1


def line(app: App[None]) -> str:
    return app.query_one(Footer).render().plain


def column(app: App[None], text: str) -> int:
    """Where `text` starts in the footer's line (a ValueError when it is not there)."""
    return line(app).index(text)


async def test_the_footer_shows_the_keys_where_the_focus_is() -> None:
    app = Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        assert line(app).startswith(" k Count  w Not yet ")
        assert "Extra key" not in line(app)
        assert "Count too" not in line(app) and "Hidden" not in line(app)
        app.query_one("#two").focus()
        await pilot.pause()
        assert " x Extra key " in line(app)
        app.query_one("#one").focus()
        await pilot.pause()
        assert "Extra key" not in line(app)


async def test_a_click_on_a_key_presses_it_and_on_a_dimmed_one_rings_the_bell() -> None:
    app = Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        await pilot.click(Footer, offset=(column(app, "Count"), 0))
        assert app.counted == 1
        footer = app.query_one(Footer)
        waiting = column(app, "Not yet")
        dimmed = [span for span in footer.render().spans if span.start <= waiting < span.end]
        assert dimmed and all(getattr(span.style, "dim", False) for span in dimmed)
        await pilot.click(Footer, offset=(waiting, 0))
        assert (app.counted, app.bells) == (1, 1)
        await pilot.click(Footer, offset=(60, 0))  # between the keys and the palette's
        assert (app.counted, app.bells) == (1, 1)


async def test_the_key_under_the_mouse_is_highlighted() -> None:
    app = Keys()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        await pilot.hover(Footer, offset=(column(app, "Not yet"), 0))
        assert footer.hover == 1
        await pilot.hover(Footer, offset=(60, 0))
        assert footer.hover is None


@pytest.mark.parametrize("width", [100, 30, 12])
async def test_the_palette_key_stays_on_the_right_when_the_keys_do_not_fit(width: int) -> None:
    app = Keys()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        shown = app.query_one(Footer).render()
        assert shown.cell_length == width
        assert shown.plain.endswith("▏^p palette ")
        await pilot.click(Footer, offset=(width - 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)

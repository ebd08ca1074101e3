"""The footer: the keys that work here, each with what it does in the reader's language.

It draws the line Textual's own footer draws, as one widget: Textual's makes a widget for each
key (22 on the main screen, two fifths of its widgets) and makes them all again whenever the
keys change, each change of focus; styling and laying them out was a good part of the time to
the app's first screen, and of every move between the table and the side list.

Bindings are declared once, when their class is made, so their descriptions are English msgids
(`N_("Save")`); the footer translates them each time it is drawn, and so follows a language
switched while the app runs. A click on a key presses it, as in Textual's footer; a key that
does nothing here is dimmed, and a click on it rings the bell.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from schedules.i18n import _


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str
    """What a click on it presses."""
    shown: str
    """The key as drawn (`^s`)."""
    description: str
    """What it does, translated."""
    enabled: bool


class Footer(Widget, can_focus=False):
    """The keys of the focused widget, its screen and the app; the palette's key on the
    right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer--item",
        "footer--key",
        "footer--description",
        "footer--disabled",
        "footer--hover",
        "footer--bar",
    }
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer--item {
            background: $footer-item-background;
        }
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--disabled {
            text-style: dim;
        }
        .footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer--bar {
            color: $foreground 20%;
        }
    }
    """

    hover: reactive[int | None] = reactive(None)
    """The key under the mouse: its place among the keys drawn, the palette's last."""

    def __init__(self) -> None:
        super().__init__()
        self._places: list[tuple[int, int, int]] = []
        """Where each key was drawn: its first column, the one after its last, and its place
        in the keys drawn (the palette's key last)."""
        self._drawn: list[Key] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    # --- what it shows -----------------------------------------------------------------------

    def keys(self) -> tuple[list[Key], Key | None]:
        """The keys shown on the left (the first binding of each action), and the palette's."""
        app = self.app
        palette_binding = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        keys: list[Key] = []
        actions: set[str] = set()
        palette: Key | None = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == palette_binding:
                palette = self._key(binding, enabled)
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(self._key(binding, enabled))
        return keys, palette

    def _key(self, binding: Binding, enabled: bool) -> Key:
        description = _(binding.description) if binding.description else ""
        return Key(binding.key, self.app.get_key_display(binding), description, enabled)

    def render(self) -> Content:
        keys, palette = self.keys()
        places: list[tuple[int, int, int]] = []
        parts: list[Content] = []
        at = 0
        for index, key in enumerate(keys):
            # as Textual draws a key: " ^s " then "Save ", or only the key without a description
            if key.description:
                item = self._item(key, f" {key.shown} ", f"{key.description} ", index)
            else:
                item = self._item(key, key.shown, "", index)
            places.append((at, at + item.cell_length, index))
            parts.append(item)
            at += item.cell_length
        line = Content("").join(parts)
        drawn = list(keys)
        if palette is not None:
            # the palette's key on the right, after a bar, drawn compact: "▏^p palette "
            bar = Content.styled("▏", self.get_visual_style("footer--bar"))
            item = self._item(palette, palette.shown, f" {palette.description} ", len(keys))
            room = max(0, self.size.width - 1 - item.cell_length)
            line = line.truncate(room, pad=True) + bar + item
            places = [
                (start, min(end, room), index) for start, end, index in places if start < room
            ]
            places.append((room + 1, room + 1 + item.cell_length, len(keys)))
            drawn.append(palette)
        self._places, self._drawn = places, drawn
        return line

    def _item(self, key: Key, shown: str, description: str, index: int) -> Content:
        look = ["footer--item"]
        if not key.enabled:
            look.append("footer--disabled")
        if index == self.hover:
            look.append("footer--hover")
        return Content.assemble(
            (shown, self.get_visual_style(*look, "footer--key")),
            (description, self.get_visual_style(*look, "footer--description")),
        )

    # --- the mouse ---------------------------------------------------------------------------

    def _place(self, x: int) -> int | None:
        return next((index for start, end, index in self._places if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._place(event.x)

    def on_leave(self) -> None:
        self.hover = None

    def on_click(self, event: events.Click) -> None:
        index = self._place(event.x)
        if index is None:
            return
        event.stop()
        key = self._drawn[index]
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

"""The footer, with each key's description in the reader's language.

Bindings are declared once, when their class is made, so their descriptions are English msgids
(`N_("Save")`); the footer translates them each time it is drawn, and so follows a language
switched while the app runs. Textual's own footer composes its keys again whenever the
bindings may have changed (each change of focus); this one only when the keys it shows did.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual import widgets
from textual.app import ComposeResult
from textual.screen import Screen

from schedules.i18n import _


@runtime_checkable
class _Described(Protocol):
    """A key of the footer (Textual's FooterKey, which is not public)."""

    description: str


class Footer(widgets.Footer):
    _shown: object = None
    """What the keys were last composed from."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self.children:
            self._bindings_ready = True
            return  # the same keys: composing them again would only cost time
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # composed again (after the next refresh) from these

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, _Described) and widget.description:
                widget.description = _(widget.description)
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)
            yield widget

"""The footer, with each key's description in the reader's language.

Bindings are declared once, when their class is made, so their descriptions are English msgids
(`N_("Save")`); the footer translates them each time it is drawn, and so follows a language
switched while the app runs. Textual's own footer is otherwise unchanged.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual import widgets
from textual.app import ComposeResult

from schedules.i18n import _


@runtime_checkable
class _Described(Protocol):
    """A key of the footer (Textual's FooterKey, which is not public)."""

    description: str


class Footer(widgets.Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, _Described) and widget.description:
                widget.description = _(widget.description)
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)
            yield widget

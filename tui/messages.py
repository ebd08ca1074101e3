"""Messages the widgets post up to the screen; the screen decides what happens."""

from __future__ import annotations

from textual.message import Message

from schedules import Diagnostic


class PartnershipChosen(Message):
    """A partnership (file) was highlighted in the side list."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PartnershipChosen)


class VisitHighlighted(Message):
    """The cursor moved onto a visit (None: no visit)."""

    def __init__(self, visit_id: str | None) -> None:
        super().__init__()
        self.visit_id = visit_id

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, VisitHighlighted)


class VisitChosen(Message):
    """A visit was chosen (enter or double click): edit it."""

    def __init__(self, visit_id: str) -> None:
        super().__init__()
        self.visit_id = visit_id


class ActionHighlighted(Message):
    def __init__(self, action_id: str | None) -> None:
        super().__init__()
        self.action_id = action_id

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ActionHighlighted)


class DiagnosticChosen(Message):
    """A diagnostic was selected: go to what it is about."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__()
        self.diagnostic = diagnostic

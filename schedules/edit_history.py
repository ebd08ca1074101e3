"""The undo history of one schedule being edited: every text state since the file was loaded
or saved (they share all unchanged pieces), so that undo goes back exactly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from schedules.textedit.schedule_text import ScheduleText


@dataclass(frozen=True, slots=True)
class TextState:
    """One text state and the data it reads as (never changed in place)."""

    text: ScheduleText
    data: dict[str, Any]


class History:
    """The text states in order, the one shown, and the one last loaded or saved."""

    def __init__(self, first: TextState) -> None:
        self._states = [first]
        self._at = 0
        self.saved: TextState | None = first

    @property
    def current(self) -> TextState:
        return self._states[self._at]

    def push(self, state: TextState) -> None:
        """A new state after the current one; the states that were undone are dropped."""
        del self._states[self._at + 1 :]
        self._states.append(state)
        self._at += 1

    def saved_now(self) -> None:
        """The current state is what the file holds: nothing to undo or redo before it."""
        state = self.current
        self._states = [state]
        self._at = 0
        self.saved = state

    @property
    def can_undo(self) -> bool:
        return self._at > 0

    @property
    def can_redo(self) -> bool:
        return self._at + 1 < len(self._states)

    def undo(self) -> bool:
        """Go back one edit; False when there is none since the file was loaded or saved."""
        if not self.can_undo:
            return False
        self._at -= 1
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self._at += 1
        return True

    @contextmanager
    def one_step(self) -> Iterator[None]:
        """The edits made inside are one step for undo, and all or nothing."""
        start = self._at
        try:
            yield
        except BaseException:
            del self._states[start + 1 :]
            self._at = start
            raise
        if self._at > start + 1:
            last = self._states[self._at]
            del self._states[start + 1 :]
            self._states.append(last)
            self._at = start + 1

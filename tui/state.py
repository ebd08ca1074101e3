"""What the widgets show about one file; the open files themselves are `schedules.session`'s."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schedules import Diagnostic, Document
from schedules.planning import NextVisit
from schedules.session import Checks, OpenFile
from schedules.tables import Schedule

__all__ = ["Checks", "OpenFile", "PartnershipView"]


@dataclass(frozen=True)
class PartnershipView:
    """What the widgets show about one file: handed down to them as one value."""

    path: str
    document: Document
    diagnostics: tuple[Diagnostic, ...]
    next_visits: tuple[NextVisit, ...]
    as_of: dt.date
    generation: int = 0
    """Changes whenever the documents or the checks do: widgets redraw only then."""
    dirty: bool = False
    editable: bool = False
    checked: bool = True
    """The checks (`diagnostics`, `next_visits`) are in: False while the files are first
    checked, after they are shown."""

    @property
    def schedule(self) -> Schedule | None:
        return self.document.schedule

    def about_visit(self, visit_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.visit == visit_id]

    def about_action(self, action_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.action == action_id]

    def about_rule(self, rule_id: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.rule == rule_id]

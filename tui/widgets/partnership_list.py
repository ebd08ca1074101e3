"""Every open partnership with its state at a glance: errors, warnings, the next visit due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from schedules import Schedule
from schedules.planning import NextVisit
from tui.messages import PartnershipChosen
from tui.widgets.labels import clean, party_tag, plain


@dataclass(frozen=True)
class PartnershipEntry:
    path: str
    title: str
    errors: int
    warnings: int
    input_error: bool
    dirty: bool
    next_due: Text


def next_due(schedule: Schedule | None, plans: Sequence[NextVisit]) -> Text:
    """The most pressing next visit: overdue, then due and unplanned, then planned."""
    if schedule is None:
        return Text("")
    overdue = [p for p in plans if p.state == "overdue" and p.deadline is not None]
    if overdue:
        plan = min(overdue, key=lambda p: p.deadline or dt.date.max)
        host = f"{party_tag(schedule, plan.host).strip()} " if plan.host else ""
        return Text(f"overdue: {host}by {plan.deadline}", style="red")
    waiting = [p for p in plans if p.state == "nothing planned" and p.deadline is not None]
    if waiting:
        plan = min(waiting, key=lambda p: p.deadline or dt.date.max)
        host = f"{party_tag(schedule, plan.host).strip()} " if plan.host else ""
        return Text(f"next: {host}by {plan.deadline}", style="yellow")
    planned = [p for p in plans if p.state == "planned" and p.planned]
    if planned:
        visit = schedule.visit(planned[0].planned or "")
        text = Text("planned: ", style="green")
        text.append_text(plain(visit.dates_text() if visit else planned[0].planned))
        return text
    return Text("nothing due", style="dim")


def entry_prompt(entry: PartnershipEntry) -> Text:
    prompt = Text()
    if entry.dirty:
        prompt.append("● ", style="bold magenta")
    prompt.append(clean(entry.title), style="bold")
    prompt.append("\n  ")
    if entry.input_error:
        prompt.append("✖ input errors", style="bold red")
    else:
        prompt.append(f"✖ {entry.errors}", style="bold red" if entry.errors else "dim")
        prompt.append(" ")
        prompt.append(f"▲ {entry.warnings}", style="bold yellow" if entry.warnings else "dim")
        prompt.append(" ")
        prompt.append_text(entry.next_due)
    return prompt


class PartnershipList(OptionList):
    """The side list; highlighting a partnership posts `PartnershipChosen`."""

    entries: reactive[tuple[PartnershipEntry, ...]] = reactive((), always_update=True)
    current: reactive[str | None] = reactive(None)

    def watch_entries(self) -> None:
        self._fill()

    def _fill(self) -> None:
        current = self.current
        self.set_options(Option(entry_prompt(entry), id=entry.path) for entry in self.entries)
        if current is not None:
            self._highlight(current)
        self.border_title = f"Partnerships ({len(self.entries)})"

    def watch_current(self, current: str | None) -> None:
        if current is not None:
            self._highlight(current)

    def _highlight(self, path: str) -> None:
        try:
            index = self.get_option_index(path)
        except OptionDoesNotExist:
            return
        if self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and event.option.id != self.current:
            self.current = event.option.id
            self.post_message(PartnershipChosen(event.option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(PartnershipChosen(event.option.id))

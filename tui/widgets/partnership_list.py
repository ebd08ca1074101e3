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
from tui.widgets.labels import clean, dates, plain


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
    """The most pressing next visit: overdue, then planned too late, then due and unplanned,
    then planned; marked when it continues the rotation of an agreement that has ended."""
    if schedule is None:
        return Text("")
    text = _most_pressing(schedule, plans)
    lapsed = next((p.lapsed_since for p in plans if p.lapsed_since is not None), None)
    if lapsed is not None:
        text.append(f" · no memorandum since {lapsed}", style="dim")
    return text


def _most_pressing(schedule: Schedule, plans: Sequence[NextVisit]) -> Text:
    def host(plan: NextVisit) -> Text:
        # the party's own label (`short`, else its name): never invented initials that clash
        return plain(f"{schedule.party_label(plan.host)} " if plan.host else "")

    def earliest_deadline(state: str) -> NextVisit | None:
        found = [p for p in plans if p.state == state and p.deadline is not None]
        return min(found, key=lambda p: p.deadline or dt.date.max) if found else None

    plan = earliest_deadline("overdue")
    if plan is not None:
        return Text.assemble(("overdue: ", "red"), host(plan), (f"by {plan.deadline}", "red"))
    plan = earliest_deadline("late")
    if plan is not None:
        text = Text("late: ", style="bold yellow")
        text.append_text(_planned_dates(schedule, plan))
        text.append(f", due by {plan.deadline}", style="yellow")
        return text
    plan = earliest_deadline("nothing planned")
    if plan is not None:
        return Text.assemble(("next: ", "yellow"), host(plan), (f"by {plan.deadline}", "yellow"))
    planned = [p for p in plans if p.state == "planned" and p.planned]
    if planned:
        text = Text("planned: ", style="green")
        text.append_text(_planned_dates(schedule, planned[0]))
        return text
    return Text("nothing due", style="dim")


def _planned_dates(schedule: Schedule, plan: NextVisit) -> Text:
    """The planned visit's dates, short (`2018-07-05..07`) so that a narrow list does not
    break them in two."""
    visit = schedule.visit(plan.planned or "")
    return plain(dates(visit) if visit is not None else plan.planned)


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
        prompt.append("\n  ")
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

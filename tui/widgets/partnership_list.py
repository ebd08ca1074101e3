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

from schedules.i18n import _, pgettext
from schedules.planning import NextVisit
from schedules.tables import Schedule
from schedules.words import state_text
from tui.messages import PartnershipChosen
from tui.widgets.labels import clean, dates, day_text, plain


@dataclass(frozen=True)
class PartnershipEntry:
    path: str
    title: str
    errors: int
    warnings: int
    input_error: bool
    dirty: bool
    next_due: Text
    checked: bool = True
    """The counts and the next visit due are known (False until the first checks are in)."""


def next_due(schedule: Schedule | None, plans: Sequence[NextVisit]) -> Text:
    """The most pressing next visit, short enough for the side list of an 80-column screen:
    overdue, then planned too late, then due and unplanned, then planned; marked when it
    continues the rotation of an agreement that has ended (no memorandum in force)."""
    if schedule is None:
        return Text("")
    text = _most_pressing(schedule, plans)
    if any(plan.lapsed_since is not None for plan in plans):
        text.append(" " + _("(no memorandum)"), style="dim")
    return text


def _most_pressing(schedule: Schedule, plans: Sequence[NextVisit]) -> Text:
    def by(plan: NextVisit, style: str) -> Text:
        # a host's own `short` label only: names are too long here, and initials made up
        # from ids clash (Sơn La's "SL" beside Salavan's "SL")
        party = schedule.parties.get(plan.host or "")
        text = plain(f" {party.short}" if party is not None and party.short else "", style)
        text.append(" " + _("by {day}").format(day=day_text(plan.deadline)), style=style)
        return text

    def earliest_deadline(state: str) -> NextVisit | None:
        found = [p for p in plans if p.state == state and p.deadline is not None]
        return min(found, key=lambda p: p.deadline or dt.date.max) if found else None

    plan = earliest_deadline("overdue")
    if plan is not None:
        return Text.assemble((state_text("overdue"), "red"), by(plan, "red"))
    plan = earliest_deadline("late")
    if plan is not None:
        late = _("late: due {day}").format(day=day_text(plan.deadline))
        return Text(late, style="bold yellow")
    plan = earliest_deadline("nothing planned")
    if plan is not None:
        return Text.assemble((pgettext("next visit", "next"), "yellow"), by(plan, "yellow"))
    planned = [p for p in plans if p.state == "planned" and p.planned]
    if planned:
        visit = schedule.visit(planned[0].planned or "")
        text = Text(_("planned:") + " ", style="green")
        # short dates (2018-07-05..07), so that a narrow list does not break them in two
        text.append_text(plain(dates(visit) if visit is not None else planned[0].planned))
        return text
    return Text(_("nothing due"), style="dim")


def entry_prompt(entry: PartnershipEntry) -> Text:
    prompt = Text()
    if entry.dirty:
        prompt.append("● ", style="bold magenta")
    prompt.append(clean(entry.title), style="bold")
    prompt.append("\n  ")
    if entry.input_error:
        prompt.append("✖ " + _("input errors"), style="bold red")
    elif not entry.checked:
        prompt.append(_("checking…"), style="dim italic")
    else:
        prompt.append(f"✖ {entry.errors}", style="bold red" if entry.errors else "dim")
        prompt.append(" ")
        prompt.append(f"▲ {entry.warnings}", style="bold yellow" if entry.warnings else "dim")
        # on a line of its own, unindented: "overdue by 2020-04-09" fits 80 columns' list
        prompt.append("\n")
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
        self.border_title = _("Partnerships ({count})").format(count=len(self.entries))

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

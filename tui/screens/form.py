"""What every form shares: a scrolling body of labelled fields, Save/Cancel, errors in words.

A field's `Validator`s check it as you type; `FormScreen.action_save` checks everything again
(the validators and the form's own cross-field checks) and dismisses only when all pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import ClassVar, Generic, TypeAlias, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical, VerticalGroup, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch

from schedules import PartialDate, Schedule
from schedules.dates import VisitDates as DomainVisitDates
from schedules.dates import parse_day as parse_day
from schedules.model import SLUG_PATTERN
from tui.widgets.footer import Footer

ResultT = TypeVar("ResultT")
CssPaths: TypeAlias = str | PurePath | list[str | PurePath] | None
"""What `Screen.CSS_PATH` takes; each form lists form.tcss and its own file."""

Problem = tuple[Widget, str]
"""A widget to focus and what is wrong with its value, in words."""


def literal(text: str) -> Text:
    """Text from a file or a person, shown as written (never parsed as markup)."""
    return Text(text)


# --- checks on one value ---------------------------------------------------------------------


class Check(Validator):
    """A validator from a function that returns what is wrong with a value, or None."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule

    def validate(self, value: str) -> ValidationResult:
        message = self.rule(value)
        return self.success() if message is None else self.failure(message, value)


def visit_select(schedule: Schedule, chosen: str | None, prompt: str) -> Select[str]:
    """An optional choice of one of the schedule's visits (id and title), `chosen` if it exists."""
    known = {visit.id for visit in schedule.visits}
    return Select(
        [(literal(f"{v.id}: {v.title}" if v.title else v.id), v.id) for v in schedule.visits],
        value=chosen if chosen in known else Select.NULL,
        prompt=prompt,
        compact=True,
        id="visit",
    )


def required(what: str) -> Callable[[str], str | None]:
    def rule(value: str) -> str | None:
        return f"{what} is required" if not value.strip() else None

    return rule


_SLUG = re.compile(SLUG_PATTERN)


def slug(value: str) -> str | None:
    if value and _SLUG.match(value) is None:
        return 'use lowercase letters, digits and "-" only (like "talks" or "working-visit")'
    return None


def day_or_blank(value: str) -> str | None:
    """For an optional date field: blank, or a full date."""
    if not value.strip():
        return None
    try:
        parse_day(value)
    except ValueError as error:
        return str(error)
    return None


class VisitDates(DomainVisitDates):
    """The dates field of a visit (parsed by the domain), described in words."""

    def describe(self) -> str:
        """In words, so that the one field is never ambiguous."""
        if self.when is not None:
            partial = PartialDate.parse(self.when)
            return (
                f"Not fixed yet: some time in {self.when} "
                f"({_long(partial.first)} to {_long(partial.last)})"
            )
        assert self.start is not None
        end = self.end or self.start
        if end == self.start:
            return f"Exact: {_long(self.start)} (one day)"
        days = (end - self.start).days + 1
        return f"Exact: {_long(self.start)} to {_long(end)} ({days} days)"


def _long(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def pydantic_problems(
    error: ValidationError, widgets: dict[str, Widget], fallback: Widget
) -> list[Problem]:
    """The model's own verdict, as a last safety net behind the field checks."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        key = str(item["loc"][0]) if item["loc"] else ""
        where = ".".join(str(part) for part in item["loc"])
        problems.append((widgets.get(key, fallback), f"{where}: {item['msg']}"))
    return problems


# --- layout ----------------------------------------------------------------------------------


class FieldRow(VerticalGroup):
    """A label and its control on one line; the control's problem (if any) below it."""

    def __init__(
        self, label: str, *controls: Widget, hint: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="field")
        self.label = label
        self.controls = controls
        self.hint = hint

    def compose(self) -> ComposeResult:
        with HorizontalGroup(classes="field-line"):
            yield Label(self.label, classes="field-label")
            with VerticalGroup(classes="field-control"):
                yield from self.controls
        yield Static(
            literal(self.hint or ""), classes="field-hint" + ("" if self.hint else " -empty")
        )
        yield Static(classes="field-error -empty")

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".field-error", Static)
        error.update(literal(f"✗ {message}" if message else ""))
        error.set_class(not message, "-empty")
        self.set_class(bool(message), "-invalid")

    def show_hint(self, hint: str) -> None:
        widget = self.query_one(".field-hint", Static)
        widget.update(literal(hint))
        widget.set_class(not hint, "-empty")


class FormScreen(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal form: a heading, a scrolling body, a line of problems, Save and Cancel."""

    CSS_PATH: ClassVar[CssPaths] = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    heading: str = ""
    save_label: str = "Save"
    _initial: tuple[object, ...] | None = None
    """What the form showed once it was filled in, to tell whether anything was changed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.heading), id="heading")
            with VerticalScroll(id="body", can_focus=False):
                yield from self.compose_fields()
            with VerticalGroup(id="actions"):
                yield Static(id="problems", classes="-empty")
                with HorizontalGroup(id="buttons"):
                    yield Button(self.save_label, variant="primary", id="save")
                    yield Button("Cancel", id="cancel")
        yield Footer()

    def compose_fields(self) -> ComposeResult:
        """The form's fields; `FieldRow`s for single controls."""
        yield from ()

    def problems(self) -> list[Problem]:
        """Everything wrong with the form, in the order of its fields (beyond the validators)."""
        return []

    def result(self) -> ResultT:
        """What the form gives back (TOML keys and values); called when nothing is wrong."""
        raise NotImplementedError

    # --- checking ------------------------------------------------------------------------

    def validator_problems(self) -> list[Problem]:
        """Every Input's validators, run again on its current value."""
        found: list[Problem] = []
        for field in self.query(Input):
            outcome = field.validate(field.value)
            if outcome is not None and not outcome.is_valid:
                found.append((field, outcome.failure_descriptions[0]))
        return found

    def all_problems(self) -> list[Problem]:
        found = self.validator_problems() + self.problems()
        order = {widget: index for index, widget in enumerate(self.query("*"))}
        seen: set[Widget] = set()
        unique: list[Problem] = []
        for widget, message in sorted(found, key=lambda item: order.get(item[0], len(order))):
            if widget not in seen:
                seen.add(widget)
                unique.append((widget, message))
        return unique

    def show_error(self, widget: Widget, message: str | None) -> None:
        """Show `message` (or clear it) where `widget`'s problems are shown."""
        for ancestor in widget.ancestors_with_self:
            if isinstance(ancestor, FieldRow | ProblemHolder):
                ancestor.show_error(message)
                return

    def clear_errors(self) -> None:
        for row in self.query(FieldRow):
            row.show_error(None)
        for holder in self.query(ProblemHolder):
            holder.show_error(None)
        self.show_summary([])

    def show_summary(self, problems: list[Problem]) -> None:
        summary = self.query_one("#problems", Static)
        if not problems:
            summary.update("")
            summary.add_class("-empty")
            return
        summary.update(literal(self.summary_text(len(problems), problems[0][1])))
        summary.remove_class("-empty")

    def summary_text(self, count: int, first: str) -> str:
        """The line under the form once Save found problems."""
        counted = "1 problem" if count == 1 else f"{count} problems"
        return f"Not saved, {counted} to fix: {first}"

    def refresh_summary(self) -> None:
        """Once shown, the summary follows the problems still shown at the fields (as they
        are fixed, it counts down and goes)."""
        summary = self.query_one("#problems", Static)
        if summary.has_class("-empty"):
            return
        shown: list[Problem] = []
        for holder in self.query(".-invalid"):
            if isinstance(holder, FieldRow):
                error = holder.query_one(".field-error", Static)
            elif isinstance(holder, ProblemHolder):
                error = holder.query_one(".row-error", Static)
            else:
                continue
            shown.append((holder, str(error.render()).removeprefix("✗ ")))
        self.show_summary(shown)

    def check_all(self) -> list[Problem]:
        """Check everything, show every problem where it is, and return them."""
        self.clear_errors()
        problems = self.all_problems()
        for widget, message in problems:
            self.show_error(widget, message)
        self.show_summary(problems)
        return problems

    # --- events and actions -------------------------------------------------------------

    @on(Input.Changed)
    @on(Input.Blurred)
    def _check_as_typed(self, event: Input.Changed | Input.Blurred) -> None:
        outcome = event.validation_result
        if outcome is not None:
            self.show_error(
                event.input, None if outcome.is_valid else outcome.failure_descriptions[0]
            )
        elif isinstance(event, Input.Changed):
            self.show_error(event.input, None)  # changed since Save found it wrong: re-checked then
        if isinstance(event, Input.Blurred):
            event.input.cursor_position = 0  # show a long value from its start again
        self.refresh_summary()

    @on(Input.Submitted)
    def _submit_on_enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        problems = self.check_all()
        if problems:
            widget = problems[0][0]
            if widget.focusable:
                widget.focus()
            else:
                widget.scroll_visible()
            return
        self.dismiss(self.result())

    def on_mount(self) -> None:
        """Runs after the subclass's own `on_mount` (Textual calls each class's handler, the
        subclass's first), so the values remembered are the filled-in form's."""
        self._initial = self.shown_values()

    def shown_values(self) -> tuple[object, ...]:
        """Every value the form shows, and how many list rows it has."""
        values: list[object] = []
        for widget in self.query("*"):
            if isinstance(widget, Input | Select | Switch):
                values.append((widget.id, widget.value))
            elif isinstance(widget, SelectionList):
                values.append((widget.id, tuple(widget.selected)))
            elif isinstance(widget, ProblemHolder):
                values.append(type(widget).__name__)
        return tuple(values)

    @property
    def changed(self) -> bool:
        return self._initial is not None and self.shown_values() != self._initial

    def action_cancel(self) -> None:
        """Close the form; with changes typed in, ask first."""
        if not self.changed:
            self.dismiss(None)
            return
        from tui.screens.dialogs import ConfirmDialog  # dialogs builds on this module

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Discard changes?",
                "You changed this form. Close it and lose what you typed?",
                [("Keep editing", "keep"), ("Discard changes", "discard")],
            ),
            answered,
        )


class ProblemHolder(VerticalGroup):
    """A group of controls (a list row) that shows its own problem below them."""

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".row-error", Static)
        error.update(literal(f"✗ {message}" if message else ""))
        error.set_class(not message, "-empty")
        self.set_class(bool(message), "-invalid")


def select_value(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


def party_options(
    parties: Iterable[tuple[str, str]],
) -> list[tuple[Text, str]]:
    """(label, id) pairs as Select options, labels shown literally."""
    return [(literal(label), ident) for ident, label in parties]


def first_free(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"

"""What every form shares: a scrolling body of labelled fields, Save/Cancel, errors in words.

A field's `Validator`s check it as you type; `FormScreen.action_save` checks everything again
(the validators and the form's own cross-field checks) and dismisses only when all pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, ClassVar, Generic, TypeAlias, TypeVar

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical, VerticalGroup, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch

from schedules.drafts import DraftProblem
from schedules.i18n import N_, _, ngettext
from tui.screens.checks import Check, day_or_blank, required, whole_number
from tui.widgets.footer import Footer

ResultT = TypeVar("ResultT")
CssPaths: TypeAlias = str | PurePath | list[str | PurePath] | None
"""What `Screen.CSS_PATH` takes; each form lists form.tcss and its own file."""

Problem = tuple[Widget, str]
"""A widget to focus and what is wrong with its value, in words."""


def literal(text: str) -> Text:
    """Text from a file or a person, shown as written (never parsed as markup)."""
    return Text(text)


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


def text_field(
    label: str,
    value: str | None,
    ident: str,
    placeholder: str,
    *checks: Check,
    hint: str | None = None,
    suggester: Suggester | None = None,
) -> FieldRow:
    """A labelled one-line field (`ident`: its widget's id, the TOML key where it can be)."""
    field = Input(
        value or "",
        placeholder=placeholder,
        compact=True,
        id=ident,
        validators=list(checks),
        suggester=suggester,
    )
    return FieldRow(label, field, hint=hint)


@dataclass(frozen=True)
class TextField:
    """A one-line field as data, for a form whose fields differ only in their words: its
    widget's id, label and placeholder (msgids, put into words when shown), its TOML key when
    that is not its id, and its checks."""

    ident: str
    label: str
    placeholder: str
    required: str | None = None
    """What the field is, in words (`N_("the id")`), when it must be filled in."""
    day: bool = False
    """It holds a full date (`2025-07-05`)."""
    whole: bool = False
    """It holds a whole number."""
    key: str | None = None

    def row(self, value: str | None, *checks: Check, hint: str | None = None) -> FieldRow:
        """The field, showing `value`, with its own checks and `checks`."""
        own = [Check(required(_(self.required)))] if self.required else []
        own += [Check(day_or_blank)] if self.day else []
        own += [Check(whole_number)] if self.whole else []
        placeholder = _(self.placeholder) if self.placeholder else ""  # _("") is the header
        return text_field(_(self.label), value, self.ident, placeholder, *own, *checks, hint=hint)


def text_rows(fields: Iterable[TextField], value: Callable[[str], str | None]) -> ComposeResult:
    """Each field as a row, showing `value(key)`."""
    for field in fields:
        yield field.row(value(field.key or field.ident))


def value_of(screen: Screen[Any], ident: str) -> str:
    """The text of the field `ident`, trimmed."""
    return screen.query_one(f"#{ident}", Input).value.strip()


def draft_problems(screen: Screen[Any], found: list[DraftProblem]) -> list[Problem]:
    """The domain's problems, shown at the field of their key."""
    problems: list[Problem] = []
    for problem in found:
        widgets = list(screen.query(f"#{problem.key}"))
        if widgets:
            problems.append((widgets[0], problem.message))
    return problems


class FormScreen(ModalScreen[ResultT | None], Generic[ResultT]):
    """A modal form: a heading, a scrolling body, a line of problems, Save and Cancel."""

    CSS_PATH: ClassVar[CssPaths] = "form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
    ]

    heading: str = ""
    save_label: str | None = None
    """The Save button's words, when they are not "Save" (already in the reader's language)."""
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
                    yield Button(self.save_label or _("Save"), variant="primary", id="save")
                    yield Button(_("Cancel"), id="cancel")
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

    def model_problems(
        self, model: type[BaseModel], table: Mapping[str, Any], fields: Mapping[str, str]
    ) -> list[Problem]:
        """The model's own verdict on `table`, a last safety net behind the field checks, shown
        at the field of each key (`fields`: TOML key → widget id; the first is the fallback)."""
        try:
            model.model_validate(table)
        except ValidationError as error:
            widgets = {key: self.query_one(f"#{ident}") for key, ident in fields.items()}
            return pydantic_problems(error, widgets, next(iter(widgets.values())))
        return []

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
        return ngettext(
            "Not saved, {count} problem to fix: {first}",
            "Not saved, {count} problems to fix: {first}",
            count,
        ).format(count=count, first=first)

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
                _("Discard changes?"),
                _("You changed this form. Close it and lose what you typed?"),
                [(_("Keep editing"), "keep"), (_("Discard changes"), "discard")],
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

"""Small questions: a choice among buttons, and where to save a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from schedules.i18n import N_, _
from tui.screens.checks import Check, required
from tui.screens.form import CssPaths, FieldRow, FormScreen, Problem, literal
from tui.widgets.footer import Footer

BUTTON_MIN_WIDTH = 16
"""Textual's `Button { min-width: 16 }`."""
BUTTON_CHROME = 4
"""A button's border and line padding, each side: its width is its label's plus this."""
DIALOG_CHROME = 4
"""The dialog's border and padding."""
DIALOG_MIN_WIDTH = 64


def button_width(label: str) -> int:
    return max(BUTTON_MIN_WIDTH, cell_len(label) + BUTTON_CHROME)


def dialog_fit(labels: Sequence[str], screen_width: int) -> tuple[int, int]:
    """The dialog's width for these buttons on a screen this wide, and how many buttons go in
    a row: all of them when they fit, else as many equal columns as fit (no label is cut)."""
    room = max(screen_width - 2, 20)
    row = sum(button_width(label) + 1 for label in labels)  # each with its left margin
    if row + DIALOG_CHROME <= room:
        return max(DIALOG_MIN_WIDTH, row + DIALOG_CHROME), len(labels)
    widest = max(button_width(label) for label in labels) + 1
    columns = max(1, min(len(labels) - 1, (room - DIALOG_CHROME) // widest))
    return min(room, max(DIALOG_MIN_WIDTH, columns * widest + DIALOG_CHROME)), columns


class ConfirmDialog(ModalScreen[str | None]):
    """A question answered by one of `choices` (label, value); escape answers None.

    `title` and `message` are shown literally (a file name with brackets stays as it is);
    pass `rich.text.Text` for styled text. The dialog is as wide as its buttons need, and
    stacks them when a row of them would not fit the screen.
    """

    CSS_PATH: ClassVar[CssPaths] = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel"),
    ]

    def __init__(
        self, title: str | Text, message: str | Text, choices: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__()
        self.question_title = literal(title) if isinstance(title, str) else title
        self.message = literal(message) if isinstance(message, str) else message
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question_title, id="heading")
            yield Static(self.message, id="message")
            with HorizontalGroup(id="buttons"):
                for index, (label, _value) in enumerate(self.choices):
                    yield Button(
                        literal(label),
                        variant="primary" if index == 0 else "default",
                        id=f"choice-{index}",
                    )
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, screen_width: int) -> None:
        width, columns = dialog_fit([label for label, _value in self.choices], screen_width)
        self.query_one("#dialog").styles.width = width
        buttons = self.query_one("#buttons")
        buttons.set_class(columns < len(self.choices), "-stacked")
        buttons.styles.grid_size_columns = columns

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        index = int((event.button.id or "choice-0").removeprefix("choice-"))
        self.dismiss(self.choices[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class SaveAsDialog(FormScreen[Path]):
    """A path to save to, starting from `suggested`; replacing a file asks for a second Save."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "dialogs.tcss"]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested
        self.heading = _("Save as")
        self.confirmed: Path | None = None

    def compose_fields(self) -> ComposeResult:
        yield FieldRow(
            _("File"),
            Input(
                str(self.suggested),
                compact=True,
                id="path",
                validators=[Check(required(_("the file name"))), Check(self.path_problem)],
            ),
            hint=self.replace_hint(str(self.suggested)),
        )

    @staticmethod
    def path_of(value: str) -> Path:
        return Path(value.strip()).expanduser()

    def path_problem(self, value: str) -> str | None:
        if not value.strip():
            return None
        path = self.path_of(value)
        if path.is_dir():
            return _("{path} is a folder: add a file name, like {example}").format(
                path=path, example=path / "partnership.toml"
            )
        if path.suffix != ".toml":
            return _("end the name with .toml, so that `visits check` finds it in a folder")
        if not path.parent.is_dir():
            return _("there is no folder {folder}").format(folder=path.parent)
        return None

    @staticmethod
    def replace_hint(value: str) -> str:
        path = SaveAsDialog.path_of(value) if value.strip() else None
        if path is not None and path.is_file():
            return _("A file of this name exists: Save twice to replace it.")
        return ""

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        self.confirmed = None
        self.query_one(FieldRow).show_hint(self.replace_hint(event.value))

    def problems(self) -> list[Problem]:
        field = self.query_one("#path", Input)
        if self.path_problem(field.value) is not None or not field.value.strip():
            return []  # the validators say why
        path = self.path_of(field.value)
        if path.is_file() and self.confirmed != path:
            self.confirmed = path
            return [
                (field, _("{name} exists: press Save again to replace it").format(name=path.name))
            ]
        return []

    def result(self) -> Path:
        return self.path_of(self.query_one("#path", Input).value)

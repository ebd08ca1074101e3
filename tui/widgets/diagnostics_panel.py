"""The results of `visits check` on the open files, live; choosing one goes to what it is about."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from schedules import Diagnostic, Severity
from schedules.i18n import _, format_date, ngettext
from tui.messages import DiagnosticChosen
from tui.state import Checks
from tui.widgets.labels import clean, plain, severity_text, waived_text


def diagnostic_prompt(diagnostic: Diagnostic) -> Text:
    """`✖ interval  file.toml:57  message` (the message wraps; waived ones are dimmed)."""
    d = diagnostic
    prompt = severity_text(d)
    code_style = (
        "dim" if d.waived else ("bold red" if d.severity is Severity.ERROR else "bold yellow")
    )
    prompt.append(f" {d.code}", style=code_style)
    where = Path(d.path).name + (f":{d.line}" if d.line is not None else "")
    prompt.append(" ")
    prompt.append(clean(where), style="dim")
    prompt.append(" ")
    prompt.append_text(plain(d.text, "dim" if d.waived else ""))
    if d.waived:
        prompt.append_text(waived_text(d))
    return prompt


class DiagnosticsPanel(OptionList):
    """One entry per diagnostic, in the order `visits check` prints them."""

    checks: reactive[Checks | None] = reactive(None, always_update=True)
    checking: reactive[bool] = reactive(False)
    only: str | None = None
    """Show only the diagnostics of this file (the selected partnership); None: all."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._diagnostics: tuple[Diagnostic, ...] = ()
        self._made: list[Option] = []
        """The option of each diagnostic."""

    @property
    def diagnostic(self) -> Diagnostic | None:
        """The diagnostic under the cursor."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._diagnostics):
            return None
        return self._diagnostics[index]

    def watch_checks(self) -> None:
        checks = self.checks
        keep = self.highlighted
        diagnostics = checks.diagnostics if checks is not None else ()
        if self.only is not None:
            diagnostics = tuple(d for d in diagnostics if d.path == self.only)
        if diagnostics != self._diagnostics:
            # the options of diagnostics still there are kept: each one keeps its laid-out text
            kept: dict[Diagnostic, list[Option]] = {}
            for diagnostic, option in zip(self._diagnostics, self._made, strict=True):
                kept.setdefault(diagnostic, []).append(option)
            self._made = [
                kept[d].pop() if kept.get(d) else Option(diagnostic_prompt(d)) for d in diagnostics
            ]
            self._diagnostics = diagnostics
            self.set_options(self._made)
        if self._diagnostics:
            self.highlighted = min(keep or 0, len(self._diagnostics) - 1)
        self._title()

    def watch_checking(self) -> None:
        self._title()

    def _title(self) -> None:
        checks = self.checks
        if checks is None:
            self.border_title = _("Checks: checking…") if self.checking else _("Checks: reading…")
            return
        errors = checks.count(Severity.ERROR, self.only)
        warnings = checks.count(Severity.WARNING, self.only)
        title = _("Checks as of {day}: {errors}, {warnings}").format(
            day=format_date(checks.as_of),
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                count=warnings
            ),
        )
        if checks.waived and self.only is None:
            title += ", " + _("{count} waived").format(count=checks.waived)
        if self.only is not None:
            title += _(" (this partnership only: k shows all)")
        if not self._diagnostics:
            title += " — " + _("all clear")
        if self.checking:
            title += " · " + _("checking…")
        self.border_title = title

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        diagnostic = self.diagnostic
        if diagnostic is not None:
            self.post_message(DiagnosticChosen(diagnostic))

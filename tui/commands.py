"""The command palette (ctrl+p): every action of the main screen, and jumps to a
partnership, a visit or an action by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from tui.screens.main import MainScreen
from tui.widgets.labels import clean, folded

ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("Plan the next visit", "a new visit pre-filled from the rules", "plan_next"),
    ("The office's year", "delegations sent and received over all partnerships", "year_view"),
    ("Add a visit", "a new visit in the current partnership", "add_visit"),
    ("Edit the visit", "open the selected visit in the form", "edit_visit"),
    ("Mark the visit held, postponed or cancelled", "change its status", "mark_visit"),
    ("Delete the visit", "remove the selected visit from the file", "delete_visit"),
    ("Add a participant", "add a person to the selected visit's delegations", "add_participant"),
    ("Add a follow-up action", "a request made or a commitment given", "add_action"),
    ("Close an action", "mark the selected action done or dropped", "close_action"),
    ("Add a waiver", "an agreed exception to a rule, with its reason", "add_waiver"),
    ("Change the as-of date", "the date 'today' means for the checks", "as_of"),
    ("Undo", "take back the last change to the current file", "undo"),
    ("Redo", "make the change taken back again", "redo"),
    ("Save", "save the current file, keeping its comments", "save"),
    ("Save all", "save every file with unsaved changes", "save_all"),
    ("Save as…", "save the current file under another name", "save_as"),
    ("Reload from disk", "read the current file again", "reload"),
    ("Filter visits", "show only the visits matching some words", "filter_visits"),
    ("Sort visits", "sort the visits by the next column", "sort_visits"),
    ("Show visits", "the visits table and the selected visit", "show_tab('visits')"),
    ("Show timeline", "the year-by-year timeline", "show_tab('timeline')"),
    ("Show actions", "the follow-up actions", "show_tab('actions')"),
    ("Show rules", "the agreements and their rules", "show_tab('rules')"),
    ("Help", "keys and what the timeline shows", "help"),
)


class VisitsCommands(Provider):
    """Commands that make sense on the main screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        found: list[tuple[str, str, Callable[[], object]]] = [
            (title, help_text, partial(screen.run_action, action))
            for title, help_text, action in ACTIONS
        ]
        for file in screen.files:
            found.append(
                (f"Go to partnership: {file.title}", file.path, partial(screen.go_to, file.path))
            )
        current = screen.file()
        schedule = current.schedule if current is not None else None
        if current is not None and schedule is not None:
            for visit in schedule.visits:
                title = f"Go to visit: {visit.id}" + (f" – {visit.title}" if visit.title else "")
                found.append(
                    (title, visit.dates_text(), partial(screen.go_to, current.path, visit.id))
                )
            for action in schedule.actions:
                found.append(
                    (
                        f"Go to action: {action.id}",
                        action.text,
                        partial(screen.go_to, current.path, None, action.id),
                    )
                )
        return found

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands()[: len(ACTIONS)]:
            yield DiscoveryHit(Text(title), command, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = folded(matcher.query)
        for title, help_text, command in self._commands():
            title = clean(title)
            # accents ignored, as the `/` filter ignores them: "Son La" finds "Sơn La"
            score, offsets = matcher.fuzzy_search.match(wanted, folded(title))
            if score > 0:
                shown = Text(title)
                for offset in offsets:
                    shown.stylize("bold underline", offset, offset + 1)
                yield Hit(score, shown, command, help=escape(clean(help_text)))

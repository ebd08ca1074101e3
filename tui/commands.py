"""The command palette (ctrl+p): every action of the main screen, and jumps to a
partnership, a visit or an action by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape
from textual.theme import ThemeProvider

from schedules import i18n
from schedules.i18n import N_, _
from tui.language import (
    NATIVE_NAMES,
    LanguageSwitching,
    english_words,
    language_title,
    switcher_title,
)
from tui.screens.main import MainScreen
from tui.widgets.labels import clean, folded

ACTIONS: tuple[tuple[str, str, str], ...] = (
    (N_("Plan the next visit"), N_("a new visit pre-filled from the rules"), "plan_next"),
    (
        N_("The office's year"),
        N_("delegations sent and received over all partnerships"),
        "year_view",
    ),
    (N_("Add a visit"), N_("a new visit in the current partnership"), "add_visit"),
    (N_("Edit the visit"), N_("open the selected visit in the form"), "edit_visit"),
    (N_("Mark the visit held, postponed or cancelled"), N_("change its status"), "mark_visit"),
    (N_("Delete the visit"), N_("remove the selected visit from the file"), "delete_visit"),
    (
        N_("Add a participant"),
        N_("add a person to the selected visit's delegations"),
        "add_participant",
    ),
    (N_("Add a follow-up action"), N_("a request made or a commitment given"), "add_action"),
    (N_("Close an action"), N_("mark the selected action done or dropped"), "close_action"),
    (N_("Add a waiver"), N_("an agreed exception to a rule, with its reason"), "add_waiver"),
    (N_("Change the as-of date"), N_("the date 'today' means for the checks"), "as_of"),
    (N_("Undo"), N_("take back the last change to the current file"), "undo"),
    (N_("Redo"), N_("make the change taken back again"), "redo"),
    (N_("Save"), N_("save the current file, keeping its comments"), "save"),
    (N_("Save all"), N_("save every file with unsaved changes"), "save_all"),
    (N_("Save as…"), N_("save the current file under another name"), "save_as"),
    (N_("Reload from disk"), N_("read the current file again"), "reload"),
    (N_("Filter visits"), N_("show only the visits matching some words"), "filter_visits"),
    (N_("Sort visits"), N_("sort the visits by the next column"), "sort_visits"),
    (N_("Show visits"), N_("the visits table and the selected visit"), "show_tab('visits')"),
    (N_("Show timeline"), N_("the year-by-year timeline"), "show_tab('timeline')"),
    (N_("Show actions"), N_("the follow-up actions"), "show_tab('actions')"),
    (N_("Show rules"), N_("the agreements and their rules"), "show_tab('rules')"),
    (N_("Help"), N_("keys and what the timeline shows"), "help"),
    (N_("New partnership…"), N_("a new schedule file, as visits new writes it"), "new_partnership"),
    (N_("Edit the partnership"), N_("its title and notes"), "edit_partnership"),
    (N_("Add a party"), N_("a province or council of the partnership"), "add_party"),
    (N_("Edit a party"), N_("its id, name, country and short label"), "edit_party"),
    (N_("Remove a party"), N_("only when nothing refers to it"), "remove_party"),
    (N_("Add an agreement"), N_("a memorandum: its dates and source"), "add_agreement"),
    (N_("Edit the agreement"), N_("its id, title, dates and source"), "edit_agreement"),
    (N_("End the agreement"), N_("the last day it is in force"), "end_agreement"),
    (N_("Add a rule"), N_("alternate, interval, commitment, quota or delegation"), "add_rule"),
    (N_("Edit the rule"), N_("the selected rule of the Rules tab"), "edit_rule"),
    (N_("Delete the rule"), N_("remove the selected rule from its agreement"), "delete_rule"),
    (N_("Edit the action"), N_("its text, owner, due date, status and visit"), "edit_action"),
    (N_("Delete the action"), N_("remove the selected action from the file"), "delete_action"),
    (N_("Edit a waiver"), N_("its rule, dates, visit and reason"), "edit_waiver"),
    (N_("Delete a waiver"), N_("remove a waiver from the file"), "delete_waiver"),
    (N_("Go to the partnership list"), N_("choose another partnership"), "partnership_list"),
    (
        N_("Checks: only this partnership, or all"),
        N_("what the checks panel shows"),
        "checks_scope",
    ),
)


class VisitsCommands(Provider):
    """Commands that make sense on the main screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        found: list[tuple[str, str, Callable[[], object]]] = [
            (_(title), _(help_text), partial(screen.run_action, action))
            for title, help_text, action in ACTIONS
        ]
        found.extend(self._languages())
        for file in screen.files:
            found.append(
                (
                    _("Go to partnership: {title}").format(title=file.title),
                    file.path,
                    partial(screen.go_to, file.path),
                )
            )
        current = screen.file()
        schedule = current.schedule if current is not None else None
        if current is not None and schedule is not None:
            for visit in schedule.visits:
                title = _("Go to visit: {visit}").format(visit=visit.id) + (
                    f" – {visit.title}" if visit.title else ""
                )
                found.append(
                    (title, visit.dates_text(), partial(screen.go_to, current.path, visit.id))
                )
            for action in schedule.actions:
                found.append(
                    (
                        _("Go to action: {action}").format(action=action.id),
                        action.text,
                        partial(screen.go_to, current.path, None, action.id),
                    )
                )
        return found

    def _languages(self) -> list[tuple[str, str, Callable[[], object]]]:
        """`Language: English / Tiếng Việt / ພາສາລາວ` (the three to choose from), then one
        entry per language, which switches at once."""
        app = self.app
        if not isinstance(app, LanguageSwitching):
            return []
        current = i18n.current()
        found: list[tuple[str, str, Callable[[], object]]] = [
            (
                switcher_title(),
                _("the app speaks it at once and next time too"),
                app.action_choose_language,
            )
        ]
        for language in NATIVE_NAMES:
            found.append(
                (
                    language_title(language),
                    _("the language now")
                    if language == current
                    else _("switch now; remembered for the next start"),
                    partial(app.switch_language, language),
                )
            )
        return found

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands()[: len(ACTIONS) + 1]:
            yield DiscoveryHit(Text(title), command, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        wanted = folded(matcher.query)
        english = english_words()
        found = False
        for title, help_text, command in self._commands():
            title = clean(title)
            # accents ignored, as the `/` filter ignores them: "Son La" finds "Sơn La"
            score, offsets = matcher.fuzzy_search.match(wanted, folded(title))
            if score <= 0 and title in english:
                # "language" finds the languages whatever language the app speaks
                score, _offsets = matcher.fuzzy_search.match(wanted, folded(english[title]))
                offsets = ()
            if score > 0:
                shown = Text(title)
                for offset in offsets:
                    shown.stylize("bold underline", offset, offset + 1)
                found = True
                yield Hit(score, shown, command, help=escape(clean(help_text)))
        system = self.app.get_system_commands(self.screen)
        if not found and not any(matcher.match(command.title) > 0 for command in system):
            yield no_match()


def no_match() -> Hit:
    """What the palette shows when nothing matches (Textual would say it in English)."""
    return Hit(
        1,
        Text(_("No command matches these words"), style="italic"),
        _nothing,
        help=escape(_("try other words, or press escape to close")),
    )


def _nothing() -> None:
    """Choosing "no command matches" closes the palette, and does nothing else."""


class LanguageChoices(Provider):
    """The three languages (`L`), each in its own words, the current one first; accents need
    not be typed ("viet" finds Tiếng Việt)."""

    def _choices(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        if not isinstance(app, LanguageSwitching):
            return []
        current = i18n.current()
        order = sorted(NATIVE_NAMES, key=lambda language: language != current)
        return [
            (
                language_title(language),
                _("the language now") if language == current else "",
                partial(app.switch_language, language),
            )
            for language in order
        ]

    async def discover(self) -> Hits:
        for title, help_text, command in self._choices():
            yield DiscoveryHit(Text(title), command, help=escape(help_text) or None)

    async def search(self, query: str) -> Hits:
        wanted = folded(self.matcher(query).query)
        found = False
        for title, help_text, command in self._choices():
            haystack = f"{folded(title)} language {folded(title.rpartition(': ')[2])}"
            score, _offsets = self.matcher(query).fuzzy_search.match(wanted, haystack)
            if score > 0:
                found = True
                yield Hit(score, Text(title), command, help=escape(help_text) or None)
        if not found:
            yield no_match()


class Themes(ThemeProvider):
    """Textual's themes, saying in the reader's language when none matches."""

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found:
            yield no_match()

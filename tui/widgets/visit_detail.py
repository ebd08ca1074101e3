"""One visit in full: place, agenda, delegations (head first), outcome, follow-ups, checks."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from schedules import Diagnostic
from schedules.i18n import _, format_date
from schedules.tables import AgendaItem, Schedule, Visit
from tui.state import PartnershipView
from tui.widgets.labels import (
    action_status,
    clean,
    full_dates,
    lines,
    party_colour,
    party_text,
    plain,
    role_text,
    severity_text,
    status_text,
    waived_text,
)

ROLE_ORDER = {"head": 0, "member": 1, "staff": 2}


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def diagnostic_lines(diagnostics: list[Diagnostic]) -> list[RenderableType]:
    rows: list[RenderableType] = []
    for d in diagnostics:
        line = severity_text(d)
        line.append(f" {d.code} ", style="bold")
        line.append_text(plain(d.text, "dim" if d.waived else ""))
        if d.waived:
            line.append_text(waived_text(d))
        rows.append(line)
    return rows


def agenda_lines(visit: Visit) -> list[RenderableType]:
    rows: list[RenderableType] = []
    for number, entry in enumerate(visit.agenda, start=1):
        line = Text(f"{number:>2}. ")
        if isinstance(entry, AgendaItem):
            when = " ".join(
                part
                for part in (
                    _("day {number}").format(number=entry.day) if entry.day is not None else "",
                    entry.time or "",
                )
                if part
            )
            if when:
                line.append(f"[{when}] ", style="dim")  # a Text: the brackets are not markup
            line.append_text(plain(entry.item))
            if entry.lead:
                line.append(" — " + _("led by") + " ", style="dim")
                line.append_text(plain(entry.lead))
        else:
            line.append_text(plain(entry))
        rows.append(line)
    return rows


def delegations(schedule: Schedule, visit: Visit) -> list[RenderableType]:
    rows: list[RenderableType] = []
    for party in [visit.host, *visit.guest_ids(schedule.parties)]:
        people = sorted(
            (p for p in visit.participants if p.party == party),
            key=lambda p: ROLE_ORDER.get(p.role, 3),
        )
        if not people:
            continue
        side = party_text(schedule, party)
        side.append(" " + (_("host") if party == visit.host else _("guest")), style="dim")
        rows.append(side)
        table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
        table.add_column("role", no_wrap=True)
        table.add_column("name", no_wrap=True)
        table.add_column("title", ratio=1)
        for person in people:
            role = Text(role_text(person.role), style="bold" if person.role == "head" else "dim")
            table.add_row(role, plain(person.name, "bold"), plain(person.title))
        rows.append(table)
    others = [
        p
        for p in visit.participants
        if p.party not in {visit.host, *visit.guest_ids(schedule.parties)}
    ]
    for person in others:
        rows.append(plain(f"{person.name} ({person.party})"))
    return rows


def visit_renderable(view: PartnershipView, schedule: Schedule, visit: Visit) -> Group:
    parts: list[RenderableType] = []
    title = Text()
    title.append_text(plain(visit.id, f"bold {party_colour(schedule, visit.host)}"))
    if visit.title:
        title.append(" · ")
        title.append_text(plain(visit.title, "bold"))
    parts.append(title)
    facts = Text()
    facts.append_text(status_text(visit.status))
    facts.append(" · ")
    facts.append_text(plain(full_dates(visit)))
    facts.append(" · ")
    facts.append_text(plain(visit.kind))
    formal = _("(formal)") if visit.formal else _("(informal: counts for no rule)")
    facts.append(f" {formal}", style="dim")
    parts.append(facts)
    where = Text(_("Host") + " ", style="dim")
    where.append_text(party_text(schedule, visit.host))
    where.append(" → " + _("guests") + " ", style="dim")
    for index, guest in enumerate(visit.guest_ids(schedule.parties)):
        if index:
            where.append(", ")
        where.append_text(party_text(schedule, guest))
    if visit.place:
        where.append(" · " + _("at") + " ", style="dim")
        where.append_text(plain(visit.place))
    parts.append(where)
    concerns = view.about_visit(visit.id)
    if concerns:
        parts += [Text(), heading(_("Checks")), *diagnostic_lines(concerns)]
    if visit.agenda:
        parts += [Text(), heading(_("Agenda")), *agenda_lines(visit)]
    if visit.participants:
        parts += [Text(), heading(_("Delegations")), *delegations(schedule, visit)]
    if visit.outcome:
        parts += [Text(), heading(_("Outcome")), lines(visit.outcome)]
    actions = [a for a in schedule.actions if a.visit == visit.id]
    if actions:
        parts += [Text(), heading(_("Follow-up actions"))]
        for action in actions:
            line = Text("○ " if action.status == "open" else "● ", style="bold")
            line.append_text(plain(action.id, "bold"))
            line.append(f" [{action_status(action.status)}] ", style="dim")
            line.append_text(party_text(schedule, action.owner))
            if action.due:
                line.append(" " + _("due {day}").format(day=format_date(action.due)), style="dim")
            line.append(" — ")
            line.append_text(plain(action.text))
            parts.append(line)
    if visit.source:
        parts += [Text(), Text(_("Source:") + " ", style="dim") + plain(visit.source, "dim")]
    return Group(*parts)


def overview_renderable(view: PartnershipView, schedule: Schedule) -> Group:
    parts: list[RenderableType] = [plain(schedule.partnership.title, "bold")]
    for party_id, party in schedule.parties.items():
        line = party_text(schedule, party_id)
        if party.short:
            line.append(" ")
            line.append_text(plain(party.name))
        if party.country:
            line.append(f" ({party.country})", style="dim")
        parts.append(line)
    if schedule.partnership.notes:
        parts += [Text(), lines(schedule.partnership.notes, "dim")]
    parts += [
        Text(),
        Text(_("No visit selected: a to add one, n to plan the next."), style="dim"),
    ]
    return Group(*parts)


def problems_renderable(view: PartnershipView) -> Group:
    """Why a file cannot be checked: its input errors, as `visits check` prints them."""
    parts: list[RenderableType] = [
        Text(_("This file cannot be checked until these are fixed:"), style="bold red"),
        Text(),
    ]
    for problem in view.document.problems:
        where = (
            f"{problem.path}:{problem.line}:{problem.column or 1}" if problem.line else problem.path
        )
        line = plain(where, "bold")
        line.append(f" {problem.severity.value}[{problem.code}] ", style="bold red")
        line.append_text(plain(problem.text))
        parts.append(line)
    return Group(*parts)


class VisitDetail(VerticalScroll):
    """Shows `visit_id` of `view` (or the partnership when no visit is selected)."""

    can_focus = True

    view: reactive[PartnershipView | None] = reactive(None, always_update=True)
    visit_id: reactive[str | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(id="visit-body")

    def watch_view(self) -> None:
        self.show()

    def watch_visit_id(self) -> None:
        self.show()
        self.scroll_home(animate=False)

    def show(self) -> None:
        if not self.is_mounted:
            return
        body = self.query_one("#visit-body", Static)
        view = self.view
        schedule = view.schedule if view is not None else None
        if view is None:
            body.update("")
            return
        if schedule is None or not view.document.ok:
            self.border_title = _("Input errors")
            body.update(problems_renderable(view))
            return
        visit = schedule.visit(self.visit_id) if self.visit_id else None
        self.border_title = (
            Text(_("Visit {id}").format(id=clean(visit.id)))
            if visit is not None
            else _("Partnership")
        )
        if visit is None:
            body.update(overview_renderable(view, schedule))
        else:
            body.update(visit_renderable(view, schedule, visit))

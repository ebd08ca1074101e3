"""The visit form: a new visit, or an edit of one, as the TOML keys of a `[[visits]]` table.

The form is put together from its parts: the agenda (`visit_agenda`), the participants
(`visit_participants`) and the dates field (`visit_dates`); this module is its shell: the
visit's own keys, the live suggestions and checks, and what it gives back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, get_args

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Switch, TextArea
from textual.widgets.selection_list import Selection

from schedules import Action, AgendaItem, PartialDate, Participant, Schedule, Visit
from schedules.drafts import AgendaItemDraft, ParticipantDraft, VisitDraft, visit_problems
from schedules.i18n import _
from schedules.messages import visit_status
from schedules.model import VisitStatus
from tui.screens.checks import Check, required, slug
from tui.screens.choices import first_free, party_select, select_value
from tui.screens.form import CssPaths, FieldRow, Problem, literal, text_field
from tui.screens.visit_agenda import VisitAgendaForm
from tui.screens.visit_dates import VisitDates, dates_problem, described
from tui.screens.visit_participants import VisitParticipantsForm

STATUSES: tuple[str, ...] = get_args(VisitStatus)
KEY_ORDER: tuple[str, ...] = tuple(
    field.alias or name for name, field in Visit.model_fields.items()
)


class VisitForm(VisitAgendaForm, VisitParticipantsForm):
    """A new visit (pre-filled from `defaults`), or an edit of `visit` returning all its keys."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "visit_form.tcss"]

    def __init__(
        self,
        schedule: Schedule,
        visit: Visit | None = None,
        *,
        defaults: dict[str, Any] | None = None,
        open_actions: Sequence[Action] = (),
    ) -> None:
        super().__init__()
        self.schedule = schedule
        self.visit = visit
        self.open_actions = list(open_actions)
        self.initial = _initial_values(visit, defaults)
        self.written: frozenset[str] = (
            frozenset(visit.model_fields_set) if visit is not None else frozenset()
        )
        original = visit.id if visit is not None else None
        self.taken = {v.id for v in schedule.visits if v.id != original}
        self.heading = (
            _("Edit visit {id}").format(id=visit.id) if visit is not None else _("New visit")
        )
        self.suggest_id = visit is None and "id" not in self.initial
        self.suggested_id = ""

    # --- layout --------------------------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        initial = self.initial
        known_kinds = sorted(
            {v.kind for v in self.schedule.visits}
            | {kind for _agreement, rule in self.schedule.rules() for kind in rule.visits}
        )
        yield text_field(
            _("Id"),
            str(initial.get("id", "")),
            "visit-id",
            _("unique in the file, like talks-2025"),
            Check(required(_("the id"))),
            Check(self.unique_id),
        )
        yield text_field(
            _("Kind"),
            str(initial.get("kind", "")),
            "kind",
            _("talks, working-visit, training..."),
            Check(required(_("the kind"))),
            Check(slug),
            suggester=SuggestFromList(known_kinds, case_sensitive=True),
        )
        yield text_field(_("Title"), str(initial.get("title") or ""), "title", "")
        host = initial.get("host")
        yield FieldRow(
            _("Host"),
            party_select(self.schedule, host, _("choose the host"), "host"),
        )
        guests = initial.get("guests")
        if guests is None:
            guests = [p for p in self.schedule.parties if p != host]
        yield FieldRow(
            _("Guests"),
            SelectionList[str](
                *(
                    Selection(
                        literal(party.name), p, p in guests, id=f"guest-{p}", disabled=p == host
                    )
                    for p, party in self.schedule.parties.items()
                ),
                id="guests",
            ),
        )
        formal = bool(initial.get("formal", True))
        yield FieldRow(
            _("Formal"),
            HorizontalGroup(
                Switch(formal, id="formal"),
                Label(_formal_note(formal), classes="muted", id="formal-note"),
            ),
        )
        yield FieldRow(
            _("Status"),
            Select(
                [(visit_status(status), status) for status in STATUSES],
                value=str(initial.get("status", "planned")),
                allow_blank=False,
                compact=True,
                id="status",
            ),
        )
        dates = VisitDates.text_of(initial.get("start"), initial.get("end"), initial.get("when"))
        yield text_field(
            _("Dates"),
            dates,
            "dates",
            _("2025-07-05, 2025-07-05..2025-07-07, or 2025 / 2025-Q3 / 2025-07"),
            Check(dates_problem),
            hint=described(dates),
        )
        yield text_field(_("Place"), str(initial.get("place") or ""), "place", "")
        yield from self.compose_agenda(initial.get("agenda", []))
        yield from self.compose_participants(initial.get("participants", []))
        yield Label(_("Outcome"), classes="section-title")
        yield TextArea(str(initial.get("outcome") or ""), id="outcome", soft_wrap=True)
        yield text_field(
            _("Source"), str(initial.get("source") or ""), "source", _("a link or reference")
        )

    def on_mount(self) -> None:
        if self.suggest_id:
            self.update_suggested_id()

    # --- live checks and suggestions -----------------------------------------------------

    def unique_id(self, value: str) -> str | None:
        ident = value.strip()
        if ident in self.taken:
            return _("another visit already has the id `{id}`").format(id=ident)
        return None

    @on(Input.Changed, "#visit-id")
    def _id_typed(self, event: Input.Changed) -> None:
        if event.value != self.suggested_id:
            self.suggest_id = False

    @on(Input.Changed, "#kind")
    @on(Input.Changed, "#dates")
    def _kind_or_dates_changed(self, event: Input.Changed) -> None:
        if event.input.id == "dates":
            event.input.query_ancestor(FieldRow).show_hint(described(event.value))
        if self.suggest_id:
            self.update_suggested_id()

    def update_suggested_id(self) -> None:
        kind = self.query_one("#kind", Input).value.strip()
        if not kind or slug(kind) is not None:
            return
        try:
            dates = VisitDates.parse(self.query_one("#dates", Input).value)
        except ValueError:
            return  # the year comes from the dates
        year = (dates.start or PartialDate.parse(dates.when or "").first).year
        self.suggested_id = first_free(f"{kind}-{year}", self.taken)
        field = self.query_one("#visit-id", Input)
        if field.value != self.suggested_id:
            field.value = self.suggested_id

    @on(Switch.Changed, "#formal")
    def _formal_changed(self, event: Switch.Changed) -> None:
        self.query_one("#formal-note", Label).update(_formal_note(event.value))

    @on(Select.Changed, "#host")
    def _host_changed(self, event: Select.Changed) -> None:
        guests = self.query_one("#guests", SelectionList)
        host = event.value if isinstance(event.value, str) else None
        chosen = set(guests.selected)
        if host is not None:
            others = {p for p in self.schedule.parties if p != host}
            every_other_before = any(
                chosen == {p for p in self.schedule.parties if p != before}
                for before in self.schedule.parties
            )
            if every_other_before or not chosen:
                guests.deselect_all()
                for party in others:
                    guests.select(party)
            guests.deselect(host)
        for party in self.schedule.parties:
            if party == host:
                guests.disable_option(f"guest-{party}")
            else:
                guests.enable_option(f"guest-{party}")
        self.show_error(event.select, None)

    @on(SelectionList.SelectedChanged, "#guests")
    def _guests_changed(self) -> None:
        self.show_error(self.query_one("#guests"), None)

    def guests(self) -> list[str]:
        """The chosen guests, in the order of the parties in the file."""
        chosen = set(self.query_one("#guests", SelectionList).selected)
        return [party for party in self.schedule.parties if party in chosen]

    def draft(self) -> Visit:
        """The visit as the form has it now, unchecked (for the participant form's checks)."""
        host = select_value(self.query_one("#host", Select)) or ""
        return Visit.model_construct(
            id=self.query_one("#visit-id", Input).value.strip(),
            kind=self.query_one("#kind", Input).value.strip(),
            host=host,
            guests=self.guests(),
            participants=[Participant.model_construct(**row) for row in self.participants()],
        )

    # --- checking and the result ---------------------------------------------------------

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        host = select_value(self.query_one("#host", Select))
        draft = VisitDraft(
            id=self.query_one("#visit-id", Input).value.strip(),
            kind="",
            host=host,
            guests=tuple(self.guests()),
        )
        editing = self.visit.id if self.visit is not None else None
        fields: dict[str, Widget] = {
            "host": self.query_one("#host", Select),
            "guests": self.query_one("#guests", SelectionList),
        }
        for problem in visit_problems(self.schedule, draft, editing=editing):
            if problem.key in fields:  # the id and the dates have their own validators
                found.append((fields[problem.key], problem.message))
        found.extend(self.participant_problems())
        if not found and not self.validator_problems():
            at = {"id": "visit-id", "start": "dates", "end": "dates", "when": "dates"}
            for key in ("kind", "title", "host", "guests", "formal", "status", "place"):
                at[key] = key
            at |= {"outcome": "outcome", "source": "source"}
            found.extend(self.model_problems(Visit, self.result_table(), at))
        return found

    def result(self) -> VisitDraft:
        table = self.result_table()
        agenda = tuple(
            entry if isinstance(entry, str) else AgendaItemDraft(**entry)
            for entry in table.get("agenda", [])
        )
        people = tuple(ParticipantDraft(**person) for person in table.get("participants", []))
        guests = table.get("guests")
        return VisitDraft(
            **{
                **table,
                "agenda": agenda,
                "participants": people,
                "guests": tuple(guests) if guests is not None else None,
            }
        )

    def result_table(self) -> dict[str, Any]:
        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        dates = VisitDates.parse(text("#dates"))
        guests = self.guests()
        host = select_value(self.query_one("#host", Select))
        formal = self.query_one("#formal", Switch).value
        status = select_value(self.query_one("#status", Select)) or "planned"
        outcome = self.query_one("#outcome", TextArea).text
        agenda = self.agenda()
        participants = self.participants()
        default_guests = [p for p in self.schedule.parties if p != host]
        values: dict[str, Any] = {
            "id": text("#visit-id"),
            "kind": text("#kind"),
            "title": text("#title"),
            "host": host,
            # an edit keeps `guests` out of the file while it means "every other party"
            "guests": (
                guests
                if self.visit is None or "guests" in self.written or guests != default_guests
                else None
            ),
            "formal": formal if not formal or "formal" in self.written else None,
            "status": (
                status
                if self.visit is None or "status" in self.written or status != "planned"
                else None
            ),
            "start": dates.start,
            "end": dates.end,
            "when": dates.when,
            "place": text("#place"),
            "agenda": agenda,
            "outcome": outcome if outcome.strip() else None,
            "source": text("#source"),
            "participants": participants,
        }
        return {key: values[key] for key in KEY_ORDER if values.get(key) not in (None, "", [])}


def _formal_note(formal: bool) -> str:
    if formal:
        return " " + _("formal: counts for the agreement's rules")
    return " " + _("informal: counts for no rule")


def _initial_values(visit: Visit | None, defaults: dict[str, Any] | None) -> dict[str, Any]:
    """The form's starting values as TOML keys with plain Python values."""
    if visit is not None:
        values: dict[str, Any] = {
            name: getattr(visit, name)
            for name in Visit.model_fields
            if getattr(visit, name) is not None
        }
        if visit.when is not None:
            values["when"] = visit.when.text
        values["agenda"] = [
            entry if isinstance(entry, str) else entry.model_dump(exclude_none=True)
            for entry in visit.agenda
        ]
        values["participants"] = [
            participant.model_dump(exclude_unset=True) for participant in visit.participants
        ]
        return values
    values = dict(defaults or {})
    unknown = sorted(set(values) - set(KEY_ORDER))
    if unknown:
        raise ValueError(f"VisitForm defaults: not keys of a visit: {', '.join(unknown)}")
    if isinstance(values.get("when"), PartialDate):
        values["when"] = values["when"].text
    values["agenda"] = [
        entry.model_dump(exclude_none=True) if isinstance(entry, AgendaItem) else entry
        for entry in values.get("agenda", [])
    ]
    values["participants"] = [
        p.model_dump(exclude_unset=True) if isinstance(p, Participant) else dict(p)
        for p in values.get("participants", [])
    ]
    return values

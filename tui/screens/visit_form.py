"""The visit form: a new visit, or an edit of one, as the TOML keys of a `[[visits]]` table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, get_args

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, Switch, TextArea
from textual.widgets.selection_list import Selection

from schedules import Action, AgendaItem, PartialDate, Participant, Schedule, Visit
from schedules.drafts import (
    AgendaItemDraft,
    ParticipantDraft,
    VisitDraft,
    participant_problems,
    visit_problems,
)
from schedules.model import VisitStatus
from tui.screens.form import (
    Check,
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    ProblemHolder,
    VisitDates,
    first_free,
    literal,
    party_options,
    pydantic_problems,
    required,
    select_value,
    slug,
)
from tui.screens.participant_form import ROLES, ParticipantForm

STATUSES: tuple[str, ...] = get_args(VisitStatus)
KEY_ORDER: tuple[str, ...] = tuple(
    field.alias or name for name, field in Visit.model_fields.items()
)


class AgendaRow(ProblemHolder):
    """One agenda item: its text, and for a table entry its day, time and lead (kept as is)."""

    def __init__(
        self, entry: str | dict[str, Any], *, action_id: str | None = None, schedule: Schedule
    ) -> None:
        super().__init__(classes="agenda-row")
        self.entry = entry
        self.action_id = action_id
        self.schedule = schedule

    def compose(self) -> ComposeResult:
        text = self.entry if isinstance(self.entry, str) else str(self.entry.get("item", ""))
        with HorizontalGroup(classes="row-line"):
            yield Input(
                text,
                placeholder="agenda item",
                compact=True,
                classes="agenda-item",
                validators=[
                    Check(required("an agenda item")),
                ],
            )
            extra = self.details()
            if extra:
                yield Label(literal(extra), classes="agenda-extra muted")
            if self.action_id is not None:
                yield Label("action", classes="agenda-extra muted")
            yield Button("✕", classes="remove", tooltip="Remove this agenda item")
        yield Static(classes="row-error -empty")

    def details(self) -> str:
        if isinstance(self.entry, str):
            return ""
        parts = []
        if self.entry.get("day") is not None:
            parts.append(f"day {self.entry['day']}")
        if self.entry.get("time"):
            parts.append(str(self.entry["time"]))
        if self.entry.get("lead"):
            parts.append(self.schedule.party_label(str(self.entry["lead"])))
        return " · ".join(parts)

    @property
    def text(self) -> str:
        return self.query_one(".agenda-item", Input).value.strip()

    def value(self) -> str | dict[str, Any]:
        if isinstance(self.entry, str):
            return self.text
        return {**self.entry, "item": self.text}


class ParticipantRow(ProblemHolder):
    """One participant, editable in place: name, party, title, role (the id is kept as is)."""

    def __init__(self, participant: dict[str, Any], schedule: Schedule) -> None:
        super().__init__(classes="participant-row")
        self.participant = participant
        self.schedule = schedule
        self.written = frozenset(participant)
        """The keys of the participant's table (a default role stays out of the file)."""

    def compose(self) -> ComposeResult:
        party = self.participant.get("party")
        with HorizontalGroup(classes="row-line"):
            yield Input(
                str(self.participant.get("name", "")),
                placeholder="name",
                compact=True,
                classes="p-name",
                validators=[Check(required("a participant's name"))],
            )
            yield Select(
                party_options((p, self.schedule.party_label(p)) for p in self.schedule.parties),
                value=party if party in self.schedule.parties else Select.NULL,
                allow_blank=party not in self.schedule.parties,
                prompt="party",
                compact=True,
                classes="p-party",
            )
            yield Input(
                str(self.participant.get("title") or ""),
                placeholder="title",
                compact=True,
                classes="p-title",
            )
            yield Select(
                [(role, role) for role in ROLES],
                value=self.participant.get("role") or "member",
                allow_blank=False,
                compact=True,
                classes="p-role",
            )
            yield Button("✕", classes="remove", tooltip="Remove this participant")
        yield Static(classes="row-error -empty")

    @property
    def name_input(self) -> Input:
        return self.query_one(".p-name", Input)

    @property
    def party_select(self) -> Select[str]:
        return self.query_one(".p-party", Select)

    @property
    def role(self) -> str:
        return select_value(self.query_one(".p-role", Select)) or "member"

    @property
    def party(self) -> str | None:
        return select_value(self.party_select)

    def value(self) -> dict[str, Any]:
        values: dict[str, Any] = {"name": self.name_input.value.strip(), "party": self.party}
        title = self.query_one(".p-title", Input).value.strip()
        if title:
            values["title"] = title
        if "role" in self.written or self.role != "member":
            values["role"] = self.role
        if self.participant.get("id"):
            values["id"] = self.participant["id"]
        return values


class VisitForm(FormScreen[VisitDraft]):
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
        self.heading = f"Edit visit {visit.id}" if visit is not None else "New visit"
        self.suggest_id = visit is None and "id" not in self.initial
        self.suggested_id = ""

    # --- layout --------------------------------------------------------------------------

    def compose_fields(self) -> ComposeResult:
        initial = self.initial
        known_kinds = sorted(
            {v.kind for v in self.schedule.visits}
            | {kind for _, rule in self.schedule.rules() for kind in rule.visits}
        )
        yield FieldRow(
            "Id",
            Input(
                str(initial.get("id", "")),
                placeholder="unique in the file, like talks-2025",
                compact=True,
                id="visit-id",
                validators=[Check(required("the id")), Check(self.unique_id)],
            ),
        )
        yield FieldRow(
            "Kind",
            Input(
                str(initial.get("kind", "")),
                placeholder="talks, working-visit, training...",
                compact=True,
                id="kind",
                suggester=SuggestFromList(known_kinds, case_sensitive=True),
                validators=[Check(required("the kind")), Check(slug)],
            ),
        )
        yield FieldRow(
            "Title",
            Input(str(initial.get("title") or ""), compact=True, id="title"),
        )
        host = initial.get("host")
        yield FieldRow(
            "Host",
            Select(
                party_options((p, party.name) for p, party in self.schedule.parties.items()),
                value=host if host in self.schedule.parties else Select.NULL,
                prompt="choose the host",
                compact=True,
                id="host",
            ),
        )
        guests = initial.get("guests")
        if guests is None:
            guests = [p for p in self.schedule.parties if p != host]
        yield FieldRow(
            "Guests",
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
            "Formal",
            HorizontalGroup(
                Switch(formal, id="formal"),
                Label(_formal_note(formal), classes="muted", id="formal-note"),
            ),
        )
        yield FieldRow(
            "Status",
            Select(
                [(status, status) for status in STATUSES],
                value=str(initial.get("status", "planned")),
                allow_blank=False,
                compact=True,
                id="status",
            ),
        )
        dates = VisitDates.text_of(initial.get("start"), initial.get("end"), initial.get("when"))
        yield FieldRow(
            "Dates",
            Input(
                dates,
                placeholder="2025-07-05, 2025-07-05..2025-07-07, or 2025 / 2025-Q3 / 2025-07",
                compact=True,
                id="dates",
                validators=[Check(self.dates_problem)],
            ),
            hint=_describe(dates),
        )
        yield FieldRow("Place", Input(str(initial.get("place") or ""), compact=True, id="place"))

        yield Label("Agenda", classes="section-title")
        with VerticalGroup(id="agenda"):
            for entry in initial.get("agenda", []):
                yield AgendaRow(entry, action_id=self.action_for(entry), schedule=self.schedule)
        with HorizontalGroup(id="agenda-new-line"):
            yield Input(placeholder="a new agenda item", compact=True, id="agenda-new")
            yield Button("Add", id="agenda-add", classes="row-button")
        if self.open_actions:
            yield Label("Open actions to put on the agenda", classes="muted")
            yield SelectionList[str](
                *(
                    Selection(
                        literal(f"{action.id}: {action.text}"),
                        action.id,
                        self.agenda_has(action.text, initial.get("agenda", [])),
                    )
                    for action in self.open_actions
                ),
                id="open-actions",
            )

        yield Label("Participants", classes="section-title")
        with VerticalGroup(id="participants"):
            for participant in initial.get("participants", []):
                yield ParticipantRow(participant, self.schedule)
        with HorizontalGroup(id="participants-new-line"):
            yield Button("Add participant…", id="add-participant", classes="row-button")

        yield Label("Outcome", classes="section-title")
        yield TextArea(str(initial.get("outcome") or ""), id="outcome", soft_wrap=True)
        yield FieldRow(
            "Source",
            Input(
                str(initial.get("source") or ""),
                placeholder="a link or reference",
                compact=True,
                id="source",
            ),
        )

    def on_mount(self) -> None:
        if self.suggest_id:
            self.update_suggested_id()

    # --- live checks and suggestions -----------------------------------------------------

    def unique_id(self, value: str) -> str | None:
        ident = value.strip()
        if ident in self.taken:
            return f"another visit already has the id `{ident}`"
        return None

    @staticmethod
    def dates_problem(value: str) -> str | None:
        try:
            VisitDates.parse(value)
        except ValueError as error:
            return str(error)
        return None

    def action_for(self, entry: str | dict[str, Any]) -> str | None:
        text = entry if isinstance(entry, str) else str(entry.get("item", ""))
        return next((a.id for a in self.open_actions if a.text.strip() == text.strip()), None)

    @staticmethod
    def agenda_has(text: str, agenda: Iterable[str | dict[str, Any]]) -> bool:
        items = {e if isinstance(e, str) else str(e.get("item", "")) for e in agenda}
        return text.strip() in {item.strip() for item in items}

    @on(Input.Changed, "#visit-id")
    def _id_typed(self, event: Input.Changed) -> None:
        if event.value != self.suggested_id:
            self.suggest_id = False

    @on(Input.Changed, "#kind")
    @on(Input.Changed, "#dates")
    def _kind_or_dates_changed(self, event: Input.Changed) -> None:
        if event.input.id == "dates":
            event.input.query_ancestor(FieldRow).show_hint(_describe(event.value))
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

    @on(Select.Changed, ".p-party, .p-role")
    def _participants_changed(self) -> None:
        for row in self.query(ParticipantRow):
            row.show_error(None)
        for widget, message in self.participant_problems():
            self.show_error(widget, message)

    # --- agenda --------------------------------------------------------------------------

    @on(Input.Submitted, "#agenda-new")
    def _agenda_enter(self, event: Input.Submitted) -> None:
        event.prevent_default()
        event.stop()
        self.add_agenda_item()

    @on(Button.Pressed, "#agenda-add")
    def add_agenda_item(self) -> None:
        field = self.query_one("#agenda-new", Input)
        text = field.value.strip()
        if not text:
            return
        self.query_one("#agenda", VerticalGroup).mount(AgendaRow(text, schedule=self.schedule))
        field.value = ""
        field.focus()

    @on(SelectionList.SelectedChanged, "#open-actions")
    def _open_actions_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = set(event.selection_list.selected)
        agenda = self.query_one("#agenda", VerticalGroup)
        rows = list(self.query(AgendaRow))
        tagged = {row.action_id for row in rows if row.action_id is not None}
        for row in rows:
            if row.action_id is not None and row.action_id not in chosen:
                row.remove()
        for action in self.open_actions:
            if action.id in chosen and action.id not in tagged:
                agenda.mount(AgendaRow(action.text, action_id=action.id, schedule=self.schedule))

    @on(Button.Pressed, "AgendaRow .remove")
    def _remove_agenda_item(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.query_ancestor(AgendaRow)
        row.remove()
        if row.action_id is not None:
            self.query_one("#open-actions", SelectionList).deselect(row.action_id)

    # --- participants --------------------------------------------------------------------

    @on(Button.Pressed, "#add-participant")
    def _add_participant(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(ParticipantForm(self.schedule, self.draft()), self.participant_added)

    def participant_added(self, participant: ParticipantDraft | None) -> None:
        if participant is None:
            return
        row = ParticipantRow(participant.table(), self.schedule)
        self.query_one("#participants", VerticalGroup).mount(row)
        self.call_after_refresh(row.scroll_visible)

    @on(Button.Pressed, "ParticipantRow .remove")
    def _remove_participant(self, event: Button.Pressed) -> None:
        event.stop()
        event.button.query_ancestor(ParticipantRow).remove()
        self.call_after_refresh(self._participants_changed)

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
            participants=[
                Participant.model_construct(**row.value()) for row in self.query(ParticipantRow)
            ],
        )

    # --- checking and the result ---------------------------------------------------------

    def participant_problems(self) -> list[Problem]:
        rows = list(self.query(ParticipantRow))
        people = [
            ParticipantDraft(row.name_input.value.strip(), row.party, role=row.role) for row in rows
        ]
        found: list[Problem] = []
        for index, problem in participant_problems(self.schedule, people):
            row = rows[index]
            widget = row.party_select if problem.key == "party" else row.query_one(".p-role")
            found.append((widget, problem.message))
        return found

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
            try:
                Visit.model_validate(self.result_table())
            except ValidationError as error:
                widgets: dict[str, Widget] = {
                    "id": self.query_one("#visit-id"),
                    "start": self.query_one("#dates"),
                    "end": self.query_one("#dates"),
                    "when": self.query_one("#dates"),
                }
                for key in ("kind", "title", "host", "guests", "formal", "status", "place"):
                    widgets[key] = self.query_one(f"#{key}")
                widgets["outcome"] = self.query_one("#outcome")
                widgets["source"] = self.query_one("#source")
                found.extend(pydantic_problems(error, widgets, self.query_one("#visit-id")))
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
        agenda = [row.value() for row in self.query(AgendaRow)]
        participants = [row.value() for row in self.query(ParticipantRow)]
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
    return (
        " formal: counts for the agreement's rules" if formal else " informal: counts for no rule"
    )


def _describe(dates: str) -> str:
    try:
        return VisitDates.parse(dates).describe()
    except ValueError:
        return ""


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

"""Changes to visits from the main screen: add one, plan the next, edit, mark held (or
postponed, cancelled…), delete, and add a participant."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text

from schedules.i18n import N_, _, format_date, ngettext
from schedules.messages import visit_status
from schedules.planning import NextVisit, continuing_visits
from schedules.session import OpenFile
from tui.screens.editing import EditingPart, changes_for, table_of
from tui.widgets.labels import clean

if TYPE_CHECKING:
    from schedules.drafts import ParticipantDraft, VisitDraft
    from schedules.editing import EditableSchedule
    from schedules.model import Schedule
    from schedules.suggest import Suggestion

STATUS_CHOICES = [
    (N_("Held"), "held"),
    (N_("Confirmed"), "confirmed"),
    (N_("Planned"), "planned"),
    (N_("Postponed"), "postponed"),
    (N_("Cancelled"), "cancelled"),
]


def plan_reason(
    schedule: Schedule, pending: list[NextVisit], dates: Suggestion | None, as_of: dt.date
) -> str:
    """Why the form proposes what it does: the rule, its deadline, and the dates chosen."""
    first = min(pending, key=lambda p: p.deadline or dt.date.max)
    host = schedule.party_label(first.host) if first.host else _("either party")
    lines = [
        _("{host} hosts next ({kind} rule {rule} of {agreement}).").format(
            host=host, kind=first.rule_kind, rule=first.rule, agreement=first.agreement
        )
    ]
    if first.deadline is not None:
        when = (
            _("Deadline: {day}, passed: the visit is overdue.")
            if first.deadline < as_of
            else _("Deadline: {day}.")
        )
        lines.append(when.format(day=format_date(first.deadline)))
    if first.lapsed_since is not None:
        lines.append(
            _("No memorandum in force since {day}: the last rotation continues.").format(
                day=format_date(first.lapsed_since)
            )
        )
    if dates is not None:
        lines.append(_("Suggested dates: {text}").format(text=dates.text()))
    return "\n".join(lines)


def nothing_to_plan(plans: list[NextVisit]) -> str:
    """Why there is no next visit to plan: one is planned already (perhaps late), or no rule
    asks for one."""
    late = [p for p in plans if p.planned and p.state == "late"]
    planned = sorted({p.planned for p in plans if p.planned and p.state in ("planned", "late")})
    if late:
        first = late[0]
        return _(
            "{visit} is planned, but late: its deadline ({deadline}) has passed or falls "
            "before it. Mark it held (m) with its dates once it has taken place, or change "
            "its dates (e); the visit after it can then be planned."
        ).format(
            visit=first.planned, deadline=first.deadline.isoformat() if first.deadline else "?"
        )
    if planned:
        return _(
            "The next visit is already planned: {visits}. Once it has taken place, mark it "
            "held (m); the one after it can then be planned. Press a to add another visit."
        ).format(visits=", ".join(planned))
    return _("No rotation, interval or commitment rule asks for a visit. Press a to add a visit.")


def what_refers(actions: int, waivers: int) -> str:
    """`2 actions and 1 waiver`: what refers to a visit."""
    counted = ngettext("{n} action", "{n} actions", actions).format(n=actions)
    waived = ngettext("{n} waiver", "{n} waivers", waivers).format(n=waivers)
    if actions and waivers:
        return _("{actions} and {waivers}").format(actions=counted, waivers=waived)
    return counted if actions else waived


class VisitEditing(EditingPart):
    """The visits of the current file."""

    def add(self) -> None:
        found = self.editing.editable_file()
        if found is not None:
            self.open_form(*found, defaults=None)

    def plan_next(self) -> None:
        found = self.editing.editable_file()
        if found is None:
            return
        file, schedule = found
        session = self.editing.session
        as_of = session.as_of
        # with every agreement ended, the last one's rotation carries on (SPEC)
        plans = session.plans.get(file.path) or continuing_visits(schedule, as_of)
        pending = [p for p in plans if p.state in ("nothing planned", "overdue")]
        if not pending:
            self.host.notify(nothing_to_plan(plans), title=_("Plan next visit"), markup=False)
            return
        from schedules.plan import plan_next_dates
        from schedules.visit_defaults import plan_defaults

        defaults = plan_defaults(schedule, pending, as_of)
        others = [f.schedule for f in session.files if f.schedule is not None and f is not file]
        dates = plan_next_dates(schedule, pending, [defaults["kind"]], as_of, others)
        if dates is not None and dates.start is not None:
            defaults = {**defaults, "when": None, "start": dates.start, "end": dates.end}
            defaults = {key: value for key, value in defaults.items() if value is not None}
        self.host.notify(
            plan_reason(schedule, pending, dates, as_of),
            title=_("Plan next visit"),
            markup=False,
            timeout=12,
        )
        self.open_form(file, schedule, defaults=defaults)

    def open_form(
        self, file: OpenFile, schedule: Schedule, *, defaults: dict[str, Any] | None
    ) -> None:
        from tui.screens.visit_form import VisitForm

        open_actions = [a for a in schedule.actions if a.status == "open"]

        def added(draft: VisitDraft | None) -> None:
            if draft is not None and self.editing.apply(file, lambda e: e.add_visit(draft)):
                self.host.visit_id = draft.id
                self.host.pending_select = draft.id

        self.host.push_screen(
            VisitForm(schedule, defaults=defaults, open_actions=open_actions), added
        )

    def edit(self) -> None:
        found = self.editing.current_visit()
        if found is None:
            return
        from tui.screens.visit_form import VisitForm

        file, schedule, visit = found
        open_actions = [a for a in schedule.actions if a.status == "open"]

        def edited(draft: VisitDraft | None) -> None:
            if draft is None:
                return
            changes = changes_for(table_of(file, "visits", visit.id), draft.table())
            if changes and self.editing.apply(file, lambda e: e.update_visit(visit.id, changes)):
                self.host.pending_select = draft.id

        self.host.push_screen(VisitForm(schedule, visit, open_actions=open_actions), edited)

    def delete(self) -> None:
        found = self.editing.current_visit()
        if found is None:
            return
        file, _schedule, visit = found
        editable = file.editable
        assert editable is not None, "current_visit checks it"
        actions, waivers = editable.references(visit.id)

        def answered(choice: str | None) -> None:
            if choice in ("delete", "detach"):
                self.editing.apply(file, lambda e: e.delete_visit(visit.id, references=choice))

        question = _("Delete visit {id} ({dates}) from the file?").format(
            id=clean(visit.id), dates=visit.dates_text()
        )
        choices = [(_("Delete"), "delete"), (_("Keep"), "keep")]
        if actions or waivers:
            listed = what_refers(len(actions), len(waivers))
            question += " " + ngettext(
                "{what} refers to it.", "{what} refer to it.", len(actions) + len(waivers)
            ).format(what=listed)
            choices = [
                (_("Delete it and its {what}").format(what=listed), "delete"),
                (_("Delete it, keep the {what} without it").format(what=listed), "detach"),
                (_("Keep"), "keep"),
            ]
        self.editing.ask(_("Delete visit"), Text(question), choices, answered)

    def mark(self) -> None:
        found = self.editing.current_visit()
        if found is None:
            return
        file, _schedule, visit = found

        def held_on(dates: tuple[dt.date, dt.date | None] | None) -> None:
            if dates is not None:
                changes = {"status": "held", "when": None, "start": dates[0], "end": dates[1]}
                self.editing.apply(file, lambda e: e.update_visit(visit.id, changes))

        def marked(status: str) -> None:
            if status == "held" and visit.start is None:  # a partial date: ask
                from tui.screens.held_form import HeldDatesForm

                self.host.push_screen(HeldDatesForm(visit), held_on)
            else:
                self.editing.apply(file, lambda e: e.update_visit(visit.id, {"status": status}))

        message = _("Visit {id} is {status}. Mark it:").format(
            id=clean(visit.id), status=visit_status(visit.status)
        )
        self.editing.ask_status(_("Mark visit"), message, STATUS_CHOICES, visit.status, marked)

    def add_participant(self) -> None:
        found = self.editing.current_visit()
        if found is None:
            return
        from tui.screens.participant_form import ParticipantForm

        file, schedule, visit = found

        def add(editable: EditableSchedule, draft: ParticipantDraft) -> None:
            editable.add_participant(visit.id, draft)

        self.host.push_screen(ParticipantForm(schedule, visit), self.editing.applying(file, add))

"""`visits export --format ics`: the visits as an iCalendar file.

One all-day event per visit with exact dates (DTEND is exclusive: the day after `end`). The UID
comes from the partnership and visit ids, so a calendar that imports the file again updates its
events instead of duplicating them. Visits with partial dates are left out (and listed on
stderr) unless `include_tentative` exports them as tentative events over their whole span.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from schedules.command_io import load_schedules, report_problems, write_output
from schedules.i18n import N_, _, format_date
from schedules.loader import Document
from schedules.messages import visit_status
from schedules.model import Schedule, Visit
from schedules.render import literal

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//visits//visits schedule export//EN"

STATUS = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
    # the dates no longer hold: a calendar that imported them must drop the event
    "postponed": "CANCELLED",
}

ROLES = {"head": N_("head of delegation"), "member": "", "staff": N_("staff")}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A visit with only a partial date, not exported."""

    path: str
    line: int
    column: int
    visit: Visit

    def message(self) -> str:
        visit = self.visit
        assert visit.when is not None
        span = f"{format_date(visit.when.first)}..{format_date(visit.when.last)}"
        where = f"{literal(self.path)}:{self.line}:{self.column}: "
        return where + _(
            'visit `{visit}` has only a partial date (when = "{when}"): left out; '
            "--include-tentative exports it as a tentative event over {span}"
        ).format(visit=literal(visit.id), when=literal(visit.when.text), span=span)


def run_export(paths: Sequence[str], output: str | None, *, include_tentative: bool) -> int:
    loaded = load_schedules(paths)
    report_problems(loaded)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    data, left_out = calendar_ics(loaded.documents, stamp, include_tentative=include_tentative)
    for item in left_out:
        sys.stderr.write(item.message() + "\n")
    written = write_output(data, output)
    return max(written, loaded.exit_code)


def event_uid(schedule: Schedule, visit: Visit) -> str:
    """Stable across runs and files: `talks-2023@quang-tri-salavan.visits`."""
    return f"{quote(visit.id, safe='')}@{schedule.partnership.id}.visits"


def calendar_ics(
    documents: Sequence[Document], stamp: dt.datetime, *, include_tentative: bool = False
) -> tuple[bytes, list[LeftOut]]:
    """The iCalendar text of the visits of valid documents, and the visits left out."""
    from icalendar import Calendar, vText  # imported here: only export needs it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    schedules = [d.schedule for d in documents if d.schedule is not None]
    if len(schedules) == 1:
        # TEXT values, escaped (icalendar writes properties it does not know as they are)
        name = vText(_text(schedules[0].partnership.title))
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    left_out: list[LeftOut] = []
    for document in documents:
        schedule = document.schedule
        if schedule is None:
            continue
        for index, visit in enumerate(schedule.visits):
            if visit.exact or include_tentative:
                calendar.add_component(visit_event(schedule, visit, stamp))
            else:
                where = document.locate(("visits", index, "when"))
                left_out.append(LeftOut(document.path, where.line, where.column, visit))
    return calendar.to_ical(), left_out


def visit_event(schedule: Schedule, visit: Visit, stamp: dt.datetime) -> Event:
    """One all-day VEVENT; a visit with a partial date spans the whole period, tentatively."""
    from icalendar import Event

    event = Event()
    event.add("uid", event_uid(schedule, visit))
    event.add("dtstamp", stamp)
    if visit.start is not None:
        first, last = visit.start, visit.end or visit.start
        status = STATUS[visit.status]
    else:
        assert visit.when is not None
        first, last = visit.when.first, visit.when.last
        status = "CANCELLED" if STATUS[visit.status] == "CANCELLED" else "TENTATIVE"
        # a year-long placeholder must not show the whole year as busy
        event.add("transp", "TRANSPARENT")
    event.add("dtstart", first)
    if last < dt.date.max:
        event.add("dtend", last + dt.timedelta(days=1))
    else:  # DTEND is the day after, which no calendar has: say how long instead
        event.add("duration", dt.timedelta(days=(last - first).days + 1))
    event.add("summary", _text(visit.title or _default_title(schedule, visit)))
    if visit.place:
        event.add("location", _text(visit.place))
    event.add("status", status)
    event.add("categories", [_text(visit.kind)])
    event.add("description", _text(description(schedule, visit)))
    return event


def _default_title(schedule: Schedule, visit: Visit) -> str:
    return _("{kind} hosted by {host}").format(
        kind=visit.kind, host=_party_name(schedule, visit.host)
    )


def _party_name(schedule: Schedule, party_id: str) -> str:
    party = schedule.parties.get(party_id)
    return party.name if party is not None else party_id


def description(schedule: Schedule, visit: Visit) -> str:
    """Who hosts, who comes, the agenda and the delegations, as plain text."""
    lines = [schedule.partnership.title]
    if visit.when is not None:
        lines.append(_("Dates to be agreed: {when}").format(when=visit.when.text))
    formal = "" if visit.formal else _(" (informal)")
    lines.append(_("Status: {status}").format(status=visit_status(visit.status) + formal))
    lines.append(_("Host: {host}").format(host=_party_name(schedule, visit.host)))
    guests = [_party_name(schedule, guest) for guest in visit.guest_ids(schedule.parties)]
    if guests:
        lines.append(_("Guests: {guests}").format(guests="; ".join(guests)))
    if visit.place:
        lines.append(_("Place: {place}").format(place=visit.place))
    if visit.agenda:
        lines += ["", _("Agenda:")]
        for entry in visit.agenda:
            if isinstance(entry, str):
                lines.append(f"- {entry}")
                continue
            when = [
                _("day {number}").format(number=entry.day) if entry.day else "",
                entry.time or "",
            ]
            if entry.lead:
                when.append(_("led by {party}").format(party=_party_name(schedule, entry.lead)))
            detail = ", ".join(part for part in when if part)
            lines.append(f"- {entry.item}" + (f" ({detail})" if detail else ""))
    if visit.participants:
        lines += ["", _("Delegation:")]
        parties = list(dict.fromkeys(p.party for p in visit.participants))
        for party_id in parties:
            lines.append(f"{_party_name(schedule, party_id)}:")
            for person in visit.participants:
                if person.party != party_id:
                    continue
                role = _(ROLES[person.role]) if ROLES[person.role] else ""
                details = [part for part in (person.title, role) if part]
                lines.append(f"- {person.name}" + (f", {', '.join(details)}" if details else ""))
    if visit.outcome:
        lines += ["", _("Outcome: {outcome}").format(outcome=visit.outcome)]
    if visit.source:
        lines += ["", _("Source: {source}").format(source=visit.source)]
    return "\n".join(lines)


# controls iCalendar TEXT does not allow, and the bidirectional overrides that reorder a line
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(text: str) -> str:
    """Newlines kept (icalendar escapes them); other controls and overrides shown escaped."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(_UNSAFE.sub(lambda m: literal(m[0]), line) for line in lines)

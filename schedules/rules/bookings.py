"""Double-booking: one person in two counted visits whose exact dates overlap, across all the
files checked together (`double-booking`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.messages import NOTHING, Span, said
from schedules.rules.seen import normalise_name, visit_dates
from schedules.tables import Schedule


@dataclass(slots=True)  # not frozen: a frozen one is ten times slower to make, for every person
class Booking:
    """One person's place in one counted visit with exact dates: all that double-booking needs,
    so that it can span files without keeping them in memory."""

    person: str
    name: str
    start: dt.date
    end: dt.date
    path: str
    index: int
    participant: int
    visit: str
    dates: Span | str
    line: int | None = None
    """Where the participant is written, when already known."""
    column: int | None = None

    @property
    def target(self) -> KeyPath:
        return ("visits", self.index, "participants", self.participant)


def bookings(schedule: Schedule, path: str) -> Iterator[Booking]:
    """Each participant of each counted visit with exact dates (once per visit)."""
    for index, visit in enumerate(schedule.visits):
        # SPEC: "two counted visits" (informal, postponed and cancelled ones count for nothing)
        if not visit.counted or visit.start is None:
            continue
        start, end, dates = visit.start, visit.last_day, visit_dates(visit)  # once per visit
        people: set[str] = set()
        for k, participant in enumerate(visit.participants):
            person = (
                f"id:{participant.id}"
                if participant.id
                else f"name:{normalise_name(participant.name)}"
            )
            if person in people:
                continue
            people.add(person)
            yield Booking(person, participant.name, start, end, path, index, k, visit.id, dates)


def double_bookings(all_bookings: Iterable[Booking]) -> Iterator[Diagnostic]:
    """People in two bookings with overlapping dates, reported on the later one: each person's
    bookings are swept in date order (O(n log n))."""
    by_person: dict[str, list[Booking]] = defaultdict(list)
    for booking in all_bookings:
        by_person[booking.person].append(booking)
    for person_bookings in by_person.values():
        if len(person_bookings) < 2:
            continue
        person_bookings.sort(key=lambda b: (b.start, b.path, b.index))
        latest_end = person_bookings[0]
        for booking in person_bookings[1:]:
            if booking.start <= latest_end.end:
                other = latest_end
                elsewhere = other.path != booking.path
                where = said(" in {path}", path=other.path) if elsewhere else NOTHING
                message = said(
                    "{name} takes part in visit `{visit}` ({dates}) and in visit `{other}` "
                    "({other_dates}){where}, whose dates overlap",
                    name=person_bookings[0].name,
                    visit=booking.visit,
                    dates=booking.dates,
                    other=other.visit,
                    other_dates=other.dates,
                    where=where,
                )
                yield Diagnostic.worded(
                    booking.path,
                    Severity.ERROR,
                    Code.DOUBLE_BOOKING,
                    message,
                    line=booking.line,
                    column=booking.column,
                    visit=booking.visit,
                    date=booking.start,
                    target=booking.target,
                )
            if booking.end > latest_end.end:
                latest_end = booking

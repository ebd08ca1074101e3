"""Drafts of visits, their participants and agenda, and their checks (a second head of one
party, the host as a guest, dates in the wrong order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from schedules.drafts.base import Draft, DraftProblem
from schedules.i18n import _
from schedules.tables import Schedule


@dataclass(frozen=True)
class ParticipantDraft(Draft):
    """A participant; `role` None: left out of the file (a member)."""

    name: str
    party: str | None
    title: str | None = None
    role: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class AgendaItemDraft(Draft):
    item: str
    day: int | None = None
    time: str | None = None
    lead: str | None = None


@dataclass(frozen=True)
class VisitDraft(Draft):
    """A visit: exact dates (`start`, `end`) or a partial date (`when`, e.g. "2025-Q3").
    `guests`, `formal` and `status` None: left out of the file (their defaults)."""

    id: str
    kind: str
    host: str | None
    title: str | None = None
    guests: tuple[str, ...] | None = None
    formal: bool | None = None
    status: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    when: str | None = None
    place: str | None = None
    agenda: tuple[str | AgendaItemDraft, ...] = ()
    outcome: str | None = None
    source: str | None = None
    participants: tuple[ParticipantDraft, ...] = ()

    keys: ClassVar[tuple[str, ...]] = (
        "id",
        "kind",
        "title",
        "host",
        "guests",
        "formal",
        "status",
        "start",
        "end",
        "when",
        "place",
        "agenda",
        "outcome",
        "source",
        "participants",
    )


def second_head(schedule: Schedule, party: str, head: str) -> str:
    return _(
        "{head} already heads the {party} delegation; a party has at most one head per visit"
    ).format(head=head, party=schedule.party_label(party))


def participant_problems(
    schedule: Schedule, people: Sequence[ParticipantDraft]
) -> list[tuple[int, DraftProblem]]:
    """(index of the person, problem): a party to choose, a second head of one party."""
    found: list[tuple[int, DraftProblem]] = []
    heads: dict[str, str] = {}
    for index, person in enumerate(people):
        if person.party is None:
            found.append((index, DraftProblem("party", _("choose the participant's party"))))
            continue
        if person.role == "head":
            other = heads.get(person.party)
            if other is not None:
                found.append(
                    (index, DraftProblem("role", second_head(schedule, person.party, other)))
                )
            else:
                heads[person.party] = person.name or _("another participant")
    return found


def visit_problems(
    schedule: Schedule, draft: VisitDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """What is wrong with a visit before it is written: its id taken by another visit, no
    host, no guest or the host as a guest, dates in the wrong order (participants: see
    `participant_problems`)."""
    found: list[DraftProblem] = []
    taken = {visit.id for visit in schedule.visits if visit.id != editing}
    if draft.id in taken:
        found.append(
            DraftProblem("id", _("another visit already has the id `{id}`").format(id=draft.id))
        )
    if draft.host is None:
        found.append(DraftProblem("host", _("choose the host")))
    guests = draft.guests if draft.guests is not None else ()
    if draft.guests is not None and not guests:
        found.append(DraftProblem("guests", _("choose at least one guest")))
    elif draft.host is not None and draft.host in guests:
        label = schedule.party_label(draft.host)
        found.append(
            DraftProblem("guests", _("{party} is the host, not a guest").format(party=label))
        )
    if draft.start is not None and draft.end is not None and draft.end < draft.start:
        found.append(
            DraftProblem(
                "end",
                _("the visit ends ({end}) before it starts ({start})").format(
                    end=draft.end, start=draft.start
                ),
            )
        )
    return found

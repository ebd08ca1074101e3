"""Drafts of the partnership table and its parties, and their checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from schedules.drafts.base import Draft, DraftProblem
from schedules.i18n import _
from schedules.tables import COUNTRY_PATTERN, SLUG_PATTERN, Schedule


@dataclass(frozen=True)
class PartnershipDraft(Draft):
    title: str
    notes: str | None = None


@dataclass(frozen=True)
class PartyDraft(Draft):
    id: str
    name: str
    country: str | None = None
    short: str | None = None

    keys: ClassVar[tuple[str, ...]] = ("name", "country", "short")  # the id is the table's key


def partnership_problems(draft: PartnershipDraft) -> list[DraftProblem]:
    if not draft.title.strip():
        return [DraftProblem("title", _("the partnership's title is required"))]
    return []


def party_problems(
    schedule: Schedule, draft: PartyDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """A party id that is not a slug or is taken, no name, a country that is not a code."""
    found: list[DraftProblem] = []
    if re.fullmatch(SLUG_PATTERN, draft.id) is None:
        found.append(
            DraftProblem("id", _('use lowercase letters, digits and "-" (like "savannakhet")'))
        )
    elif draft.id != editing and draft.id in schedule.parties:
        found.append(
            DraftProblem("id", _("another party already has the id `{id}`").format(id=draft.id))
        )
    if not draft.name.strip():
        found.append(DraftProblem("name", _("the party's name is required")))
    if draft.country and re.fullmatch(COUNTRY_PATTERN, draft.country) is None:
        found.append(
            DraftProblem("country", _("write the country as two capital letters, like VN or LA"))
        )
    return found

"""Drafts of agreements and their rules, and their checks (ids, the keys of each kind of rule)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from schedules.dates import Duration, PartialDate
from schedules.drafts.base import Draft, DraftProblem, _table
from schedules.i18n import _
from schedules.tables import RULE_KINDS, SLUG_PATTERN, Schedule

RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "alternate": ("order",),
    "interval": ("max", "tolerance", "min", "horizon"),
    "commitment": ("host", "when"),
    "quota": ("min", "max", "per"),
    "delegation": ("max_people", "max_days"),
}
"""The keys of each kind of rule, in the file format's order."""


@dataclass(frozen=True)
class RuleDraft(Draft):
    """A rule: `kind` is alternate, interval, commitment, quota or delegation; `fields` the
    keys of that kind (`order`; `max`, `tolerance`, `min`, `horizon`; `host`, `when`; `min`,
    `max`, `per`; `max_people`, `max_days`)."""

    id: str
    kind: str
    visits: tuple[str, ...]
    description: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)

    def table(self) -> dict[str, Any]:
        own = [(key, tuple(v) if isinstance(v, list) else v) for key, v in self.fields.items()]
        return _table(
            [
                ("id", self.id),
                ("kind", self.kind),
                ("visits", self.visits),
                *own,
                ("description", self.description),
            ]
        )


@dataclass(frozen=True)
class AgreementDraft(Draft):
    id: str
    signed: dt.date
    title: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    source: str | None = None
    rules: tuple[RuleDraft, ...] = ()

    keys: ClassVar[tuple[str, ...]] = (
        "id",
        "title",
        "signed",
        "valid_from",
        "valid_until",
        "source",
        "rules",
    )


def agreement_problems(
    schedule: Schedule, draft: AgreementDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """An agreement id that is taken or empty, an end before its start."""
    found: list[DraftProblem] = []
    taken = {a.id for a in schedule.agreements if a.id != editing}
    if not draft.id.strip():
        found.append(DraftProblem("id", _("the agreement's id is required")))
    elif draft.id in taken:
        found.append(
            DraftProblem("id", _("another agreement already has the id `{id}`").format(id=draft.id))
        )
    starts = draft.valid_from or draft.signed
    if draft.valid_until is not None and draft.valid_until < starts:
        found.append(
            DraftProblem(
                "valid_until",
                _("it ends ({end}) before it comes into force ({start})").format(
                    end=draft.valid_until.isoformat(), start=starts.isoformat()
                ),
            )
        )
    return found


def rule_problems(
    schedule: Schedule, draft: RuleDraft, *, editing: str | None = None
) -> list[DraftProblem]:
    """What is wrong with a rule before it is written: its id, the visit kinds it counts, and
    the keys of its kind (parties it names, durations, periods, limits)."""
    found: list[DraftProblem] = []
    taken = {rule.id for _agreement, rule in schedule.rules() if rule.id != editing}
    if not draft.id.strip():
        found.append(DraftProblem("id", _("the rule's id is required")))
    elif draft.id in taken:
        found.append(
            DraftProblem("id", _("another rule already has the id `{id}`").format(id=draft.id))
        )
    if draft.kind not in RULE_KINDS:
        found.append(DraftProblem("kind", _("choose the kind of rule")))
        return found
    if not draft.visits:
        found.append(DraftProblem("visits", _("name the kinds of visit it counts, like talks")))
    elif any(re.fullmatch(SLUG_PATTERN, kind) is None for kind in draft.visits):
        found.append(
            DraftProblem(
                "visits", _('visit kinds are lowercase words with "-", like talks, working-visit')
            )
        )
    fields = draft.fields
    parties = schedule.parties
    if draft.kind == "alternate":
        order = list(fields.get("order") or ())
        unknown = [p for p in order if p not in parties]
        if unknown:
            found.append(
                DraftProblem(
                    "order", _("not a party of this file: {ids}").format(ids=", ".join(unknown))
                )
            )
        elif len(set(order)) != len(order):
            found.append(DraftProblem("order", _("each party takes its turn once in the order")))
    elif draft.kind == "interval":
        if not fields.get("max"):
            found.append(
                DraftProblem("max", _("the longest time between visits is required, like P2Y"))
            )
        for key in ("max", "tolerance", "min", "horizon"):
            found.extend(_duration_problem(key, fields.get(key)))
    elif draft.kind == "commitment":
        host = fields.get("host")
        if not host:
            found.append(DraftProblem("host", _("choose the party that hosts")))
        elif host not in parties:
            found.append(
                DraftProblem("host", _("not a party of this file: {ids}").format(ids=host))
            )
        when = fields.get("when")
        if not when:
            found.append(DraftProblem("when", _("the period is required, like 2025 or 2025-Q3")))
        else:
            try:
                PartialDate.parse(str(when))
            except ValueError as error:
                found.append(DraftProblem("when", str(error)))
    elif draft.kind == "quota":
        if fields.get("per") not in ("year", "quarter", "month"):
            found.append(DraftProblem("per", _("choose the period: year, quarter or month")))
        low, high = fields.get("min"), fields.get("max")
        if isinstance(low, int) and isinstance(high, int) and high < low:
            found.append(
                DraftProblem(
                    "max",
                    _("the most ({max}) is fewer than the least ({min})").format(max=high, min=low),
                )
            )
    elif fields.get("max_people") is None and fields.get("max_days") is None:
        found.append(
            DraftProblem(
                "max_people", _("give the most people per delegation, the most days, or both")
            )
        )
    return found


def _duration_problem(key: str, value: object) -> list[DraftProblem]:
    if not value:
        return []
    try:
        Duration.parse(str(value))
    except ValueError as error:
        return [DraftProblem(key, str(error))]
    return []

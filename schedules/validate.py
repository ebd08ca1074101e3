"""What a valid shape can still get wrong: cross-field rules (`schema`) and ids (`reference`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from schedules.codes import WAIVABLE, Code
from schedules.diagnostics import Diagnostic, KeyPath, Severity
from schedules.i18n import N_
from schedules.messages import Said, did_you_mean, ids, said
from schedules.tables import AlternateRule, CommitmentRule, DelegationRule, QuotaRule, Schedule


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Diagnostic] = []

    def add(self, code: Code, target: KeyPath, message: Said, visit: str | None = None) -> None:
        self.found.append(
            Diagnostic(
                self.path,
                Severity.ERROR,
                code,
                message.english(),
                visit=visit,
                target=target,
                said=message,
            )
        )

    def party(
        self,
        party: str,
        parties: Mapping[str, object],
        target: KeyPath,
        what: Said,
        visit: str | None = None,
    ) -> None:
        if party not in parties:
            self.add(
                Code.REFERENCE,
                target,
                said(
                    "{what} `{party}` is not a party of this file (the parties are "
                    "{parties}){suggestion}",
                    what=what,
                    party=party,
                    parties=ids(parties),
                    suggestion=did_you_mean(party, parties),
                ),
                visit,
            )


def validate(schedule: Schedule, path: str) -> list[Diagnostic]:
    """Problems that pydantic's per-field validation cannot see, each at its key."""
    problems = _Problems(path)
    parties = schedule.parties
    if len(parties) < 2:
        problems.add(
            Code.SCHEMA,
            ("parties",),
            said(
                "a partnership needs two or more parties, and [parties] has {count}",
                count=len(parties),
            ),
        )

    rule_paths: list[KeyPath] = [
        ("agreements", i, "rules", j, "id")
        for i, agreement in enumerate(schedule.agreements)
        for j in range(len(agreement.rules))
    ]
    rule_ids = [rule.id for _, rule in schedule.rules()]
    ids_in: dict[str, tuple[list[KeyPath], list[str]]] = {"rules": (rule_paths, rule_ids)}
    for key in ("agreements", "visits", "actions"):
        tables: Sequence[HasId] = getattr(schedule, key)
        ids_in[key] = ([(key, i, "id") for i in range(len(tables))], [t.id for t in tables])
    for key in ("agreements", "rules", "visits", "actions"):
        _unique(problems, _USED_TWICE[key], *ids_in[key])

    for i, agreement in enumerate(schedule.agreements):
        at: KeyPath = ("agreements", i)
        if agreement.valid_until is not None and agreement.valid_until < agreement.starts:
            problems.add(
                Code.SCHEMA,
                (*at, "valid_until"),
                said(
                    "agreement `{agreement}`: `valid_until` ({until}) is before it comes into "
                    "force ({starts})",
                    agreement=agreement.id,
                    until=agreement.valid_until,
                    starts=agreement.starts,
                ),
            )
        for j, rule in enumerate(agreement.rules):
            rule_at: KeyPath = (*at, "rules", j)
            label = said("rule `{rule}`", rule=rule.id)
            if isinstance(rule, AlternateRule) and rule.order is not None:
                for k, party in enumerate(rule.order):
                    problems.party(
                        party,
                        parties,
                        (*rule_at, "order", k),
                        said("{rule}: `order` entry", rule=label),
                    )
                if len(set(rule.order)) != len(rule.order):
                    problems.add(
                        Code.SCHEMA,
                        (*rule_at, "order"),
                        said("{rule}: `order` names a party twice", rule=label),
                    )
                if len(rule.order) < 2:
                    problems.add(
                        Code.SCHEMA,
                        (*rule_at, "order"),
                        said("{rule}: `order` needs two or more parties to take turns", rule=label),
                    )
            elif isinstance(rule, CommitmentRule):
                problems.party(
                    rule.host, parties, (*rule_at, "host"), said("{rule}: host", rule=label)
                )
            elif isinstance(rule, QuotaRule):
                if rule.min is None and rule.max is None:
                    problems.add(
                        Code.SCHEMA,
                        rule_at,
                        said("{rule}: a quota needs `min`, `max` or both", rule=label),
                    )
                elif rule.min is not None and rule.max is not None and rule.min > rule.max:
                    problems.add(
                        Code.SCHEMA,
                        (*rule_at, "min"),
                        said(
                            "{rule}: `min` ({min}) is greater than `max` ({max})",
                            rule=label,
                            min=rule.min,
                            max=rule.max,
                        ),
                    )
            elif (
                isinstance(rule, DelegationRule)
                and rule.max_people is None
                and rule.max_days is None
            ):
                problems.add(
                    Code.SCHEMA,
                    rule_at,
                    said(
                        "{rule}: a delegation rule needs `max_people`, `max_days` or both",
                        rule=label,
                    ),
                )

    visit_ids = {visit.id for visit in schedule.visits}
    for i, visit in enumerate(schedule.visits):
        at = ("visits", i)
        label = said("visit `{visit}`", visit=visit.id)
        if visit.start is None and visit.when is None:
            problems.add(
                Code.SCHEMA,
                at,
                said(
                    '{visit}: needs `start` (exact dates) or `when` (a partial date like "2025")',
                    visit=label,
                ),
                visit.id,
            )
        elif visit.start is not None and visit.when is not None:
            problems.add(
                Code.SCHEMA,
                (*at, "when"),
                said("{visit}: has both `start` and `when`; keep exactly one", visit=label),
                visit.id,
            )
        if visit.end is not None:
            if visit.start is None:
                problems.add(
                    Code.SCHEMA,
                    (*at, "end"),
                    said("{visit}: `end` goes with `start`, not with `when`", visit=label),
                    visit.id,
                )
            elif visit.end < visit.start:
                problems.add(
                    Code.SCHEMA,
                    (*at, "end"),
                    said(
                        "{visit}: `end` ({end}) is before `start` ({start})",
                        visit=label,
                        end=visit.end,
                        start=visit.start,
                    ),
                    visit.id,
                )
        # `party` is called only for unknown parties: building its label for each of tens of
        # thousands of participants was most of the time of validating a large file
        if visit.host not in parties:
            problems.party(
                visit.host, parties, (*at, "host"), said("{visit}: host", visit=label), visit.id
            )
        for k, guest in enumerate(visit.guests or []):
            if guest not in parties:
                problems.party(
                    guest,
                    parties,
                    (*at, "guests", k),
                    said("{visit}: guest", visit=label),
                    visit.id,
                )
            if guest == visit.host:
                problems.add(
                    Code.SCHEMA,
                    (*at, "guests", k),
                    said("{visit}: `{guest}` is the host, not a guest", visit=label, guest=guest),
                    visit.id,
                )
        for k, entry in enumerate(visit.agenda):
            if not isinstance(entry, str) and entry.lead is not None and entry.lead not in parties:
                problems.party(
                    entry.lead,
                    parties,
                    (*at, "agenda", k, "lead"),
                    said("{visit}: agenda lead", visit=label),
                    visit.id,
                )
        heads: set[str] = set()
        for k, participant in enumerate(visit.participants):
            if participant.party not in parties:
                problems.party(
                    participant.party,
                    parties,
                    (*at, "participants", k, "party"),
                    said(
                        "{visit}: participant “{name}”: party", visit=label, name=participant.name
                    ),
                    visit.id,
                )
            if participant.role == "head":
                if participant.party in heads:
                    problems.add(
                        Code.SCHEMA,
                        (*at, "participants", k, "role"),
                        said(
                            "{visit}: “{name}” is a second head of the `{party}` delegation; a "
                            "party has at most one head per visit",
                            visit=label,
                            name=participant.name,
                            party=participant.party,
                        ),
                        visit.id,
                    )
                heads.add(participant.party)

    for i, action in enumerate(schedule.actions):
        at = ("actions", i)
        if action.owner not in parties:
            problems.party(
                action.owner,
                parties,
                (*at, "owner"),
                said("action `{action}`: owner", action=action.id),
            )
        if action.visit is not None and action.visit not in visit_ids:
            problems.add(
                Code.REFERENCE,
                (*at, "visit"),
                said(
                    "action `{action}`: visit `{visit}` is not in this file{suggestion}",
                    action=action.id,
                    visit=action.visit,
                    suggestion=did_you_mean(action.visit, visit_ids),
                ),
            )

    waivable = set(rule_ids) | set(WAIVABLE)
    for i, waiver in enumerate(schedule.waivers):
        at = ("waivers", i)
        if waiver.rule not in waivable:
            problems.add(
                Code.REFERENCE,
                (*at, "rule"),
                said(
                    "waiver {number}: `{rule}` is neither a rule id of this file nor a check "
                    "code{suggestion}",
                    number=i + 1,
                    rule=waiver.rule,
                    suggestion=did_you_mean(waiver.rule, waivable),
                ),
            )
        if waiver.visit is not None and waiver.visit not in visit_ids:
            problems.add(
                Code.REFERENCE,
                (*at, "visit"),
                said(
                    "waiver {number}: visit `{visit}` is not in this file{suggestion}",
                    number=i + 1,
                    visit=waiver.visit,
                    suggestion=did_you_mean(waiver.visit, visit_ids),
                ),
            )
        if waiver.from_ is not None and waiver.until is not None and waiver.until < waiver.from_:
            problems.add(
                Code.SCHEMA,
                (*at, "until"),
                said(
                    "waiver {number}: `until` ({until}) is before `from` ({start})",
                    number=i + 1,
                    until=waiver.until,
                    start=waiver.from_,
                ),
            )
    return problems.found


class HasId(Protocol):
    @property
    def id(self) -> str: ...


_USED_TWICE = {
    "agreements": N_(
        "agreement id `{id}` is used twice (first by agreement {first}); ids must be unique in the "
        "file"
    ),
    "rules": N_(
        "rule id `{id}` is used twice (first by rule {first}); ids must be unique in the file"
    ),
    "visits": N_(
        "visit id `{id}` is used twice (first by visit {first}); ids must be unique in the file"
    ),
    "actions": N_(
        "action id `{id}` is used twice (first by action {first}); ids must be unique in the file"
    ),
}
"""What is said of an id used twice in each array of tables."""


def _unique(problems: _Problems, twice: str, paths: Iterable[KeyPath], names: list[str]) -> None:
    first: dict[str, int] = {}
    for index, (target, ident) in enumerate(zip(paths, names, strict=True)):
        if ident in first:
            problems.add(
                Code.REFERENCE, target, Said(twice, {"id": ident, "first": first[ident] + 1})
            )
        else:
            first[ident] = index

"""What a valid shape can still get wrong: cross-field rules (`schema`) and ids (`reference`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from schedules.diagnostics import CHECK_CODES, Diagnostic, KeyPath, Severity
from schedules.loader import did_you_mean
from schedules.model import AlternateRule, CommitmentRule, DelegationRule, QuotaRule, Schedule


class _Problems:
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Diagnostic] = []

    def add(self, code: str, target: KeyPath, message: str, visit: str | None = None) -> None:
        self.found.append(
            Diagnostic(self.path, Severity.ERROR, code, message, visit=visit, target=target)
        )

    def party(
        self,
        party: str,
        parties: Mapping[str, object],
        target: KeyPath,
        what: str,
        visit: str | None = None,
    ) -> None:
        if party not in parties:
            known = ", ".join(f"`{p}`" for p in parties)
            self.add(
                "reference",
                target,
                f"{what} `{party}` is not a party of this file "
                f"(the parties are {known}){did_you_mean(party, list(parties))}",
                visit,
            )


def validate(schedule: Schedule, path: str) -> list[Diagnostic]:
    """Problems that pydantic's per-field validation cannot see, each at its key."""
    problems = _Problems(path)
    parties = schedule.parties
    if len(parties) < 2:
        problems.add(
            "schema",
            ("parties",),
            f"a partnership needs two or more parties, and [parties] has {len(parties)}",
        )

    _unique(
        problems,
        "agreement",
        (("agreements", i, "id") for i in range(len(schedule.agreements))),
        [a.id for a in schedule.agreements],
    )
    rule_paths = [
        ("agreements", i, "rules", j, "id")
        for i, agreement in enumerate(schedule.agreements)
        for j in range(len(agreement.rules))
    ]
    rule_ids = [rule.id for _, rule in schedule.rules()]
    _unique(problems, "rule", rule_paths, rule_ids)
    _unique(
        problems,
        "visit",
        (("visits", i, "id") for i in range(len(schedule.visits))),
        [v.id for v in schedule.visits],
    )
    _unique(
        problems,
        "action",
        (("actions", i, "id") for i in range(len(schedule.actions))),
        [a.id for a in schedule.actions],
    )

    for i, agreement in enumerate(schedule.agreements):
        at: KeyPath = ("agreements", i)
        if agreement.valid_until is not None and agreement.valid_until < agreement.starts:
            problems.add(
                "schema",
                (*at, "valid_until"),
                f"agreement `{agreement.id}`: `valid_until` ({agreement.valid_until}) is before "
                f"it comes into force ({agreement.starts})",
            )
        for j, rule in enumerate(agreement.rules):
            rule_at: KeyPath = (*at, "rules", j)
            label = f"rule `{rule.id}`"
            if isinstance(rule, AlternateRule) and rule.order is not None:
                for k, party in enumerate(rule.order):
                    problems.party(
                        party, parties, (*rule_at, "order", k), f"{label}: `order` entry"
                    )
                if len(set(rule.order)) != len(rule.order):
                    problems.add(
                        "schema", (*rule_at, "order"), f"{label}: `order` names a party twice"
                    )
                if len(rule.order) < 2:
                    problems.add(
                        "schema",
                        (*rule_at, "order"),
                        f"{label}: `order` needs two or more parties to take turns",
                    )
            elif isinstance(rule, CommitmentRule):
                problems.party(rule.host, parties, (*rule_at, "host"), f"{label}: host")
            elif isinstance(rule, QuotaRule):
                if rule.min is None and rule.max is None:
                    problems.add("schema", rule_at, f"{label}: a quota needs `min`, `max` or both")
                elif rule.min is not None and rule.max is not None and rule.min > rule.max:
                    problems.add(
                        "schema",
                        (*rule_at, "min"),
                        f"{label}: `min` ({rule.min}) is greater than `max` ({rule.max})",
                    )
            elif (
                isinstance(rule, DelegationRule)
                and rule.max_people is None
                and rule.max_days is None
            ):
                problems.add(
                    "schema",
                    rule_at,
                    f"{label}: a delegation rule needs `max_people`, `max_days` or both",
                )

    visit_ids = {visit.id for visit in schedule.visits}
    for i, visit in enumerate(schedule.visits):
        at = ("visits", i)
        label = f"visit `{visit.id}`"
        if visit.start is None and visit.when is None:
            problems.add(
                "schema",
                at,
                f'{label}: needs `start` (exact dates) or `when` (a partial date like "2025")',
                visit.id,
            )
        elif visit.start is not None and visit.when is not None:
            problems.add(
                "schema",
                (*at, "when"),
                f"{label}: has both `start` and `when`; keep exactly one",
                visit.id,
            )
        if visit.end is not None:
            if visit.start is None:
                problems.add(
                    "schema",
                    (*at, "end"),
                    f"{label}: `end` goes with `start`, not with `when`",
                    visit.id,
                )
            elif visit.end < visit.start:
                problems.add(
                    "schema",
                    (*at, "end"),
                    f"{label}: `end` ({visit.end}) is before `start` ({visit.start})",
                    visit.id,
                )
        # `party` is called only for unknown parties: building its label for each of tens of
        # thousands of participants was most of the time of validating a large file
        if visit.host not in parties:
            problems.party(visit.host, parties, (*at, "host"), f"{label}: host", visit.id)
        for k, guest in enumerate(visit.guests or []):
            if guest not in parties:
                problems.party(guest, parties, (*at, "guests", k), f"{label}: guest", visit.id)
            if guest == visit.host:
                problems.add(
                    "schema",
                    (*at, "guests", k),
                    f"{label}: `{guest}` is the host, not a guest",
                    visit.id,
                )
        for k, entry in enumerate(visit.agenda):
            if not isinstance(entry, str) and entry.lead is not None and entry.lead not in parties:
                problems.party(
                    entry.lead,
                    parties,
                    (*at, "agenda", k, "lead"),
                    f"{label}: agenda lead",
                    visit.id,
                )
        heads: set[str] = set()
        for k, participant in enumerate(visit.participants):
            if participant.party not in parties:
                problems.party(
                    participant.party,
                    parties,
                    (*at, "participants", k, "party"),
                    f"{label}: participant “{participant.name}”: party",
                    visit.id,
                )
            if participant.role == "head":
                if participant.party in heads:
                    problems.add(
                        "schema",
                        (*at, "participants", k, "role"),
                        f"{label}: “{participant.name}” is a second head of the "
                        f"`{participant.party}` delegation; a party has at most one head per visit",
                        visit.id,
                    )
                heads.add(participant.party)

    for i, action in enumerate(schedule.actions):
        at = ("actions", i)
        if action.owner not in parties:
            problems.party(action.owner, parties, (*at, "owner"), f"action `{action.id}`: owner")
        if action.visit is not None and action.visit not in visit_ids:
            problems.add(
                "reference",
                (*at, "visit"),
                f"action `{action.id}`: visit `{action.visit}` is not in this file"
                f"{did_you_mean(action.visit, visit_ids)}",
            )

    waivable = set(rule_ids) | CHECK_CODES
    for i, waiver in enumerate(schedule.waivers):
        at = ("waivers", i)
        if waiver.rule not in waivable:
            problems.add(
                "reference",
                (*at, "rule"),
                f"waiver {i + 1}: `{waiver.rule}` is neither a rule id of this file "
                f"nor a check code{did_you_mean(waiver.rule, waivable)}",
            )
        if waiver.visit is not None and waiver.visit not in visit_ids:
            problems.add(
                "reference",
                (*at, "visit"),
                f"waiver {i + 1}: visit `{waiver.visit}` is not in this file"
                f"{did_you_mean(waiver.visit, visit_ids)}",
            )
        if waiver.from_ is not None and waiver.until is not None and waiver.until < waiver.from_:
            problems.add(
                "schema",
                (*at, "until"),
                f"waiver {i + 1}: `until` ({waiver.until}) is before `from` ({waiver.from_})",
            )
    return problems.found


def _unique(problems: _Problems, noun: str, paths: Iterable[KeyPath], ids: list[str]) -> None:
    first: dict[str, int] = {}
    for index, (target, ident) in enumerate(zip(paths, ids, strict=True)):
        if ident in first:
            problems.add(
                "reference",
                target,
                f"{noun} id `{ident}` is used twice (first by {noun} {first[ident] + 1}); "
                "ids must be unique in the file",
            )
        else:
            first[ident] = index

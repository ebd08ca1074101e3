"""A rule of an agreement, as an `[[agreements.rules]]` table: its id, kind, the visit kinds it
counts, the keys of its kind, and the agreement's own words."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import Select

from schedules import AnyRule, Schedule
from schedules.drafts import RuleDraft, rule_problems
from schedules.i18n import N_, _, pgettext
from schedules.model import RULE_KINDS, RULE_MODELS
from tui.screens.form import (
    Check,
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    literal,
    party_options,
    required,
    select_value,
    text_field,
    value_of,
)

KIND_LABELS = {
    "alternate": N_("alternate: the parties take turns hosting"),
    "interval": N_("interval: at most so long between visits"),
    "commitment": N_("commitment: a party hosts within a period"),
    "quota": N_("quota: so many visits per year, quarter or month"),
    "delegation": N_("delegation: people per delegation, days per visit"),
}

WIDGETS: dict[str, dict[str, str]] = {
    "alternate": {"order": "order"},
    "interval": {
        "max": "interval-max",
        "tolerance": "tolerance",
        "min": "interval-min",
        "horizon": "horizon",
    },
    "commitment": {"host": "host", "when": "when"},
    "quota": {"min": "quota-min", "max": "quota-max", "per": "per"},
    "delegation": {"max_people": "max_people", "max_days": "max_days"},
}
"""For each kind, the id of the field that holds each of its keys."""


def whole_number(value: str) -> str | None:
    if value.strip() and not value.strip().isdigit():
        return _("write a whole number, like 2")
    return None


class RuleForm(FormScreen[RuleDraft]):
    """A new rule of agreement `agreement`, or an edit of `rule` (the fields follow the kind)."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "rule_form.tcss"]

    def __init__(self, schedule: Schedule, agreement: str, rule: AnyRule | None = None) -> None:
        super().__init__()
        self.schedule = schedule
        self.agreement = agreement
        self.rule = rule
        self.heading = (
            _("Edit rule {id} of {agreement}").format(id=rule.id, agreement=agreement)
            if rule is not None
            else _("New rule of {agreement}").format(agreement=agreement)
        )

    def _value(self, key: str) -> str:
        if self.rule is None:
            return ""
        value = getattr(self.rule, key, None)
        if value is None:
            return ""
        if isinstance(value, list):
            return ", ".join(value)
        return str(value)

    def compose_fields(self) -> ComposeResult:
        rule = self.rule
        yield text_field(
            _("Id"),
            rule.id if rule else "",
            "id",
            _("unique in the file, like talks-rotate"),
            Check(required(_("the id"))),
            hint=_("Changing it renames the rule in its waivers too.") if rule else None,
        )
        yield FieldRow(
            _("Kind"),
            Select(
                [(literal(_(KIND_LABELS[kind])), kind) for kind in RULE_KINDS],
                value=rule.kind if rule else Select.NULL,
                prompt=_("what the rule asks for"),
                compact=True,
                id="kind",
            ),
        )
        yield text_field(
            _("Visits"),
            self._value("visits") or ("talks" if rule is None else ""),
            "visits",
            _("the kinds of visit it counts, like talks, working-visit"),
            Check(required(_("the visit kinds"))),
        )
        parties = ", ".join(self.schedule.parties)
        yield text_field(
            _("Order"),
            self._value("order") if rule else parties,
            "order",
            _("party ids in turn, like {ids}").format(ids=parties),
            hint=_("Blank: the parties in the order of the file."),
        )
        yield text_field(
            _("At most"), self._value("max"), "interval-max", _("like P2Y (2 years) or 18m")
        )
        yield text_field(
            _("Tolerance"), self._value("tolerance"), "tolerance", _("optional: grace, like P3M")
        )
        yield text_field(_("At least"), self._value("min"), "interval-min", _("optional: like P6M"))
        yield text_field(
            _("Horizon"),
            self._value("horizon"),
            "horizon",
            _("optional: warn so long ahead (90 days if blank)"),
        )
        host = rule.host if rule is not None and rule.kind == "commitment" else None
        yield FieldRow(
            _("Host"),
            Select(
                party_options((p, party.name) for p, party in self.schedule.parties.items()),
                value=host if host in self.schedule.parties else Select.NULL,
                prompt=_("the party that hosts"),
                compact=True,
                id="host",
            ),
        )
        yield text_field(
            _("When"), self._value("when"), "when", _("the period, like 2025, 2025-Q3 or 2025-07")
        )
        yield text_field(
            _("Least"),
            self._value("min"),
            "quota-min",
            _("optional: at least so many visits"),
            Check(whole_number),
        )
        yield text_field(
            _("Most"),
            self._value("max"),
            "quota-max",
            _("optional: at most so many visits"),
            Check(whole_number),
        )
        per = rule.per if rule is not None and rule.kind == "quota" else "year"
        yield FieldRow(
            _("Per"),
            Select(
                [
                    (pgettext("quota period", "year"), "year"),
                    (pgettext("quota period", "quarter"), "quarter"),
                    (pgettext("quota period", "month"), "month"),
                ],
                value=per,
                allow_blank=False,
                compact=True,
                id="per",
            ),
        )
        yield text_field(
            _("People"),
            self._value("max_people"),
            "max_people",
            _("optional: most people per guest delegation"),
            Check(whole_number),
        )
        yield text_field(
            _("Days"),
            self._value("max_days"),
            "max_days",
            _("optional: most days per visit"),
            Check(whole_number),
        )
        yield text_field(
            _("Description"),
            rule.description if rule else "",
            "description",
            _("the agreement's own words, like luân phiên tổ chức Hội đàm"),
        )

    def on_mount(self) -> None:
        self.show_kind(self.kind)

    @property
    def kind(self) -> str | None:
        return select_value(self.query_one("#kind", Select))

    def show_kind(self, kind: str | None) -> None:
        """Only the fields of the chosen kind are shown."""
        shown = set(WIDGETS.get(kind or "", {}).values())
        for ident in dict.fromkeys(i for fields in WIDGETS.values() for i in fields.values()):
            row = self.query_one(f"#{ident}").parent
            while row is not None and not isinstance(row, FieldRow):
                row = row.parent
            if row is not None:
                row.display = ident in shown
                if not row.display:
                    row.show_error(None)  # a hidden field's problem is no longer one
        self.refresh_summary()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_error(event.select, None)
        if event.select.id == "kind":
            self.show_kind(self.kind)
        self.refresh_summary()

    def validator_problems(self) -> list[Problem]:
        """Only the fields shown count."""
        return [
            problem
            for problem in super().validator_problems()
            if all(ancestor.display for ancestor in problem[0].ancestors_with_self)
        ]

    def fields(self) -> dict[str, Any]:
        kind = self.kind or ""
        values: dict[str, Any] = {}
        for key, ident in WIDGETS.get(kind, {}).items():
            if ident in ("host", "per"):
                values[key] = select_value(self.query_one(f"#{ident}", Select))
                continue
            text = value_of(self, ident)
            if not text:
                continue
            if key == "order":
                values[key] = [p.strip() for p in text.split(",") if p.strip()]
            elif ident in ("quota-min", "quota-max", "max_people", "max_days"):
                values[key] = int(text) if text.isdigit() else text
            else:
                values[key] = text
        return {key: value for key, value in values.items() if value is not None}

    def draft(self) -> RuleDraft:
        visits = tuple(v.strip() for v in value_of(self, "visits").split(",") if v.strip())
        return RuleDraft(
            id=value_of(self, "id"),
            kind=self.kind or "",
            visits=visits,
            description=value_of(self, "description") or None,
            fields=self.fields(),
        )

    def problems(self) -> list[Problem]:
        draft = self.draft()
        editing = self.rule.id if self.rule is not None else None
        widgets = {"id": "id", "kind": "kind", "visits": "visits", **WIDGETS.get(draft.kind, {})}
        found: list[Problem] = []
        for problem in rule_problems(self.schedule, draft, editing=editing):
            found.append((self.query_one(f"#{widgets.get(problem.key, 'id')}"), problem.message))
        if not found and not self.validator_problems():
            found.extend(self.model_problems(RULE_MODELS[draft.kind], draft.table(), widgets))
        return found

    def result(self) -> RuleDraft:
        return self.draft()

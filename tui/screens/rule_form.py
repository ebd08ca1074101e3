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
from tui.screens.choices import party_select, select_value
from tui.screens.form import (
    CssPaths,
    FieldRow,
    FormScreen,
    Problem,
    TextField,
    literal,
    text_field,
    text_rows,
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


RULE_ID = TextField(
    "id", N_("Id"), N_("unique in the file, like talks-rotate"), required=N_("the id")
)
VISITS = TextField(
    "visits",
    N_("Visits"),
    N_("the kinds of visit it counts, like talks, working-visit"),
    required=N_("the visit kinds"),
)
INTERVAL_FIELDS = (
    TextField("interval-max", N_("At most"), N_("like P2Y (2 years) or 18m"), key="max"),
    TextField("tolerance", N_("Tolerance"), N_("optional: grace, like P3M")),
    TextField("interval-min", N_("At least"), N_("optional: like P6M"), key="min"),
    TextField("horizon", N_("Horizon"), N_("optional: warn so long ahead (90 days if blank)")),
)
WHEN = TextField("when", N_("When"), N_("the period, like 2025, 2025-Q3 or 2025-07"))
QUOTA_FIELDS = (
    TextField(
        "quota-min", N_("Least"), N_("optional: at least so many visits"), whole=True, key="min"
    ),
    TextField(
        "quota-max", N_("Most"), N_("optional: at most so many visits"), whole=True, key="max"
    ),
)
DELEGATION_FIELDS = (
    TextField(
        "max_people", N_("People"), N_("optional: most people per guest delegation"), whole=True
    ),
    TextField("max_days", N_("Days"), N_("optional: most days per visit"), whole=True),
    TextField(
        "description",
        N_("Description"),
        N_("the agreement's own words, like luân phiên tổ chức Hội đàm"),
    ),
)
"""The delegation rule's keys, then every rule's own words."""


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
        hint = _("Changing it renames the rule in its waivers too.")
        yield RULE_ID.row(rule.id if rule else "", hint=hint if rule else None)
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
        yield VISITS.row(self._value("visits") or ("talks" if rule is None else ""))
        parties = ", ".join(self.schedule.parties)
        yield text_field(
            _("Order"),
            self._value("order") if rule else parties,
            "order",
            _("party ids in turn, like {ids}").format(ids=parties),
            hint=_("Blank: the parties in the order of the file."),
        )
        yield from text_rows(INTERVAL_FIELDS, self._value)
        host = rule.host if rule is not None and rule.kind == "commitment" else None
        yield FieldRow(
            _("Host"),
            party_select(self.schedule, host, _("the party that hosts"), "host"),
        )
        yield WHEN.row(self._value("when"))
        yield from text_rows(QUOTA_FIELDS, self._value)
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
        yield from text_rows(DELEGATION_FIELDS, self._value)

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

"""The agreements and their rules, each with what it asks for next."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive

from schedules import Schedule
from schedules.words import rule_in_words
from tui.state import PartnershipView
from tui.widgets.keyed_table import KeyedTable
from tui.widgets.labels import plain, worst
from tui.widgets.visit_detail import diagnostic_lines


class RulesTable(KeyedTable):
    view: reactive[PartnershipView | None] = reactive(None, always_update=True)

    def on_mount(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column("Agreement", key="agreement")
        self.add_column("Rule", key="rule")
        self.add_column("Kind", key="kind")
        self.add_column("Visits", key="visits")
        self.add_column("Asks for", key="terms")
        self.add_column("Next", key="next")
        self.add_column("Description", key="description")

    def watch_view(self, old: PartnershipView | None, view: PartnershipView | None) -> None:
        if not self.needs_rows(old, view):
            return
        keep = self.selected_key
        self.clear()
        view = self.view
        schedule = view.schedule if view is not None else None
        if view is None or schedule is None:
            return
        plans = {plan.rule: plan for plan in view.next_visits}
        for agreement, rule in schedule.rules():
            plan = plans.get(rule.id)
            upcoming = Text("")
            if plan is not None:
                upcoming = Text(
                    plan.state,
                    style={"overdue": "bold red", "late": "bold yellow", "planned": "green"}.get(
                        plan.state, ""
                    ),
                )
                if plan.deadline is not None and plan.state != "kept":
                    upcoming.append(f" by {plan.deadline}", style="dim")
                if plan.lapsed_since is not None:
                    upcoming.append(" (continued)", style="dim")
            self.add_row(
                worst(view.about_rule(rule.id)),
                plain(agreement.id, "dim"),
                plain(rule.id, "bold"),
                Text(rule.kind),
                plain(", ".join(rule.visits)),
                plain(rule_in_words(schedule, rule)),
                upcoming,
                plain(rule.description),
                key=rule.id,
            )
        self.border_title = f"Rules ({len(schedule.rules())})"
        if keep is not None:
            self.select(keep)


def rule_renderable(view: PartnershipView, schedule: Schedule, rule_id: str) -> Group:
    found = next(((a, r) for a, r in schedule.rules() if r.id == rule_id), None)
    if found is None:
        return Group()
    agreement, rule = found
    head = plain(rule.id, "bold")
    head.append(f"  {rule.kind}: ", style="dim")
    head.append_text(plain(rule_in_words(schedule, rule)))
    head.append("  in ", style="dim")
    head.append_text(plain(agreement.title or agreement.id))
    until = agreement.valid_until.isoformat() if agreement.valid_until else "open-ended"
    head.append(f" ({agreement.starts}..{until})", style="dim")
    parts: list[RenderableType] = [head]
    if rule.description:
        parts.append(plain(rule.description, "italic"))
    for plan in view.next_visits:
        if plan.rule == rule.id and plan.lapsed_since is not None:
            parts.append(
                plain(
                    f"No memorandum in force since {plan.lapsed_since}: the rotation of "
                    f"{agreement.id} continues as if it had not ended.",
                    "yellow",
                )
            )
        if plan.rule == rule.id and plan.note:
            parts.append(plain(f"next: {plan.note}", "dim"))
    parts += diagnostic_lines(view.about_rule(rule.id))
    return Group(*parts)

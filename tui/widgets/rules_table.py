"""The agreements and their rules, each with what it asks for next."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive

from schedules.i18n import _, format_date, pgettext
from schedules.tables import Schedule
from schedules.words import rule_in_words, rule_kind_text, state_text
from tui.state import PartnershipView
from tui.widgets.keyed_table import KeyedTable
from tui.widgets.labels import plain, worst
from tui.widgets.visit_detail import diagnostic_lines


class RulesTable(KeyedTable):
    view: reactive[PartnershipView | None] = reactive(None, always_update=True)

    def on_mount(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column(pgettext("rules column", "Agreement"), key="agreement")
        self.add_column(pgettext("rules column", "Rule"), key="rule")
        self.add_column(pgettext("rules column", "Kind"), key="kind")
        self.add_column(pgettext("rules column", "Visits"), key="visits")
        self.add_column(pgettext("rules column", "Asks for"), key="terms")
        self.add_column(pgettext("rules column", "Next"), key="next")
        self.add_column(pgettext("rules column", "Description"), key="description")

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
                    state_text(plan.state),
                    style={"overdue": "bold red", "late": "bold yellow", "planned": "green"}.get(
                        plan.state, ""
                    ),
                )
                if plan.deadline is not None and plan.state != "kept":
                    by = _("by {day}").format(day=format_date(plan.deadline))
                    upcoming.append(f" {by}", style="dim")
                if plan.lapsed_since is not None:
                    upcoming.append(" " + _("(continued)"), style="dim")
            self.add_row(
                worst(view.about_rule(rule.id)),
                plain(agreement.id, "dim"),
                plain(rule.id, "bold"),
                Text(rule_kind_text(rule.kind)),
                plain(", ".join(rule.visits)),
                plain(rule_in_words(schedule, rule)),
                upcoming,
                plain(rule.description),
                key=rule.id,
            )
        self.border_title = _("Rules ({count})").format(count=len(schedule.rules()))
        if keep is not None:
            self.select(keep)


def rule_renderable(view: PartnershipView, schedule: Schedule, rule_id: str) -> Group:
    found = next(((a, r) for a, r in schedule.rules() if r.id == rule_id), None)
    if found is None:
        return Group()
    agreement, rule = found
    head = plain(rule.id, "bold")
    head.append(f"  {rule_kind_text(rule.kind)}: ", style="dim")
    head.append_text(plain(rule_in_words(schedule, rule)))
    head.append("  " + pgettext("rule of an agreement", "in") + " ", style="dim")
    head.append_text(plain(agreement.title or agreement.id))
    until = format_date(agreement.valid_until) if agreement.valid_until else _("open-ended")
    head.append(f" ({format_date(agreement.starts)}..{until})", style="dim")
    parts: list[RenderableType] = [head]
    if rule.description:
        parts.append(plain(rule.description, "italic"))
    for plan in view.next_visits:
        if plan.rule == rule.id and plan.lapsed_since is not None:
            parts.append(
                plain(
                    _(
                        "No memorandum in force since {day}: the rotation of {agreement} "
                        "continues as if it had not ended."
                    ).format(day=format_date(plan.lapsed_since), agreement=agreement.id),
                    "yellow",
                )
            )
        if plan.rule == rule.id and plan.note:
            note = plan.said_note.text() if plan.said_note is not None else plan.note
            parts.append(plain(_("next: {note}").format(note=note), "dim"))
    parts += diagnostic_lines(view.about_rule(rule.id))
    return Group(*parts)

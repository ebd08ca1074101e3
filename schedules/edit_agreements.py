"""Editing the partnership, its parties, its agreements and their rules, as edits of the text.

Like the visit edits of `schedules.editing`: each changes only the lines of the table it
touches, reads what it wrote back with a TOML reader, refuses (`EditError`) what the drafts'
checks refuse, and is one step for undo. The partnership is the `[partnership]` table, a party
its `[parties.ID]` table, an agreement a `[[agreements]]` table whose rules are its
`[[agreements.rules]]` sub-tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import tomli as toml_parser

from schedules.dates import toml_quoted
from schedules.drafts import (
    RULE_FIELDS,
    AgreementDraft,
    EditError,
    PartnershipDraft,
    PartyDraft,
    RuleDraft,
)
from schedules.editing import EditableSchedule
from schedules.i18n import _
from schedules.textedit.edits import CannotEdit, append_table, delete_table, set_keys
from schedules.textedit.plain import KEY_ORDER, plain_value, same
from schedules.textedit.schedule_text import NotWritten, ScheduleText
from schedules.textedit.tables import Layout, split_blank_lines, with_line_end
from schedules.textedit.values import key_text, table_text

__all__ = [
    "add_agreement",
    "add_party",
    "add_rule",
    "delete_party",
    "delete_rule",
    "end_agreement",
    "party_references",
    "rule_place",
    "set_partnership",
    "update_agreement",
    "update_party",
    "update_rule",
]

Table = dict[str, Any]
_PARTNERSHIP_ORDER = ("id", "title", "notes")
_PARTY_ORDER = ("name", "country", "short")


def _read(text: str) -> Table | None:
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError:
        return None


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Table:
    """The keys to set (None: to remove) to turn `old` into `new`; unchanged values are kept
    as written."""
    changes: Table = {}
    for key, value in new.items():
        if key not in old or not same(old[key], plain_value(value)):
            changes[key] = plain_value(value)
    changes.update({key: None for key in old if key not in new})
    return changes


# --- plain tables: [partnership] and [parties.ID] ---------------------------------------------


def _edit_plain_table(
    editable: EditableSchedule,
    names: tuple[str, str] | tuple[str],
    intended: Table,
    order: tuple[str, ...],
) -> None:
    """Make the table `[names]` hold `intended`, changing only the keys that differ."""
    pieces = editable._state.text.pieces
    index = pieces.table(names)
    shown = ".".join(key_text(name) for name in names)
    if index is None:
        raise EditError(
            _(
                "[{table}] is not written as a table of its own: change it in the file by hand"
            ).format(table=shown)
        )
    old_text = pieces.pieces[index].text
    followed = index + 1 < len(pieces.pieces)
    current = _read(old_text) or {}
    old = current.get(names[0], {})
    if len(names) == 2:
        old = old.get(names[1], {})
    changes = _changes(old, intended)
    if not changes:
        return
    expected: Table = {names[0]: intended} if len(names) == 1 else {names[0]: {names[1]: intended}}
    try:
        text = set_keys(lambda t: Layout(t, followed=followed), old_text, names, changes, order)
    except CannotEdit:
        text = ""
    if not same(_read(text), expected):
        layout = Layout(old_text, followed=True)
        lead_in = old_text[layout.block(names)[2] :]
        text = table_text(shown, intended, "", "", array=False) + "\n" + lead_in
        if not same(_read(text), expected):
            raise EditError(_("[{table}] could not be written").format(table=shown))
    data = dict(editable.data)
    if len(names) == 1:
        data[names[0]] = intended
    else:
        data[names[0]] = {**data.get(names[0], {}), names[1]: intended}
    editable._push(ScheduleText(pieces.replaced(index, index + 1, [text])), data)


def set_partnership(editable: EditableSchedule, draft: PartnershipDraft) -> None:
    """The partnership's title and notes (its id stays: other files may name it)."""
    current = editable.data.get("partnership", {})
    intended = {k: v for k, v in current.items() if k not in ("title", "notes")}
    intended.update(draft.table())
    _edit_plain_table(editable, ("partnership",), intended, _PARTNERSHIP_ORDER)


def update_party(editable: EditableSchedule, draft: PartyDraft) -> None:
    """A party's name, country and short label (its id: see `schedules.renames`)."""
    if draft.id not in editable.data.get("parties", {}):
        raise EditError(
            _("there is no party with id {id} in this file").format(id=toml_quoted(draft.id))
        )
    _edit_plain_table(editable, ("parties", draft.id), draft.table(), _PARTY_ORDER)


def add_party(editable: EditableSchedule, draft: PartyDraft) -> None:
    """A `[parties.ID]` table after the last party (or after `[partnership]`)."""
    parties = editable.data.get("parties", {})
    if draft.id in parties:
        raise EditError(_("another party already has the id `{id}`").format(id=draft.id))
    pieces = editable._state.text.pieces
    indices = [pieces.table(("parties", p)) for p in parties]
    if any(i is None for i in indices):
        raise EditError(_("the parties are not written as [parties.…] tables: add it by hand"))
    after = max((i for i in indices if i is not None), default=pieces.table(("partnership",)))
    if after is None:
        raise EditError(_("the file has no [partnership] table to add the party after"))
    old_text = pieces.pieces[after].text
    names = pieces.pieces[after].names
    layout = Layout(old_text, followed=after + 1 < len(pieces.pieces))
    _lead, content, trail = layout.block(names)
    separator, lead_in = split_blank_lines(old_text[content:trail])
    new = table_text(f"parties.{key_text(draft.id)}", draft.table(), "", "", array=False)
    text = with_line_end(old_text[:content]) + "\n" + new + separator + lead_in + old_text[trail:]
    expected = _read(old_text) or {}
    expected.setdefault("parties", {})[draft.id] = draft.table()
    if not same(_read(text), expected):
        raise EditError(_("the new party could not be written"))
    data = {**editable.data, "parties": {**parties, draft.id: draft.table()}}
    editable._push(ScheduleText(pieces.replaced(after, after + 1, [text])), data)


def party_references(data: Mapping[str, Any], party: str) -> list[str]:
    """What names the party, in words ("visit talks-2025 (host)", "rule talks-rotate")."""
    found: list[str] = []
    for visit in data.get("visits", []):
        people = [p.get("party") for p in visit.get("participants", [])]
        leads = [e.get("lead") for e in visit.get("agenda", []) if isinstance(e, dict)]
        if party == visit.get("host") or party in visit.get("guests", []) + people + leads:
            found.append(_("visit {id}").format(id=visit.get("id")))
    for action in data.get("actions", []):
        if action.get("owner") == party:
            found.append(_("action {id}").format(id=action.get("id")))
    for agreement in data.get("agreements", []):
        for rule in agreement.get("rules", []):
            if rule.get("host") == party or party in rule.get("order", []):
                found.append(_("rule {id}").format(id=rule.get("id")))
    return found


def delete_party(editable: EditableSchedule, party: str) -> None:
    """Remove a party that nothing refers to, with the comment lines directly above it."""
    parties = editable.data.get("parties", {})
    if party not in parties:
        raise EditError(
            _("there is no party with id {id} in this file").format(id=toml_quoted(party))
        )
    used = party_references(editable.data, party)
    if used:
        raise EditError(
            _("{party} cannot be removed: {uses} refer to it").format(
                party=toml_quoted(party), uses=", ".join(used)
            )
        )
    pieces = editable._state.text.pieces
    index = pieces.table(("parties", party))
    if index is None or index == 0:
        raise EditError(_("the party is not written as a [parties.…] table: remove it by hand"))
    before = pieces.pieces[index - 1].text
    joined = before + pieces.pieces[index].text
    layout = Layout(joined, followed=index + 1 < len(pieces.pieces))
    text = delete_table(layout, joined, ("parties", party))
    if not same(_read(text), _read(before)):
        raise EditError(_("the party could not be removed"))
    data = {**editable.data, "parties": {k: v for k, v in parties.items() if k != party}}
    editable._push(ScheduleText(pieces.replaced(index - 1, index + 1, [text])), data)


# --- agreements and their rules ---------------------------------------------------------------


def _agreement_index(editable: EditableSchedule, agreement: str) -> int:
    for index, table in enumerate(editable.data.get("agreements", [])):
        if table.get("id") == agreement:
            return index
    raise EditError(
        _("there is no agreement with id {id} in this file").format(id=toml_quoted(agreement))
    )


def rule_place(editable: EditableSchedule, rule: str) -> tuple[int, int]:
    """(agreement index, rule index) of the rule `rule`."""
    for a_index, agreement in enumerate(editable.data.get("agreements", [])):
        for r_index, table in enumerate(agreement.get("rules", [])):
            if table.get("id") == rule:
                return a_index, r_index
    raise EditError(_("there is no rule with id {id} in this file").format(id=toml_quoted(rule)))


def _edit_agreement(
    editable: EditableSchedule,
    index: int,
    intended: Table,
    change: Callable[[Callable[[str], Layout], str], str],
) -> None:
    order = KEY_ORDER["agreements"]
    try:
        text = editable._state.text.edit_element("agreements", index, intended, change, order)
    except NotWritten as error:
        raise EditError(_("cannot change the agreement: {why}").format(why=error)) from error
    agreements = list(editable.data["agreements"])
    agreements[index] = intended
    editable._push(text, {**editable.data, "agreements": agreements})


def add_agreement(editable: EditableSchedule, draft: AgreementDraft) -> None:
    """A `[[agreements]]` table after the last one, its rules as `[[agreements.rules]]`."""
    if any(a.get("id") == draft.id for a in editable.data.get("agreements", [])):
        raise EditError(_("another agreement already has the id `{id}`").format(id=draft.id))
    editable._append("agreements", draft)


def update_agreement(editable: EditableSchedule, agreement: str, draft: AgreementDraft) -> None:
    """An agreement's own keys (id, title, dates, source); its rules stay as they are."""
    index = _agreement_index(editable, agreement)
    old = editable.data["agreements"][index]
    own = {k: v for k, v in old.items() if k != "rules"}
    new = {k: v for k, v in draft.table().items() if k != "rules"}
    changes = _changes(own, new)
    if not changes:
        return
    intended = {k: plain_value(v) for k, v in new.items()}
    if "rules" in old:
        intended["rules"] = old["rules"]

    def change(layout_of: Callable[[str], Layout], text: str) -> str:
        return set_keys(layout_of, text, ("agreements", 0), changes, KEY_ORDER["agreements"])

    _edit_agreement(editable, index, intended, change)


def end_agreement(editable: EditableSchedule, agreement: str, day: dt.date) -> None:
    """The agreement ends on `day` (its `valid_until`)."""
    index = _agreement_index(editable, agreement)
    old = editable.data["agreements"][index]
    starts = old.get("valid_from") or old.get("signed")
    if isinstance(starts, dt.date) and day < starts:
        raise EditError(
            _("it cannot end ({end}) before it comes into force ({start})").format(
                end=day.isoformat(), start=starts.isoformat()
            )
        )
    intended = {**old, "valid_until": day}

    def change(layout_of: Callable[[str], Layout], text: str) -> str:
        return set_keys(
            layout_of, text, ("agreements", 0), {"valid_until": day}, KEY_ORDER["agreements"]
        )

    _edit_agreement(editable, index, intended, change)


def _rule_order(kind: str) -> tuple[str, ...]:
    return ("id", "kind", "visits", *RULE_FIELDS.get(kind, ()), "description")


def add_rule(editable: EditableSchedule, agreement: str, draft: RuleDraft) -> None:
    """A `[[agreements.rules]]` table after the agreement's last rule."""
    taken = {r.get("id") for a in editable.data.get("agreements", []) for r in a.get("rules", [])}
    if draft.id in taken:
        raise EditError(_("another rule already has the id `{id}`").format(id=draft.id))
    index = _agreement_index(editable, agreement)
    old = editable.data["agreements"][index]
    table = {k: plain_value(v) for k, v in draft.table().items()}
    intended = {**old, "rules": [*old.get("rules", []), table]}

    def change(layout_of: Callable[[str], Layout], text: str) -> str:
        layout = layout_of(text)
        return append_table(layout, text, ("agreements", 0, "rules"), "agreements.rules", table)

    _edit_agreement(editable, index, intended, change)


def update_rule(editable: EditableSchedule, rule: str, draft: RuleDraft) -> None:
    """A rule's keys (its kind too: the keys of the old kind go); its id: see renames."""
    a_index, r_index = rule_place(editable, rule)
    if draft.id != rule:
        raise EditError(_("rename a rule with rename_rule, which changes its waivers too"))
    old = editable.data["agreements"][a_index]
    changes = _changes(old["rules"][r_index], draft.table())
    if not changes:
        return
    rules = list(old["rules"])
    rules[r_index] = {k: plain_value(v) for k, v in draft.table().items()}
    intended = {**old, "rules": rules}

    def change(layout_of: Callable[[str], Layout], text: str) -> str:
        path = ("agreements", 0, "rules", r_index)
        return set_keys(layout_of, text, path, changes, _rule_order(draft.kind))

    _edit_agreement(editable, a_index, intended, change)


def delete_rule(editable: EditableSchedule, rule: str) -> None:
    """Remove a rule with the comment lines directly above it (its waivers stay: the checks
    then name them)."""
    a_index, r_index = rule_place(editable, rule)
    old = editable.data["agreements"][a_index]
    rules = [r for i, r in enumerate(old["rules"]) if i != r_index]
    intended = {k: v for k, v in old.items() if k != "rules"}
    if rules:
        intended["rules"] = rules

    def change(layout_of: Callable[[str], Layout], text: str) -> str:
        return delete_table(layout_of(text), text, ("agreements", 0, "rules", r_index))

    _edit_agreement(editable, a_index, intended, change)

"""Renaming a party or a rule, with every reference to it, as one edit of a schedule.

A party's id is the name of its table (`[parties.quang-tri]`) and is referred to by visits
(`host`, `guests`, participants' `party`, agenda items' `lead`), actions (`owner`) and rules
(`order`, `host`); a rule's id is referred to by waivers (`rule`). Each table is changed in
place like any other edit (its comments stay), and all of it is undone in one step.
"""

from __future__ import annotations

from typing import Any

import tomli as toml_parser

from schedules.dates import toml_quoted
from schedules.edit_error import EditError
from schedules.editing import EditableSchedule
from schedules.i18n import _
from schedules.textedit.edits import set_keys
from schedules.textedit.schedule_text import NotWritten, ScheduleText
from schedules.textedit.tables import Layout
from schedules.textedit.values import key_text

__all__ = ["rename_party", "rename_rule"]


def rename_party(editable: EditableSchedule, old: str, new: str) -> None:
    """Rename the party `old` to `new` wherever the file names it."""
    parties = editable.data.get("parties", {})
    if old not in parties:
        raise EditError(
            _("there is no party with id {id} in this file").format(id=toml_quoted(old))
        )
    if not new or new in parties:
        raise EditError(_("the party id {id} is empty or taken").format(id=toml_quoted(new)))
    with editable.one_step():
        _rename_party_table(editable, old, new)
        for index, visit in enumerate(editable.data.get("visits", [])):
            found = _visit_changes(visit, old, new)
            if found:
                editable._update("visits", index, found)
        for index, action in enumerate(editable.data.get("actions", [])):
            if action.get("owner") == old:
                editable._update("actions", index, {"owner": new})
        for a_index, agreement in enumerate(editable.data.get("agreements", [])):
            for r_index, rule in enumerate(agreement.get("rules", [])):
                changes: dict[str, Any] = {}
                if rule.get("host") == old:
                    changes["host"] = new
                if old in rule.get("order", []):
                    changes["order"] = [new if p == old else p for p in rule["order"]]
                if changes:
                    _update_rule(editable, a_index, r_index, changes)


def rename_rule(editable: EditableSchedule, old: str, new: str) -> None:
    """Rename the rule `old` to `new`, and the waivers of it."""
    found = None
    taken = set()
    for a_index, agreement in enumerate(editable.data.get("agreements", [])):
        for r_index, rule in enumerate(agreement.get("rules", [])):
            taken.add(rule.get("id"))
            if rule.get("id") == old:
                found = (a_index, r_index)
    if found is None:
        raise EditError(_("there is no rule with id {id} in this file").format(id=toml_quoted(old)))
    if not new or new in taken:
        raise EditError(_("the rule id {id} is empty or taken").format(id=toml_quoted(new)))
    with editable.one_step():
        _update_rule(editable, *found, {"id": new})
        for index, waiver in enumerate(editable.data.get("waivers", [])):
            if waiver.get("rule") == old:
                editable._update("waivers", index, {"rule": new})


def _visit_changes(visit: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if visit.get("host") == old:
        changes["host"] = new
    if old in visit.get("guests", []):
        changes["guests"] = [new if p == old else p for p in visit["guests"]]
    people = visit.get("participants", [])
    if any(p.get("party") == old for p in people):
        changes["participants"] = [
            {**p, "party": new} if p.get("party") == old else p for p in people
        ]
    agenda = visit.get("agenda", [])
    if any(isinstance(e, dict) and e.get("lead") == old for e in agenda):
        changes["agenda"] = [
            {**e, "lead": new} if isinstance(e, dict) and e.get("lead") == old else e
            for e in agenda
        ]
    return changes


def _rename_party_table(editable: EditableSchedule, old: str, new: str) -> None:
    """The header `[parties.OLD]` written `[parties.NEW]`."""
    pieces = editable._state.text.pieces
    index = pieces.table(("parties", old))
    if index is None:
        raise EditError(
            _(
                "the party {id} is not written as a [parties.…] table: rename it in the file by "
                "hand"
            ).format(id=toml_quoted(old))
        )
    text = pieces.pieces[index].text
    header = Layout(text).statements[0]
    line = text[header.start : header.end]
    closing = line.index("]")
    written = f"{header.indent}[parties.{key_text(new)}{line[closing:]}"
    text = text[: header.start] + written + text[header.end :]
    parties = editable.data["parties"]
    try:
        read = toml_parser.loads(text)
    except toml_parser.TOMLDecodeError:
        read = None
    if read != {"parties": {new: parties[old]}}:
        raise EditError(_("the party {id} could not be renamed here").format(id=toml_quoted(old)))
    renamed = {new if key == old else key: value for key, value in parties.items()}
    editable._push(
        ScheduleText(pieces.replaced(index, index + 1, [text])),
        {**editable.data, "parties": renamed},
    )


def _update_rule(
    editable: EditableSchedule, a_index: int, r_index: int, changes: dict[str, Any]
) -> None:
    agreement = editable.data["agreements"][a_index]
    rules = list(agreement["rules"])
    rule = {**rules[r_index], **changes}
    rules[r_index] = rule
    intended = {**agreement, "rules": rules}

    def change(layout_of: Any, text: str) -> str:
        return set_keys(layout_of, text, ("agreements", 0, "rules", r_index), changes)

    try:
        text = editable._state.text.edit_element("agreements", a_index, intended, change)
    except NotWritten as error:
        raise EditError(_("cannot change the rule: {why}").format(why=error)) from error
    agreements = list(editable.data["agreements"])
    agreements[a_index] = intended
    editable._push(text, {**editable.data, "agreements": agreements})

"""`visits schema`: the JSON Schema of the schedule file, for editors that validate TOML.

Generated from the pydantic models, then made to read well in an editor: every key described,
optional keys without pydantic's `null` alternative (TOML has no null), and the cross-field
rules a schema can say (`start` or `when`, a quota's `min` or `max`, two or more parties).
The copy committed beside this module (`schedule.schema.json`) is tested to equal the output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schedules.codes import WAIVABLE
from schedules.model import Schedule

SCHEMA_PATH = Path(__file__).with_name("schedule.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Descriptions the models do not carry in their fields (the wording of SPEC.md).
_TABLES = {
    "Partnership": "The partnership this file is about.",
    "Party": "A party to the partnership: a province's council, committee or department.",
    "Agreement": "A memorandum or other agreement, and the rules it sets.",
    "Visit": "A visit: held, planned, postponed or cancelled.",
    "AgendaItem": "An agenda item with its day, time or lead.",
    "Participant": "A member of a delegation.",
    "Action": "A follow-up: a request made or a commitment given.",
    "Waiver": "An agreed exception to a rule or check, with its reason.",
}
_KEYS: dict[str, dict[str, str]] = {
    "Schedule": {
        "format": "The version of this file format: 1.",
        "partnership": "The partnership: its id and title.",
        "parties": "The parties, two or more; each key is the party's id.",
        "agreements": "The agreements and the rules they set.",
        "visits": "The visits, held and planned.",
        "actions": "Follow-ups: requests made, commitments given.",
        "waivers": "Agreed exceptions to rules or checks, with their reasons.",
    },
    "Partnership": {
        "title": "The partnership's name, for people.",
        "notes": "Free notes.",
    },
    "Agreement": {
        "id": "Unique among the agreements of the file.",
        "title": "The agreement's name.",
        "signed": "The day it was signed (a TOML date: 2023-04-04).",
        "source": "Where the text is.",
        "rules": "What the agreement asks for: alternate, interval, commitment, quota or "
        "delegation rules.",
    },
    "AlternateRule": {"kind": "alternate: the parties take turns hosting."},
    "IntervalRule": {"kind": "interval: consecutive visits are at most `max` apart."},
    "CommitmentRule": {
        "kind": "commitment: one party hosts within a period.",
        "host": "The party id that is to host.",
    },
    "QuotaRule": {
        "kind": "quota: between `min` and `max` visits per calendar period.",
        "min": "The fewest visits held per period.",
        "max": "The most visits per period.",
        "per": "The calendar period: year, quarter or month.",
    },
    "DelegationRule": {
        "kind": "delegation: limits on each visit's delegations and length.",
    },
    "Visit": {
        "id": "Unique among the visits of the file.",
        "title": "What the visit is, for people.",
        "host": "The party id of the host.",
        "status": "planned (default), confirmed, held, postponed or cancelled; "
        "postponed and cancelled visits count for no rule.",
        "start": "The first day (a TOML date); give `start` or `when`, not both.",
        "place": "Where the visit takes place.",
        "agenda": "The agenda: strings, or tables with `item`, `day`, `time` and `lead`.",
        "outcome": "What came of it.",
        "source": "A link or reference.",
        "participants": "The members of the delegations.",
    },
    "AgendaItem": {
        "item": "The agenda item.",
        "day": "The day of the visit, from 1.",
    },
    "Participant": {
        "name": "The person's name.",
        "party": "The party id of the person's delegation.",
        "title": "The person's title or office.",
        "role": "head (at most one per party per visit), member (default) or staff.",
    },
    "Action": {
        "id": "Unique among the actions of the file.",
        "text": "What is to be done.",
        "due": "When it is due (a TOML date).",
        "status": "open (default), done or dropped.",
    },
    "Waiver": {
        "from": "The first day the waiver covers (a TOML date).",
        "until": "The last day the waiver covers (a TOML date).",
        "reason": "Why the exception was agreed.",
    },
}


def schedule_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a schedule file."""
    generated = Schedule.model_json_schema(mode="validation")
    definitions = {name: _described(name, table) for name, table in generated.pop("$defs").items()}
    schema = _described("Schedule", generated)
    # an OpenAPI keyword: `oneOf` over the rule tables, each with its `kind`, says it already
    definitions["Agreement"]["properties"]["rules"]["items"].pop("discriminator", None)
    definitions["Visit"]["oneOf"] = [{"required": ["start"]}, {"required": ["when"]}]
    definitions["Visit"]["dependentRequired"] = {"end": ["start"]}
    definitions["QuotaRule"]["anyOf"] = [{"required": ["min"]}, {"required": ["max"]}]
    definitions["DelegationRule"]["anyOf"] = [
        {"required": ["max_people"]},
        {"required": ["max_days"]},
    ]
    definitions["AlternateRule"]["properties"]["order"].update(minItems=2, uniqueItems=True)
    schema["properties"]["parties"]["minProperties"] = 2
    definitions["Waiver"]["properties"]["rule"]["anyOf"] = [
        {"description": "A built-in check code.", "enum": list(WAIVABLE)},
        {"description": "A rule id."},
    ]
    whole: dict[str, Any] = _whole_strings({"$schema": DIALECT, **schema, "$defs": definitions})
    return whole


def _whole_strings(node: Any) -> Any:
    """Every `pattern` anchored at the very end: in Python's `re` (which validators such as
    `jsonschema` use), `$` also matches before a final newline, and `"talks\n"` is no slug."""
    if isinstance(node, dict):
        fixed = {key: _whole_strings(value) for key, value in node.items()}
        pattern = fixed.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith(r"\s*$"):
            fixed["pattern"] = pattern[:-1] + r"(?!\n)$"
        return fixed
    if isinstance(node, list):
        return [_whole_strings(item) for item in node]
    return node


def _described(name: str, table: dict[str, Any]) -> dict[str, Any]:
    """The table's schema with every key described and no `null` alternatives."""
    if name in _TABLES:
        table.setdefault("description", _TABLES[name])
    properties = {}
    for key, value in table["properties"].items():
        value = _without_null(value)
        text = _KEYS.get(name, {}).get(key)
        if text is not None:
            value.setdefault("description", text)
        assert "description" in value, f"describe key `{key}` of {name}"
        properties[key] = _readable(value)
    return _readable({**table, "properties": properties})


def _readable(value: dict[str, Any]) -> dict[str, Any]:
    """`title` and `description` first: the schema is read by people too."""
    first: dict[str, Any] = {key: value[key] for key in ("title", "description") if key in value}
    return {**first, **value}


def _without_null(value: dict[str, Any]) -> dict[str, Any]:
    """`{"anyOf": [X, {"type": "null"}], "default": null, ...}` → X with the outer keys."""
    options = value.get("anyOf")
    if not options or {"type": "null"} not in options or len(options) != 2:
        return value
    inner = next(option for option in options if option != {"type": "null"})
    outer = {k: v for k, v in value.items() if k != "anyOf" and not (k == "default" and v is None)}
    merged = {**inner, **outer}
    if "description" in inner and "description" in outer:
        merged["description"] = f"{outer['description']} {inner['description'].rstrip('.')}."
    return merged


def schema_text() -> str:
    return json.dumps(schedule_schema(), indent=2, ensure_ascii=False) + "\n"


def run_schema() -> int:
    from schedules.command_io import write_output

    return write_output(schema_text(), None)

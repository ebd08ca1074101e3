"""The validator of a whole schedule file, built from the models' core schema as committed
beside this module (`schedule.core-schema.json`), not generated at run time.

pydantic builds a model's validator by generating its core schema in Python and by looking for
plugins in every installed distribution's metadata: together most of a one-file check. The
committed schema is the very one pydantic generates for `Schedule` (a test says so, as for the
JSON Schema), with the model classes and the functions it calls written as `{"$model": name}`
and `{"$function": name}`; pydantic-core builds the same validator from it, into the same
model classes. Regenerate it after a change to `schedules.model`:

    python -m schedules.core_schema
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, cast

from pydantic_core import SchemaValidator

from schedules import model
from schedules.dates import Duration, PartialDate

SCHEMA_PATH = Path(__file__).with_name("schedule.core-schema.json")
_REF = re.compile(r"(schedules\.model\.\w+):\d+")
"""pydantic's refs end in the id() of the class, different in every process."""
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "PartialDate.parse": PartialDate.parse,
    "Duration.parse": Duration.parse,
    "agenda_tag": model.agenda_tag,
}


@cache
def schedule_validator() -> SchemaValidator:
    """The validator of `model.Schedule`, as `Schedule.model_validate` uses it."""
    schema = _decoded(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    return SchemaValidator(schema, schema["schema"]["config"])


def validate_schedule(fields: dict[str, Any]) -> model.Schedule:
    """`model.Schedule.model_validate(fields)`; raises the same `ValidationError`."""
    return cast(model.Schedule, schedule_validator().validate_python(fields))


def _decoded(node: Any) -> Any:
    if isinstance(node, dict):
        if "$model" in node:
            return getattr(model, node["$model"])
        if "$function" in node:
            return _FUNCTIONS[node["$function"]]
        return {key: _decoded(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_decoded(item) for item in node]
    return node


def _encoded(node: Any) -> Any:
    """`node` of a live core schema as committed: JSON, refs without ids, no metadata (only
    the JSON Schema reads it)."""
    if isinstance(node, dict):
        return {key: _encoded(value) for key, value in node.items() if key != "metadata"}
    if isinstance(node, list):
        return [_encoded(item) for item in node]
    if isinstance(node, str):
        return _REF.sub(r"\1", node)
    name = getattr(node, "__name__", "")
    if isinstance(node, type) and getattr(model, name, None) is node:
        return {"$model": name}
    for name, function in _FUNCTIONS.items():
        if node == function:
            return {"$function": name}
    if node is None or isinstance(node, (bool, int, float)):
        return node
    raise TypeError(f"cannot write {node!r} in the committed core schema")


def generated_text() -> str:
    """What `schedule.core-schema.json` must hold: `Schedule`'s core schema as pydantic
    generates it now."""
    model.Schedule.model_rebuild()
    schema = _encoded(model.Schedule.__pydantic_core_schema__)
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(generated_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)

"""The validator of a whole schedule file, built from the models' core schema as committed
beside this module (`schedule.core-schema.json`), not generated at run time.

pydantic builds a model's validator by generating its core schema in Python and by looking for
plugins in every installed distribution's metadata: together most of a one-file check. The
committed schema is the very one pydantic generates for `Schedule` (a test says so, as for the
JSON Schema), with the model classes and the functions it calls written as `{"$model": name}`
and `{"$function": name}`. pydantic-core builds the same validator from it, into either of two
sets of classes:

- the models of `schedules.model` (`validated(fields)`), for the app, the forms and the
  commands that edit: what `Schedule.model_validate` gives;
- lean classes (`validated(fields, lean=True)`), for `visits check`: subclasses of
  `schedules.tables` that pydantic-core fills as it fills a model, with no pydantic imported
  beyond pydantic-core. They have the models' keys and the tables' methods, none of pydantic's.

A file that does not validate gets the same `ValidationError` either way. A small file is first
tried with a validator in plain Python made from the same schema (`schedules.small_files`),
which fills the lean classes alike and hands anything it is not sure of to pydantic-core:
importing pydantic-core costs more than checking a small file. Regenerate the schema after a
change to `schedules.model`:

    python -m schedules.core_schema
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from schedules import tables
from schedules.dates import Duration, PartialDate
from schedules.small_files import Check, Unsure, compile_schema

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator, ValidationError

    from schedules import model

SCHEMA_PATH = Path(__file__).with_name("schedule.core-schema.json")
SMALL_FILES = 400_000
"""Files are first tried without pydantic-core (see above) until they add up to this many
characters: about as many as pydantic-core's import takes to pay for itself (some 350 visits
of `benchmarks.generate`, 80 of `benchmarks.generate_dense`)."""
_REF = r"(schedules\.model\.\w+):\d+"
"""pydantic's refs end in the id() of the class, different in every process."""
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "PartialDate.parse": PartialDate.parse,
    "Duration.parse": Duration.parse,
    "agenda_tag": tables.agenda_tag,
}


class _Filled:
    """What pydantic-core sets on an instance of a model besides its keys (`__dict__`): which
    keys the file wrote, and the extra and private values (none here)."""

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )

    def __eq__(self, other: object) -> bool:
        """As models compare: the same keys with the same values. A model of the same table
        compares equal too (`with_models` makes one of each, and a view compares them)."""
        if type(other) is not type(self) and not (
            isinstance(other, tables.Table)
            and not isinstance(other, _Filled)
            and type(other).__name__ == type(self).__name__
        ):
            return NotImplemented
        return vars(self) == vars(other)

    __hash__ = None  # type: ignore[assignment]  # unhashable, as models are

    def __repr__(self) -> str:
        keys = ", ".join(f"{key}={value!r}" for key, value in vars(self).items())
        return f"{type(self).__name__}({keys})"


LEAN: dict[str, type[tables.Table]] = {
    table.__name__: type(
        table.__name__, (_Filled, table), {"__slots__": (), "__module__": __name__}
    )
    for table in tables.TABLES
}
"""The lean class of each table, by name: the `$model`s `visits check` fills."""


@cache
def _committed() -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@cache
def schedule_validator(lean: bool = False) -> SchemaValidator:
    """pydantic-core's validator of `model.Schedule`, as `Schedule.model_validate` uses it;
    with `lean`, into the `LEAN` classes."""
    from pydantic_core import SchemaValidator

    schema = _decoded(_committed(), _classes(lean))
    return SchemaValidator(schema, schema["schema"]["config"])


@cache
def small_file_validator() -> Check:
    """The plain Python validator of `schedules.small_files`, into the `LEAN` classes."""
    return compile_schema(_committed(), LEAN, _FUNCTIONS)


def validated(
    fields: dict[str, Any], *, lean: bool = False, size: int | None = None
) -> tables.Schedule | ValidationError:
    """`fields` (the TOML data of a file of `size` characters) as a `model.Schedule`, or as
    a lean one with `lean`; or the `ValidationError` saying why it is not a schedule."""
    if lean and _small_first(size):
        try:
            return cast(tables.Schedule, small_file_validator()(fields))
        except Unsure:
            pass  # pydantic-core says
    from pydantic_core import ValidationError

    try:
        return cast(tables.Schedule, schedule_validator(lean).validate_python(fields))
    except ValidationError as error:
        return error


class _SmallFiles:
    """How many characters have been validated without pydantic-core so far."""

    validated = 0


def _small_first(size: int | None) -> bool:
    """Whether to try the small-file validator first on a file of `size` characters: while
    the files it validated are few, and pydantic-core is not in use anyway."""
    if size is None or schedule_validator.cache_info().currsize > 0:
        return False
    _SmallFiles.validated += size
    return _SmallFiles.validated <= SMALL_FILES


def is_lean(schedule: tables.Schedule) -> bool:
    """Whether `schedule` is made of the lean classes (not of `schedules.model`'s models)."""
    return isinstance(schedule, _Filled)


def validate_schedule(fields: dict[str, Any]) -> model.Schedule:
    """`model.Schedule.model_validate(fields)`; raises the same `ValidationError`."""
    return cast("model.Schedule", schedule_validator().validate_python(fields))


def _classes(lean: bool) -> Mapping[str, type]:
    if lean:
        return LEAN
    from schedules import model

    return {name: getattr(model, name) for name in LEAN}


@cache
def table_keys() -> dict[str, tuple[str, ...]]:
    """The keys each table may have, by class name, as the file spells them (`from`, not
    `from_`), in the models' order."""
    found: dict[str, tuple[str, ...]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "model" and isinstance(node.get("cls"), dict):
                fields = node["schema"]["fields"]
                found[node["cls"]["$model"]] = tuple(
                    field.get("validation_alias", name) for name, field in fields.items()
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(_committed())
    return found


def _decoded(node: Any, classes: Mapping[str, type]) -> Any:
    if isinstance(node, dict):
        if "$model" in node:
            return classes[node["$model"]]
        if "$function" in node:
            return _FUNCTIONS[node["$function"]]
        return {key: _decoded(value, classes) for key, value in node.items()}
    if isinstance(node, list):
        return [_decoded(item, classes) for item in node]
    return node


def _encoded(node: Any) -> Any:
    """`node` of a live core schema as committed: JSON, refs without ids, no metadata (only
    the JSON Schema reads it)."""
    from schedules import model

    if isinstance(node, dict):
        return {key: _encoded(value) for key, value in node.items() if key != "metadata"}
    if isinstance(node, list):
        return [_encoded(item) for item in node]
    if isinstance(node, str):
        return re.sub(_REF, r"\1", node)
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
    from schedules import model

    model.Schedule.model_rebuild()
    schema = _encoded(model.Schedule.__pydantic_core_schema__)
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(generated_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)

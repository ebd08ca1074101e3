"""A validator in plain Python for small valid files, made from the committed core schema.

Importing pydantic-core costs more than reading, validating and checking a small file. For a
small file, `visits check` therefore first tries this validator: it follows the committed
core schema (`schedule.core-schema.json`) into the same lean classes and values as
pydantic-core would, but it only knows how to accept. At anything it is not sure of (a wrong
type, a missing or unknown key, a value a pattern or a parser rejects, a schema construct it
does not know) it raises `Unsure`, and the caller validates the same data with pydantic-core,
which words the errors or, when the file was valid after all, gives the result. A wrong
acceptance is the only way to differ, so every test is at least as strict as pydantic-core's
strict mode; `tests/schedules/test_small_files.py` compares the two on every file the tests
have and on mutated documents.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], Any]
"""Validates one value: returns what pydantic-core would, or raises `Unsure`."""

_IMMUTABLE = (type(None), bool, int, float, str)


class Unsure(Exception):
    """The value may be invalid (or is valid in a way this validator does not follow)."""


def compile_schema(
    schema: Mapping[str, Any],
    classes: Mapping[str, type],
    functions: Mapping[str, Callable[..., Any]],
) -> Check:
    """The check of the committed core `schema` (as JSON, with `$model`/`$function` names),
    filling `classes` and calling `functions`."""
    definitions: dict[str, Check] = {}
    compiler = _Compiler(classes, functions, definitions)
    if schema.get("type") == "definitions":
        pending = {definition["ref"]: definition for definition in schema["definitions"]}
        for ref, definition in pending.items():
            definitions[ref] = compiler.compile(definition)
        return compiler.compile(schema["schema"])
    return compiler.compile(schema)


class _Compiler:
    def __init__(
        self,
        classes: Mapping[str, type],
        functions: Mapping[str, Callable[..., Any]],
        definitions: dict[str, Check],
    ) -> None:
        self.classes = classes
        self.functions = functions
        self.definitions = definitions

    def compile(self, node: Mapping[str, Any]) -> Check:
        kind = node["type"]
        build = getattr(self, "_" + kind.replace("-", "_"), None)
        if build is None:
            raise ValueError(f"the committed core schema has a {kind!r} schema: teach it here")
        check: Check = build(node)
        return check

    def _function(self, node: Mapping[str, Any]) -> Callable[..., Any]:
        return self.functions[node["$function"]]

    # --- scalars (the models are strict: exactly these types, as TOML gives them)

    def _str(self, node: Mapping[str, Any]) -> Check:
        least = node.get("min_length", 0)
        pattern = re.compile(node["pattern"]).search if "pattern" in node else None

        def check(value: Any) -> Any:
            if type(value) is not str or len(value) < least:
                raise Unsure
            # Python's `$` also matches before a final newline; pydantic-core's does not
            if pattern is not None and (value.endswith("\n") or pattern(value) is None):
                raise Unsure
            return value

        return check

    def _int(self, node: Mapping[str, Any]) -> Check:
        least = node.get("ge")

        def check(value: Any) -> Any:
            if type(value) is not int or (least is not None and value < least):
                raise Unsure
            return value

        return check

    def _bool(self, node: Mapping[str, Any]) -> Check:
        return _exactly(bool)

    def _date(self, node: Mapping[str, Any]) -> Check:
        return _exactly(dt.date)

    def _literal(self, node: Mapping[str, Any]) -> Check:
        expected = {(type(value), value): value for value in node["expected"]}

        def check(value: Any) -> Any:
            if type(value) not in _IMMUTABLE:
                raise Unsure
            found = expected.get((type(value), value), _MISSING)
            if found is _MISSING:
                raise Unsure
            return found

        return check

    # --- wrappers

    def _nullable(self, node: Mapping[str, Any]) -> Check:
        inner = self.compile(node["schema"])
        return lambda value: None if value is None else inner(value)

    def _function_after(self, node: Mapping[str, Any]) -> Check:
        inner = self.compile(node["schema"])
        function = self._function(node["function"]["function"])
        if node["function"]["type"] != "no-info":
            raise ValueError("only no-info functions are known here")

        def check(value: Any) -> Any:
            text = inner(value)
            try:
                return function(text)
            except (ValueError, AssertionError):  # pydantic-core's validation errors
                raise Unsure from None

        return check

    def _definition_ref(self, node: Mapping[str, Any]) -> Check:
        ref = node["schema_ref"]
        return lambda value: self.definitions[ref](value)

    # --- containers

    def _list(self, node: Mapping[str, Any]) -> Check:
        item = self.compile(node["items_schema"])
        least = node.get("min_length", 0)

        def check(value: Any) -> Any:
            if type(value) is not list or len(value) < least:
                raise Unsure
            return [item(entry) for entry in value]

        return check

    def _dict(self, node: Mapping[str, Any]) -> Check:
        key = self.compile(node["keys_schema"])
        item = self.compile(node["values_schema"])

        def check(value: Any) -> Any:
            if type(value) is not dict:
                raise Unsure
            return {key(name): item(entry) for name, entry in value.items()}

        return check

    def _tagged_union(self, node: Mapping[str, Any]) -> Check:
        choices = {tag: self.compile(choice) for tag, choice in node["choices"].items()}
        by = node["discriminator"]
        if isinstance(by, str):

            def tag_of(value: Any) -> Any:
                return value.get(by) if type(value) is dict else None
        else:
            tag_of = self._function(by)

        def check(value: Any) -> Any:
            tag = tag_of(value)
            if type(tag) is not str or tag not in choices:
                raise Unsure
            return choices[tag](value)

        return check

    def _model(self, node: Mapping[str, Any]) -> Check:
        cls = self.classes[node["cls"]["$model"]]
        config = node.get("config", {})
        fields_node = node["schema"]
        if (
            fields_node["type"] != "model-fields"
            or fields_node.get("computed_fields")
            or config.get("extra_fields_behavior") != "forbid"
            or node.get("custom_init")
            or node.get("root_model")
            or "post_init" in node
        ):
            raise ValueError("only plain models with extra keys forbidden are known here")
        fields = []
        for name, field in fields_node["fields"].items():
            schema = field["schema"]
            required = schema["type"] != "default"
            default = None if required else schema["default"]
            check_value = self.compile(schema if required else schema["schema"])
            fields.append(
                (name, field.get("validation_alias", name), required, default, check_value)
            )
        written = {key for _, key, _, _, _ in fields}
        new = object.__new__

        def check(value: Any) -> Any:
            if type(value) is not dict or not written.issuperset(value):
                raise Unsure  # an unknown key, or a field's own name where it has an alias
            values: dict[str, Any] = {}
            given: set[str] = set()
            for name, key, required, default, check_value in fields:
                if key in value:
                    values[name] = check_value(value[key])
                    given.add(name)
                elif required:
                    raise Unsure
                else:
                    values[name] = (
                        default if type(default) in _IMMUTABLE else copy.deepcopy(default)
                    )
            instance: Any = new(cls)
            instance.__dict__ = values
            instance.__pydantic_fields_set__ = given
            instance.__pydantic_extra__ = None
            instance.__pydantic_private__ = None
            return instance

        return check


_MISSING = object()


def _exactly(kind: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Unsure
        return value

    return check

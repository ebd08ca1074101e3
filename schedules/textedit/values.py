"""Values written as TOML text, the way a person writes them in a schedule file.

Scalars are rendered by tomli-w (quotes, backslashes, newlines, control characters and any
script round-trip); arrays and inline tables are laid out here: short arrays on one line, an
agenda of two or more entries one entry a line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import tomli_w

__all__ = ["inline_value", "key_text", "key_value_line", "table_text", "value_text"]

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
NESTED_INDENT = "  "
_MULTI_LINE_KEYS = frozenset({"agenda"})


def scalar_text(value: object) -> str:
    """A string, integer, boolean or date as TOML (`"x"`, `3`, `true`, `2025-04-04`)."""
    if isinstance(value, dt.datetime):
        raise TypeError("schedules hold dates, not dates with a time")
    rendered = tomli_w.dumps({"v": value})
    return rendered[len("v = ") :].rstrip("\n")


def key_text(key: str) -> str:
    """A key part as TOML: bare when it can be, else quoted."""
    return key if _BARE.fullmatch(key) else scalar_text(key)


def value_text(key: str, value: Any, indent: str = "") -> str:
    """`value` written as the value of `key` on a line indented by `indent`."""
    if isinstance(value, Mapping):
        return _inline_table(value)
    if isinstance(value, list | tuple):
        elements = [_inline(element) for element in value]
        if key in _MULTI_LINE_KEYS and len(elements) > 1:
            inner = indent + NESTED_INDENT
            return "[\n" + "".join(f"{inner}{element},\n" for element in elements) + indent + "]"
        if any(isinstance(element, Mapping) for element in value) and len(elements) > 1:
            inner = indent + NESTED_INDENT
            return "[\n" + "".join(f"{inner}{element},\n" for element in elements) + indent + "]"
        return "[" + ", ".join(elements) + "]"
    return scalar_text(value)


def inline_value(value: Any) -> str:
    """A value written on one line (tables as inline tables)."""
    return _inline(value)


def _inline(value: Any) -> str:
    if isinstance(value, Mapping):
        return _inline_table(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(element) for element in value) + "]"
    return scalar_text(value)


def _inline_table(values: Mapping[str, Any]) -> str:
    if not values:
        return "{}"
    return "{" + ", ".join(f"{key_text(k)} = {_inline(v)}" for k, v in values.items()) + "}"


def key_value_line(key: str, value: Any, indent: str) -> str:
    """A whole `key = value` line with its line end."""
    return f"{indent}{key_text(key)} = {value_text(key, value, indent)}\n"


def table_text(
    header: str, values: Mapping[str, Any], indent: str, header_indent: str, array: bool = True
) -> str:
    """A table written with its header (`visits` → `[[visits]]`) and one line per key."""
    brackets = ("[[", "]]") if array else ("[", "]")
    lines = [f"{header_indent}{brackets[0]}{header}{brackets[1]}\n"]
    lines.extend(key_value_line(key, value, indent) for key, value in values.items())
    return "".join(lines)

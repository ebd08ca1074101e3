"""Documents for tests that compare two validators on what a person could write: the TOML of
files as read, and the example's parsed TOML mutated at random (values set, dropped or added at
any path)."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.paths import ROOT

Change = tuple[tuple[Any, ...], str, Any]


def readable(paths: list[Path]) -> list[dict[str, Any]]:
    """The data of each file that is TOML at all (the others are never validated)."""
    found = []
    for path in paths:
        try:
            found.append(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError):
            continue
    return found


BASE: dict[str, Any] = tomllib.loads(
    (ROOT / "examples" / "quang-tri-salavan.toml").read_text(encoding="utf-8")
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


ALL_PATHS = _paths(BASE)[1:]


def changes(values: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Change]]:
    """One to three changes, each at a path of BASE: set it, drop it, or add beside it."""
    return st.lists(
        st.tuples(st.sampled_from(ALL_PATHS), st.sampled_from(["set", "drop", "add"]), values),
        min_size=1,
        max_size=3,
    )


def mutated(changes: list[Change]) -> dict[str, Any]:
    """A copy of BASE with the changes made; one whose path an earlier change removed is skipped."""
    data = copy.deepcopy(BASE)
    for path, how, value in changes:
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            if how == "set":
                parent[last] = value
            elif how == "drop":
                del parent[last]
            elif isinstance(parent, dict):
                parent[f"{last}x"] = value
            else:
                parent.append(value)
        except (KeyError, IndexError, TypeError, AttributeError):
            continue
    return data

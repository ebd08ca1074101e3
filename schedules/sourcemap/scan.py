"""The source map's scanner: a flat state machine over the tokens that records where each
path's key and value are written, and the pre-scans for nesting and long integers.

Paths longer than 32 parts are not recorded: what is nested deeper is skipped (its brackets
counted, so that everything after it is mapped as usual), which bounds memory on nonsense such
as 100,000 nested ``[``.
"""

from __future__ import annotations

from schedules.sourcemap.tokens import (
    _ATOM_TOKEN,
    _COMMENT,
    _HEADER_PART,
    _HEADER_TOKEN,
    _KV_VALUE,
    _OTHER,
    _PUNCT,
    _STR,
    _TOKEN,
    _key_text,
)

Path = tuple[str | int, ...]
"""A path into parsed TOML data: table keys and array indices, as ``tomllib.loads``'s result
is indexed."""

# Scanner modes.
_KEY = 0  # at a statement start, or expecting a key inside an inline table
_VALUE = 1  # after ``=``
_ARRAY = 2  # inside an array
_HEADER = 3  # inside ``[...]`` / ``[[...]]``

# The longest path recorded.  Real documents stay far below; the limit keeps nonsense such as
# 100,000 nested ``[`` from taking quadratic memory.  Deeper values are skipped.
_MAX_DEPTH = 32
# Where keys under a table or dotted key too deep to record go (no path of the data starts so).
_NOWHERE: tuple[str | int, ...] = ("\x00too deep",)


def scan(text: str, keys: dict[Path, int], values: dict[Path, int]) -> None:
    """Fill *keys* and *values* with offsets: a flat state machine over the tokens."""
    table: Path = ()  # the current [table] / [[array]] element
    base: Path = ()  # what keys are relative to: ``table`` or the innermost inline table
    aot_count: dict[Path, int] = {}  # array-of-tables path -> elements so far
    implicit: set[Path] = set()  # tables created only implicitly by a header so far
    header_names: dict[str, list[str]] = {}  # header token -> its key parts (a cache)
    # Open arrays and inline tables: their paths, and the next index (-1 for an inline table).
    stack_paths: list[Path] = []
    stack_next: list[int] = []
    parts: list[tuple[str, int]] = []  # key parts read so far, with their offsets
    pending: Path = ()  # the path whose value follows ``=``
    mode = _KEY
    header_start = 0  # of a header that did not come as one token (broken text)
    header_aot = False
    restart = 0  # where to (re)start tokenizing

    while restart >= 0:
        tokens = _TOKEN.finditer(text, restart)
        restart = -1
        for match in tokens:
            kind = match.lastindex

            # The frequent cases first: ``key = scalar`` and a scalar array element.  (In this
            # loop, ``a + (b,)`` and chained ``==`` are measurably faster than ``(*a, b)`` and
            # ``in (...)``, hence the ``noqa``.)
            if kind == _KV_VALUE and mode == _KEY:
                if parts:
                    parts.append((match.group(1), match.start(1)))
                    path = _record_key(base, parts, keys, values)
                    parts.clear()
                else:
                    # Only the value is recorded: the key is found back from it on lookup.
                    path = base + (match.group(1),)  # noqa: RUF005
                values[path] = match.start(2)
                continue
            if mode == _ARRAY and (kind == _STR or kind == _ATOM_TOKEN):  # noqa: SIM109
                index = stack_next[-1]
                stack_next[-1] = index + 1
                values[stack_paths[-1] + (index,)] = match.start(kind)
                continue
            if kind is None or kind == _COMMENT or kind == _OTHER:  # noqa: SIM109
                continue
            start = match.start(kind)

            if kind == _HEADER_TOKEN:
                if mode == _KEY and not stack_paths:
                    token = match.group(kind)
                    names = header_names.get(token)
                    if names is None:
                        names = header_names[token] = _header_names(token)
                    table = base = _enter_header(
                        names, start, token.startswith("[["), keys, values, aot_count, implicit
                    )
                    parts.clear()
                    continue
                # Not a header: take its ``[`` alone, and go on from the next character.
                kind = _PUNCT
                restart = start + 1

            if mode == _KEY:
                if kind == _ATOM_TOKEN:
                    offset = start
                    for name in match.group(kind).split("."):
                        if name:
                            parts.append((name, offset))
                        offset += len(name) + 1
                elif kind == _STR:
                    parts.append((_key_text(match.group(kind)), start))
                else:  # punctuation
                    char = text[start]
                    if char == "=":
                        if parts:
                            pending = _record_key(base, parts, keys, values)
                            parts.clear()
                            mode = _VALUE
                    elif char == "[":
                        parts.clear()
                        if not stack_paths:
                            mode = _HEADER
                            header_start = start
                            header_aot = text.startswith("[[", start)
                    elif char == "}":
                        parts.clear()
                        if stack_paths and stack_next[-1] < 0:
                            mode, base = _close(stack_paths, stack_next, table)
                    # A ``.`` between key parts needs nothing; ``,`` and ``]`` are ignored.
                if restart >= 0:
                    break
                continue

            if mode == _HEADER:  # only for broken text: a valid header is a single token
                if kind == _ATOM_TOKEN:
                    parts.extend(
                        (name, header_start) for name in match.group(kind).split(".") if name
                    )
                elif kind == _STR:
                    parts.append((_key_text(match.group(kind)), header_start))
                elif kind == _PUNCT and text[start] == "]":
                    if parts:
                        names = [name for name, _ in parts]
                        table = base = _enter_header(
                            names, header_start, header_aot, keys, values, aot_count, implicit
                        )
                        parts.clear()
                    mode = _KEY
                if restart >= 0:
                    break
                continue

            # A value after ``=`` (mode _VALUE) or an array element (mode _ARRAY) that is not a
            # scalar: an array, an inline table, punctuation, or (broken text) ``k = v`` again.
            if kind == _PUNCT:
                char = text[start]
                if char == "]" and mode == _ARRAY:
                    mode, base = _close(stack_paths, stack_next, table)
                    continue
                if char not in "[{":
                    # ``,`` between elements; anything else is broken text: drop the value.
                    if mode == _VALUE and char != ",":
                        mode = _KEY
                    continue
            elif kind == _KV_VALUE:
                start = match.start(2)
            if mode == _ARRAY:
                index = stack_next[-1]
                stack_next[-1] = index + 1
                path = (*stack_paths[-1], index)
            else:
                path = pending
            values[path] = start
            if kind == _PUNCT:
                if len(path) >= _MAX_DEPTH:
                    # too deep to record: go on after its closing bracket, as after a scalar
                    restart = _after_nested(text, start + 1)
                    if mode == _VALUE:
                        mode = _KEY
                    break
                stack_paths.append(path)
                if text[start] == "[":
                    stack_next.append(0)
                    mode = _ARRAY
                else:
                    stack_next.append(-1)
                    base = path
                    mode = _KEY
            elif mode == _VALUE:
                mode = _KEY  # a scalar ends the statement or the inline-table entry
            if restart >= 0:
                break


def _after_nested(text: str, start: int) -> int:
    """The offset after the bracket that closes the array or inline table opened just before
    *start* (the end of the text if none does)."""
    depth = 1
    for match in _TOKEN.finditer(text, start):
        kind = match.lastindex
        if kind == _PUNCT:
            char = text[match.start(kind)]
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return match.end()
        elif kind == _HEADER_TOKEN:  # in a value, ``[["a"]]`` is arrays: count its brackets
            token = match.group(kind)
            depth += (2 if token.startswith("[[") else 1) - (2 if token.endswith("]]") else 1)
            if depth <= 0:
                return match.end()
    return len(text)


def too_deep(text: str, limit: int) -> int | None:
    """The offset of the first ``[`` or ``{`` in a value that opens more than *limit* nested
    arrays or inline tables, or ``None``."""
    depth = 0
    after_equals = False  # a ``[`` at a statement's start opens a table header, not an array
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind is None or kind == _COMMENT or kind == _OTHER:  # noqa: SIM109
            continue
        start = match.start(kind)
        if kind == _HEADER_TOKEN and (depth or after_equals):  # arrays: ``[["a"]]``
            token = match.group(kind)
            opens = 2 if token.startswith("[[") else 1
            if depth + opens > limit:
                return start + limit - depth
            depth = max(0, depth + opens - (2 if token.endswith("]]") else 1))
        elif kind == _PUNCT:
            char = text[start]
            if char in "[{":
                depth += 1
                if depth > limit:
                    return start
            elif char in "]}":
                depth = max(0, depth - 1)
        after_equals = kind == _PUNCT and text[start] == "="
    return None


def first_long_integer(text: str, digits: int = 4300) -> int | None:
    """The offset of the first decimal integer value of more than *digits* digits, or
    ``None``."""
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        if kind == _KV_VALUE or kind == _ATOM_TOKEN:  # noqa: SIM109
            atom = match.group(kind)
            if len(atom) > digits and atom.lstrip("+-")[:1].isdigit():
                count = sum(1 for char in atom if char.isdigit())
                if count > digits and not atom.lstrip("+-").startswith(("0x", "0o", "0b")):
                    return match.start(kind)
    return None


def _header_names(token: str) -> list[str]:
    """The key parts of a header token such as ``[ a . "b.c" ]`` or ``[[a.b]]``."""
    inner = token.strip("[] \t")
    if '"' not in inner and "'" not in inner:
        return [name.strip(" \t") for name in inner.split(".")]
    return [
        match.group() if match.lastindex == 1 else _key_text(match.group())
        for match in _HEADER_PART.finditer(inner)
    ]


def _record_key(
    base: Path, parts: list[tuple[str, int]], keys: dict[Path, int], values: dict[Path, int]
) -> Path:
    """Record the (dotted) key *parts* under *base*; return its full path.

    Each part is recorded at its own offset; the tables a dotted key creates keep the position
    where they were first written.
    """
    if len(base) + len(parts) > _MAX_DEPTH:
        return (*_NOWHERE, parts[-1][0])
    path = base
    for name, offset in parts[:-1]:
        path = (*path, name)
        if path not in keys:
            keys[path] = values[path] = offset
    name, offset = parts[-1]
    path = (*path, name)
    keys[path] = offset
    return path


def _close(stack_paths: list[Path], stack_next: list[int], table: Path) -> tuple[int, Path]:
    """Pop the innermost array or inline table; return the new scanner mode and key base."""
    stack_paths.pop()
    stack_next.pop()
    if not stack_paths:
        return _KEY, table
    if stack_next[-1] >= 0:
        return _ARRAY, stack_paths[-1]  # the base is unused in an array
    return _KEY, stack_paths[-1]


def _enter_header(
    names: list[str],
    start: int,
    is_array: bool,
    keys: dict[Path, int],
    values: dict[Path, int],
    aot_count: dict[Path, int],
    implicit: set[Path],
) -> Path:
    """Record the header ``[names]`` / ``[[names]]`` at *start*; return the new current table.

    A name that is an array of tables stands for its latest element, as in TOML.
    """
    path: Path = ()
    last = len(names) - 1
    for i, name in enumerate(names):
        if len(path) >= _MAX_DEPTH:
            return _NOWHERE
        path = (*path, name)
        if i < last:
            count = aot_count.get(path)
            if count is not None:
                path = (*path, count - 1)
            elif path not in keys:
                keys[path] = values[path] = start
                implicit.add(path)
        elif is_array:
            count = aot_count.get(path, 0)
            aot_count[path] = count + 1
            if count == 0 and (path not in keys or path in implicit):
                keys[path] = values[path] = start
                implicit.discard(path)
            path = (*path, count)
            keys[path] = values[path] = start
        elif path not in keys or path in implicit:
            keys[path] = values[path] = start
            implicit.discard(path)
    return path

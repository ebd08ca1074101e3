"""Reading TOML text: everything the parser can raise, and the integer range it does not check.

tomli raises `TOMLDecodeError` for text that is not TOML, but also `RecursionError` for arrays
or inline tables nested more than 400 deep (or a key of more than 1,000 dotted parts), and
`ValueError` for a decimal integer of more than 4,300 digits (Python's limit on converting
text to a number). TOML integers are 64-bit, which tomli does not check: larger ones are found
here, so that nothing downstream ever has to show or compute with a number of 10,000 digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schedules.diagnostics import KeyPath
from schedules.i18n import N_
from schedules.messages import Said, said
from schedules.sourcemap import first_long_integer, too_deep

try:  # compiled wheels are several times faster than the standard library's pure-Python parser
    import tomli as toml_parser
except ImportError:  # pragma: no cover - tomli is a dependency, tomllib the safety net
    import tomllib as toml_parser  # type: ignore[no-redef]

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
NESTING_LIMIT = 400
"""How deep tomli nests arrays and inline tables."""

_TOML_ERROR_POSITION = r"\s*\(at line (\d+), column (\d+)\)$"
# an integer literal out of the 64-bit range has 16 or more of these in a row (a prefilter)
_LONG_RUN = re.compile(r"[0-9A-Fa-f_]{16}")
_SHOWN_DIGITS = 8


@dataclass(frozen=True, slots=True)
class TomlSyntaxError(Exception):
    """Text that cannot be read as TOML, with the 1-based line and column of the problem."""

    message: str
    line: int
    column: int
    said: Said | None = None
    """The message as an id and parameters, for the reader's language."""

    @classmethod
    def of(cls, reason: Said | str, line: int, column: int) -> TomlSyntaxError:
        message = said("not valid TOML: {reason}", reason=reason)
        return cls(message.english(), line, column, message)


def parse_toml(text: str) -> dict[str, Any]:
    """The data of `text`; raises only `TomlSyntaxError`."""
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as error:
        raise _decode_error(error) from None
    except RecursionError as error:
        # tomli's count is off by one for arrays: 401 nested arrays are read, 401 tables not
        offset = too_deep(text, NESTING_LIMIT) or too_deep(text, NESTING_LIMIT - 1)
        reason: Said
        if offset is None or "key" in str(error):
            reason = said("a dotted key has more than 1,000 parts")
            found = re.search(r"(?:[A-Za-z0-9_-]++[ \t]*+\.[ \t]*+){1000}", text)
            offset = found.start() if found else 0
        else:
            reason = said(
                "arrays or inline tables are nested more than {limit} deep (visits reads at "
                "most that many levels)",
                limit=NESTING_LIMIT,
            )
        raise TomlSyntaxError.of(reason, *position(text, offset)) from None
    except ValueError as error:  # int() refuses a decimal literal of more than 4,300 digits
        offset = first_long_integer(text)
        if offset is None:
            raise TomlSyntaxError.of(str(error), 1, 1) from None
        end = offset
        while end < len(text) and text[end] in "+-0123456789_":
            end += 1
        digits = sum(1 for char in text[offset:end] if char.isdigit())
        shown = text[offset:end].lstrip("+-").replace("_", "")[:_SHOWN_DIGITS]
        leading = ("-" if text[offset] == "-" else "") + shown
        counted = f"{digits:,}"
        number = said("{number}… ({digits} digits)", number=leading, digits=counted)
        raise TomlSyntaxError.of(_out_of_range(number), *position(text, offset)) from None


def out_of_range_integers(text: str, data: dict[str, Any]) -> Iterator[tuple[KeyPath, Said]]:
    """(path, message) for each integer of `data` beyond TOML's 64-bit range."""
    if _LONG_RUN.search(text) is None:
        return
    stack: list[tuple[KeyPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(((*path, i), node[i]) for i in range(len(node) - 1, -1, -1))
        elif (
            isinstance(node, int) and not isinstance(node, bool) and not INT_MIN <= node <= INT_MAX
        ):
            yield path, said("not valid TOML: {reason}", reason=_out_of_range(number_text(node)))


def _out_of_range(number: object) -> Said:
    return said(
        "the integer {number} is out of range: TOML integers are 64-bit, from {min} to {max}",
        number=number,
        min=INT_MIN,
        max=INT_MAX,
    )


def number_text(value: int) -> str:
    """The number as written, or its first digits and its length (`12345678… (5,000 digits)`)
    when it is too long to show (and too long for `str()` past 4,300 digits)."""
    if -(10**20) < value < 10**20:
        return str(value)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    bits = magnitude.bit_length()
    if bits > 200_000:  # exact digits would take seconds: an estimate says enough
        return f"{sign}… (about {int(bits * 0.30103):,} digits)"
    digits = int((bits - 1) * 0.30102999566398120) + 1  # this, or one more
    if magnitude >= 10**digits:
        digits += 1
    leading = magnitude // 10 ** (digits - _SHOWN_DIGITS)
    return f"{sign}{leading}… ({digits:,} digits)"


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _decode_error(error: ValueError) -> TomlSyntaxError:
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    message = getattr(error, "msg", None) or str(error)
    found = re.search(_TOML_ERROR_POSITION, message)
    if found is not None:
        line, column = int(found[1]), int(found[2])
        message = message[: found.start()]
    message = message[:1].lower() + message[1:]
    return TomlSyntaxError.of(_reason(message), line or 1, column or 1)


_PARSER_REASONS = frozenset(
    {
        N_("invalid statement"),
        N_("cannot overwrite a value"),
        N_("expected '=' after a key in a key/value pair"),
        N_("invalid initial character for a key part"),
        N_("unclosed array"),
        N_("unclosed inline table"),
        N_("unescaped '\\' in a string"),
        N_("unterminated string"),
        N_("invalid value"),
        N_("invalid hex value"),
        N_("invalid date or datetime"),
        N_("expected newline or end of document after a statement"),
        N_("expected ']' at the end of a table declaration"),
        N_("expected ']]' at the end of an array declaration"),
        N_("escaped character is not a Unicode scalar value"),
    }
)
"""The TOML parser's own messages (tomli's, first letter lowered), translated as they are."""

_PARSER_PATTERNS = (  # compiled when a file has a syntax error, not at import
    (r"illegal character (?P<what>.+)", N_("illegal character {what}")),
    (r"found invalid character (?P<what>.+)", N_("found invalid character {what}")),
    (r"expected (?P<what>'.+')", N_("expected {what}")),
    (
        r"duplicate inline table key (?P<what>.+)",
        N_("duplicate inline table key {what}"),
    ),
    (r"cannot declare (?P<what>.+) twice", N_("cannot declare {what} twice")),
    (r"cannot redefine namespace (?P<what>.+)", N_("cannot redefine namespace {what}")),
    (
        r"cannot mutate immutable namespace (?P<what>.+)",
        N_("cannot mutate immutable namespace {what}"),
    ),
)


def _reason(message: str) -> Said | str:
    """The parser's message as a message id, when it is one visits knows."""
    if message in _PARSER_REASONS:
        return Said(message)
    for pattern, msgid in _PARSER_PATTERNS:
        found = re.fullmatch(pattern, message)
        if found is not None:
            return Said(msgid, {"what": found["what"]})
    return message

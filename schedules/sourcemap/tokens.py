"""The TOML tokenizer of the source map: one compiled alternation, run with ``finditer``.

Each match first skips whitespace and newlines, then takes exactly one token, so matches are
contiguous and the search never has to retry at later positions.  Every alternative ends with
its own capturing group, so ``match.lastindex`` is the token kind and ``match.start(kind)`` where
the token starts.  Possessive quantifiers keep matching linear on broken input.
"""

from __future__ import annotations

import re

_ML_BASIC = r'"""(?:[^"\\]++|\\[\s\S]|"{1,2}(?!"))*+"{3,5}'
_ML_LITERAL = r"'''(?:[^']++|'{1,2}(?!'))*+'{3,5}"
_BASIC = r'"(?:[^"\\\r\n]++|\\[^\r\n])*+"'
_LITERAL = r"'[^'\r\n]*+'"
_STRING = f"{_ML_BASIC}|{_ML_LITERAL}|{_BASIC}|{_LITERAL}"
# Numbers, booleans, dates and times, bare keys (a dotted bare key is one atom, split later).
# A date-time may use a space instead of ``T``; no valid key can look like that.
_ATOM = r"(?:\d{4}-\d\d-\d\d[ ](?=\d\d:))?[A-Za-z0-9_+\-:][A-Za-z0-9_+\-.:]*+"

_BARE_KEY = r"[A-Za-z0-9_\-]++"
_KEY_PART = rf"(?:{_BARE_KEY}|{_BASIC}|{_LITERAL})"
_COMMA = r"(?:[ \t]*+,)?"  # a comma after a scalar is taken with it: fewer tokens

_TOKEN = re.compile(
    r"[ \t\r\n]*+(?:"
    # 1, 2: the common case ``bare_key = scalar`` in one match.
    rf"({_BARE_KEY})[ \t]*+=[ \t]*+({_STRING}|{_ATOM}){_COMMA}"
    # 3: comment
    r"|(\#[^\r\n]*+)"
    # 4: a whole table header ``[a . "b"]`` or ``[[a.b]]``; in a value, the same text is an
    # array (``[1]``, ``[["x"]]``) and is then scanned again from its second character.
    rf"|(\[\[?[ \t]*+{_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+[ \t]*+\]\]?)"
    # 5: string (a value or a quoted key)
    rf"|({_STRING}){_COMMA}"
    # 6: atom
    rf"|({_ATOM}){_COMMA}"
    # 7: punctuation
    r"|([\[\]{},=.])"
    # 8: anything else (one character; empty at the end of the text)
    r"|([\s\S]?))"
)
_KV_VALUE = 2
_COMMENT = 3
_HEADER_TOKEN = 4
_STR = 5
_ATOM_TOKEN = 6
_PUNCT = 7
_OTHER = 8

_HEADER_PART = re.compile(rf"({_BARE_KEY})|({_BASIC}|{_LITERAL})")


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|([\s\S]))")
_SIMPLE_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        value = int(code, 16)
        return chr(value) if value <= 0x10FFFF else match.group()
    char = match.group(4)
    return _SIMPLE_ESCAPES.get(char, match.group())


def _key_text(token: str) -> str:
    """The key string of a quoted key token (basic-string escapes decoded)."""
    if token.startswith(('"""', "'''")) and len(token) >= 6:
        token = token[2:-2]
    if token.startswith("'"):
        return token[1:-1]
    return _ESCAPE.sub(_unescape, token[1:-1])

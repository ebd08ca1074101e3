"""Every check code of the contract in one registry: its family and the severities it is
reported with.

The codes are contract (scripts read them; they are never translated). The rules report with
these members, waivers may name the codes of the rule and built-in checks, the JSON Schema
lists those, and docs/checks.md documents exactly these codes (a test says so).
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Family(StrEnum):
    """What a code is about: a rule of an agreement, a check every schedule gets, or input
    that is not a valid schedule (which stops the other checks for its file)."""

    RULE = "rule"
    BUILT_IN = "built-in"
    INPUT = "input"


class Code(StrEnum):
    """A check code, as `visits check` prints it (`error[interval]`)."""

    ALTERNATION = "alternation"
    INTERVAL = "interval"
    COMMITMENT = "commitment"
    QUOTA = "quota"
    DELEGATION = "delegation"
    STATUS = "status"
    HOLIDAY = "holiday"
    DOUBLE_BOOKING = "double-booking"
    ACTION_OVERDUE = "action-overdue"
    AGREEMENT_EXPIRING = "agreement-expiring"
    AGREEMENT_LAPSED = "agreement-lapsed"
    IO = "io"
    SYNTAX = "syntax"
    SCHEMA = "schema"
    REFERENCE = "reference"

    @property
    def family(self) -> Family:
        return _FAMILIES[self]

    @property
    def severities(self) -> tuple[Severity, ...]:
        """The severities the contract reports this code with, the usual one first."""
        return _SEVERITIES[self]

    @property
    def waivable(self) -> bool:
        """A waiver may name it (`rule = "holiday"`): every code but the input errors."""
        return self.family is not Family.INPUT


_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_BOTH = (_ERROR, _WARNING)
_REGISTRY: dict[Code, tuple[Family, tuple[Severity, ...]]] = {
    Code.ALTERNATION: (Family.RULE, (_ERROR,)),
    Code.INTERVAL: (Family.RULE, _BOTH),
    Code.COMMITMENT: (Family.RULE, _BOTH),
    Code.QUOTA: (Family.RULE, _BOTH),
    Code.DELEGATION: (Family.RULE, (_ERROR,)),
    Code.STATUS: (Family.BUILT_IN, _BOTH),
    Code.HOLIDAY: (Family.BUILT_IN, (_WARNING,)),
    Code.DOUBLE_BOOKING: (Family.BUILT_IN, (_ERROR,)),
    Code.ACTION_OVERDUE: (Family.BUILT_IN, (_WARNING,)),
    Code.AGREEMENT_EXPIRING: (Family.BUILT_IN, (_WARNING,)),
    Code.AGREEMENT_LAPSED: (Family.BUILT_IN, (_WARNING,)),
    Code.IO: (Family.INPUT, (_ERROR,)),
    Code.SYNTAX: (Family.INPUT, (_ERROR,)),
    Code.SCHEMA: (Family.INPUT, (_ERROR,)),
    Code.REFERENCE: (Family.INPUT, (_ERROR,)),
}
_FAMILIES = {code: family for code, (family, _) in _REGISTRY.items()}
_SEVERITIES = {code: severities for code, (_, severities) in _REGISTRY.items()}

WAIVABLE: tuple[Code, ...] = tuple(code for code in Code if code.waivable)
"""The codes a waiver may name, in the registry's order."""
INPUT: frozenset[str] = frozenset(code for code in Code if code.family is Family.INPUT)
"""The input-error codes (a frozenset of the registry's members, for fast look-ups)."""

"""visits' domain: the schedule file format, the rules engine and the `visits` command line.

This package never imports textual. Its public names are resolved lazily (PEP 562), so that
`import schedules.cli` costs only what the command it runs needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schedules.dates import Duration, PartialDate
    from schedules.diagnostics import Diagnostic, ExitCode, KeyPath, Severity
    from schedules.loader import Document, load_file, load_text
    from schedules.model import (
        Action,
        AgendaItem,
        Agreement,
        AlternateRule,
        AnyRule,
        CommitmentRule,
        DelegationRule,
        IntervalRule,
        Participant,
        Partnership,
        Party,
        QuotaRule,
        Schedule,
        Visit,
        Waiver,
    )
    from schedules.rules import normalise_name
    from schedules.workspace import Report, check, run_check

_HOMES = {
    "schedules.dates": ("Duration", "PartialDate"),
    "schedules.diagnostics": ("Diagnostic", "ExitCode", "KeyPath", "Severity"),
    "schedules.loader": ("Document", "load_file", "load_text"),
    "schedules.model": (
        "Action",
        "AgendaItem",
        "Agreement",
        "AlternateRule",
        "AnyRule",
        "CommitmentRule",
        "DelegationRule",
        "IntervalRule",
        "Participant",
        "Partnership",
        "Party",
        "QuotaRule",
        "Schedule",
        "Visit",
        "Waiver",
    ),
    "schedules.rules": ("normalise_name",),
    "schedules.workspace": ("Report", "check", "run_check"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__version__ = "0.1.0"
"""The version of visits (pyproject.toml reads it from here)."""

__all__ = [
    "Action",
    "AgendaItem",
    "Agreement",
    "AlternateRule",
    "AnyRule",
    "CommitmentRule",
    "DelegationRule",
    "Diagnostic",
    "Document",
    "Duration",
    "ExitCode",
    "IntervalRule",
    "KeyPath",
    "PartialDate",
    "Participant",
    "Partnership",
    "Party",
    "QuotaRule",
    "Report",
    "Schedule",
    "Severity",
    "Visit",
    "Waiver",
    "check",
    "load_file",
    "load_text",
    "normalise_name",
    "run_check",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'schedules' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # resolved once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

"""visits' domain: the schedule file format, the rules engine and the `visits` command line.

This package never imports textual.
"""

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
    IntervalRule,
    Participant,
    Partnership,
    Party,
    QuotaRule,
    Schedule,
    Visit,
    Waiver,
)
from schedules.rules import check, normalise_name
from schedules.workspace import Report, run_check

__version__ = "0.1.0"
"""The version of visits (pyproject.toml reads it from here)."""

__all__ = [
    "Action",
    "AgendaItem",
    "Agreement",
    "AlternateRule",
    "AnyRule",
    "CommitmentRule",
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
    "__version__",
    "check",
    "load_file",
    "load_text",
    "normalise_name",
    "run_check",
]

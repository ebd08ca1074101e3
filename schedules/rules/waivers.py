"""Waivers: a finding a waiver covers is marked waived, with the waiver's reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from schedules.diagnostics import Diagnostic
from schedules.tables import Waiver


def apply_waivers(waivers: Sequence[Waiver], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics, those that a waiver covers marked waived with its reason."""
    if not waivers:
        return diagnostics
    result = []
    for diagnostic in diagnostics:
        for waiver in waivers:
            if (
                waiver.rule in (diagnostic.rule, diagnostic.code)
                and diagnostic.date is not None
                and waiver.covers(diagnostic.date)
                and (waiver.visit is None or waiver.visit == diagnostic.visit)
            ):
                diagnostic = replace(diagnostic, waived=True, reason=waiver.reason)
                break
        result.append(diagnostic)
    return result

"""Memoranda in force: one ending soon with none after it (`agreement-expiring`), and all of
them ended (`agreement-lapsed`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from schedules.codes import Code
from schedules.diagnostics import Diagnostic, Severity
from schedules.messages import NOTHING, said
from schedules.rules.context import Context
from schedules.rules.seen import continuing_host, lapsed_agreement

EXPIRY_WARNING = dt.timedelta(days=180)


def expiring_agreements(ctx: Context) -> Iterator[Diagnostic]:
    agreements = ctx.schedule.agreements
    for index, agreement in enumerate(agreements):
        until = agreement.valid_until
        if not agreement.rules or until is None:
            continue
        if not dt.timedelta(0) <= until - ctx.as_of <= EXPIRY_WARNING:  # no overflow at 9999
            continue
        if any(other.starts > agreement.starts for other in agreements):
            continue
        days = (until - ctx.as_of).days
        yield ctx.diagnostic(
            Severity.WARNING,
            Code.AGREEMENT_EXPIRING,
            said(
                "agreement `{agreement}` ends {until} (in {days} days) and no agreement "
                "follows it in this file",
                agreement=agreement.id,
                until=until,
                days=days,
            ),
            ("agreements", index, "valid_until"),
            until,
        )


def lapsed(ctx: Context) -> Iterator[Diagnostic]:
    found = lapsed_agreement(ctx.schedule, ctx.as_of)
    if found is None:
        return
    index, agreement = found
    host = continuing_host(ctx.schedule, agreement, ctx.counted, ctx.as_of)
    following = (
        said("; if its rotation continues, `{host}` hosts next", host=host) if host else NOTHING
    )
    yield ctx.diagnostic(
        Severity.WARNING,
        Code.AGREEMENT_LAPSED,
        said(
            "no memorandum is in force: agreement `{agreement}` ended {ends} and no agreement "
            "with rules follows it{following}",
            agreement=agreement.id,
            ends=agreement.ends,
            following=following,
        ),
        ("agreements", index),
        agreement.ends,
    )

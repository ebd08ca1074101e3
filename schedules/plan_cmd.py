"""`visits plan`: the office's year, read from the schedule files under some paths."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence

from schedules.command_io import load_schedules, report_problems, write_output
from schedules.diagnostics import ExitCode
from schedules.i18n import _
from schedules.plan import known_parties, year_plan
from schedules.render import literal

FIRST_YEAR, LAST_YEAR = 1, 9998
"""The years a plan can cover: the search for dates looks one day past the as-of date."""
USAGE = "visits plan [PATH ...] --home PARTY [--year YYYY] [--as-of DATE] [--format FORMAT]"


def run_plan(
    paths: Sequence[str],
    home: str,
    year: int | None,
    as_of: dt.date,
    output_format: str,
    output: str | None = None,
) -> int:
    year = as_of.year if year is None else year
    if not FIRST_YEAR <= year <= LAST_YEAR or as_of.year > LAST_YEAR:
        _error(
            _("the year and the as-of date must lie between {first} and {last}").format(
                first=FIRST_YEAR, last=LAST_YEAR
            )
        )
        return ExitCode.INPUT_ERROR
    loaded = load_schedules(paths)
    report_problems(loaded)
    schedules = [(document.path, schedule) for document, schedule in loaded.schedules]
    if not any(home in schedule.parties for _, schedule in schedules):
        parties = known_parties([schedule for _, schedule in schedules])
        known = (
            _("the parties are: {parties}").format(parties=", ".join(parties))
            if parties
            else _("no schedule was read")
        )
        _error(
            _("--home {party}: no schedule file has a party with that id ({known})").format(
                party=literal(home), known=literal(known)
            )
        )
        return ExitCode.INPUT_ERROR
    plan = year_plan(schedules, home, year, as_of)
    from schedules import plan_render

    if output_format == "json":
        text = plan_render.render_json(plan)
    elif output_format in ("markdown", "html"):
        from schedules.document import render_html, render_markdown

        blocks = plan_render.plan_blocks(plan)
        if output_format == "html":
            text = render_html(blocks, plan_render.title(plan))
        else:
            text = render_markdown(blocks)
    else:
        text = plan_render.render_text(plan)
    return max(write_output(text, output), loaded.exit_code)


def _error(message: str) -> None:
    sys.stderr.write(f"{_('usage: ')}{USAGE}\n")
    sys.stderr.write(_("visits plan: error: {message}").format(message=message) + "\n")

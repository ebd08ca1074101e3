"""A new schedule file for a partnership: its text, what is wrong with a draft, a safe write.

`new_schedule_text` is what `visits new` writes (and what the app's "new partnership" form can
write): the `[partnership]` table, one `[parties.ID]` table per party, and commented-out templates
of everything else in the format. Template lines start with `# `, explanations with `## `, so
that removing `# ` from the template lines gives a file that loads.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from schedules.i18n import N_, _
from schedules.model import COUNTRY_PATTERN, SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_COUNTRY = re.compile(COUNTRY_PATTERN)


@dataclass(frozen=True)
class NewPartnership:
    """What a new file needs: the partnership's id and title, and two or more parties."""

    id: str
    title: str
    parties: Sequence[tuple[str, str]]
    """(party id, name), in the order they are to be written (and rotate by default)."""
    countries: dict[str, str] = field(default_factory=dict)
    """Party id to ISO 3166-1 alpha-2 code."""


def slug_problem(what: str, value: str) -> str | None:
    if _SLUG.match(value) is None:
        return _(
            '{what} "{value}" is not a valid id: use lowercase letters, digits and "-" '
            '(like "quang-tri-savannakhet")'
        ).format(what=_(what), value=value)
    return None


def country_problem(party: str, code: str) -> str | None:
    if _COUNTRY.match(code) is None:
        return _(
            'country of `{party}`: "{code}" is not an ISO country code: write two letters, like VN'
        ).format(party=party, code=code)
    return None


def new_partnership_problems(draft: NewPartnership) -> list[str]:
    """Everything that stops the draft from being a valid file, in words (empty when none)."""
    problems = []
    if problem := slug_problem(N_("partnership id"), draft.id):
        problems.append(problem)
    if not draft.title.strip():
        problems.append(_("the title is required"))
    seen: dict[str, None] = {}  # in the order given
    for ident, name in draft.parties:
        if problem := slug_problem(N_("party id"), ident):
            problems.append(problem)
        if ident in seen:
            problems.append(_("party `{party}` is given twice").format(party=ident))
        seen[ident] = None
        if not name.strip():
            problems.append(
                _("party `{party}` needs a name (--party {party}=NAME)").format(party=ident)
            )
    if len(seen) < 2:
        problems.append(
            _("a partnership needs two or more parties, and {count} given").format(count=len(seen))
        )
    for ident, code in draft.countries.items():
        if ident not in seen:
            known = ", ".join(f"`{p}`" for p in seen) or _("none")
            problems.append(
                _("--country names `{party}`, which is not a party (parties: {parties})").format(
                    party=ident, parties=known
                )
            )
        elif problem := country_problem(ident, code):
            problems.append(problem)
    return problems


def toml_value(value: str | list[str]) -> str:
    """A string (or an array of strings, on one line) as TOML writes it, escaped."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def new_schedule_text(draft: NewPartnership, today: dt.date) -> str:
    """The file's text: the tables the draft fills in, then the commented-out templates.
    The draft must have no `new_partnership_problems`."""
    first, second = draft.parties[0][0], draft.parties[1][0]
    lines = [
        "## A schedule file for `visits` (one partnership). Check it with: visits check FILE",
        "## The commented-out tables below are templates: remove the '# ' in front of a",
        "## template's lines to use it, and change the values.",
        "",
        "format = 1",
        "",
        "[partnership]",
        f"id = {toml_value(draft.id)}",
        f"title = {toml_value(draft.title.strip())}",
        '# notes = "What the partnership is about, where its agreements come from"',
    ]
    for ident, name in draft.parties:
        lines += ["", f"[parties.{ident}]", f"name = {toml_value(name.strip())}"]
        if ident in draft.countries:
            lines.append(f"country = {toml_value(draft.countries[ident])}")
        else:
            lines.append(
                '# country = "VN"     ## ISO code (VN, LA, ...): enables the holiday check'
            )
        lines.append('## short = "..."     ## optional: a short label for tables')
    lines += _templates(first, second, today.year)
    return "\n".join(lines) + "\n"


def _templates(first: str, second: str, year: int) -> list[str]:
    pair = toml_value([first, second])
    return [
        "",
        "## --- An agreement and its rules ----------------------------------------------------",
        "# [[agreements]]",
        f'# id = "mou-{year}"',
        f'# title = "Memorandum of understanding {year}–{year + 2}"',
        f"# signed = {year}-01-15",
        f"# valid_until = {year + 2}-12-31          ## open-ended when left out",
        '# source = "Where the text is"',
        "",
        "## The parties take turns hosting (order: default, the parties in file order).",
        "#   [[agreements.rules]]",
        '#   id = "talks-rotate"',
        '#   kind = "alternate"',
        '#   visits = ["talks"]',
        f"#   order = {pair}",
        '#   description = "The two sides take turns hosting the talks"',
        "",
        "## Consecutive visits at most `max` apart (min, tolerance and horizon are optional).",
        "#   [[agreements.rules]]",
        '#   id = "talks-interval"',
        '#   kind = "interval"',
        '#   visits = ["talks"]',
        '#   max = "P2Y"',
        '#   tolerance = "P3M"',
        "",
        "## A promise: this party hosts in that period (a year, quarter, month or day).",
        "#   [[agreements.rules]]",
        f'#   id = "talks-{year + 1}-in-{first}"',
        '#   kind = "commitment"',
        '#   visits = ["talks"]',
        f"#   host = {toml_value(first)}",
        f'#   when = "{year + 1}"',
        "",
        "## Between `min` and `max` visits per year, quarter or month.",
        "#   [[agreements.rules]]",
        '#   id = "exchange-yearly"',
        '#   kind = "quota"',
        '#   visits = ["talks", "working-visit"]',
        "#   min = 1",
        "#   max = 2",
        '#   per = "year"',
        "",
        "## Limits on each visit: people per guest delegation, days from start to end.",
        "#   [[agreements.rules]]",
        '#   id = "delegation-size"',
        '#   kind = "delegation"',
        '#   visits = ["talks"]',
        "#   max_people = 10",
        "#   max_days = 5",
        "",
        "## --- A visit, with the people of each delegation -----------------------------------",
        "# [[visits]]",
        f'# id = "talks-{year + 1}"',
        '# kind = "talks"',
        '# title = "Bilateral talks"',
        f"# host = {toml_value(first)}",
        '# status = "planned"                ## planned, confirmed, held, postponed, cancelled',
        f'# when = "{year + 1}"                    ## or exact dates: start = ... and end = ...',
        '# place = "Where"',
        '# agenda = ["Review of the past year", "Plans for the next"]',
        "",
        "#   [[visits.participants]]",
        '#   name = "Full name"',
        f"#   party = {toml_value(second)}",
        '#   title = "Office held"',
        '#   role = "head"                     ## head (one per party), member or staff',
        "",
        "## --- A follow-up: a request made or a commitment given ------------------------------",
        "# [[actions]]",
        '# id = "reply-to-request"',
        '# text = "What is to be done"',
        f"# owner = {toml_value(first)}",
        f'# visit = "talks-{year + 1}"',
        f"# due = {year + 1}-12-31",
        '# status = "open"                    ## open, done or dropped',
        "",
        "## --- An agreed exception to a rule or check, with its reason ------------------------",
        "# [[waivers]]",
        '# rule = "talks-interval"             ## a rule id, or a check code like "holiday"',
        f"# from = {year}-01-01",
        f"# until = {year}-12-31",
        '# reason = "Why the exception was agreed"',
    ]


class FileExists(Exception):
    """The file to create is already there: it is never replaced."""


def write_new_file(path: Path, text: str) -> None:
    """Write `text` to a file that must not exist yet: into a temporary file in the same folder
    first, then linked into place, which fails if the file has appeared meanwhile (no race can
    replace someone's file). Raises FileExists, or OSError when the folder cannot be written."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # created by hand rather than with tempfile, so that the umask decides its permissions
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise FileExists(str(path)) from None
        except OSError:  # a file system without hard links: create exclusively instead
            _write_exclusively(path, text)
    finally:
        temporary.unlink(missing_ok=True)


def _write_exclusively(path: Path, text: str) -> None:
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise FileExists(str(path)) from None
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())

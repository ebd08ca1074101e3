"""`visits new FILE --id ID --title TITLE --party ID=NAME ... [--country ID=CC ...]`.

On a terminal, what is missing from the command line is asked for; in a script it is a usage
error. Nothing is written unless everything is valid, and an existing file is never replaced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from schedules.diagnostics import ExitCode
from schedules.i18n import N_, _
from schedules.loader import load_text
from schedules.new_file import (
    FileExists,
    NewPartnership,
    country_problem,
    new_partnership_problems,
    new_schedule_text,
    slug_problem,
    write_new_file,
)


@dataclass
class NewOptions:
    """The command line as given; None or empty where an option is missing."""

    file: str | None
    id: str | None
    title: str | None
    parties: list[str]
    countries: list[str]


class Cancelled(Exception):
    """The person ended the questions (end of input)."""


class Questions:
    """Asks on a terminal: each answer checked at once, and asked again until it is valid."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout

    def ask(self, prompt: str, problem: Callable[[str], str | None]) -> str:
        while True:
            self.stdout.write(prompt)
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                raise Cancelled
            answer = line.strip()
            found = problem(answer)
            if found is None:
                return answer
            self.stdout.write(f"  {found}\n")


def run_new(
    options: NewOptions,
    *,
    today: dt.date | None = None,
    interactive: bool | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if interactive is None:
        interactive = stdin.isatty() and stdout.isatty()
    if options.file and Path(options.file).exists():  # before any question is asked
        _error(stderr, _("{file} already exists: nothing written").format(file=options.file))
        return ExitCode.INPUT_ERROR
    try:
        if interactive:
            _ask_missing(options, Questions(stdin, stdout))
    except Cancelled:
        stderr.write("\nvisits new: " + _("cancelled; nothing written") + "\n")
        return ExitCode.INPUT_ERROR

    missing = [
        name
        for name, absent in (
            ("FILE", not options.file),
            ("--id", not options.id),
            ("--title", not options.title),
        )
        if absent
    ]
    if len(options.parties) < 2:
        missing.append(_("--party (twice or more)"))
    if missing:
        return _usage(stderr, _("missing {options}").format(options=", ".join(missing)))

    parties, countries, problems = _parsed(options)
    draft = NewPartnership(options.id or "", options.title or "", parties, countries)
    problems += new_partnership_problems(draft)
    path = Path(options.file or "")
    if path.exists() or path.is_symlink():
        problems.insert(
            0, _("{file} already exists: visits new never replaces a file").format(file=path)
        )
    elif not path.parent.is_dir():
        problems.insert(0, _("there is no folder {folder}").format(folder=path.parent))
    if problems:
        for problem in problems:
            _error(stderr, problem)
        stderr.write(_("nothing written") + "\n")
        return ExitCode.INPUT_ERROR

    text = new_schedule_text(draft, today or dt.date.today())
    assert load_text(text, str(path)).ok, "a new file must load"
    try:
        write_new_file(path, text)
    except FileExists:
        _error(stderr, _("{file} already exists: nothing written").format(file=path))
        return ExitCode.INPUT_ERROR
    except OSError as error:
        _error(stderr, _("cannot write {file}: {reason}").format(file=path, reason=error.strerror))
        return ExitCode.INPUT_ERROR
    names = ", ".join(ident for ident, _name in parties)
    stdout.write(
        _(
            "Wrote {file}: partnership {id} with parties {parties}.\n"
            "Fill in the commented templates in it, then run: visits check {file}"
        ).format(file=path, id=draft.id, parties=names)
        + "\n"
    )
    return ExitCode.OK


def _parsed(options: NewOptions) -> tuple[list[tuple[str, str]], dict[str, str], list[str]]:
    """`--party ID=NAME` and `--country ID=CC` as pairs (the name is all after the first `=`)."""
    problems = []
    parties = []
    for given in options.parties:
        ident, equals, name = given.partition("=")
        if not equals:
            problems.append(
                _('--party "{given}": write ID=NAME, like quang-tri="Quảng Trị"').format(
                    given=given
                )
            )
            continue
        parties.append((ident.strip(), name.strip()))
    countries = {}
    for given in options.countries:
        ident, equals, code = given.partition("=")
        if not equals:
            problems.append(
                _('--country "{given}": write ID=CC, like quang-tri=VN').format(given=given)
            )
            continue
        countries[ident.strip()] = code.strip().upper()
    return parties, countries, problems


def _ask_missing(options: NewOptions, questions: Questions) -> None:
    if not options.file:
        options.file = questions.ask(_("File to create (like quang-tri-savannakhet.toml): "), _file)
    if not options.id:
        options.id = questions.ask(
            _("Partnership id (lowercase letters, digits and -): "),
            lambda value: slug_problem(N_("partnership id"), value),
        )
    if not options.title:
        options.title = questions.ask(
            _("Title (like Quảng Trị – Savannakhet People's Councils): "),
            lambda value: None if value else _("the title is required"),
        )
    if len(options.parties) < 2:
        taken = {given.partition("=")[0].strip() for given in options.parties}
        while len(options.parties) < 2:
            number = len(options.parties) + 1
            ident = questions.ask(
                _("Party {number}: id (like quang-tri): ").format(number=number),
                lambda value: (
                    slug_problem(N_("party id"), value)
                    or (
                        _("`{party}` is already a party").format(party=value)
                        if value in taken
                        else None
                    )
                ),
            )
            name = questions.ask(
                _("Party {number}: name: ").format(number=number),
                lambda value: None if value else _("the name is required"),
            )
            code = questions.ask(
                _("Party {number}: country code (like VN; empty for none): ").format(number=number),
                _country_answer(ident),
            )
            taken.add(ident)
            options.parties.append(f"{ident}={name}")
            if code:
                options.countries.append(f"{ident}={code}")


def _country_answer(party: str) -> Callable[[str], str | None]:
    def problem(value: str) -> str | None:
        return country_problem(party, value.upper()) if value else None

    return problem


def _file(value: str) -> str | None:
    if not value:
        return _("the file name is required")
    path = Path(value)
    if path.exists():
        return _("{file} already exists: choose another name").format(file=path)
    if path.suffix != ".toml":
        return _("end the name with .toml, so that `visits check` finds it in a folder")
    if not path.parent.is_dir():
        return _("there is no folder {folder}").format(folder=path.parent)
    return None


def _error(stderr: TextIO, message: str) -> None:
    stderr.write(_("visits new: error: {message}").format(message=message) + "\n")


def _usage(stderr: TextIO, message: str) -> int:
    stderr.write(
        _("usage: ") + "visits new FILE --id ID --title TITLE --party ID=NAME --party ID=NAME "
        "[--country ID=CC ...]\n"
    )
    _error(
        stderr,
        _("{problem} (on a terminal, visits new asks for them)").format(problem=message),
    )
    return ExitCode.INPUT_ERROR


def options_from(args: argparse.Namespace) -> NewOptions:
    """The parsed command line as `NewOptions`."""
    return NewOptions(
        file=args.file,
        id=args.id,
        title=args.title,
        parties=list(args.party or []),
        countries=list(args.country or []),
    )

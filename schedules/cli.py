"""The `visits` command. Each subcommand's module is imported only when it runs, so that
`visits check` never loads the terminal app."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from schedules import __version__, i18n
from schedules.diagnostics import ExitCode
from schedules.i18n import _

SUBCOMMANDS = (
    "check",
    "next",
    "schema",
    "export",
    "report",
    "plan",
    "tui",
    "new",
    "lsp",
    "examples",
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date: write YYYY-MM-DD").format(text=repr(text))
        ) from None


def _language(text: str) -> str:
    language = i18n.known_language(text)
    if language is None:
        raise argparse.ArgumentTypeError(
            _("{text} is not a language of visits: choose en, vi or lo").format(text=repr(text))
        )
    return language


def _language_option(parser: argparse.ArgumentParser) -> None:
    # read before parsing (i18n.lang_option); declared so that help shows it and parsing accepts it
    parser.add_argument(
        "--lang",
        type=_language,
        metavar="en|vi|lo",
        default=argparse.SUPPRESS,
        help=_(
            "the language to answer in: English, Vietnamese (vi) or Lao (lo); default: "
            "VISITS_LANG, then the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), then English"
        ),
    )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            ExitCode.INPUT_ERROR,
            _("%(prog)s: error: %(message)s") % {"prog": self.prog, "message": message} + "\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="visits",
        description=_(
            "Plan reciprocal official visits between partner provinces and check schedules "
            "against the rules of their agreements."
        ),
        epilog=_(
            "Language: every command takes --lang en|vi|lo (English, Vietnamese, Lao); "
            "otherwise VISITS_LANG, then the locale variables (LANGUAGE, LC_ALL, LC_MESSAGES, "
            "LANG), then English. Example: visits check examples/ --lang vi"
        )
        + " "
        + _(
            "The app also remembers the language chosen in it (ctrl+p, Language, or the key L) "
            "in $XDG_CONFIG_HOME/visits/config.toml (~/.config/visits/config.toml) and starts "
            "in it unless --lang or VISITS_LANG says otherwise; the other commands never read it."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"visits {__version__}",
        help=_("show the version of visits and exit"),
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    check = commands.add_parser(
        "check", help=_("check schedule files against their rules (for scripts and CI)")
    )
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("the date 'today' means (default: today)"),
    )
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help=_("warnings fail too (exit 1)"))
    check.add_argument("--show-waived", action="store_true", help=_("also show waived diagnostics"))

    as_of_help = _("the date 'today' means (default: today)")
    next_ = commands.add_parser(
        "next", help=_("who hosts the next visit under each rule, by when, and what is planned")
    )
    next_.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    next_.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)
    next_.add_argument("--format", choices=("text", "json"), default="text")

    export = commands.add_parser("export", help=_("the visits as an iCalendar (.ics) file"))
    export.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    export.add_argument("--format", choices=("ics",), default="ics")
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))
    export.add_argument(
        "--include-tentative",
        action="store_true",
        help=_("also export visits with partial dates, as tentative events over their whole span"),
    )

    schema = commands.add_parser(
        "schema", help=_("print the JSON Schema of the schedule file format")
    )
    # caught here, so that `visits schema examples/` says what is wrong instead of the top usage
    schema.add_argument("unexpected", nargs="*", help=argparse.SUPPRESS)
    schema.set_defaults(subparser=schema)

    report = commands.add_parser(
        "report", help=_("a status report per partnership, to send to leadership")
    )
    report.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    report.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)
    report.add_argument("--format", choices=("markdown", "html"), default="markdown")
    report.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))

    examples = commands.add_parser(
        "examples", help=_("write the bundled example schedules into a folder, to try visits on")
    )
    examples.add_argument("folder", nargs="?", default="visits-examples", metavar="FOLDER")

    plan = commands.add_parser(
        "plan", help=_("the year's outgoing and incoming delegations of one party, for approval")
    )
    plan.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    plan.add_argument("--home", required=True, metavar="PARTY", help=_("the office's own party id"))
    plan.add_argument("--year", type=int, metavar="YYYY", help=_("default: the as-of date's year"))
    plan.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)
    plan.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text")
    plan.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))

    new = commands.add_parser(
        "new", help=_("write a new schedule file for a partnership, with templates to fill in")
    )
    new.add_argument("file", nargs="?", metavar="FILE", help=_("the file to create (.toml)"))
    new.add_argument("--id", help=_("the partnership's id: lowercase letters, digits and -"))
    new.add_argument("--title", help=_("the partnership's title"))
    new.add_argument(
        "--party", action="append", metavar="ID=NAME", help=_("a party (twice or more)")
    )
    new.add_argument(
        "--country", action="append", metavar="ID=CC", help=_("a party's country code")
    )

    commands.add_parser("lsp", help=_("a language server for editors (LSP on stdin and stdout)"))

    tui = commands.add_parser("tui", help=_("open the terminal app (the default command)"))
    tui.add_argument("path", nargs="?", default=".", metavar="PATH")
    tui.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help=as_of_help)
    _language_option(parser)
    for command in commands.choices.values():
        _language_option(command)
    return parser


def run(argv: Sequence[str]) -> int:
    args_list = list(argv)
    parser = build_parser()
    if not args_list or (args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-")):
        if args_list and not Path(args_list[0]).exists():  # `visits init`, a mistyped path
            return _no_such(args_list[0], _("no such file, folder or command: {name}"))
        args_list.insert(0, "tui")
    args = parser.parse_args(args_list)
    if args.command == "check":
        return _check(args)
    if args.command == "next":
        from schedules.next_cmd import run_next

        return run_next(args.paths, args.as_of or dt.date.today(), args.format)
    if args.command == "export":
        from schedules.export import run_export

        return run_export(args.paths, args.output, include_tentative=args.include_tentative)
    if args.command == "schema":
        from schedules.schema import run_schema

        if args.unexpected:
            args.subparser.error(
                _(
                    "`visits schema` takes no PATH (given: {given}): it prints the schema of the "
                    "file format; to check files, run `visits check PATH`"
                ).format(given=" ".join(args.unexpected))
            )

        return run_schema()
    if args.command == "report":
        from schedules.report import run_report

        return run_report(args.paths, args.as_of or dt.date.today(), args.format, args.output)
    if args.command == "examples":
        from schedules.examples import run_examples

        return run_examples(args.folder)
    if args.command == "plan":
        from schedules.plan_cmd import run_plan

        as_of = args.as_of or dt.date.today()
        return run_plan(args.paths, args.home, args.year, as_of, args.format, args.output)
    if args.command == "new":
        from schedules.new_cmd import options_from, run_new

        return run_new(options_from(args))
    if args.command == "lsp":
        from schedules.lsp import run_lsp

        return run_lsp()
    if args.command == "tui":
        if not Path(args.path).exists():
            return _no_such(args.path, _("no such file or folder: {name}"))
        from tui.app import run_app

        return run_app(args.path, as_of=args.as_of, language=getattr(args, "lang", None))
    parser.print_help()
    return ExitCode.INPUT_ERROR


def _no_such(name: str, what: str) -> int:
    from schedules.render import literal

    sys.stderr.write(
        "visits: "
        + what.format(name=f"'{literal(name)}'")
        + "\n"
        + _(
            "The commands are: {commands} (visits --help says what each does).\n"
            "`visits PATH` opens the app on a schedule file or a folder of them."
        ).format(commands=", ".join(sorted(SUBCOMMANDS)))
        + "\n"
    )
    return ExitCode.INPUT_ERROR


def _check(args: argparse.Namespace) -> int:
    import gc

    # The check makes millions of objects and no cycles to speak of: the collector's repeated
    # traversals of every parsed table cost about a third of the run time on large trees.
    gc.disable()
    try:
        return _run_check(args)
    finally:
        gc.enable()


def _run_check(args: argparse.Namespace) -> int:
    from schedules.render import render_github, render_json, render_text
    from schedules.workspace import run_check

    report = run_check(args.paths, args.as_of or dt.date.today(), lean=True)
    if args.format == "json":
        output = render_json(report)
    elif args.format == "github":
        output = render_github(report, show_waived=args.show_waived)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        output = render_text(report, color=color, show_waived=args.show_waived)
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`visits check | head`): the findings still decide the status
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return report.exit_code(strict=args.strict)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: an unexpected exception exits 3, never 0 or 1."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    i18n.use(i18n.choose_language(i18n.lang_option(arguments)))
    try:
        return run(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (`visits check | head`); say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except Exception as error:  # the last line of defence for exit codes
        import traceback

        sys.stderr.write(
            _("visits: internal error: {error}").format(error=f"{type(error).__name__}: {error}")
            + "\n"
            + _("This is a bug in visits; please report it with the file that caused it.")
            + "\n"
        )
        if os.environ.get("VISITS_DEBUG"):
            traceback.print_exc()
        return ExitCode.INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())

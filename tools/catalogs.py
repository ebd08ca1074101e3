"""The translation catalogs: extract the messages, update the languages, compile, and check.

    python -m tools.catalogs update    # after changing any message: template, .po, .mo
    python -m tools.catalogs check     # what the test suite runs: exit 1 when anything is stale

The template (`schedules/locale/visits.pot`) holds every message of `schedules/` and `tui/`
marked with `_`, `N_`, `said` (a message with parameters), `ngettext` or `pgettext`, and the
strings of the standard library's argparse that a person running `visits` can see. Each
language's `.po` is a translator's file; its `.mo` is compiled from it, and so is the
pseudo-language's (every message `⟦message⟧`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

UNDATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The dates in a compiled catalog's header: fixed, so that compiling again changes nothing."""
ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "schedules" / "locale"
TEMPLATE = LOCALE / "visits.pot"
LANGUAGES = ("vi", "lo")
PSEUDO = "qps"
SOURCES = ("schedules", "tui")
KEYWORDS = {"_": None, "N_": None, "said": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

ARGPARSE_SHOWN: tuple[str | tuple[str, str], ...] = (
    "usage: ",
    "argument %(argument_name)s: %(message)s",
    "positional arguments",
    "options",
    "show this help message and exit",
    "unrecognized arguments: %s",
    "not allowed with argument %s",
    "ignored explicit argument %r",
    "the following arguments are required: %s",
    "one of the arguments %s is required",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    ("expected %s argument", "expected %s arguments"),
    "ambiguous option: %(option)s could match %(matches)s",
    "invalid %(type)s value: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "%(prog)s: error: %(message)s",
    "can't open '%(filename)s': %(error)s",
)
"""argparse's own strings that reach a person (not its errors about a parser's definition), as
Python 3.11 writes them; listed rather than extracted, so the template is the same on every
Python (a later Python that rewords one shows it in English)."""

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%\(\w+\)[a-z]|%[a-z]")


def template() -> Catalog:
    """Every message of the sources, as the catalogs' template."""
    catalog = _new_catalog(None)
    for package in SOURCES:
        for filename, line, message, comments, context in extract_from_dir(
            ROOT / package,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
        ):
            catalog.add(
                message,
                locations=[(f"{package}/{filename}", line)],
                auto_comments=comments,
                context=context,
            )
    for message in ARGPARSE_SHOWN:
        catalog.add(message, locations=[("argparse.py", 0)])
    return catalog


def _new_catalog(language: str | None) -> Catalog:
    catalog = Catalog(
        locale=language,
        domain="visits",
        project="visits",
        copyright_holder="the visits authors",
        msgid_bugs_address="",
        version="1",
        header_comment=(
            f"# {language or 'The template of the'} translation of visits' messages.\n"
            "# Made and checked by `python -m tools.catalogs`; see docs/translating.md."
        ),
        last_translator="the visits authors",
        language_team=language or "",
        charset="utf-8",
        fuzzy=False,
    )
    return catalog


def _po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "visits.po"


def _mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "visits.mo"


def _po_text(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False)
    # the header's dates change on every run; what matters is the messages
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n', b"", buffer.getvalue())


def _mo_bytes(catalog: Catalog) -> bytes:
    # compiled from the .po text as written, so that the header's dates do not enter it
    written = read_po(io.BytesIO(_po_text(catalog)), locale=catalog.locale, domain="visits")
    written.creation_date = written.revision_date = UNDATED
    buffer = io.BytesIO()
    write_mo(buffer, written, use_fuzzy=False)
    return buffer.getvalue()


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain="visits")


def _pseudo(source: Catalog) -> Catalog:
    catalog = _new_catalog("en")
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            text: str | tuple[str, ...] = tuple(f"⟦{part}⟧" for part in message.id)
        else:
            text = f"⟦{message.id}⟧"
        catalog.add(message.id, text, context=message.context)
    return catalog


def _updated(language: str, fresh: Catalog) -> Catalog:
    path = _po_path(language)
    catalog = _read(path, language) if path.exists() else _new_catalog(language)
    catalog.update(fresh, update_header_comment=False, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def expected_files() -> dict[Path, bytes]:
    """What every catalog file should hold, made from the sources and the translators' files."""
    fresh = template()
    files = {TEMPLATE: _po_text(fresh)}
    for language in LANGUAGES:
        catalog = _updated(language, fresh)
        files[_po_path(language)] = _po_text(catalog)
        files[_mo_path(language)] = _mo_bytes(catalog)
    files[_mo_path(PSEUDO)] = _mo_bytes(_pseudo(fresh))
    return files


def problems() -> Iterator[str]:
    """What a translator still has to do, and what is stale, in words."""
    for path, content in expected_files().items():
        if not path.exists() or path.read_bytes() != content:
            yield f"{path.relative_to(ROOT)} is stale: run `python -m tools.catalogs update`"
    for language in LANGUAGES:
        path = _po_path(language)
        if not path.exists():
            continue
        for message in _read(path, language):
            if message.id:
                yield from _message_problems(language, message)


def _message_problems(language: str, message: Message) -> Iterator[str]:
    where = f"{language}: {message.id!r}"
    ids = _texts(message.id)
    texts = _texts(message.string)
    if message.fuzzy:
        yield f"{where} is fuzzy"
    if not all(texts):
        yield f"{where} is not translated"
        return
    wanted = sorted(PLACEHOLDER.findall(ids[-1]))
    for text in texts:
        if sorted(PLACEHOLDER.findall(text)) != wanted:
            yield f"{where}: the translation's placeholders differ from {wanted}"


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(str(part) for part in value)
    return (str(value),) if value else ("",)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for path, content in expected_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return 0
    if command == "check":
        found = list(problems())
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    print("usage: python -m tools.catalogs update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

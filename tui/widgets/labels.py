"""How file text, parties, statuses and severities look on screen.

Text from a file is data: it goes into `rich.text.Text` (never markup), NFC-normalised so that
decomposed Vietnamese lines up, with control characters shown escaped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.text import Text

from schedules import Diagnostic, Schedule, Severity, Visit
from schedules.render import literal

PARTY_COLOURS = ("#5fafff", "#ffaf5f", "#87d787", "#d787d7", "#d7d75f", "#5fd7d7")
STATUS_STYLES = {
    "planned": "italic",
    "confirmed": "bold",
    "held": "",
    "postponed": "dim",
    "cancelled": "dim strike",
}
SEVERITY_GLYPHS = {Severity.ERROR: ("✖", "bold red"), Severity.WARNING: ("▲", "bold yellow")}


def clean(value: str) -> str:
    """One line of file text, safe to show: NFC, controls and newlines escaped."""
    return literal(unicodedata.normalize("NFC", value))


def folded(text: str) -> str:
    """Lower case without accents, one character for each ("Sơn La" → "son la", "Đ" → "d"),
    so that offsets into it are offsets into `text`: searching ignores accents."""
    return "".join(map(_folded_character, text))


@lru_cache(maxsize=4096)
def _folded_character(character: str) -> str:
    if character in "đĐ":  # a letter of its own, not d with a mark: it does not decompose
        return "d"
    base = [c for c in unicodedata.normalize("NFD", character) if not unicodedata.combining(c)]
    lower = (base[0] if base else character).lower()
    return lower[0] if lower else character


def plain(value: str | None, style: str = "") -> Text:
    """File text as a `Text`, never parsed as markup."""
    return Text(clean(value or ""), style=style)


def lines(value: str, style: str = "") -> Text:
    """Multi-line file text, each line made safe."""
    return Text("\n").join(plain(line, style) for line in value.splitlines())


def dates(visit: Visit) -> str:
    """A visit's dates, short: `2018-07-05..07`, `2018-07-30..08-02`, or its partial date."""
    if visit.start is None or visit.end is None or visit.end == visit.start:
        return visit.dates_text()
    start, end = visit.start, visit.end
    if start.year != end.year:
        return f"{start}..{end}"
    if start.month != end.month:
        return f"{start}..{end:%m-%d}"
    return f"{start}..{end:%d}"


def party_colour(schedule: Schedule, party_id: str) -> str:
    ids = list(schedule.parties)
    index = ids.index(party_id) if party_id in ids else len(ids)
    return PARTY_COLOURS[index % len(PARTY_COLOURS)]


def party_tag(schedule: Schedule, party_id: str) -> str:
    """A two-letter tag for the timeline: `short` when it is short, else initials of the id."""
    party = schedule.parties.get(party_id)
    if party is not None and party.short and len(party.short) <= 2:
        return clean(party.short).ljust(2)
    words = [word for word in party_id.split("-") if word]
    tag = "".join(word[0] for word in words[:2]).upper() if len(words) > 1 else party_id[:2]
    return tag.upper().ljust(2)[:2]


def party_text(schedule: Schedule, party_id: str, *, compact: bool = False) -> Text:
    """The party's `short` label, else its name (its id when `compact`), in its colour."""
    party = schedule.parties.get(party_id)
    label = schedule.party_label(party_id)
    if compact and party is not None and not party.short:
        label = party_id
    return plain(label, f"bold {party_colour(schedule, party_id)}")


def host_and_guests(schedule: Schedule, visit: Visit) -> Text:
    """`QT → SL` for a table row."""
    text = party_text(schedule, visit.host, compact=True)
    text.append(" → ")
    guests = visit.guest_ids(schedule.parties)
    for index, guest in enumerate(guests):
        if index:
            text.append(", ")
        text.append_text(party_text(schedule, guest, compact=True))
    return text


def status_text(status: str) -> Text:
    return Text(status, style=STATUS_STYLES.get(status, ""))


def severity_text(diagnostic: Diagnostic) -> Text:
    glyph, style = SEVERITY_GLYPHS[diagnostic.severity]
    if diagnostic.waived:
        return Text("~", style="dim")
    return Text(glyph, style=style)


def worst(diagnostics: list[Diagnostic]) -> Text:
    """The glyph of the worst unwaived diagnostic in a list ('' when none)."""
    live = [d for d in diagnostics if d.counts]
    for severity in (Severity.ERROR, Severity.WARNING):
        if any(d.severity is severity for d in live):
            glyph, style = SEVERITY_GLYPHS[severity]
            return Text(glyph, style=style)
    return Text("")

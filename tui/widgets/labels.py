"""How file text, parties, statuses and severities look on screen.

Text from a file is data: it goes into `rich.text.Text` (never markup), NFC-normalised so that
decomposed Vietnamese lines up, with control characters shown escaped.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache

from rich.text import Text

from schedules import Diagnostic, PartialDate, Severity, i18n
from schedules.i18n import _, format_date, pgettext
from schedules.messages import Span, visit_status
from schedules.render import literal
from schedules.tables import Schedule, Visit

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
    """A visit's dates, short: `2018-07-05..07`, `2018-07-30..08-02`, or its partial date;
    in Vietnamese and Lao `05–07/07/2018`, `30/07–02/08/2018`, `quý 3/2025`."""
    if visit.when is not None:
        return partial_text(visit.when)
    english = i18n.real_language() == "en"
    if visit.start is None or visit.end is None or visit.end == visit.start:
        return visit.dates_text() if english else format_date(visit.earliest)
    start, end = visit.start, visit.end
    if not english:
        if start.year != end.year:
            return f"{format_date(start)}–{format_date(end)}"
        if start.month != end.month:
            return f"{start:%d/%m}–{format_date(end)}"
        return f"{start:%d}–{format_date(end)}"
    if start.year != end.year:
        return f"{start}..{end}"
    if start.month != end.month:
        return f"{start}..{end:%m-%d}"
    return f"{start}..{end:%d}"


def full_dates(visit: Visit) -> str:
    """A visit's dates in full: `2018-07-05..2018-07-07`, `05/07/2018–07/07/2018`, `2025-Q3`,
    `quý 3/2025`."""
    if visit.when is not None:
        return partial_text(visit.when)
    if i18n.real_language() == "en":
        return visit.dates_text()
    return Span(visit.earliest, visit.last_day).text()


def partial_text(when: PartialDate) -> str:
    """A year, quarter or month not yet agreed: as written (`2025-Q3`) in English, `quý 3/2025`,
    `ໄຕມາດ 3/2025` in Vietnamese and Lao."""
    if i18n.real_language() == "en" or when.precision == "year":
        return when.text
    if when.precision == "quarter":
        quarter = (when.first.month - 1) // 3 + 1
        return _("{year}-Q{quarter}").format(year=when.first.year, quarter=quarter)
    if when.precision == "month":
        return _("{year}-{month}").format(year=when.first.year, month=f"{when.first.month:02d}")
    return format_date(when.first)


def day_text(day: dt.date | None) -> str:
    """A date as the reader's language writes it ('' for none)."""
    return format_date(day) if day is not None else ""


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
    """A visit's status, in words of the reader's language, styled by what it is."""
    return Text(visit_status(status), style=STATUS_STYLES.get(status, ""))


def action_status(status: str) -> str:
    """An action's status in words: `open`, `done`, `dropped`."""
    words = {
        "open": pgettext("action status", "open"),
        "done": pgettext("action status", "done"),
        "dropped": pgettext("action status", "dropped"),
    }
    return words.get(status, status)


def role_text(role: str) -> str:
    """A participant's role in words: `head`, `member`, `staff`."""
    words = {
        "head": pgettext("participant role", "head"),
        "member": pgettext("participant role", "member"),
        "staff": pgettext("participant role", "staff"),
    }
    return words.get(role, role)


def severity_text(diagnostic: Diagnostic) -> Text:
    glyph, style = SEVERITY_GLYPHS[diagnostic.severity]
    if diagnostic.waived:
        return Text("~", style="dim")
    return Text(glyph, style=style)


def waived_text(diagnostic: Diagnostic) -> Text:
    """` (waived: its reason)` after a waived diagnostic; the reason is the file's text."""
    return plain(f" ({_('waived:')} {diagnostic.reason or ''})", "dim italic")


def worst(diagnostics: list[Diagnostic]) -> Text:
    """The glyph of the worst unwaived diagnostic in a list ('' when none)."""
    live = [d for d in diagnostics if d.counts]
    for severity in (Severity.ERROR, Severity.WARNING):
        if any(d.severity is severity for d in live):
            glyph, style = SEVERITY_GLYPHS[severity]
            return Text(glyph, style=style)
    return Text("")

"""The partnership's own tables: its title and notes, a party, and a whole new partnership
(the file `visits new` writes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Input

from schedules import Schedule
from schedules.drafts import PartnershipDraft, PartyDraft, partnership_problems, party_problems
from schedules.i18n import N_, _
from schedules.new_file import (
    NewPartnership,
    country_problem,
    new_partnership_problems,
    slug_problem,
)
from tui.screens.checks import Check, required
from tui.screens.form import (
    CssPaths,
    FormScreen,
    Problem,
    TextField,
    draft_problems,
    text_field,
    text_rows,
    value_of,
)
from tui.widgets.labels import folded

TITLE = TextField(
    "title", N_("Title"), N_("like Quảng Trị – Savannakhet"), required=N_("the title")
)
NOTES = TextField("notes", N_("Notes"), N_("optional: what it is about, its sources"))
PARTY_ID = TextField("id", N_("Id"), N_("lowercase, like savannakhet"), required=N_("the id"))
PARTY_FIELDS = (
    TextField(
        "name",
        N_("Name"),
        N_("its full name, like Savannakhet Provincial People's Council"),
        required=N_("the name"),
    ),
    TextField("country", N_("Country"), N_("optional: VN, LA… (enables the public-holiday check)")),
    TextField("short", N_("Short"), N_("optional: a short label for tables, like SVK")),
)
"""A party's keys after its id, each a field whose id is the key."""


class PartnershipForm(FormScreen[PartnershipDraft]):
    """The partnership's title and notes."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "partnership_forms.tcss"]

    def __init__(self, schedule: Schedule) -> None:
        super().__init__()
        self.schedule = schedule
        self.heading = _("Partnership {id}").format(id=schedule.partnership.id)

    def compose_fields(self) -> ComposeResult:
        partnership = self.schedule.partnership
        yield TITLE.row(partnership.title)
        yield NOTES.row(partnership.notes)

    def draft(self) -> PartnershipDraft:
        return PartnershipDraft(value_of(self, "title"), value_of(self, "notes") or None)

    def problems(self) -> list[Problem]:
        return draft_problems(self, partnership_problems(self.draft()))

    def result(self) -> PartnershipDraft:
        return self.draft()


class PartyForm(FormScreen[PartyDraft]):
    """A new party, or an edit of `party` (a new id renames it everywhere)."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "partnership_forms.tcss"]

    def __init__(self, schedule: Schedule, party: str | None = None) -> None:
        super().__init__()
        self.schedule = schedule
        self.party = party
        self.heading = _("Edit party {id}").format(id=party) if party else _("New party")

    def compose_fields(self) -> ComposeResult:
        party = self.schedule.parties.get(self.party) if self.party else None
        hint = _("Changing it renames the party in every visit, action and rule.")
        yield PARTY_ID.row(self.party, hint=hint if self.party else None)
        yield from text_rows(PARTY_FIELDS, lambda key: getattr(party, key, None))

    def draft(self) -> PartyDraft:
        country = value_of(self, "country").upper()
        return PartyDraft(
            value_of(self, "id"),
            value_of(self, "name"),
            country or None,
            value_of(self, "short") or None,
        )

    def problems(self) -> list[Problem]:
        return draft_problems(self, party_problems(self.schedule, self.draft(), editing=self.party))

    def result(self) -> PartyDraft:
        return self.draft()


class NewPartnershipForm(FormScreen[tuple[Path, NewPartnership]]):
    """A new schedule file in `folder`: the partnership and its two parties."""

    CSS_PATH: ClassVar[CssPaths] = ["form.tcss", "partnership_forms.tcss"]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.heading = _("New partnership (a new file in {folder})").format(folder=folder.resolve())
        self.save_label = _("Create")

    def compose_fields(self) -> ComposeResult:
        yield TITLE.row("")
        yield text_field(
            _("Id"),
            "",
            "id",
            _("lowercase, like quang-tri-savannakhet (the file's name too)"),
            Check(required(_("the id"))),
            Check(lambda v: slug_problem(N_("partnership id"), v) if v else None),
        )
        for number in ("1", "2"):
            yield text_field(
                _("Party {n}").format(n=number),
                "",
                f"party{number}",
                _("its id: lowercase, like quang-tri") if number == "1" else _("like savannakhet"),
                Check(required(_("the id"))),
            )
            yield text_field(
                _("Name"),
                "",
                f"name{number}",
                _("its name, like Quảng Trị Province")
                if number == "1"
                else _("like Savannakhet Province"),
                Check(required(_("the name"))),
            )
            yield text_field(
                _("Country"),
                "",
                f"country{number}",
                _("optional: VN, LA…"),
                Check(self.country_check(number)),
            )

    def country_check(self, number: str) -> Callable[[str], str | None]:
        """The country of party `number`, named by the id typed for it."""

        def rule(value: str) -> str | None:
            if not value:
                return None
            party = value_of(self, f"party{number}") or _("party {n}").format(n=number)
            return country_problem(party, value.upper())

        return rule

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "title":
            ident = self.query_one("#id", Input)
            if not ident.value or ident.value == self._suggested:
                self._suggested = suggested_id(event.value)
                ident.value = self._suggested

    _suggested = ""

    def draft(self) -> NewPartnership:
        parties = [(value_of(self, f"party{n}"), value_of(self, f"name{n}")) for n in "12"]
        countries = {
            value_of(self, f"party{n}"): value_of(self, f"country{n}").upper()
            for n in "12"
            if value_of(self, f"country{n}")
        }
        return NewPartnership(value_of(self, "id"), value_of(self, "title"), parties, countries)

    def path(self) -> Path:
        return self.folder / f"{value_of(self, 'id')}.toml"

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        if self.validator_problems():
            return found
        fallback = self.query_one("#id", Input)
        found.extend((fallback, message) for message in new_partnership_problems(self.draft()))
        if not found and self.path().exists():
            found.append(
                (fallback, _("{path} exists already: choose another id").format(path=self.path()))
            )
        return found

    def result(self) -> tuple[Path, NewPartnership]:
        return self.path(), self.draft()


def suggested_id(title: str) -> str:
    """An id from a title: "Quảng Trị – Savannakhet" → "quang-tri-savannakhet"."""
    words = "".join(c if c.isalnum() else " " for c in folded(title).lower()).split()
    return "-".join(w for w in words if w.isascii())

"""The modal forms, hosted in a tiny app and driven with the Pilot: what they give back."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button, Input, Select, SelectionList, Static, Switch, TextArea

from schedules import Schedule, load_text
from schedules.drafts import table_of
from tests.tui.pilots import FORMS_SCHEDULE
from tui.screens.action_form import ActionForm
from tui.screens.dialogs import ConfirmDialog, SaveAsDialog
from tui.screens.form import FieldRow
from tui.screens.participant_form import ParticipantForm
from tui.screens.visit_agenda import AgendaRow
from tui.screens.visit_form import VisitForm
from tui.screens.visit_participants import ParticipantRow
from tui.screens.waiver_form import WaiverForm

SIZE = (100, 35)
LAO_NAME = "ສົມພອນ ແກ້ວມະນີ"


class FormHost(App[None]):
    """Pushes one screen and keeps what it is dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.form = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, lambda result: self.results.append(table_of(result)))


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus a field, clear it, and type `text` key by key."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def paste_into(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus a field, clear it, and paste `text` (the Pilot's key names cannot spell Lao
    vowel signs, which a terminal sends as plain characters)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    field.post_message(events.Paste(text))
    await pilot.pause()


def screen_text(app: App[None]) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def choose(pilot: Pilot[None], selector: str, value: str) -> None:
    select = pilot.app.screen.query_one(selector, Select)
    select.value = value
    await pilot.pause()


def error_of(screen: Screen[Any], selector: str) -> str:
    row = screen.query_one(selector).query_ancestor(FieldRow)
    return str(row.query_one(".field-error", Static).render())


def visit_table(visit_id: str) -> dict[str, Any]:
    data = tomllib.loads(FORMS_SCHEDULE.read_text(encoding="utf-8"))
    return next(table for table in data["visits"] if table["id"] == visit_id)


# --- the visit form --------------------------------------------------------------------------


async def test_new_visit_with_exact_dates(form_schedule: Schedule) -> None:
    app = FormHost(VisitForm(form_schedule))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#kind", "talks")
        await type_into(pilot, "#dates", "2027-07-05..2027-07-07")
        # the id follows kind and year while nobody has typed one
        assert app.screen.query_one("#visit-id", Input).value == "talks-2027"
        await type_into(pilot, "#title", "Talks in Quảng Trị")
        # the host with the keyboard: open the menu, go down to the first party, choose it
        app.screen.query_one("#host", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        await type_into(pilot, "#place", "Đông Hà")
        await type_into(pilot, "#agenda-new", "Review of the 2023 memorandum")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        {
            "id": "talks-2027",
            "kind": "talks",
            "title": "Talks in Quảng Trị",
            "host": "quang-tri",
            "guests": ["salavan"],
            "status": "planned",
            "start": dt.date(2027, 7, 5),
            "end": dt.date(2027, 7, 7),
            "place": "Đông Hà",
            "agenda": ["Review of the 2023 memorandum"],
        }
    ]


async def test_new_visit_with_a_partial_date_from_defaults(form_schedule: Schedule) -> None:
    defaults = {"host": "salavan", "kind": "talks", "when": "2027-Q3", "formal": False}
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#dates").query_ancestor(FieldRow)
        assert "Not fixed yet" in str(hint.query_one(".field-hint", Static).render())
        assert app.screen.query_one("#formal", Switch).value is False
        await pilot.click("#save")
        await pilot.pause()
    assert app.results == [
        {
            "id": "talks-2027",
            "kind": "talks",
            "host": "salavan",
            "guests": ["quang-tri"],
            "formal": False,
            "status": "planned",
            "when": "2027-Q3",
        }
    ]


async def test_suggested_id_is_unique(form_schedule: Schedule) -> None:
    app = FormHost(VisitForm(form_schedule, defaults={"kind": "talks", "when": "2025"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # talks-2025 is in the file already
        assert app.screen.query_one("#visit-id", Input).value == "talks-2025-2"


async def test_an_id_in_use_is_refused(form_schedule: Schedule) -> None:
    defaults = {"id": "talks-2023", "kind": "talks", "host": "salavan", "when": "2027"}
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.focused is app.screen.query_one("#visit-id")
        assert "another visit already has the id `talks-2023`" in error_of(app.screen, "#visit-id")


async def test_invalid_date_refuses_to_save(form_schedule: Schedule) -> None:
    defaults = {"kind": "talks", "host": "salavan"}
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#dates", "2027-02-30")
        # as typed: the message is there before any attempt to save
        assert "is not a day of the calendar" in error_of(app.screen, "#dates")
        app.screen.query_one("#title", Input).focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        assert app.results == []
        assert app.focused is app.screen.query_one("#dates")
        summary = str(app.screen.query_one("#problems", Static).render())
        assert summary.startswith("Not saved, 1 problem to fix")
        assert "not a day of the calendar" in summary


async def test_end_before_start_is_refused(form_schedule: Schedule) -> None:
    defaults = {"kind": "talks", "host": "salavan"}
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#dates", "2027-07-07..2027-07-05")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert isinstance(app.screen, VisitForm)
        assert "the end (2027-07-05) is before the start (2027-07-07)" in error_of(
            app.screen, "#dates"
        )


async def test_required_fields_are_named(form_schedule: Schedule) -> None:
    app = FormHost(VisitForm(form_schedule))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.focused is app.screen.query_one("#visit-id")
        assert "the id is required" in error_of(app.screen, "#visit-id")
        assert "the kind is required" in error_of(app.screen, "#kind")
        assert "choose the host" in error_of(app.screen, "#host")
        assert "dates are required" in error_of(app.screen, "#dates")


async def test_host_is_not_a_guest(form_schedule: Schedule) -> None:
    defaults = {"kind": "talks", "when": "2027"}
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        guests = app.screen.query_one("#guests", SelectionList)
        assert set(guests.selected) == {"quang-tri", "salavan"}
        await choose(pilot, "#host", "quang-tri")
        # choosing the host makes the guests "every other party"
        assert guests.selected == ["salavan"]
        guests.select("quang-tri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.focused is guests
        assert "is the host, not a guest" in error_of(app.screen, "#guests")


async def test_cancel_returns_none(form_schedule: Schedule) -> None:
    app = FormHost(VisitForm(form_schedule, form_schedule.visit("talks-2023")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, VisitForm)
    assert app.results == [None]


async def test_escape_on_a_changed_form_asks_before_discarding(form_schedule: Schedule) -> None:
    app = FormHost(VisitForm(form_schedule, form_schedule.visit("talks-2023")))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#title", "changed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        assert app.screen.query_one("#title", Input).value.endswith("changed")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#choice-1")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, VisitForm | ConfirmDialog)
    assert app.results == [None]


@pytest.mark.parametrize("visit_id", ["talks-2018", "talks-2023", "talks-2025"])
async def test_edit_prefills_and_returns_the_same_table(
    form_schedule: Schedule, visit_id: str
) -> None:
    visit = form_schedule.visit(visit_id)
    assert visit is not None
    app = FormHost(VisitForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    # unchanged, the form gives back exactly the keys and values of the file's table
    assert app.results == [visit_table(visit_id)]


async def test_edit_keeps_default_values_out_as_the_file_has_them() -> None:
    text = FORMS_SCHEDULE.read_text(encoding="utf-8").replace(
        '  role = "head"\n  id = "le-quang-chien"', '  id = "le-quang-chien"'
    )
    document = load_text(text.replace('guests = ["quang-tri"]\nstatus = "held"', 'status = "held"'))
    assert document.schedule is not None and document.data is not None
    table = next(v for v in document.data["visits"] if v["id"] == "talks-2023")
    assert "guests" not in table and "role" not in table["participants"][1]
    app = FormHost(VisitForm(document.schedule, document.schedule.visit("talks-2023")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [table]


async def test_edit_prefills_every_field(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    assert visit is not None
    app = FormHost(VisitForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen

        def value(selector: str) -> str:
            return screen.query_one(selector, Input).value

        assert value("#visit-id") == "talks-2023"
        assert value("#kind") == "talks"
        assert value("#title") == "Bilateral talks (Hội đàm song phương)"
        assert screen.query_one("#host", Select).value == "salavan"
        guests = screen.query_one("#guests", SelectionList)
        assert guests.selected == ["quang-tri"]
        assert guests.get_option("guest-salavan").disabled  # the host
        assert screen.query_one("#formal", Switch).value is True
        assert screen.query_one("#status", Select).value == "held"
        assert value("#dates") == "2023-04-04..2023-04-04"
        assert value("#place") == "Salavan, Lao PDR"
        assert [row.text for row in screen.query(AgendaRow)] == visit.agenda
        rows = list(screen.query(ParticipantRow))
        assert [row.name_input.value for row in rows] == ["Sỹ Hênh Hom Sôm Bắt", "Lê Quang Chiến"]
        assert [row.party for row in rows] == ["salavan", "quang-tri"]
        assert [row.role for row in rows] == ["head", "head"]
        assert screen.query_one("#outcome", TextArea).text == visit.outcome
        assert value("#source") == visit.source

        # and a change comes back with the full set of keys
        await type_into(pilot, "#place", "Salavan")
        screen.query_one("#status", Select).value = "confirmed"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [{**visit_table("talks-2023"), "place": "Salavan", "status": "confirmed"}]


async def test_agenda_rows_and_open_actions(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2025")
    open_actions = [a for a in form_schedule.actions if a.status == "open"]
    app = FormHost(VisitForm(form_schedule, visit, open_actions=open_actions))
    async with app.run_test(size=SIZE) as pilot:
        actions = app.screen.query_one("#open-actions", SelectionList)
        actions.select("reply-to-salavan")
        await pilot.pause()
        await type_into(pilot, "#agenda-new", "Opening")
        await pilot.click("#agenda-add")
        await pilot.pause()
        rows = list(app.screen.query(AgendaRow))
        assert [row.action_id for row in rows] == ["reply-to-salavan", None]
        # removing the action's row unticks it
        rows[0].query_one(".remove", Button).press()
        await pilot.pause()
        assert actions.selected == []
        actions.select("hall-funding")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    hall = next(a for a in open_actions if a.id == "hall-funding")
    assert app.results[0]["agenda"] == ["Opening", hall.text]


async def test_second_head_in_the_visit_form_is_refused(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    app = FormHost(VisitForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        rows = list(app.screen.query(ParticipantRow))
        rows[1].party_select.value = "salavan"  # now two heads of the Salavan delegation
        row_error = rows[1].query_one(".row-error", Static)
        for _ in range(100):  # the select's change reaches the form a few messages later
            await pilot.pause()
            if str(row_error.render()):
                break
        assert "already heads the SL delegation" in str(row_error.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.focused is rows[1].query_one(".p-role")


async def test_add_participant_with_a_lao_name(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2025")
    app = FormHost(VisitForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#add-participant")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        await paste_into(pilot, "#name", LAO_NAME)
        await choose(pilot, "#party", "salavan")
        await paste_into(pilot, "#title", "ປະທານສະພາປະຊາຊົນແຂວງສາລະວັນ")
        await choose(pilot, "#role", "head")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VisitForm)
        row = app.screen.query_one(ParticipantRow)
        assert row.name_input.value == LAO_NAME
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results[0]["participants"] == [
        {
            "name": LAO_NAME,
            "party": "salavan",
            "title": "ປະທານສະພາປະຊາຊົນແຂວງສາລະວັນ",
            "role": "head",
        }
    ]


async def test_markup_in_text_comes_back_literally(form_schedule: Schedule) -> None:
    defaults = {
        "kind": "talks",
        "host": "salavan",
        "when": "2027",
        "title": "[bold]x[/]",
        "participants": [{"name": "[bold]x[/]", "party": "salavan", "role": "member"}],
        "agenda": ["[red]agenda[/red]"],
    }
    app = FormHost(VisitForm(form_schedule, defaults=defaults))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    result = app.results[0]
    assert result["title"] == "[bold]x[/]"
    assert result["participants"][0]["name"] == "[bold]x[/]"
    assert result["agenda"] == ["[red]agenda[/red]"]


async def test_party_names_with_markup_are_shown_literally() -> None:
    document = load_text(
        FORMS_SCHEDULE.read_text(encoding="utf-8").replace(
            'name = "Standing Committee, Salavan',
            'name = "[bold]Salavan[/] Standing Committee, Salavan',
        )
    )
    assert document.schedule is not None
    app = FormHost(VisitForm(document.schedule, document.schedule.visit("talks-2023")))
    async with app.run_test(size=SIZE):
        assert "[bold]Salavan[/] Standing" in screen_text(app)


async def test_unknown_default_keys_are_an_error(form_schedule: Schedule) -> None:
    with pytest.raises(ValueError, match="window"):
        VisitForm(form_schedule, defaults={"window": "2025"})


async def test_the_visit_form_fits_80_by_24(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    app = FormHost(VisitForm(form_schedule, visit))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        for selector in ("#save", "#cancel", "Footer"):
            region = screen.query_one(selector).region
            assert region.bottom <= 24 and region.right <= 80, selector
        # the body scrolls to whatever is focused
        screen.query_one("#source").focus()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert screen.query_one("#source").region.bottom <= screen.query_one("#body").region.bottom
        await pilot.click("#save")
        await pilot.pause()
    assert app.results == [visit_table("talks-2023")]


# --- participants, actions, waivers ----------------------------------------------------------


async def test_participant_form_adds_a_lao_name(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    assert visit is not None
    app = FormHost(ParticipantForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        await paste_into(pilot, "#name", LAO_NAME)
        await choose(pilot, "#party", "salavan")
        await type_into(pilot, "#person-id", "somphone-keomany")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        {"name": LAO_NAME, "party": "salavan", "role": "member", "id": "somphone-keomany"}
    ]


async def test_participant_form_refuses_a_second_head(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    assert visit is not None
    app = FormHost(ParticipantForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#name", "Bounmy")
        await choose(pilot, "#party", "salavan")
        await choose(pilot, "#role", "head")
        assert "Sỹ Hênh Hom Sôm Bắt already heads the SL delegation" in error_of(
            app.screen, "#role"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert app.focused is app.screen.query_one("#role")
        await choose(pilot, "#role", "member")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [{"name": "Bounmy", "party": "salavan", "role": "member"}]


async def test_participant_form_refuses_someone_already_there(form_schedule: Schedule) -> None:
    visit = form_schedule.visit("talks-2023")
    assert visit is not None
    app = FormHost(ParticipantForm(form_schedule, visit))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#name", "lê  quang CHIẾN")
        await choose(pilot, "#party", "quang-tri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert "already takes part in this visit" in error_of(app.screen, "#name")


async def test_action_form(form_schedule: Schedule) -> None:
    app = FormHost(ActionForm(form_schedule, visit_id="talks-2023"))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#visit", Select).value == "talks-2023"
        await type_into(pilot, "#action-id", "hall-funding")
        await type_into(pilot, "#text", "Send the [bold]plans[/] for the hall")
        await type_into(pilot, "#due", "2026-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert "another action already has the id `hall-funding`" in error_of(
            app.screen, "#action-id"
        )
        assert "month must be 01 to 12" in error_of(app.screen, "#due")
        assert "choose the party that must act" in error_of(app.screen, "#owner")
        await type_into(pilot, "#action-id", "hall-plans")
        await type_into(pilot, "#due", "2026-12-01")
        await choose(pilot, "#owner", "salavan")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        {
            "id": "hall-plans",
            "text": "Send the [bold]plans[/] for the hall",
            "owner": "salavan",
            "visit": "talks-2023",
            "due": dt.date(2026, 12, 1),
            "status": "open",
        }
    ]


async def test_waiver_form(form_schedule: Schedule) -> None:
    form = WaiverForm(form_schedule, rule="holiday", visit="talks-2023", day=dt.date(2023, 4, 4))
    app = FormHost(form)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one("#from", Input).value == "2023-04-04"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert "the reason is required" in error_of(app.screen, "#reason")
        await type_into(pilot, "#until", "2023-04-01")
        assert "is before `from`" in error_of(app.screen, "#until")
        await type_into(pilot, "#until", "2023-04-30")
        await type_into(pilot, "#reason", "Agreed by both offices")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [
        {
            "rule": "holiday",
            "from": dt.date(2023, 4, 4),
            "until": dt.date(2023, 4, 30),
            "visit": "talks-2023",
            "reason": "Agreed by both offices",
        }
    ]


async def test_waiver_rule_choices(form_schedule: Schedule) -> None:
    app = FormHost(WaiverForm(form_schedule, reason="COVID-19"))
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, "#rule", "talks-interval")
        await type_into(pilot, "#from", "")
        await type_into(pilot, "#until", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [{"rule": "talks-interval", "reason": "COVID-19"}]


# --- dialogs ---------------------------------------------------------------------------------


async def test_confirm_dialog_buttons_and_escape() -> None:
    choices = [("Save", "save"), ("Discard", "discard"), ("Cancel", "cancel")]
    app = FormHost(ConfirmDialog("Unsaved [b]changes[/b]", "Save [red]x.toml[/]?", choices))
    async with app.run_test(size=(80, 24)) as pilot:
        screenshot = screen_text(app)
        assert "Unsaved [b]changes[/b]" in screenshot
        assert "Save [red]x.toml[/]?" in screenshot
        await pilot.click("#choice-1")
        await pilot.pause()
    assert app.results == ["discard"]

    app = FormHost(ConfirmDialog("Changed on disk", "Reload?", [("Reload", "reload")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_save_as_dialog(tmp_path: Path) -> None:
    existing = tmp_path / "a.toml"
    existing.write_text("", encoding="utf-8")
    app = FormHost(SaveAsDialog(existing))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []  # an existing file: a second Save replaces it
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [existing]

    app = FormHost(SaveAsDialog(existing))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#path", str(tmp_path / "missing" / "b.toml"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        assert "there is no folder" in error_of(app.screen, "#path")
        await type_into(pilot, "#path", str(tmp_path / "b.txt"))
        assert "end the name with .toml" in error_of(app.screen, "#path")
        await type_into(pilot, "#path", str(tmp_path / "b.toml"))
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [tmp_path / "b.toml"]

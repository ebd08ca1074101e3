"""Editing the partnership, parties, agreements and rules: the file text each edit writes,
undo, and the edits refused with a reason."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest

from schedules import Schedule, load_text
from schedules.drafts import (
    AgreementDraft,
    EditError,
    PartnershipDraft,
    PartyDraft,
    RuleDraft,
    agreement_problems,
    party_problems,
    rule_problems,
)
from schedules.edit_agreements import (
    add_agreement,
    add_party,
    add_rule,
    delete_party,
    delete_rule,
    end_agreement,
    set_partnership,
    update_agreement,
    update_party,
    update_rule,
)
from schedules.editing import EditableSchedule
from schedules.new_file import NewPartnership, new_schedule_text
from schedules.renames import rename_party
from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"

NEW = NewPartnership(
    "quang-tri-savannakhet",
    "Quảng Trị – Savannakhet",
    [("quang-tri", "Quảng Trị Province"), ("savannakhet", "Savannakhet Province")],
    {"quang-tri": "VN", "savannakhet": "LA"},
)

MOU = AgreementDraft(
    id="mou-2024",
    signed=dt.date(2024, 3, 1),
    title="Memorandum of 1 March 2024",
    valid_until=dt.date(2028, 12, 31),
    rules=(
        RuleDraft(
            "rotate",
            "alternate",
            ("talks",),
            "luân phiên tổ chức",
            {"order": ["quang-tri", "savannakhet"]},
        ),
        RuleDraft("every-2y", "interval", ("talks",), "2 năm/lần", {"max": "P2Y"}),
    ),
)


def new_file() -> EditableSchedule:
    return EditableSchedule.from_text(new_schedule_text(NEW, dt.date(2024, 1, 1)))


def schedule_of(editable: EditableSchedule) -> Schedule:
    document = load_text(editable.render(), "new.toml")
    assert document.ok, [d.message for d in document.problems]
    assert document.schedule is not None
    return document.schedule


def test_an_agreement_with_a_rule_of_each_kind_reads_back_and_checks() -> None:
    editable = new_file()
    add_agreement(editable, MOU)
    add_rule(
        editable,
        "mou-2024",
        RuleDraft(
            "first-talks", "commitment", ("talks",), None, {"host": "quang-tri", "when": "2024"}
        ),
    )
    add_rule(
        editable,
        "mou-2024",
        RuleDraft("yearly", "quota", ("talks", "working-visit"), None, {"min": 1, "per": "year"}),
    )
    add_rule(
        editable,
        "mou-2024",
        RuleDraft("small", "delegation", ("talks",), "không quá 10 người", {"max_people": 10}),
    )
    text = editable.render()
    assert (
        '[[agreements]]\nid = "mou-2024"\ntitle = "Memorandum of 1 March 2024"\n'
        "signed = 2024-03-01\nvalid_until = 2028-12-31\n" in text
    )
    assert (
        '  [[agreements.rules]]\n  id = "rotate"\n  kind = "alternate"\n  visits = ["talks"]\n'
        '  order = ["quang-tri", "savannakhet"]\n  description = "luân phiên tổ chức"\n' in text
    )
    assert '  [[agreements.rules]]\n  id = "small"\n  kind = "delegation"\n' in text
    schedule = schedule_of(editable)
    kinds = [rule.kind for _agreement, rule in schedule.rules()]
    assert kinds == ["alternate", "interval", "commitment", "quota", "delegation"]
    editable.undo()
    assert [r.id for _a, r in schedule_of(editable).rules()][-1] == "yearly"


def test_rule_edit_changes_its_lines_and_keeps_comments(tmp_path: Path) -> None:
    path = Path(shutil.copy(EXAMPLE, tmp_path / "x.toml"))
    editable = EditableSchedule.load(path)
    before = editable.render()
    update_rule(
        editable,
        "talks-interval-2023",
        RuleDraft(
            "talks-interval-2023",
            "interval",
            ("talks",),
            "hai năm một lần",
            {"max": "P2Y", "tolerance": "P3M"},
        ),
    )
    after = editable.render()
    assert '  max = "P2Y"\n  tolerance = "P3M"\n  description = "hai năm một lần"\n' in after
    assert "# Informal visits" in after
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    delete_rule(editable, "delegate-training-yearly")
    after = editable.render()
    assert 'id = "delegate-training-yearly"' not in after
    assert "Also Salavan's proposal" not in after  # its comment went with it
    assert tomllib.loads(after)["agreements"][1]["rules"][-1]["id"] == "committee-exchange-yearly"


def test_agreement_title_and_end(tmp_path: Path) -> None:
    editable = EditableSchedule.load(Path(shutil.copy(EXAMPLE, tmp_path / "x.toml")))
    end_agreement(editable, "mou-2023", dt.date(2025, 6, 30))
    assert "valid_until = 2025-06-30\n" in editable.render()
    draft = AgreementDraft(
        "mou-2023", dt.date(2023, 4, 4), title="MoU 2023", valid_until=dt.date(2025, 6, 30)
    )
    update_agreement(editable, "mou-2023", draft)
    data = tomllib.loads(editable.render())["agreements"][1]
    assert data["title"] == "MoU 2023" and "source" not in data and len(data["rules"]) == 5
    with pytest.raises(EditError, match="before it comes into force"):
        end_agreement(editable, "mou-2023", dt.date(2020, 1, 1))


def test_partnership_and_parties() -> None:
    editable = new_file()
    set_partnership(editable, PartnershipDraft("Quảng Trị – Savannakhet twinning", "Since 2024"))
    text = editable.render()
    assert (
        '[partnership]\nid = "quang-tri-savannakhet"\ntitle = "Quảng Trị – Savannakhet twinning"\n'
        in text
    )
    assert tomllib.loads(text)["partnership"]["notes"] == "Since 2024"
    update_party(editable, PartyDraft("savannakhet", "Savannakhet Province", "LA", "SVK"))
    add_party(editable, PartyDraft("quang-binh", "Quảng Bình Province", "VN"))
    parties = tomllib.loads(editable.render())["parties"]
    assert list(parties) == ["quang-tri", "savannakhet", "quang-binh"]
    assert parties["savannakhet"]["short"] == "SVK"
    delete_party(editable, "quang-binh")
    assert "quang-binh" not in editable.render()
    add_agreement(editable, MOU)
    with pytest.raises(EditError, match="rule rotate"):
        delete_party(editable, "savannakhet")
    rename_party(editable, "savannakhet", "svk")
    assert '  order = ["quang-tri", "svk"]\n' in editable.render()
    assert schedule_of(editable).parties["svk"].short == "SVK"


def test_checks_refuse_what_the_file_would_not_hold() -> None:
    schedule = schedule_of(new_file())
    assert [p.key for p in party_problems(schedule, PartyDraft("Quang Tri", "", "vn"))] == [
        "id",
        "name",
        "country",
    ]
    assert party_problems(schedule, PartyDraft("quang-tri", "x")) != []
    assert party_problems(schedule, PartyDraft("quang-tri", "x"), editing="quang-tri") == []
    late = AgreementDraft("m", dt.date(2024, 1, 1), valid_until=dt.date(2023, 1, 1))
    assert [p.key for p in agreement_problems(schedule, late)] == ["valid_until"]
    cases = {
        "order": RuleDraft("r", "alternate", ("talks",), None, {"order": ["hanoi"]}),
        "max": RuleDraft("r", "interval", ("talks",), None, {"max": "two years"}),
        "when": RuleDraft(
            "r", "commitment", ("talks",), None, {"host": "quang-tri", "when": "soon"}
        ),
        "per": RuleDraft("r", "quota", ("talks",), None, {"min": 1}),
        "max_people": RuleDraft("r", "delegation", ("talks",), None, {}),
        "visits": RuleDraft("r", "interval", (), None, {"max": "P2Y"}),
    }
    for key, draft in cases.items():
        assert [p.key for p in rule_problems(schedule, draft)] == [key], key
    ok = RuleDraft("r", "quota", ("talks",), None, {"min": 1, "max": 2, "per": "year"})
    assert rule_problems(schedule, ok) == []

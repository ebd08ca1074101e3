"""What the editor refuses is said in the reader's language, with the file's ids as written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from schedules import i18n, load_file
from schedules.drafts import EditError, VisitDraft, WaiverDraft, visit_problems, waiver_problems
from schedules.editing import EditableSchedule
from tests.paths import ROOT

SMALL = ROOT / "tests" / "data" / "editing" / "small.toml"


@pytest.fixture(params=["vi", "lo"])
def language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("LANGUAGE", "")  # restored afterwards: i18n.use sets it
    i18n.use(request.param)
    yield request.param
    i18n.use("en")


def test_an_edit_of_a_visit_that_is_not_there(language: str) -> None:
    editable = EditableSchedule.load(SMALL)
    with pytest.raises(EditError) as raised:
        editable.update_visit("nope", {"place": "Đông Hà"})
    said = str(raised.value)
    assert '"nope"' in said and "there is no" not in said
    with pytest.raises(EditError) as raised:
        editable.delete_waiver(99)
    assert "100" in str(raised.value) and "there is no" not in str(raised.value)


def test_draft_problems(language: str) -> None:
    schedule = load_file(SMALL).schedule
    assert schedule is not None
    host = next(iter(schedule.parties))
    draft = VisitDraft(id="x", kind="talks", host=host, guests=(host,))
    (problem,) = visit_problems(schedule, draft)
    assert problem.key == "guests" and "host" not in problem.message
    (problem,) = waiver_problems(WaiverDraft(rule=None, reason="r"))
    assert problem.key == "rule" and "choose" not in problem.message

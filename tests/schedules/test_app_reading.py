"""How the app reads its files (issue 15: the first screen without pydantic): lean first, to be
shown and checked, then the same document as models once the file is read for editing, for the
forms. The two are the same schedule; only the classes differ."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from benchmarks.generate import generate
from schedules import load_file, model
from schedules.core_schema import is_lean
from schedules.loader import Document, with_models
from schedules.session import (
    Session,
    check_files,
    models_of,
    open_files,
    read_again,
    read_for_editing,
    read_workspace,
)
from tests.paths import ROOT

EXAMPLES = ROOT / "examples"
AS_OF = dt.date(2026, 12, 1)


def _files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.toml")) + sorted((ROOT / "tests" / "data").rglob("*.toml"))


def _same_tables(lean: Any, made: Any, where: str = "schedule") -> None:
    """The same values, table for table, and the same keys written (`model_fields_set`)."""
    if isinstance(made, BaseModel):
        assert is_lean(lean) if where == "schedule" else True, where
        assert type(lean).__name__ == type(made).__name__, where
        assert lean.__pydantic_fields_set__ == made.model_fields_set, where
        assert vars(lean).keys() == vars(made).keys(), where
        for key in vars(made):
            _same_tables(vars(lean)[key], vars(made)[key], f"{where}.{key}")
    elif isinstance(made, list):
        assert len(lean) == len(made), where
        for index, (one, other) in enumerate(zip(lean, made, strict=True)):
            _same_tables(one, other, f"{where}[{index}]")
    elif isinstance(made, dict):
        assert lean.keys() == made.keys(), where
        for key in made:
            _same_tables(lean[key], made[key], f"{where}[{key}]")
    else:
        assert type(lean) is type(made) and lean == made, where


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_models_made_after_a_lean_read_are_those_a_full_read_makes(path: Path) -> None:
    lean = load_file(path, lean=True)
    full = load_file(path)
    made = with_models(lean)
    assert made.problems == full.problems == lean.problems
    if full.schedule is None:
        assert made is lean  # nothing to make: an invalid file stays as it was read
        return
    assert lean.schedule is not None and is_lean(lean.schedule)
    assert isinstance(made.schedule, model.Schedule)
    _same_tables(lean.schedule, made.schedule)
    assert made.schedule == full.schedule
    assert made.text is lean.text and made.data is lean.data  # nothing read again
    assert with_models(made) is made  # models already


def test_generated_files_too(tmp_path: Path) -> None:
    generate(7, 2, 300, tmp_path)
    for path in sorted(tmp_path.rglob("*.toml")):
        lean = load_file(path, lean=True)
        made = with_models(lean)
        assert made.schedule == load_file(path).schedule
        _same_tables(lean.schedule, made.schedule)


def test_a_lean_table_and_its_model_compare_equal_both_ways() -> None:
    path = EXAMPLES / "quang-tri-salavan.toml"
    lean, made = load_file(path, lean=True).schedule, load_file(path).schedule
    assert lean is not None and made is not None
    assert lean == made and made == lean
    assert lean.visits[0] == made.visits[0] and made.visits[0] == lean.visits[0]
    assert lean.visits[0] != made.visits[1]
    keys: object = vars(made.visits[0])
    assert lean.visits[0] != keys  # a table, not a dict of its keys


def test_the_app_shows_lean_schedules_and_gives_its_forms_models(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))
    session = Session(str(folder), AS_OF)
    files = open_files(session.root)
    session.opened(files)
    assert session.checks is None  # shown before the checks are in
    file = files[0]
    assert file.schedule is not None and is_lean(file.schedule)
    assert file.models is None  # not yet read for editing: no form can open
    assert session.editable_ready(file, read_for_editing(file))
    assert file.editable is not None  # edits can be made...
    assert file.models is None  # ...but the forms wait for the models
    assert session.apply_check(check_files(files, AS_OF))
    assert session.checks is not None
    assert session.models_ready(file, models_of(file))
    assert isinstance(file.models, model.Schedule)
    assert file.schedule is file.models


def test_an_edit_made_before_the_models_is_checked_with_models(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))
    session = Session(str(folder), AS_OF)
    files = open_files(session.root)
    session.opened(files, check_files(files, AS_OF))
    file = next(f for f in files if f.path.endswith("quang-tri-salavan.toml"))
    assert session.editable_ready(file, read_for_editing(file))
    late = models_of(file)
    session.edit(file, lambda editable: editable.update_visit("talks-2023", {"title": "New"}))
    assert session.apply_check(check_files(files, AS_OF))
    assert file.document.problems == [] and isinstance(file.models, model.Schedule)
    visit = next(v for v in file.models.visits if v.id == "talks-2023")
    assert visit.title == "New"
    assert not session.models_ready(file, late)  # the edited document stays


def test_a_file_read_again_meanwhile_keeps_what_it_was_read_with(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(EXAMPLES, tmp_path / "examples"))
    session = Session(str(folder), AS_OF)
    files, checked = read_workspace(session.root, AS_OF)
    session.opened(files, checked)
    file = files[0]
    late, late_models = read_for_editing(file), models_of(file)  # a worker's, handed over...
    fresh = read_again(file.path)
    assert session.reload(file, fresh)  # ...after the file was read again from disk
    document: Document = file.document
    assert not session.editable_ready(file, late)
    assert not session.models_ready(file, late_models)
    assert file.document is document
    assert file.editable is fresh.editable

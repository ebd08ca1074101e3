"""Why a file cannot be opened or saved for editing, in the reader's language (what the app
shows when a save is refused or a file cannot be read)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from schedules import i18n
from schedules.edit_file import LoadError, SaveError, read_file, verified


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    i18n.use("en")


def test_a_save_that_would_break_the_file_is_refused_in_vietnamese() -> None:
    i18n.use("vi")
    refused = r"không lưu được plan\.toml: văn bản đã sửa không phải TOML"
    with pytest.raises(SaveError, match=refused):
        verified("title = ", {"title": ""}, "plan.toml")


def test_the_place_where_the_text_differs_is_named_in_lao() -> None:
    i18n.use("lo")
    with pytest.raises(SaveError, match=r"ບໍ່ສາມາດບັນທຶກ plan\.toml: .*`title`"):
        verified('title = "A"\n', {"title": "B"}, "plan.toml")


def test_a_file_that_is_not_utf8_is_named_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Đồng Hới"'.encode("utf-16"))
    i18n.use("vi")
    with pytest.raises(LoadError, match="không phải văn bản UTF-8"):
        read_file(path)


def test_english_reads_as_before(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="it differs at `title`"):
        verified('title = "A"\n', {"title": "B"}, "plan.toml")
    with pytest.raises(LoadError, match="cannot read"):
        read_file(tmp_path / "missing.toml")

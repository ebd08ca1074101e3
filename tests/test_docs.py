"""The README and docs/ link only inside the repository, to files and headings that exist (a
copy of the repository, or its sdist, has no `../shared` beside it), and the reference covers
every command and check code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import schedules.cli
from schedules.diagnostics import CHECK_CODES, INPUT_CODES
from tests.paths import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def anchors(page: Path) -> set[str]:
    """GitHub's ids of the page's headings."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    found = set()
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_stay_inside_the_repository_and_resolve(page: Path) -> None:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    for target in LINK.findall(text):
        assert ":" not in target.split("#")[0], f"{page.name} links outside: {target}"
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        assert resolved.is_relative_to(ROOT), f"{page.name}: {target} leaves the repository"
        assert resolved.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            assert anchor in anchors(resolved), f"{page.name}: no heading #{anchor} in {path}"


def test_the_reference_names_every_command_and_code() -> None:
    commands = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for command in (*schedules.cli.SUBCOMMANDS, "new", "plan", "lsp"):
        assert f"## `visits {command}`" in commands or f"`visits {command}`" in commands, command
    assert "--version" in commands and "--lang" in commands
    checks = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code in (*CHECK_CODES, *INPUT_CODES, "delegation", "agreement-lapsed"):
        assert f"`{code}`" in checks, code
    file_format = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    for table in ("[partnership]", "[parties.ID]", "[[agreements]]", "[[agreements.rules]]"):
        assert table in file_format
    for table in ("[[visits]]", "[[visits.participants]]", "[[actions]]", "[[waivers]]"):
        assert table in file_format

"""The README and docs/ link only inside the repository, to files and headings that exist (a
copy of the repository, or its sdist, has no `../shared` beside it), and the reference covers
every command and check code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import schedules.cli
from schedules.codes import Code, Family, Severity
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
    for code in (*Code, "delegation", "agreement-lapsed"):
        assert f"`{code}`" in checks, code
    file_format = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    for table in ("[partnership]", "[parties.ID]", "[[agreements]]", "[[agreements.rules]]"):
        assert table in file_format
    for table in ("[[visits]]", "[[visits.participants]]", "[[actions]]", "[[waivers]]"):
        assert table in file_format


def documented_codes(checks: str) -> dict[str, set[tuple[str, str]]]:
    """The codes docs/checks.md documents, by section: each with the severities it names
    (a rule check's heading, a row of the built-in table) or none (an input error's row)."""
    found: dict[str, set[tuple[str, str]]] = {}
    section = ""
    for line in checks.splitlines():
        if line.startswith("## "):
            section = line.removeprefix("## ")
        heading = re.match(r"### `([a-z-]+)`(?: \((error|warning)\))?$", line)
        row = re.match(r"\| `([a-z-]+)` \|(?: (error|warning) \|)?", line)
        if section in ("Rule checks", "Built-in checks", "Input errors") and (heading or row):
            code, severity = (heading or row).groups()  # type: ignore[union-attr]
            found.setdefault(section, set()).add((code, severity or ""))
    return found


def test_checks_page_documents_exactly_the_registry_s_codes() -> None:
    checks = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    found = documented_codes(checks)
    sections = {Family.RULE: "Rule checks", Family.BUILT_IN: "Built-in checks"}
    sections[Family.INPUT] = "Input errors"
    for family, section in sections.items():
        codes = {code for code, _ in found.get(section, set())}
        assert codes == {code.value for code in Code if code.family is family}, section
    built_in = found["Built-in checks"]
    expected = {
        (c.value, s.value) for c in Code if c.family is Family.BUILT_IN for s in c.severities
    }
    assert built_in == expected
    rule_headings = {code: severity for code, severity in found["Rule checks"]}
    for code, severity in rule_headings.items():
        assert severity in ("", *Code(code).severities), code
        if severity:  # "(error)" in the heading: the only severity the code has
            assert Code(code).severities == (Severity(severity),), code

"""`visits report`: a status report per partnership, in Markdown and HTML, with text from the
files kept as data."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from schedules.loader import Document, load_file
from schedules.report import (
    Heading,
    Table,
    markdown_code,
    markdown_text,
    render_html,
    render_markdown,
    report_blocks,
)
from tests.paths import ROOT

DATA = ROOT / "tests" / "data" / "planning"
AS_OF = dt.date(2023, 12, 1)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schedules.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        check=False,
    )


def loaded(*paths: Path) -> list[Document]:
    documents = [load_file(path) for path in paths]
    assert all(document.ok for document in documents)
    return documents


def section(markdown: str, heading: str) -> str:
    """The text under a `### heading`, up to the next heading."""
    start = markdown.index(f"### {heading}\n") + len(heading) + 5
    following = [markdown.find(mark, start) for mark in ("\n## ", "\n### ")]
    ends = [index for index in following if index != -1]
    return markdown[start : min(ends) if ends else len(markdown)]


def test_markdown_report_on_the_examples() -> None:
    result = run_cli("report", "examples/", "--as-of", "2023-12-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Visits status report as of 1 December 2023\n")
    assert "## Quảng Trị – Salavan People's Councils\n" in out
    assert "## Sơn La – Hủa Phăn Departments of Home Affairs\n" in out

    agreements = section(out, "Agreements")
    # titles rather than ids, dates in words
    assert "| Memorandum of understanding of 8 June 2017 | 8 June 2017 |" in agreements
    assert "8 June 2017 to 4 April 2023 | ended |" in agreements
    assert "4 April 2023 to 31 December 2025 | in force |" in agreements
    assert "mou-2017" not in agreements

    history = section(out, "Visit history")
    assert history.index("| 5–7 July 2018 |") < history.index("| 4 April 2023 |")
    # each delegation's head and size
    assert (
        "| Bilateral talks (Hội đàm song phương) | SL | QT: Lê Quang Chiến, 1 person "
        "| Salavan, Lao PDR | held |" in history
    )
    assert "| QT | SL: not recorded | Quảng Trị | held |" in history

    compliance = section(out, "Compliance with the rules")
    # rules in words, results marked
    mou_2017 = "Memorandum of understanding of 8 June 2017"
    assert f"| talks every 2 years | {mou_2017} | met (1 waived) |" in compliance
    assert f"| the hosts of the talks take turns: QT, then SL | {mou_2017} | met |" in compliance
    assert "| training: at least once a year | Memorandum of understanding of 4 April 2023" in (
        compliance
    )
    assert "| talks or information exchange: 1 to 2 a year |" in compliance
    assert "| **1 warning** |" in compliance
    assert "P2Y" not in compliance.split("\n- ")[0]
    assert "- **⚠ Warning (interval):** visit `talks-2025` (2025) may come after" in compliance

    waived = section(out, "Waived breaches")
    assert "**✖ Error (interval):** visit `talks-2023` (2023-04-04) comes after the deadline" in (
        waived
    )
    assert "**Waived:** COVID-19: cross-border visits suspended" in waived

    upcoming = section(out, "Next visits")
    assert (
        "| talks every 2 years | QT | Bilateral talks (Hội đàm song phương) | by 4 April 2025 "
        "| Next talks in Quảng Trị" in upcoming
    )

    actions = section(out, "Open actions")
    assert "| Salavan's request: funding to build a meeting hall" in actions
    assert "| QT | Bilateral talks (Hội đàm song phương) |  |" in actions

    son_la = out[out.index("## Sơn La") :]
    assert "- **✖ Error (interval):** overdue: the next visit after `working-visit-2018`" in son_la
    assert "| by 9 April 2020 |  | **overdue** |" in son_la
    assert "No open actions." in son_la


def test_html_report_is_one_well_formed_document() -> None:
    result = run_cli("report", "examples/", "--as-of", "2023-12-01", "--format", "html")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in out
    assert "<h2>Quảng Trị – Salavan People&#x27;s Councils</h2>" in out
    assert "<code>talks-2025</code>" in out

    class Balance(HTMLParser):
        VOID = frozenset({"meta", "col"})

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in self.VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag

    parser = Balance()
    parser.feed(out)
    assert parser.stack == []


def test_html_escapes_text_from_the_files() -> None:
    blocks = report_blocks(loaded(DATA / "mixed-scripts.toml"), dt.date(2024, 12, 1))
    out = render_html(blocks, "report")
    assert "<script>" not in out and "<img" not in out and "<b>Hội" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt; &amp;amp;" in out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[31mred\\x1b[0m" in out


def test_markdown_escapes_text_from_the_files() -> None:
    blocks = report_blocks(loaded(DATA / "mixed-scripts.toml"), dt.date(2024, 12, 1))
    out = render_markdown(blocks)
    assert "\x1b" not in out and "\u202e" not in out
    title = next(line for line in out.splitlines() if line.startswith("## "))
    assert "\\[bold\\]friends\\[/bold\\] \\<script\\>" in title
    assert "\\*stars\\* \\| pipe" in title
    action = next(line for line in out.splitlines() if "\\*urgent\\*" in line)
    assert "\\*urgent\\* \\| \\`code\\` \\[link\\](http://x) \\<img" in action
    assert "\\&amp; \\_under\\_ \\~strike\\~ \\$x\\$" in action
    # the table keeps its columns: every `|` from the file is escaped
    header = out.splitlines()[out.splitlines().index(action) - 2]
    assert action.replace("\\|", "").count("|") == header.count("|")
    assert "(overdue)" in action


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("two\nlines", "two lines"),
        ("a_b*c`d", "a\\_b\\*c\\`d"),
    ],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_markdown_code_fences_around_backticks() -> None:
    assert markdown_code("talks-2025") == "`talks-2025`"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`a") == "`` `a ``"


def test_edge_cases_no_rules_partial_dates_expired_agreement() -> None:
    documents = loaded(DATA / "no-rules.toml", DATA / "partial-only.toml", DATA / "expired.toml")
    blocks = report_blocks(documents, dt.date(2024, 12, 1))
    out = render_markdown(blocks)
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 2]
    assert headings == ["Hà Giang – Phongsaly", "Điện Biên – Luang Prabang", "Lai Châu – Oudomxay"]
    no_rules = out[out.index("## Hà Giang") : out.index("## Điện Biên")]
    assert "No agreements recorded." in no_rules
    assert "No rules recorded." in no_rules
    assert "No alternate, interval or commitment rule is in force." in no_rules
    partial = out[out.index("## Điện Biên") : out.index("## Lai Châu")]
    assert "| 1st quarter of 2024 | talks-2024 | ĐB | LP: not recorded |  | held |" in partial
    assert "| talks every year | LP | talks-2024 | by 31 March 2025 | talks-2025 | planned |" in (
        partial
    )
    expired = out[out.index("## Lai Châu") :]
    assert "**No agreement is in force on 1 December 2024.**" in expired
    assert "| 10 May 2016 to 31 December 2020 | ended |" in expired
    assert "| talks every 2 years | Memorandum 2016–2020 | **1 error** |" in expired
    assert "| talks hosted by Oudomxay Province in 2019 | Memorandum 2016–2020 | met |" in expired
    # no memorandum in force: the rotation carries on from mou-2016
    continuing = (
        "| talks every 2 years | Lai Châu Province | talks-2019 | by 2 October 2021 |  "
        "| **overdue** |"
    )
    assert continuing in expired
    tables = [b for b in blocks if isinstance(b, Table)]
    assert all(len(row) == len(t.headers) for t in tables for row in t.rows)


def test_input_error_exits_2_and_reports_the_valid_files(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    broken = "tests/data/broken/reference-unknown-host.toml"
    result = run_cli("report", broken, "examples/son-la-hua-phan.toml", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}:") and "error[reference]" in result.stderr
    assert "## Sơn La – Hủa Phăn Departments of Home Affairs" in target.read_text(encoding="utf-8")


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli("report", "--format", "pdf")
    assert result.returncode == 2
    assert "usage:" in result.stderr

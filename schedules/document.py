"""Documents for people (`visits report`, `visits plan`): built once as plain blocks of text,
then written as Markdown or as HTML that prints cleanly on A4, each escaping the text from the
files its own way.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from schedules.render import literal

Span = tuple[str, str]
"""(style, text): style is "", "strong", "code", "error", "warning" or "ok"; text is plain
text, escaped when rendered. Code spans are never put in table cells (GitHub's tables split
them at `|`)."""

MARKS = frozenset({"", "date", "number", "error", "warning", "ok"})


@dataclass(frozen=True)
class Cell:
    """A table cell with a mark: `date` is never broken across lines; `error`, `warning` and
    `ok` are shown so that they stand out (bold, and in colour in HTML)."""

    text: str
    mark: str = ""
    before: str = ""
    """Unmarked text shown before it (`suggested ` before a date)."""


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    spans: list[Span]


@dataclass
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str | Cell, ...]] = field(default_factory=list)
    widths: tuple[str, ...] = ()
    """Optional CSS widths of the columns in HTML (`4%`, `18%`, ...)."""


@dataclass
class Bullets:
    items: list[list[Span]]


Block = Heading | Paragraph | Table | Bullets


def cell(value: str | Cell) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


# --- Markdown -----------------------------------------------------------------------------------

# characters that could start emphasis, code, links, HTML, entities, tables or math
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#$])")
# what would make a line a heading, quote, list or rule where the text starts a line
_BLOCK_START = re.compile(r"^([>+=-]|\d+[.)])")


def plain(text: str) -> str:
    """One line of text: white space collapsed (one space kept at either end), control
    characters shown escaped."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return literal(f"{lead}{inner}{trail}")


def markdown_text(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
    return _BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped)


def markdown_code(text: str) -> str:
    """A code span: its content is literal, so only the backtick fence needs care."""
    content = plain(text).strip()
    fence = "`" * (max((len(run) for run in re.findall("`+", content)), default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{fence}{pad}{content}{pad}{fence}"


_STRONG = frozenset({"strong", "error", "warning"})


def _strong(shown: str) -> str:
    if not shown.strip():
        return shown
    # emphasis delimiters must touch the text: keep outer spaces outside them
    core = shown.strip(" ")
    start = shown.index(core)
    return f"{shown[:start]}**{core}**{shown[start + len(core) :]}"


def _markdown_spans(spans: list[Span]) -> str:
    parts = []
    for style, text in spans:
        if style == "code" and text.strip():
            parts.append(markdown_code(text))
            continue
        shown = markdown_text(text)
        parts.append(_strong(shown) if style in _STRONG else shown)
    return "".join(parts)


def _markdown_cell(value: str | Cell) -> str:
    shown = cell(value)
    text = markdown_text(shown.text)
    return markdown_text(shown.before) + (
        _strong(text) if shown.mark in ("error", "warning") else text
    )


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {markdown_text(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(_markdown_spans(block.spans))
        elif isinstance(block, Bullets):
            out.append("\n".join(f"- {_markdown_spans(item)}" for item in block.items))
        else:
            lines = ["| " + " | ".join(markdown_text(h) for h in block.headers) + " |"]
            lines.append("|" + "|".join(" --- " for _ in block.headers) + "|")
            lines += [
                "| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in block.rows
            ]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

# On paper: A4 with margins, a heading never last on a page (kept with the table or text after
# it), a row never split, the table head repeated on each page, dates never broken in two. The
# page margin boxes number the pages and keep a browser from printing its own header and footer
# (date, file name) there.
STYLE = """\
@page { size: A4; margin: 18mm 15mm 18mm 15mm;
        @top-left { content: ""; }
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "Noto Serif Lao",
       "Phetsarath OT", serif; font-size: 12pt; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.3; color: #111; }
h1 { font-size: 17pt; margin: 0 0 0.6rem; text-align: center; }
h2 { font-size: 14pt; border-bottom: 1px solid #777; margin: 1.4rem 0 0.4rem; }
h3 { font-size: 12.5pt; margin: 1rem 0 0.3rem; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p { margin: 0.3rem 0; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; margin: 0.3rem 0 0.8rem; width: 100%; table-layout: fixed;
        font-size: 10pt; }
thead { display: table-header-group; }
tr, th, td { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #777; padding: 0.15rem 0.3rem; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
th { background: #e8e8e8; font-weight: bold; }
.date, .number { white-space: nowrap; }
html:is([lang="vi"], [lang="lo"]) .date { white-space: normal; } /* dates in words */
td.number { text-align: right; }
.error { color: #a00000; font-weight: bold; }
.warning { color: #8a5300; font-weight: bold; }
.ok { color: #1d6b1d; }
li { margin: 0.15rem 0; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}"""


def html_text(text: str) -> str:
    return html.escape(plain(text), quote=True)


def _html_spans(spans: list[Span]) -> str:
    parts = []
    for style, text in spans:
        if style in ("strong", "code"):
            parts.append(f"<{style}>{html_text(text)}</{style}>")
        elif style in ("error", "warning", "ok"):
            parts.append(f'<strong class="{style}">{html_text(text)}</strong>')
        else:
            parts.append(html_text(text))
    return "".join(parts)


_BETWEEN_DATES = re.compile(r"( – | to )")


def _html_cell(value: str | Cell) -> str:
    shown = cell(value)
    if shown.mark == "date":
        # each date whole; a span of dates may break only between its dates
        parts = _BETWEEN_DATES.split(shown.text)
        dates = "".join(
            html_text(part) if i % 2 else f'<span class="date">{html_text(part)}</span>'
            for i, part in enumerate(parts)
        )
        return f"<td>{html_text(shown.before)}{dates}</td>"
    mark = f' class="{shown.mark}"' if shown.mark in MARKS and shown.mark else ""
    return f"<td{mark}>{html_text(shown.before)}{html_text(shown.text)}</td>"


def _html_table(table: Table) -> str:
    columns = ""
    if table.widths:
        columns = "<colgroup>" + "".join(f'<col style="width:{w}">' for w in table.widths)
        columns += "</colgroup>"
    head = "".join(f"<th>{html_text(h)}</th>" for h in table.headers)
    rows = "".join("<tr>" + "".join(_html_cell(c) for c in row) + "</tr>\n" for row in table.rows)
    return f"<table>{columns}<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody></table>"


def render_html(blocks: list[Block], title: str) -> str:
    """One HTML document, printable on A4 (see `STYLE`)."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_html_spans(block.spans)}</p>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_html_spans(item)}</li>\n" for item in block.items)
            body.append(f"<ul>\n{items}</ul>")
        else:
            body.append(_html_table(block))
    return (
        f'<!DOCTYPE html>\n<html lang="{_html_language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_text(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _html_language() -> str:
    from schedules import i18n

    return i18n.real_language()

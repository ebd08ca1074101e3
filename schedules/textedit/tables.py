"""The tables of a piece of TOML text and the comment lines that belong to them.

A table written with a header owns the lines from its header to the next header that is not
one of its sub-tables.  The comment lines directly above a header (no blank line between)
describe that table and go with it when it is removed or moved; blank lines and comments
after a table's last key that are not directly above the next header stay where they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from schedules.textedit.scan import Path, Statement, statements

__all__ = ["Layout", "TableSpan"]


@dataclass(frozen=True)
class TableSpan:
    """Where one table is written: `header` is the index of its header statement (None for
    the keys before any header), `own_end` the index after its own key lines and `end` the
    index after its sub-tables."""

    path: Path
    header: int | None
    own_end: int
    end: int


class Layout:
    """The statements of a text and its tables, by path (`("visits", 0, "participants", 1)`)."""

    def __init__(
        self,
        text: str,
        first_index: dict[tuple[str, ...], int] | None = None,
        *,
        followed: bool = False,
    ) -> None:
        """`first_index` numbers the arrays of tables of a text cut out of a larger one: the
        index its first `[[key]]` has in the whole file (0 by default). `followed`: a header
        follows the text, so the comment lines at its very end are that header's."""
        self.text = text
        self.followed = followed
        self.statements = statements(text)
        self.tables: dict[Path, TableSpan] = {}
        self.arrays: dict[Path, list[Path]] = {}
        headers = [i for i, s in enumerate(self.statements) if s.kind == "header"]
        first_header = headers[0] if headers else len(self.statements)
        self.tables[()] = TableSpan((), None, first_header, len(self.statements))
        counts: dict[Path, int] = {}
        paths: list[Path] = []
        for index in headers:
            statement = self.statements[index]
            path: Path = ()
            names = statement.names
            for position, name in enumerate(names):
                path = (*path, name)
                last = position == len(names) - 1
                if last and statement.array:
                    start = (first_index or {}).get(tuple(str(n) for n in path), 0)
                    number = counts.get(path, start - 1) + 1
                    counts[path] = number
                    self.arrays.setdefault(path, []).append((*path, number))
                    path = (*path, number)
                elif not last and path in counts:
                    path = (*path, counts[path])
            paths.append(path)
        for order, (index, path) in enumerate(zip(headers, paths, strict=True)):
            following = headers[order + 1] if order + 1 < len(headers) else len(self.statements)
            end = len(self.statements)
            for later, later_path in zip(headers[order + 1 :], paths[order + 1 :], strict=True):
                if later_path[: len(path)] != path:
                    end = later
                    break
            self.tables[path] = TableSpan(path, index, following, end)

    # --- positions ------------------------------------------------------------------------

    def offset(self, index: int) -> int:
        """Where statement `index` starts (the end of the text past the last one)."""
        if index < len(self.statements):
            return self.statements[index].start
        return len(self.text)

    def key(self, table: Path, name: str) -> Statement | None:
        """The line of key `name` among `table`'s own keys."""
        span = self.tables[table]
        start = 0 if span.header is None else span.header + 1
        for statement in self.statements[start : span.own_end]:
            if statement.kind == "key" and statement.names == (name,):
                return statement
        return None

    def own_keys_end(self, table: Path) -> int:
        """The offset after the table's last own key line (after its header if none)."""
        span = self.tables[table]
        start = 0 if span.header is None else span.header + 1
        last = span.header
        for index in range(start, span.own_end):
            if self.statements[index].kind == "key":
                last = index
        if last is None:
            return 0
        return self.statements[last].end

    def content_end(self, span_start: int, span_end: int) -> int:
        """The statement index after the last key or header of statements[start:end]."""
        last = span_start
        for index in range(span_start, span_end):
            if self.statements[index].kind in ("key", "header"):
                last = index + 1
        return last

    def lead_in(self, header: int) -> int:
        """The index of the first comment line directly above statement `header`."""
        index = header
        while index > 0 and self.statements[index - 1].kind == "comment":
            index -= 1
        return index

    def block(self, table: Path) -> tuple[int, int, int]:
        """(start of its lead-in comments, end of its last key, end of the trailing blank
        lines and comments that are not the next header's) as offsets, for a header table."""
        span = self.tables[table]
        assert span.header is not None, "the root table has no block"
        content = self.content_end(span.header, span.end)
        at_end = span.end == len(self.statements)
        following = self.lead_in(span.end) if not at_end or self.followed else span.end
        return (
            self.offset(self.lead_in(span.header)),
            self.offset(content),
            self.offset(max(content, following)),
        )

    def indents(self, table: Path) -> tuple[str, str] | None:
        """(header indent, key indent) of a header table, to write new ones alike."""
        span = self.tables.get(table)
        if span is None or span.header is None:
            return None
        header = self.statements[span.header].indent
        for statement in self.statements[span.header + 1 : span.own_end]:
            if statement.kind == "key":
                return header, statement.indent
        return header, header


def split_blank_lines(text: str) -> tuple[str, str]:
    """(the blank lines at the start of `text`, the rest)."""
    position = 0
    while True:
        line_end = text.find("\n", position)
        if line_end < 0 or text[position:line_end].strip(" \t\r"):
            return text[:position], text[position:]
        position = line_end + 1


def without_trailing_blank_lines(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and not lines[-1].strip(" \t\r\n") and lines[-1].endswith("\n"):
        lines.pop()
    return "".join(lines)


def with_line_end(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"

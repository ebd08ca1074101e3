"""Go to definition and the document outline, from where the source map says tables are."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from schedules.diagnostics import KeyPath
from schedules.loader import Document
from schedules.lsp.ids import Target, find
from schedules.lsp.text import Lines


def _line_range(lines: Lines, document: Document, path: KeyPath) -> types.Range | None:
    """From where `path`'s key is written to the end of that line."""
    position = document.sourcemap.key(path)
    if position is None:
        return None
    line = position.line - 1
    return types.Range(
        start=lines.position(line, position.column - 1),
        end=lines.position(line, len(lines.line(line))),
    )


def definition(uri: str, document: Document, lines: Lines, target: Target) -> types.Location | None:
    """Where the table that defines the target's id is written."""
    kind = target.id_kind
    if kind is None:
        return None
    defined = find(document.data, kind, target.text)
    if defined is None:
        return None
    found = _line_range(lines, document, defined.path)
    return None if found is None else types.Location(uri=uri, range=found)


_KINDS = {
    "partnership": types.SymbolKind.Namespace,
    "party": types.SymbolKind.Object,
    "agreement": types.SymbolKind.Module,
    "rule": types.SymbolKind.Property,
    "visit": types.SymbolKind.Event,
    "action": types.SymbolKind.Function,
    "waiver": types.SymbolKind.Constant,
}


def _entries(data: dict[str, Any]) -> list[tuple[str, str, KeyPath, str | None, list[Any]]]:
    """(kind, name, path, detail, children) of each top-level table, in no particular order."""
    entries: list[tuple[str, str, KeyPath, str | None, list[Any]]] = []
    partnership = data.get("partnership")
    if isinstance(partnership, dict):
        title = partnership.get("title")
        name = str(partnership.get("id") or "partnership")
        entries.append(("partnership", name, ("partnership",), _str(title), []))
    parties = data.get("parties")
    for ident, table in parties.items() if isinstance(parties, dict) else ():
        detail = table.get("name") if isinstance(table, dict) else None
        entries.append(("party", ident, ("parties", ident), _str(detail), []))
    for key, kind in (("agreements", "agreement"), ("visits", "visit"), ("actions", "action")):
        for index, table in _list(data.get(key)):
            detail = table.get("title") or table.get("kind") or table.get("text")
            children: list[Any] = []
            if kind == "agreement":
                children = [
                    ("rule", _name(rule, j), (key, index, "rules", j), _str(rule.get("kind")), [])
                    for j, rule in _list(table.get("rules"))
                ]
            entries.append((kind, _name(table, index), (key, index), _str(detail), children))
    for index, table in _list(data.get("waivers")):
        name = f"waiver of {table.get('rule', '?')}"
        entries.append(("waiver", name, ("waivers", index), _str(table.get("reason")), []))
    return entries


def _list(value: object) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(value, list):
        return []
    return [(i, table) for i, table in enumerate(value) if isinstance(table, dict)]


def _name(table: dict[str, Any], index: int) -> str:
    ident = table.get("id")
    return ident if isinstance(ident, str) and ident else f"#{index + 1}"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def symbols(document: Document, lines: Lines) -> list[types.DocumentSymbol]:
    """The outline: partnership, parties, agreements with their rules, visits, actions and
    waivers, each spanning its table (up to the next one)."""
    if document.data is None:
        return []
    sourcemap = document.sourcemap
    placed = []
    for kind, name, path, detail, children in _entries(document.data):
        at = sourcemap.key(path)
        if at is not None:
            placed.append((at.line - 1, at.column - 1, kind, name, detail, path, children))
    placed.sort()
    last_line = max(len(lines) - 1, 0)
    found = []
    for index, (line, column, kind, name, detail, _path, children) in enumerate(placed):
        end = placed[index + 1][0] - 1 if index + 1 < len(placed) else last_line
        end = max(end, line)
        inner = _children(document, lines, children, end)
        found.append(_symbol(lines, kind, name, detail, line, column, end, inner))
    return found


def _children(
    document: Document, lines: Lines, children: list[Any], parent_end: int
) -> list[types.DocumentSymbol]:
    placed = []
    for kind, name, path, detail, _ in children:
        at = document.sourcemap.key(path)
        if at is not None:
            placed.append((at.line - 1, at.column - 1, kind, name, detail))
    placed.sort()
    found = []
    for index, (line, column, kind, name, detail) in enumerate(placed):
        end = placed[index + 1][0] - 1 if index + 1 < len(placed) else parent_end
        found.append(_symbol(lines, kind, name, detail, line, column, max(end, line), []))
    return found


def _symbol(
    lines: Lines,
    kind: str,
    name: str,
    detail: str | None,
    line: int,
    column: int,
    end: int,
    children: list[types.DocumentSymbol],
) -> types.DocumentSymbol:
    selection = types.Range(
        start=lines.position(line, column), end=lines.position(line, len(lines.line(line)))
    )
    whole = types.Range(
        start=lines.position(line, 0), end=lines.position(end, len(lines.line(end)))
    )
    return types.DocumentSymbol(
        name=name,
        kind=_KINDS[kind],
        range=whole,
        selection_range=selection,
        detail=detail,
        children=children or None,
    )

"""Hover, completion, go to definition, the outline and quick fixes, over stdio."""

from __future__ import annotations

from pathlib import Path

from lsp_session import EXAMPLE, open_document, position_of, replace_text, uri_of
from lsprotocol import types
from pytest_lsp import LanguageClient

TEXT = EXAMPLE.read_text(encoding="utf-8")


async def _hover(client: LanguageClient, path: Path, position: types.Position) -> str | None:
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri_of(path)), position=position
        )
    )
    if result is None:
        return None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def _opened(client: LanguageClient, tmp_path: Path, text: str = TEXT) -> Path:
    path = tmp_path / "quang-tri-salavan.toml"
    path.write_text(text, encoding="utf-8")
    await open_document(client, path)
    return path


async def test_hover_on_a_party_id_shows_its_name(client: LanguageClient, tmp_path: Path) -> None:
    path = await _opened(client, tmp_path)
    # a reference (a visit's host) and the definition ([parties.salavan])
    at_host = position_of(TEXT, "salavan", after='host = "salavan"')
    shown = await _hover(client, path, at_host)
    assert shown is not None
    assert "Standing Committee, Salavan Provincial People's Council" in shown
    at_table = position_of(TEXT, "salavan", after="[parties.salavan")
    assert shown == await _hover(client, path, at_table)


async def test_hover_on_visit_and_rule_ids(client: LanguageClient, tmp_path: Path) -> None:
    path = await _opened(client, tmp_path)
    visit = await _hover(client, path, position_of(TEXT, "talks-2023", 2, after='visit = "'))
    assert visit is not None and "Bilateral talks" in visit
    # a rule, where a waiver names it: its agreement ended, it sets no deadline
    rule = await _hover(client, path, position_of(TEXT, "talks-interval", 2, after='rule = "'))
    assert rule is not None and "rule `talks-interval`" in rule
    assert "Its agreement `mou-2017` ended on 2023-04-04: it sets no deadline now." in rule
    # its successor's rotation continues: two years after talks-2023, in Quảng Trị
    at = position_of(TEXT, "talks-interval-2023", 2, after='id = "talks-interval-2023')
    rotation = await _hover(client, path, at)
    assert rotation is not None
    assert "Next visit: hosted by `quang-tri`, by 2025-04-04 — planned: `talks-2025`" in rotation


async def test_hover_on_durations_and_partial_dates(client: LanguageClient, tmp_path: Path) -> None:
    text = TEXT.replace(
        '  max = "P2Y"\n  description = "Hai', '  max = "P1Y6M"\n  description = "Hai'
    )
    text = text.replace('when = "2025"\nplace', 'when = "2025-Q3"\nplace')
    path = await _opened(client, tmp_path, text)
    duration = await _hover(client, path, position_of(text, "P2Y", 1))
    assert duration == "`P2Y`: 2 years"
    assert await _hover(client, path, position_of(text, "P1Y6M", 1)) == "`P1Y6M`: 1 year 6 months"
    partial = await _hover(client, path, position_of(text, "2025-Q3", 1))
    assert partial == "`2025-Q3`: 2025-07-01 to 2025-09-30 (a quarter)"


async def _complete(client: LanguageClient, path: Path, position: types.Position) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri_of(path)), position=position
        )
    )
    assert isinstance(result, types.CompletionList)
    return [item.label for item in result.items]


async def test_completion_offers_what_each_key_takes(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = await _opened(client, tmp_path)
    host = position_of(TEXT, '"quang-tri"', 1, after='id = "talks-2025"')
    assert await _complete(client, path, host) == ["quang-tri", "salavan"]
    visits = await _complete(
        client, path, position_of(TEXT, '"talks-2023"', 1, after="[[actions]]")
    )
    assert visits == ["talks-2018", "talks-2023", "talks-2025"]
    waived = await _complete(
        client, path, position_of(TEXT, '"talks-interval"', 1, after="[[waivers]]")
    )
    assert waived[:2] == ["talks-rotate", "talks-interval"]
    assert {"interval", "holiday", "double-booking"} <= set(waived)
    status = await _complete(client, path, position_of(TEXT, '"held"', 1, after="[[visits]]"))
    assert status == ["planned", "confirmed", "held", "postponed", "cancelled"]
    per = await _complete(client, path, position_of(TEXT, '"year"', 1, after="per = "))
    assert per == ["year", "quarter", "month"]
    role = await _complete(client, path, position_of(TEXT, '"head"', 1))
    assert role == ["head", "member", "staff"]
    kind = await _complete(client, path, position_of(TEXT, '"alternate"', 1))
    assert kind[:4] == ["alternate", "interval", "commitment", "quota"]
    # not where no id or value is expected
    assert await _complete(client, path, position_of(TEXT, "Bilateral talks", 1)) == []


async def test_completion_replaces_the_string_being_typed(
    client: LanguageClient, tmp_path: Path
) -> None:
    text = TEXT.replace(
        'owner = "quang-tri"\nvisit = "talks-2023"\nstatus = "open"\n\n[[actions]]\nid = "delegate',
        'owner = "sal\nvisit = "talks-2023"\nstatus = "open"\n\n[[actions]]\nid = "delegate',
        1,
    )
    path = await _opened(client, tmp_path)  # then half-typed: the text does not parse
    await replace_text(client, path, text, 2)
    at = position_of(text, '"sal\n', 4)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri_of(path)), position=at
        )
    )
    assert isinstance(result, types.CompletionList)
    salavan = next(item for item in result.items if item.label == "salavan")
    assert isinstance(salavan.text_edit, types.TextEdit)
    assert salavan.text_edit.new_text == '"salavan"'
    assert salavan.text_edit.range.start.character == at.character - 4  # from the opening quote
    assert salavan.detail == "Standing Committee, Salavan Provincial People's Council"


async def test_go_to_definition_of_a_party_visit_and_rule(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = await _opened(client, tmp_path)
    lines = TEXT.split("\n")

    async def defined_at(position: types.Position) -> str:
        result = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri_of(path)), position=position
            )
        )
        assert isinstance(result, types.Location), result
        assert result.uri == uri_of(path)
        return lines[result.range.start.line]

    assert (
        await defined_at(position_of(TEXT, "salavan", after='host = "salavan"'))
        == "[parties.salavan]"
    )
    visit_line = await defined_at(position_of(TEXT, "talks-2023", 1, after='visit = "'))
    assert visit_line == "[[visits]]"
    index = TEXT.index('[[visits]]\nid = "talks-2023"')
    assert lines.index(visit_line, TEXT[:index].count("\n")) == TEXT[:index].count("\n")
    rule_line = await defined_at(position_of(TEXT, "talks-interval", 1, after='rule = "'))
    assert rule_line == "  [[agreements.rules]]"


async def test_document_symbols_outline_the_file(client: LanguageClient, tmp_path: Path) -> None:
    path = await _opened(client, tmp_path)
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri_of(path)))
    )
    assert result is not None
    symbols = [s for s in result if isinstance(s, types.DocumentSymbol)]
    names = [s.name for s in symbols]
    assert names[:3] == ["quang-tri-salavan", "quang-tri", "salavan"]
    assert [
        s.name for s in symbols if s.kind in (types.SymbolKind.Module, types.SymbolKind.Event)
    ] == ["mou-2017", "mou-2023", "talks-2018", "talks-2023", "talks-2025"]
    mou_2023 = next(s for s in symbols if s.name == "mou-2023")
    assert [r.name for r in mou_2023.children or []] == [
        "talks-rotate-2023",
        "talks-interval-2023",
        "talks-2025-in-quang-tri",
        "committee-exchange-yearly",
        "delegate-training-yearly",
    ]


async def test_quick_fix_replaces_what_did_you_mean_names(
    client: LanguageClient, misspelt: Path
) -> None:
    diagnostics = await open_document(client, misspelt)
    wrong = next(d for d in diagnostics if d.code == "reference")
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri_of(misspelt)),
            range=wrong.range,
            context=types.CodeActionContext(diagnostics=[wrong]),
        )
    )
    assert result is not None
    (action,) = result
    assert isinstance(action, types.CodeAction)
    assert action.title == "Replace with `quang-tri`"
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri_of(misspelt)]
    line = misspelt.read_text(encoding="utf-8").split("\n")[edit.range.start.line]
    assert line[edit.range.start.character : edit.range.end.character] == '"quang-tr"'
    assert edit.new_text == '"quang-tri"'

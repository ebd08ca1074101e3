"""Diagnostics over stdio: the same as `visits check` on the document's folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from lsp_session import EXAMPLE, open_document, published, replace_text, uri_of
from lsprotocol import types
from pytest_lsp import LanguageClient

from schedules.workspace import run_check

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
}


def _as_check_reports(path: Path) -> set[tuple[int, int, str, types.DiagnosticSeverity, str]]:
    """What `visits check FOLDER` says about `path` today, in LSP terms (the server names the
    folder's other files relative to it)."""
    report = run_check([str(path.parent)], dt.date.today())
    found = set()
    for d in report.diagnostics:
        if Path(d.path).resolve() != path.resolve():
            continue
        severity = types.DiagnosticSeverity.Information if d.waived else SEVERITIES[d.severity]
        message = f"{d.message} (waived: {d.reason})" if d.waived else d.message
        message = message.replace(f"{path.parent}/", "")
        found.add(((d.line or 1) - 1, (d.column or 1) - 1, d.code, severity, message))
    return found


def _seen(diagnostics: Sequence[types.Diagnostic]) -> set[tuple[int, int, str, object, str]]:
    return {
        (d.range.start.line, d.range.start.character, str(d.code), d.severity, d.message)
        for d in diagnostics
    }


async def test_misspelt_host_is_reported_on_its_line_as_check_does(
    client: LanguageClient, misspelt: Path
) -> None:
    diagnostics = await open_document(client, misspelt)
    text = misspelt.read_text(encoding="utf-8")
    host_line = text[: text.index('host = "quang-tr"')].count("\n")
    reference = [d for d in diagnostics if d.code == "reference"]
    assert len(reference) == 1
    assert reference[0].range.start.line == host_line
    assert "`quang-tr` is not a party" in reference[0].message
    assert reference[0].severity == types.DiagnosticSeverity.Error
    assert reference[0].source == "visits"
    assert _seen(diagnostics) == _as_check_reports(misspelt)


async def test_waived_diagnostics_are_information_with_their_reason(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "example.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    diagnostics = await open_document(client, path)
    waived = [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Information]
    assert waived, diagnostics
    assert all("(waived: COVID-19" in d.message for d in waived)
    assert {d.code for d in waived} == {"interval"}
    assert _seen(diagnostics) == _as_check_reports(path)


async def test_change_uses_the_unsaved_text_and_close_clears(
    client: LanguageClient, misspelt: Path
) -> None:
    await open_document(client, misspelt)
    fixed = misspelt.read_text(encoding="utf-8").replace('host = "quang-tr"', 'host = "quang-tri"')
    after = await replace_text(client, misspelt, fixed, 2)
    assert not [d for d in after if d.code == "reference"]
    misspelt.write_text(fixed, encoding="utf-8")
    assert _seen(after) == _as_check_reports(misspelt)  # the file on disk was still misspelt

    client.text_document_did_close(
        types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri_of(misspelt))
        )
    )
    assert await published(client, uri_of(misspelt)) == []


async def test_rapid_changes_are_checked_once_the_typing_stops(
    client: LanguageClient, misspelt: Path
) -> None:
    await open_document(client, misspelt)
    text = misspelt.read_text(encoding="utf-8")
    uri = uri_of(misspelt)
    for version, host in enumerate(("quang-t", "quang-tr", "quang-tri"), start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(
                        text=text.replace('host = "quang-tr"', f'host = "{host}"')
                    )
                ],
            )
        )
    last = await published(client, uri)
    assert not [d for d in last if d.code == "reference"]  # the first published is the last text


async def test_a_toml_file_that_is_not_a_schedule_gets_none(
    client: LanguageClient, tmp_path: Path
) -> None:
    path = tmp_path / "pyproject.toml"
    text = '[project]\nname = "x"\nversion = 1\n[tool.ruff]\nline-length = "long"\n'
    path.write_text(text, encoding="utf-8")
    assert await open_document(client, path) == []
    assert await replace_text(client, path, text + "[broken\n", 2) == []


async def test_other_files_of_the_folder_are_checked_with_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    # the same person in two overlapping visits, one in each file: double-booking on the later
    edited = tmp_path / "b-edited.toml"
    other = tmp_path / "a-other.toml"
    other.write_text(_schedule("a-b", "2030-03-02", "2030-03-04"), encoding="utf-8")
    edited.write_text(_schedule("c-d", "2030-03-03", "2030-03-03"), encoding="utf-8")
    diagnostics = await open_document(client, edited)
    booked = [d for d in diagnostics if d.code == "double-booking"]
    assert len(booked) == 1
    assert "in a-other.toml" in booked[0].message
    assert _seen(diagnostics) == _as_check_reports(edited)

    # the other file changes on disk: seen at the next check, without reopening
    other.write_text(_schedule("a-b", "2030-05-02", "2030-05-04"), encoding="utf-8")
    text = edited.read_text(encoding="utf-8")
    after = await replace_text(client, edited, text + "\n", 2)
    assert not [d for d in after if d.code == "double-booking"]


def _schedule(partnership: str, start: str, end: str) -> str:
    return f"""\
[partnership]
id = "{partnership}"
title = "Twinning"

[parties.one]
name = "One"

[parties.two]
name = "Two"

[[visits]]
id = "talks"
kind = "talks"
host = "one"
start = {start}
end = {end}

  [[visits.participants]]
  name = "Lê Văn A"
  party = "two"
"""


async def test_a_partnership_id_used_by_another_file_as_check_reports_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    # the later file in sorted order is the one `visits check FOLDER` reports
    (tmp_path / "a-first.toml").write_text(_schedule("a-b", "2030-03-02", "2030-03-04"), "utf-8")
    later = tmp_path / "b-later.toml"
    later.write_text(_schedule("a-b", "2031-03-02", "2031-03-04"), encoding="utf-8")
    assert _seen(await open_document(client, later)) == _as_check_reports(later)
    first = tmp_path / "a-first.toml"
    assert _seen(await open_document(client, first)) == _as_check_reports(first)


async def test_saving_one_file_checks_the_open_files_beside_it_again(
    client: LanguageClient, tmp_path: Path
) -> None:
    edited = tmp_path / "b-edited.toml"
    other = tmp_path / "a-other.toml"
    other.write_text(_schedule("a-b", "2030-05-02", "2030-05-04"), encoding="utf-8")
    edited.write_text(_schedule("c-d", "2030-03-03", "2030-03-03"), encoding="utf-8")
    assert not [d for d in await open_document(client, edited) if d.code == "double-booking"]
    await open_document(client, other)
    # the other file now overlaps, and is saved: the edited file hears of it unchanged
    other.write_text(_schedule("a-b", "2030-03-02", "2030-03-04"), encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri_of(other)))
    )
    again = await published(client, uri_of(edited))
    assert [d.code for d in again if d.code == "double-booking"] == ["double-booking"]


async def test_columns_in_the_encoding_the_client_chose(
    utf8_client: LanguageClient, tmp_path: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    line = 'guests = ["Quảng Trị", "quang-tr"]'
    text = text.replace('guests = ["quang-tri"]', line, 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    diagnostics = await open_document(utf8_client, path, text)
    starts = sorted(d.range.start.character for d in diagnostics if d.code == "reference")
    assert starts == [len(line[: line.index(quoted)].encode()) for quoted in ('"Q', '"quang')]

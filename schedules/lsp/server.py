"""The server: LSP messages in, checks and answers out.

Each open document has a `Checker` and its latest `Analysis`. A change is checked at once when
no check of that document is running; changes that come while one runs are checked together,
as the latest text, when it ends (so fast typing gives one check per check's time, never a
queue of stale ones), and only the diagnostics of the latest text are published. Checks run in
one worker thread, so the server keeps answering while a large file is checked. A check that
fails on input the loader cannot take is logged to the editor, and the document keeps its last
diagnostics.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from schedules.lsp.analysis import Analysis, Checker
from schedules.lsp.completion import completions
from schedules.lsp.convert import Published, convert
from schedules.lsp.folder import Folder
from schedules.lsp.hover import hover_text
from schedules.lsp.ids import Target, target_at
from schedules.lsp.outline import definition, symbols
from schedules.lsp.text import Lines, Place, place_at

PAUSE_SECONDS = 0.01
"""How long a change waits before its check starts: the notifications an editor sends together
(a paste, several cursors) give one check."""

CHECK_FAILURES: tuple[type[BaseException], ...] = (OverflowError, MemoryError)
"""What a check may still raise on text it cannot take (the loader reports everything else as
diagnostics): logged, never fatal."""

logger = logging.getLogger(__name__)


@dataclass
class OpenDocument:
    uri: str
    checker: Checker
    with_data: Analysis | None = None
    """The latest checked version that was valid TOML (for hover and completion while the
    text does not parse)."""
    published: list[Published] = field(default_factory=list)
    generation: int = 0
    """Counts changes: a check publishes only if none came while it ran."""
    running: asyncio.Task[None] | None = None
    """The task checking the document, while one does."""


def _version() -> str:
    try:
        return version("visits")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "0"


class VisitsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("visits", _version())
        self.documents: dict[str, OpenDocument] = {}
        self.folders: dict[Path, Folder] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="visits-check")

    # --- checking ---------------------------------------------------------------------------

    def opened(self, uri: str) -> OpenDocument:
        found = self.documents.get(uri)
        if found is None:
            path_text = to_fs_path(uri)
            path = Path(path_text).absolute() if path_text else None
            folder = None
            if path is not None:
                folder = self.folders.setdefault(path.parent, Folder(path.parent))
            found = self.documents[uri] = OpenDocument(uri, Checker(path, folder))
        return found

    def schedule_check(self, uri: str) -> None:
        state = self.opened(uri)
        state.generation += 1
        if state.running is not None:
            return  # the running check's loop takes the latest text when it ends
        task = asyncio.ensure_future(self._check_while_changed(state))
        task.add_done_callback(self._unexpected)
        state.running = task

    async def _check_while_changed(self, state: OpenDocument) -> None:
        try:
            await asyncio.sleep(PAUSE_SECONDS)
            checked = -1
            while checked != state.generation and self.documents.get(state.uri) is state:
                checked = state.generation
                await self._check(state, checked)
        finally:
            state.running = None

    async def _check(self, state: OpenDocument, generation: int) -> None:
        document = self.workspace.get_text_document(state.uri)
        text, text_version = document.source, document.version
        encoding = self.encoding()
        loop = asyncio.get_running_loop()
        try:
            analysis, published = await loop.run_in_executor(
                self.worker, _analyse, state.checker, text, encoding
            )
        except CHECK_FAILURES as error:
            self.log(
                types.MessageType.Error,
                f"visits: could not check {state.checker.shown}: {type(error).__name__}: "
                f"{error}; its diagnostics are those of the last version checked",
            )
            return
        if generation != state.generation or self.documents.get(state.uri) is not state:
            return  # a newer version is to be checked, or the document was closed
        if analysis.document.data is not None:
            state.with_data = analysis
        state.published = published
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=state.uri,
                version=text_version,
                diagnostics=[p.diagnostic for p in published],
            )
        )
        folder = state.checker.folder
        if folder is not None and folder.unreadable:
            names = ", ".join(sorted(folder.unreadable))
            self.log(types.MessageType.Warning, f"visits: could not read {names}")
            folder.unreadable.clear()

    def _unexpected(self, task: asyncio.Task[None]) -> None:
        """A bug in a check: tell the editor's log, keep serving."""
        if task.cancelled() or task.exception() is None:
            return
        error = task.exception()
        logger.error("check failed", exc_info=error)
        self.log(
            types.MessageType.Error,
            f"visits: internal error while checking: {type(error).__name__}: {error}. "
            "This is a bug in visits; please report it with the file that caused it.",
        )

    def encoding(self) -> str:
        """The position encoding agreed with the client: "utf-16" unless it chose another."""
        chosen = self.workspace.position_encoding
        if isinstance(chosen, types.PositionEncodingKind):
            return chosen.value  # str() of the enum would be its name
        return chosen or types.PositionEncodingKind.Utf16.value

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def closed(self, uri: str) -> None:
        self.documents.pop(uri, None)  # a running check sees it is gone and publishes nothing
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def saved(self, uri: str) -> None:
        """Another file of a folder changed on disk: check the open files beside it again."""
        folder = self.opened(uri).checker.folder
        for other, state in list(self.documents.items()):
            if other != uri and state.checker.folder is folder:
                self.schedule_check(other)

    # --- answering --------------------------------------------------------------------------

    def lines_of(self, uri: str) -> Lines:
        document = self.workspace.get_text_document(uri)
        encoding = self.encoding()
        return Lines(document.source, encoding)


def _analyse(checker: Checker, text: str, encoding: str) -> tuple[Analysis, list[Published]]:
    analysis = checker.check(text, dt.date.today())
    return analysis, convert(analysis.diagnostics, Lines(text, encoding))


server = VisitsServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_open_or_change(
    ls: VisitsServer,
    params: types.DidOpenTextDocumentParams | types.DidChangeTextDocumentParams,
) -> None:
    ls.schedule_check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: VisitsServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.saved(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: VisitsServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.closed(params.text_document.uri)


def _at(
    ls: VisitsServer, uri: str, position: types.Position
) -> tuple[OpenDocument, Lines, int] | None:
    state = ls.documents.get(uri)
    if state is None:
        return None
    lines = ls.lines_of(uri)
    return state, lines, lines.column(position)


def _target_at(
    ls: VisitsServer, uri: str, position: types.Position
) -> tuple[OpenDocument, Analysis, Lines, Place, Target] | None:
    """The open document at `position` with its last analysis that parsed, the place, and
    what the place names (a party, visit or rule id, a duration, a partial date, a rule)."""
    found = _at(ls, uri, position)
    if found is None:
        return None
    state, lines, column = found
    analysed = state.with_data
    place = place_at(lines, position.line, column)
    target = target_at(place)
    if analysed is None or target is None:
        return None
    return state, analysed, lines, place, target


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: VisitsServer, params: types.HoverParams) -> types.Hover | None:
    found = _target_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _state, analysed, lines, place, target = found
    text = hover_text(analysed, target)
    if text is None or place.token is None:
        return None
    token = place.token
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=types.Range(
            start=lines.position(place.line, token.start),
            end=lines.position(place.line, token.end),
        ),
    )


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=['"', "="])
)
def complete(ls: VisitsServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    state, lines, column = found
    data = state.with_data.document.data if state.with_data is not None else None
    place = place_at(lines, params.position.line, column)
    return types.CompletionList(is_incomplete=False, items=completions(place, lines, column, data))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def go_to_definition(ls: VisitsServer, params: types.DefinitionParams) -> types.Location | None:
    found = _target_at(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    state, analysed, lines, _place, target = found
    return definition(state.uri, analysed.document, Lines(analysed.text, lines.encoding), target)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def outline(
    ls: VisitsServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    state = ls.documents.get(params.text_document.uri)
    if state is None or state.with_data is None or not state.with_data.is_schedule:
        return None
    analysed = state.with_data
    encoding = ls.lines_of(state.uri).encoding
    return symbols(analysed.document, Lines(analysed.text, encoding))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: VisitsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    state = ls.documents.get(params.text_document.uri)
    if state is None:
        return []
    wanted = params.range
    actions = []
    for published in state.published:
        fix = published.fix
        if fix is None or not _overlaps(published.diagnostic.range, wanted):
            continue
        edit = types.TextEdit(range=fix.range, new_text=fix.text)
        actions.append(
            types.CodeAction(
                title=fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[published.diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={state.uri: [edit]}),
            )
        )
    return actions


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def serve() -> int:
    server.start_io()
    return 0

"""How soon `visits lsp` publishes diagnostics after a change to a 1,000-visit file.

    python -m benchmarks.lsp               # 1,000 visits, 2 other files in the folder, 20 edits
    python -m benchmarks.lsp --visits 5000 --edits 50

It generates seeded files (`benchmarks.generate`) in a temporary folder, starts the real server
over stdio, opens one file and makes edits as an editor sends them (incremental changes: one
visit's title typed into, one character at a time), each after the previous edit's diagnostics
arrived. It prints the median and the slowest time from sending a change to receiving its
diagnostics (the server's debounce included), against the 200 ms target, and for comparison
the time of one full `load_text` + check of the same text in this process.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

if __package__ in (None, ""):  # run as `python benchmarks/lsp.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate
from schedules.loader import load_text
from schedules.workspace import check_documents

TARGET_MS = 200.0
SEED = 1


class _Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("visits-benchmark", "1")
        self.arrived: dict[int, float] = {}
        self.event = asyncio.Event()


async def _measure(path: Path, edits: int) -> list[float]:
    client = _Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            client.arrived[params.version] = time.perf_counter()
            client.event.set()

    await client.start_io(sys.executable, "-m", "schedules.cli", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text)
        )
    )
    await _wait(client, 1)
    # type into the title of a visit in the middle of the file
    middle = text.index("[[visits]]", len(text) // 2)
    at = text.index('title = "', middle) + len('title = "')
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    times: list[float] = []
    for version in range(2, edits + 2):
        where = types.Position(line=line, character=column + version - 2)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=where, end=where), text="x"
        )
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        await _wait(client, version)
        times.append((client.arrived[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return times


async def _wait(client: _Client, version: int) -> None:
    while version not in client.arrived:
        client.event.clear()
        await asyncio.wait_for(client.event.wait(), 120)


def _full_check_ms(path: Path) -> float:
    text = path.read_text(encoding="utf-8")
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        check_documents([load_text(text, path.name)], dt.date.today())
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=1000, help="visits per file (1000)")
    parser.add_argument("--others", type=int, default=2, help="other files in the folder (2)")
    parser.add_argument("--edits", type=int, default=20, help="changes to time (20)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="visits-lsp-bench-") as folder:
        paths = generate(SEED, args.others + 1, args.visits, Path(folder))
        edited = paths[0]
        times = asyncio.run(_measure(edited, args.edits))
        full = _full_check_ms(edited)
    median, slowest = statistics.median(times), max(times)
    verdict = "PASS" if median <= TARGET_MS else "MISS"
    print(
        f"visits lsp: diagnostics after a change to a {args.visits:,}-visit file "
        f"({args.others} other files in its folder), {args.edits} edits:"
    )
    print(
        f"  median {median:.0f} ms, slowest {slowest:.0f} ms — target {TARGET_MS:.0f} ms: {verdict}"
    )
    print(
        f"  for comparison, one full load and check of that file here: {full:.0f} ms "
        f"(median ÷ full = {median / full:.2f})"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())

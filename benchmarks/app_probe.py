"""Time the app headless, in a process of its own: `benchmarks.run` starts it.

    python -m benchmarks.app_probe FILE AS_OF SPAWNED_AT

SPAWNED_AT is the parent's `time.time()` just before it started this process, so the first
figure includes the interpreter's start-up and the imports. Prints one JSON line:

- `first_screen`: seconds from SPAWNED_AT until the main screen has been drawn with the file
  read and its visits table filled as far as the screen shows (the app adds the rows below in
  chunks afterwards, and its checks come in after the first screen);
- `checks`: seconds from SPAWNED_AT until the file's first checks are shown;
- `all_rows`: seconds from SPAWNED_AT until every visit is in the table;
- `first_edit`: seconds from the first screen until a first edit made as soon as the file
  can be edited (a visit marked cancelled, through the screen's API) has been accepted;
- `recheck`: seconds from one edit made through the screen's API (`apply_edit`: a planned
  visit is marked postponed) until the new checks are in and the views refreshed;
- the CPU seconds of the process over the same spans (`*_cpu`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
import time
from collections.abc import Callable

POLL = 0.002
TIMEOUT = 120.0


async def probe(path: str, as_of: dt.date, spawned_at: float) -> dict[str, float]:
    from tui.app import VisitsApp
    from tui.screens.main import MainScreen
    from tui.widgets.visits_table import VisitsTable

    app = VisitsApp(path, as_of=as_of)  # as a planner starts it (following the disk)
    async with app.run_test(size=(160, 48)):

        async def until(condition: Callable[[], bool], what: str) -> None:
            deadline = time.monotonic() + TIMEOUT
            while not condition():
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the app did not get there in {TIMEOUT:.0f} s: {what}")
                await asyncio.sleep(POLL)

        def screen() -> MainScreen | None:
            return app.screen if isinstance(app.screen, MainScreen) else None

        def rows(everything: bool) -> bool:
            """The visits table shows its first screenful of rows (or all of them)."""
            main = screen()
            if main is None or not main.loaded or not main.files:
                return False
            schedule = main.files[0].schedule
            total = len(schedule.visits) if schedule is not None else 0
            table = main.query_one(VisitsTable).table
            visible = max(1, table.size.height - (1 if table.show_header else 0))
            return table.row_count >= max(1, total if everything else min(total, visible))

        checks_at: list[float] = []

        async def watch_checks() -> None:
            """When the first checks are shown (they come after the first screen)."""
            while (main := screen()) is None or main.checks is None:
                await asyncio.sleep(POLL)
            checks_at.append(time.time() - spawned_at)

        watching = asyncio.create_task(watch_checks())
        await until(lambda: rows(everything=False), "the visits table filled")
        drawn = asyncio.Event()
        app.screen.call_after_refresh(drawn.set)  # the rows are on screen once it is drawn
        await asyncio.wait_for(drawn.wait(), TIMEOUT)
        first_screen = time.time() - spawned_at
        first_cpu = time.process_time()
        main = screen()
        assert main is not None
        file = main.files[0]
        schedule = file.schedule
        assert schedule is not None
        first_visit = schedule.visits[0].id
        await until(lambda: file.editable is not None, "the file read for editing")
        if not main.apply_edit(
            file, lambda editable: editable.update_visit(first_visit, {"status": "cancelled"})
        ):
            raise RuntimeError("the first edit was refused")
        first_edit = time.time() - spawned_at - first_screen
        await asyncio.wait_for(watching, TIMEOUT)
        await until(lambda: rows(everything=True), "every visit in the table")
        all_rows = time.time() - spawned_at
        await until(lambda: not file.stale, "the checks after the first edit")
        visit = next(
            (v for v in reversed(schedule.visits) if v.status in ("planned", "confirmed")),
            schedule.visits[-1],
        )
        before = main.checks
        cpu = time.process_time()
        started = time.perf_counter()
        applied = main.apply_edit(
            file, lambda editable: editable.update_visit(visit.id, {"status": "postponed"})
        )
        if not applied:
            raise RuntimeError("the edit was refused")
        await until(
            lambda: main.checks is not before and not file.stale, "the checks after the edit"
        )
        recheck = time.perf_counter() - started
        recheck_cpu = time.process_time() - cpu
        changed = next(v for v in (file.schedule or schedule).visits if v.id == visit.id)
        if changed.status != "postponed":
            raise RuntimeError("the edit is not in the re-checked document")
    return {
        "first_screen": first_screen,
        "first_screen_cpu": first_cpu,
        "checks": checks_at[0],
        "all_rows": all_rows,
        "first_edit": first_edit,
        "recheck": recheck,
        "recheck_cpu": recheck_cpu,
    }


def main(argv: list[str]) -> int:
    path, as_of, spawned_at = argv[0], dt.date.fromisoformat(argv[1]), float(argv[2])
    figures = asyncio.run(probe(path, as_of, spawned_at))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

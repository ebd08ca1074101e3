"""The plan benchmark: `visits plan` over a ministry-wide repository (200 files × 30 visits)
as a ratio to `visits check` on the same files, measured in the same run.

    python -m benchmarks.plan              # 200 × 30, 5 runs each (medians)
    python -m benchmarks.plan --runs 9

`benchmarks.run` includes this figure. The home party is the one in the most files; the year
is the reference date's, as the generated files are.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/plan.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import REFERENCE_DATE
from benchmarks.run import AS_OF, DataSet, Timing, measure, prepare, seconds, visits_command

FILES, VISITS = 200, 30
TARGET = 1.5


def busiest_party(paths: Sequence[Path]) -> str:
    """The party id found in the most files: the office with the most partnerships."""
    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        with path.open("rb") as file:
            counts.update(list(tomllib.load(file)["parties"]))
    return counts.most_common(1)[0][0]


def measure_plan(data: DataSet, runs: int) -> tuple[Timing, Timing, str]:
    """(plan, check, home) timings of the two commands, interleaved run after run."""
    visits = visits_command()
    names = [str(p) for p in data.paths]
    home = busiest_party(data.paths)
    year = str(REFERENCE_DATE.year)
    timings = measure(
        {
            "plan": (
                [*visits, "plan", *names, "--home", home, "--year", year, "--as-of", AS_OF],
                (0,),
            ),
            "check": ([*visits, "check", *names, "--as-of", AS_OF], (0, 1)),
        },
        runs,
    )
    return timings["plan"], timings["check"], home


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.plan", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, help="generate into (and reuse) this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="visits-plan-bench-") as temporary:
        base = args.data or Path(temporary)
        data = prepare(base, FILES, VISITS, args.seed)
        plan, check, home = measure_plan(data, args.runs)
    ratio = plan.median / check.median
    verdict = "PASS" if ratio <= TARGET else "MISS"
    print(
        f"visits plan --home {home} ÷ visits check, {data.label} visits ({data.megabytes:.1f} MB): "
        f"{seconds(plan.median)} ÷ {seconds(check.median)} = {ratio:.2f} (target ≤ {TARGET}) "
        f"{verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

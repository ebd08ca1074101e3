"""The most a tiny file can ask of `visits check`: a monthly quota over 0001-01-01..9999-12-31
checked as of 9999-12-31 (120,000 ended months, each an error by SPEC), against checking one
realistic file of 1,000 visits in the same run.

    python -m benchmarks.quota_window [--runs 3] [--data /tmp/visits-bench]

Prints the medians (wall and CPU) and the ratio quota file ÷ 1,000-visit file per format.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.generate import REFERENCE_DATE
from benchmarks.run import measure, prepare, visits_command

QUOTA_FILE = """\
[partnership]
id = "all-of-time"
title = "A memorandum valid for the whole calendar"

[parties.a]
name = "A"

[parties.b]
name = "B"

[[agreements]]
id = "forever"
signed = 0001-01-01
valid_until = 9999-12-31

  [[agreements.rules]]
  id = "monthly"
  kind = "quota"
  visits = ["talks"]
  min = 1
  per = "month"
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, help="where to keep the generated file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.data or Path(scratch)
        quota = base / "quota-window.toml"
        base.mkdir(parents=True, exist_ok=True)
        quota.write_text(QUOTA_FILE, encoding="utf-8")
        realistic = prepare(base, 1, 1000, 1).paths[0]
        visits = visits_command()
        commands: dict[str, tuple[list[str], tuple[int, ...]]] = {}
        for output in ("text", "json"):
            commands[f"quota {output}"] = (
                [*visits, "check", str(quota), "--as-of", "9999-12-31", "--format", output],
                (1,),
            )
            commands[f"1,000 visits {output}"] = (
                [
                    *visits,
                    "check",
                    str(realistic),
                    "--as-of",
                    str(REFERENCE_DATE),
                    "--format",
                    output,
                ],
                (0, 1),
            )
        timings = measure(commands, args.runs)
    for name, timing in timings.items():
        print(f"{name:20} wall {timing.median:6.2f} s  cpu {timing.cpu_median:6.2f} s")
    for output in ("text", "json"):
        quota_cpu = timings[f"quota {output}"].cpu_median
        ratio = quota_cpu / timings[f"1,000 visits {output}"].cpu_median
        print(f"{output}: quota file ÷ 1,000-visit file (CPU) = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

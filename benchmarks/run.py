"""The "speed at scale" benchmark: `visits check` and the app against their targets.

    python -m benchmarks.run            # 20 × 1,000 and 200 × 30 visits, two generators
    python -m benchmarks.run --quick    # small sets, a quick look
    python -m benchmarks.run --runs 5   # more runs per figure (medians)

It generates seeded schedule files in a temporary folder (or `--data`) with two generators of
different shapes (`benchmarks.generate`: decades of small visits; `benchmarks.generate_dense`:
large delegations as inline tables with agenda tables and comments),
checks they have no input errors, then times every command as a subprocess with
`time.perf_counter` around `subprocess.run`, interpreter start-up included, interleaving the
commands run after run so that a busy machine slows them alike; it prints the medians, and each
ratio against its target with PASS or MISS.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import generate_dense
from benchmarks.generate import REFERENCE_DATE, generate
from schedules.codes import INPUT

Generator = Callable[[int, int, int, Path], list[Path]]
GENERATORS: dict[str, Generator] = {"history": generate, "dense": generate_dense.generate}
"""The data shapes: the project's generator, and one it was not tuned on."""

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schedules" / "schedule.schema.json"
EXAMPLE = ROOT / "examples" / "quang-tri-salavan.toml"
EXAMPLE_AS_OF = "2023-12-01"
AS_OF = REFERENCE_DATE.isoformat()
BIN = Path(sys.executable).parent
SEED = 1

TOMLLIB_PARSE = """\
import sys, tomllib
for path in sys.argv[1:]:
    with open(path, "rb") as file:
        tomllib.load(file)
"""

MAXRSS = """\
import os, sys
devnull = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=devnull)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
"""A tiny parent for one child, so the child's ru_maxrss is its own (a big parent's would
count: Linux carries the forking process's high-water mark across exec)."""

SPAWN_FLOOR = [sys.executable, "-I", "-S", "-c", "pass"]


@dataclass(frozen=True)
class Target:
    number: str
    what: str
    limit: float
    unit: str = ""

    def passes(self, value: float) -> bool:
        return value <= self.limit


TARGETS = {
    "tomllib": Target("1", "visits check ÷ tomllib parse", 1.0),
    "tomllib_many": Target("1", "visits check ÷ tomllib parse, many small files", 1.2),
    "jsonschema": Target("2", "visits check ÷ check-jsonschema", 0.33),
    "startup": Target("3", 'check one example ÷ python -c "import pydantic, tomllib"', 1.3),
    "memory": Target("4", "peak memory of visits check", 150.0, "MB"),
    "app_first": Target("5", "app: start → first screen", 1.5, "s"),
    "app_recheck": Target("5", "app: re-check after one edit", 0.200, "s"),
    "plan": Target("6", "visits plan ÷ visits check", 1.5),
    "app_first_edit": Target("7", "app: first screen → first edit accepted", 1.0, "s"),
    "app_examples": Target(
        "8", 'app on examples/: first screen ÷ python -c "import textual.app"', 2.0
    ),
}


@dataclass
class Timing:
    """The runs of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def spread(self) -> str:
        return f"{min(self.wall):.2f}–{max(self.wall):.2f}"


class CommandFailed(RuntimeError):
    pass


def run_timed(command: Sequence[str], ok: Sequence[int] = (0,)) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in ok:
        raise CommandFailed(
            f"{_shown(command)} exited {result.returncode}:\n"
            + result.stderr.decode(errors="replace")[-2000:]
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _shown(command: Sequence[str]) -> str:
    parts = [str(part) for part in command]
    if len(parts) > 8:
        parts = [*parts[:6], f"... ({len(parts) - 6} more)"]
    return " ".join(parts)


def measure(
    commands: dict[str, tuple[list[str], tuple[int, ...]]], runs: int, *, warm_up: bool = True
) -> dict[str, Timing]:
    """Run every command once to warm up (caches, bytecode), then `runs` times each,
    interleaved."""
    timings = {name: Timing() for name in commands}
    for command, ok in commands.values() if warm_up else ():
        run_timed(command, ok)
    for _ in range(runs):
        for name, (command, ok) in commands.items():
            wall, cpu = run_timed(command, ok)
            timings[name].wall.append(wall)
            timings[name].cpu.append(cpu)
    return timings


def peak_memory_mb(command: Sequence[str], runs: int) -> float:
    """The median peak resident set of `command`, in MB (ru_maxrss from a fresh parent)."""
    peaks = []
    for _ in range(max(1, runs)):
        out = subprocess.run(
            [sys.executable, "-I", "-S", "-c", MAXRSS, *command],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        if int(out[1]) not in (0, 1):
            raise CommandFailed(f"{_shown(command)} exited {out[1]}")
        peaks.append(int(out[0]) / 1024)  # ru_maxrss is in KiB on Linux
    return statistics.median(peaks)


def tool(name: str) -> str | None:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    return found


def visits_command() -> list[str]:
    found = tool("visits")
    return [found] if found else [sys.executable, "-m", "schedules.cli"]


def jsonschema_command() -> list[str] | None:
    found = tool("check-jsonschema")
    return [found] if found else None


# --- the data ------------------------------------------------------------------------------


@dataclass
class DataSet:
    files: int
    visits_per_file: int
    paths: list[Path]
    megabytes: float
    errors: int = 0
    warnings: int = 0
    waived: int = 0
    shape: str = "history"

    @property
    def label(self) -> str:
        shape = "" if self.shape == "history" else f" {self.shape}"
        return f"{self.files} × {self.visits_per_file:,}{shape}"

    @property
    def visits(self) -> int:
        return self.files * self.visits_per_file


def prepare(base: Path, files: int, visits: int, seed: int, shape: str = "history") -> DataSet:
    """Generate (or reuse, when `base` already holds this set) and verify one data set of one
    of the `GENERATORS`' shapes."""
    folder = base / f"{files}x{visits}-seed{seed}{'' if shape == 'history' else '-' + shape}"
    manifest = folder / "manifest.json"
    paths: list[Path]
    if manifest.is_file():
        paths = [folder / p for p in json.loads(manifest.read_text())]
    else:
        if folder.exists():
            shutil.rmtree(folder)
        started = time.perf_counter()
        paths = GENERATORS[shape](seed, files, visits, folder)
        manifest.write_text(json.dumps([str(p.relative_to(folder)) for p in paths]))
        print(
            f"  generated {files} × {visits:,} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    data = DataSet(files, visits, paths, sum(p.stat().st_size for p in paths) / 1e6, shape=shape)
    verify(data)
    return data


def verify(data: DataSet) -> None:
    """The generated files must be valid: `visits check` reports no input errors."""
    result = subprocess.run(
        [*visits_command(), "check", *map(str, data.paths), "--as-of", AS_OF, "--format", "json"],
        capture_output=True,
        check=False,
    )
    report = json.loads(result.stdout)
    bad = [d for d in report["diagnostics"] if d["code"] in INPUT]
    if bad or result.returncode not in (0, 1):
        shown = "\n".join(f"{d['path']}:{d['line']}: {d['message']}" for d in bad[:10])
        raise CommandFailed(
            f"generated files have input errors (exit {result.returncode}):\n{shown}"
        )
    summary = report["summary"]
    data.errors, data.warnings, data.waived = (
        summary["errors"],
        summary["warnings"],
        summary["waived"],
    )


# --- the app -------------------------------------------------------------------------------


def measure_app_examples(runs: int) -> tuple[Timing, Timing] | str:
    """(the app's start → first screen on `examples/`, `python -c "import textual.app"`),
    interleaved run by run."""
    if not (ROOT / "tui" / "app.py").is_file():
        return "tui/app.py is not there yet"
    app, textual = Timing(), Timing()
    probe = [sys.executable, "-m", "benchmarks.app_probe", str(ROOT / "examples"), EXAMPLE_AS_OF]
    imports = [sys.executable, "-c", "import textual.app"]
    run_timed(imports)  # warm-up, both: a first run reads the files from disk
    subprocess.run([*probe, repr(time.time())], capture_output=True, check=False, cwd=ROOT)
    for _ in range(runs):
        started = time.time()
        result = subprocess.run(
            [*probe, repr(started)], capture_output=True, text=True, check=False, cwd=ROOT
        )
        if result.returncode != 0:
            return "the app probe failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        app.wall.append(figures["first_screen"])
        app.cpu.append(figures["first_screen_cpu"])
        wall, cpu = run_timed(imports)
        textual.wall.append(wall)
        textual.cpu.append(cpu)
    return app, textual


def measure_app(path: Path, runs: int) -> tuple[Timing, Timing, Timing, Timing, Timing] | str:
    """(start → first screen, re-check after one edit, start → every row in the table, first
    screen → first edit accepted, start → first checks shown), or why it could not be
    measured."""
    if not (ROOT / "tui" / "app.py").is_file():
        return "tui/app.py is not there yet"
    first, recheck, all_rows, first_edit, checks = (Timing() for _ in range(5))
    command = [sys.executable, "-m", "benchmarks.app_probe", str(path), AS_OF]
    subprocess.run([sys.executable, "-c", "import tui.app"], cwd=ROOT, check=False)  # warm-up
    for _ in range(runs):
        started = time.time()
        result = subprocess.run(
            [*command, repr(started)], capture_output=True, text=True, check=False, cwd=ROOT
        )
        if result.returncode != 0:
            return "the app probe failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        first.wall.append(figures["first_screen"])
        first.cpu.append(figures["first_screen_cpu"])
        recheck.wall.append(figures["recheck"])
        recheck.cpu.append(figures["recheck_cpu"])
        all_rows.wall.append(figures["all_rows"])
        all_rows.cpu.append(0.0)
        first_edit.wall.append(figures["first_edit"])
        first_edit.cpu.append(0.0)
        checks.wall.append(figures["checks"])
        checks.cpu.append(0.0)
    return first, recheck, all_rows, first_edit, checks


# --- the report ----------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"machine: {model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average {load:.2f} at start"
    )


@dataclass
class Row:
    target: Target
    subject: str
    value: float | None
    shown: str

    def line(self) -> str:
        limit = (
            f"≤ {_number(self.target.limit)}{' ' + self.target.unit if self.target.unit else ''}"
        )
        verdict = (
            "n/a" if self.value is None else ("PASS" if self.target.passes(self.value) else "MISS")
        )
        what = f"{self.target.what} ({self.subject})" if self.subject else self.target.what
        return f"{self.target.number:>2}  {what:<66} {self.shown:>22}  {limit:>10}  {verdict}"


def _number(value: float) -> str:
    return f"{value:g}"


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small data sets (a quick look)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--data", type=Path, help="generate into (and reuse) this folder instead of a temporary one"
    )
    parser.add_argument("--no-app", action="store_true", help="skip the app figures (5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    sizes = [(5, 200), (20, 30)] if args.quick else [(20, 1000), (200, 30)]
    memory_size = sizes[0]
    app_visits = 1000 if args.quick else 5000

    print(
        f"visits benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}: seed {args.seed}, "
        f"{args.runs} runs per figure (medians), --as-of {AS_OF}"
        + (" — QUICK: small sets, not the targets' sizes" if args.quick else "")
    )
    print(machine())
    print()

    # as an installed copy is: byte-compiled (PYTHONDONTWRITEBYTECODE would leave it compiling
    # every module at every start)
    for package in ("schedules", "tui", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)

    temporary = None
    if args.data is None:
        temporary = tempfile.TemporaryDirectory(prefix="visits-bench-")
        base = Path(temporary.name)
    else:
        base = args.data
        base.mkdir(parents=True, exist_ok=True)
    try:
        return _run(args, base, sizes, memory_size, app_visits)
    except CommandFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if temporary is not None:
            temporary.cleanup()


def _run(
    args: argparse.Namespace,
    base: Path,
    sizes: list[tuple[int, int]],
    memory_size: tuple[int, int],
    app_visits: int,
) -> int:
    """`sizes[0]` is the few-large-files size, `sizes[1]` the many-small-files one."""
    visits = visits_command()
    jsonschema = jsonschema_command()
    rows: list[Row] = []
    lines: list[str] = []
    notes: list[str] = []
    sets: dict[tuple[str, int, int], DataSet] = {}

    header = (
        f"{'data set':<14} {'files':>5} {'visits':>8} {'MB':>7}  {'errors/warnings/waived':>30}  "
        f"{'visits check':>13} {'tomllib':>13} {'check-jsonschema':>17}"
    )
    for shape, (files, per_file) in [(shape, size) for shape in GENERATORS for size in sizes]:
        print(f"measuring {files} × {per_file:,} ({shape})…", file=sys.stderr)
        data = prepare(base, files, per_file, args.seed, shape)
        sets[(shape, files, per_file)] = data
        names = [str(p) for p in data.paths]
        commands: dict[str, tuple[list[str], tuple[int, ...]]] = {
            "check": ([*visits, "check", *names, "--as-of", AS_OF], (0, 1)),
            "tomllib": ([sys.executable, "-c", TOMLLIB_PARSE, *names], (0,)),
        }
        if jsonschema is not None and SCHEMA.is_file() and shape == "history":
            commands["jsonschema"] = (
                [*jsonschema, "--schemafile", str(SCHEMA), *names],
                (0,),
            )
        # later sets were just written (in the page cache), and the interpreters' bytecode
        # caches are warm after the first set
        timings = measure(commands, args.runs, warm_up=len(sets) == 1)
        check, parse = timings["check"], timings["tomllib"]
        schema = timings.get("jsonschema")
        diagnostics = f"{data.errors:,}/{data.warnings:,}/{data.waived:,}"
        lines.append(
            f"{data.label:<14} {data.files:>5} {data.visits:>8,} {data.megabytes:>7.1f}  "
            f"{diagnostics:>30}  {seconds(check.median):>13} {seconds(parse.median):>13} "
            f"{seconds(schema.median) if schema else 'n/a':>17}"
        )
        lines.append(
            f"{'  (CPU time)':<14} {'':>5} {'':>8} {'':>7}  {'':>30}  "
            f"{seconds(check.cpu_median):>13} {seconds(parse.cpu_median):>13} "
            f"{seconds(schema.cpu_median) if schema else '':>17}"
        )
        ratio = check.median / parse.median
        target = TARGETS["tomllib" if (files, per_file) == sizes[0] else "tomllib_many"]
        rows.append(Row(target, data.label, ratio, f"{ratio:.2f}"))
        if schema is not None:
            ratio = check.median / schema.median
            rows.append(Row(TARGETS["jsonschema"], data.label, ratio, f"{ratio:.2f}"))
        else:
            if shape == "history":
                why = "not installed" if jsonschema is None else f"no {SCHEMA.relative_to(ROOT)}"
                rows.append(Row(TARGETS["jsonschema"], data.label, None, why))

    print("measuring start-up…", file=sys.stderr)
    startup = measure(
        {
            "check": (
                [*visits, "check", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF],
                (0, 1),
            ),
            "imports": ([sys.executable, "-c", "import pydantic, tomllib"], (0,)),
        },
        3 * max(args.runs, 5),  # each run is short, and varies by a quarter run to run
    )
    ratio = startup["check"].median / startup["imports"].median
    rows.append(
        Row(
            TARGETS["startup"],
            "",
            ratio,
            f"{seconds(startup['check'].median)} ÷ {seconds(startup['imports'].median)} "
            f"= {ratio:.2f}",
        )
    )

    print("measuring peak memory…", file=sys.stderr)
    data = sets[("history", *memory_size)]
    peak = peak_memory_mb(
        [*visits, "check", *map(str, data.paths), "--as-of", AS_OF], min(args.runs, 3)
    )
    floor = peak_memory_mb(SPAWN_FLOOR, 1)
    rows.append(Row(TARGETS["memory"], f"{data.visits:,} visits", peak, f"{peak:.0f} MB"))
    notes.append(
        f"peak memory is the ru_maxrss of the check process, started by a small fresh parent "
        f"(the same way, `python -c pass` peaks at {floor:.0f} MB)"
    )

    print("measuring visits plan…", file=sys.stderr)
    from benchmarks.plan import FILES, VISITS, measure_plan

    plan_data = prepare(base, FILES, VISITS, args.seed)
    plan, plan_check, _ = measure_plan(plan_data, args.runs)
    ratio = plan.median / plan_check.median
    shown = f"{seconds(plan.median)} ÷ {seconds(plan_check.median)} = {ratio:.2f}"
    rows.append(Row(TARGETS["plan"], plan_data.label, ratio, shown))

    if not args.no_app:
        print("measuring the app…", file=sys.stderr)
        app_data = prepare(base, 1, app_visits, args.seed)
        app = measure_app(app_data.paths[0], args.runs)
        subject = f"{app_visits:,} visits"
        if isinstance(app, str):
            rows.append(Row(TARGETS["app_first"], subject, None, "n/a"))
            rows.append(Row(TARGETS["app_recheck"], subject, None, "n/a"))
            rows.append(Row(TARGETS["app_first_edit"], subject, None, "n/a"))
            notes.append(f"app figures: {app}")
        else:
            first, recheck, all_rows, first_edit, checks = app
            rows.append(Row(TARGETS["app_first"], subject, first.median, seconds(first.median)))
            rows.append(
                Row(
                    TARGETS["app_first_edit"],
                    subject,
                    first_edit.median,
                    seconds(first_edit.median),
                )
            )
            rows.append(
                Row(TARGETS["app_recheck"], subject, recheck.median, seconds(recheck.median))
            )
            notes.append(
                "app, headless (App.run_test): first screen = process start until the file is "
                "read and the screen drawn with a screenful of its visits (the first checks: "
                f"{seconds(checks.median)}; every row: {seconds(all_rows.median)}); "
                "re-check = one edit through the screen's API "
                "(apply_edit) until the new checks are shown (CPU: first screen "
                f"{seconds(first.cpu_median)}, re-check {seconds(recheck.cpu_median)})"
            )

        # three times the runs: each takes about a second, and varies by a quarter run to run
        examples = measure_app_examples(3 * max(args.runs, 3))
        if isinstance(examples, str):
            rows.append(Row(TARGETS["app_examples"], "", None, "n/a"))
            notes.append(f"app on the examples: {examples}")
        else:
            on_examples, textual = examples
            ratio = on_examples.median / textual.median
            rows.append(
                Row(
                    TARGETS["app_examples"],
                    "",
                    ratio,
                    f"{seconds(on_examples.median)} ÷ {seconds(textual.median)} = {ratio:.2f}",
                )
            )

    print(header)
    for line in lines:
        print(line)
    print()
    print(f"{'#':>2}  {'measure':<66} {'figure':>22}  {'target':>10}  result")
    for row in sorted(rows, key=lambda row: row.target.number):
        print(row.line())
    print()
    for note in notes:
        print(f"note: {note}")
    measured = [row for row in rows if row.value is not None]
    met = sum(1 for row in measured if row.value is not None and row.target.passes(row.value))
    print(f"{met} of {len(measured)} measured figures meet their target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

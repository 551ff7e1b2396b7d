"""The issue-5 benchmark: one command, prints a markdown table of medians and ratios.

    pip install -e . && python bench/run.py            # 5 repeats (default)
    python bench/run.py --repeats 3 --sizes 1000,10000 # quicker

Every case runs as a fresh subprocess, interleaved with its reference (case,
reference, case, reference, …) so that machine noise hits both alike. Peak
memory is the child's max RSS (resource.getrusage RUSAGE_CHILDREN, per run).
The govopen cache lives in a temporary folder: "nothing cached" cases run
with GOVOPEN_NO_CACHE=1, the "repeated" case warms the cache once first.
The collection case (2,000 tables of 50 tasks built from the shipped table, one shared
units.yaml) measures a cold `validate` of the folder, a repeated query, and a query after
one file was edited (only that file is read again). A cached query is also set beside
its floor (bench/floor.py: read the file, hash it, unpickle its cache entry);
`--warm-only` runs just those.
The package is byte-compiled first, as pip does when it installs a wheel (the
reference's typer is): otherwise an editable install run with
PYTHONDONTWRITEBYTECODE would compile our sources again at every run.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
LOAD = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
FLOOR = "import gc; gc.disable(); " + LOAD
REWRITE_JSON = (
    "import json, sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1], 'rb')),"
    " ensure_ascii=False))"
)
"""What an answer's size alone costs: its JSON parsed and written again by the C encoder."""
"""The real parse floor: libyaml with Python's cyclic GC off (issue 13)."""
LOAD_FOLDER = (
    "import sys, glob, yaml; [yaml.load(open(p, 'rb'), Loader=yaml.CSafeLoader)"
    " for p in sorted(glob.glob(sys.argv[1] + '/*.yaml'))]"
)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    """Wall time (s), peak RSS (KiB) and CPU time (s) of one subprocess run; output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def interleave(
    case: list[str],
    ref: list[str],
    env: dict[str, str],
    repeats: int,
    before: Callable[[], None] | None = None,
) -> tuple[float, float, int, float, float]:
    """Median times of case and reference, run alternately, the case's peak RSS, CPU ratio
    and the case's median CPU time (user + system: what a loaded machine shakes least).

    The CPU ratio (median CPU time of the case over the reference's) is less shaken than
    wall time when other work shares the machine.

    `before` runs ahead of every run of the case (untimed), e.g. to empty a cache.
    """
    case_times, ref_times, case_cpu, ref_cpu, peak = [], [], [], [], 0
    for _ in range(repeats):
        if before is not None:
            before()
        t, rss, cpu = run_once(case, env)
        case_times.append(t)
        case_cpu.append(cpu)
        peak = max(peak, rss)
        t, _, cpu = run_once(ref, env)
        ref_times.append(t)
        ref_cpu.append(cpu)
    cpu_ratio = statistics.median(case_cpu) / max(statistics.median(ref_cpu), 1e-9)
    return (
        statistics.median(case_times),
        statistics.median(ref_times),
        peak,
        cpu_ratio,
        statistics.median(case_cpu),
    )


START_UP_REPEATS = 21
"""Start-up runs take a fifth of a second: many of them steady the median on a shared machine."""
SCRIPT = Path(PY).with_name("govopen")
"""The installed console script, what a user runs (else `python -m govopen_cli`)."""


def govopen(*args: str) -> list[str]:
    if SCRIPT.is_file():
        return [str(SCRIPT), *args]
    return [PY, "-m", "govopen_cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="task counts, comma-separated")
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="only the cached queries and the collection (for a loaded machine)",
    )
    parser.add_argument(
        "--collection",
        default="2000x50",
        help="documents x tasks of the collection case (default 2000x50; 0 to skip)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    import govopen_cli

    compileall.compile_dir(Path(govopen_cli.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory(prefix="govopen-bench-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"), COLUMNS="100")
        env.pop("GOVOPEN_DATA", None)
        cold = dict(env, GOVOPEN_NO_CACHE="1")
        files = {}
        for size in sizes:
            files[size] = folder / f"tasks-{size}.yaml"
            # in a child, so that this process stays small (its RSS would be inherited)
            subprocess.run([PY, str(HERE / "generate.py"), str(size), files[size]], check=True)
        shipped = str(ROOT / "data" / "tasks.yaml")

        rows: list[tuple[str, str, float, float, float, float, str, str]] = []

        def add(
            name: str,
            ref_name: str,
            case: list[str],
            ref: list[str],
            e: dict[str, str],
            target: str,
            before: Callable[[], None] | None = None,
            repeats: int | None = None,
        ) -> tuple[float, float, int]:
            runs = repeats or args.repeats
            c, r, peak, cpu, case_cpu = interleave(case, ref, e, runs, before)
            rows.append((name, ref_name, c, r, cpu, case_cpu, f"{peak / 1024:.0f} MiB", target))
            print(f"  … {name}: {c:.3f} s vs {r:.3f} s (CPU {cpu:.2f}×)", file=sys.stderr)
            return c, r, peak

        startup = govopen("due", "--before", "2022-06-30", "--data", shipped)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(startup, env=env, check=True, **quiet)  # warm the cache
        minimal = [PY, str(HERE / "minimal_app.py"), "hello"]
        full = add
        if args.warm_only:

            def add(*_: Any, **__: Any) -> tuple[float, float, int]:  # skipped
                return 0.0, 1.0, 0

        add(
            "`due --before 2022-06-30` (shipped file, a rich table)",
            "minimal Typer app printing a rich table",
            startup,
            minimal,
            env,
            "≤ 1.15×",
            repeats=START_UP_REPEATS,
        )
        # a Tab: the shell runs govopen with the command line in the environment
        tab = dict(
            env,
            _GOVOPEN_COMPLETE="complete_bash",
            COMP_WORDS=f"govopen show --data {shipped} ",
            COMP_CWORD="4",
        )
        c, r, _ = add(
            "Tab completion of `show` (task ids, cached)",
            "minimal Typer app printing a rich table",
            govopen(),
            minimal,
            tab,
            "< 0.1 s over the reference",
            repeats=START_UP_REPEATS,
        )
        completion_extra = c - r
        validate_times: dict[int, float] = {}
        for size in sizes:
            path = str(files[size])
            c, _, _ = add(
                f"`validate` {size:,} tasks, nothing cached",
                "yaml.load CSafeLoader",
                govopen("validate", path),
                [PY, "-c", LOAD, path],
                cold,
                "≤ 1.3×" if size >= 10_000 else "— (start-up bound)",
            )
            validate_times[size] = c
            if size >= 100_000:
                add(
                    f"`validate` {size:,} tasks, nothing cached",
                    "parse floor: yaml.load CSafeLoader, GC off",
                    govopen("validate", path),
                    [PY, "-c", FLOOR, path],
                    cold,
                    "≤ 1.3×",
                )
        big = max(sizes)
        repeated_target = "≤ 0.1×, < 1 s" if big >= 100_000 else "— (target at 100k)"
        path = str(files[big])
        query = govopen("due", "--before", "2022-06-30", "--data", path, "-f", "json")
        first_cache = folder / "first-cache"
        add(
            f"`due --before 2022-06-30 -f json` first time (validates, fills the cache), "
            f"{big:,} tasks",
            "yaml.load CSafeLoader",
            query,
            [PY, "-c", LOAD, path],
            dict(env, XDG_CACHE_HOME=str(first_cache)),
            "peak ≤ 1 GiB" if big >= 100_000 else "— (target at 100k)",
            before=lambda: shutil.rmtree(first_cache, ignore_errors=True),
        )
        subprocess.run(query, env=env, check=True, **quiet)  # warm the cache
        add = full
        add(
            f"`due --before 2022-06-30 -f json` repeated, unchanged {big:,} tasks",
            "yaml.load CSafeLoader",
            query,
            [PY, "-c", LOAD, path],
            env,
            repeated_target,
        )
        add(
            f"`show {big - 1} -f json` repeated, unchanged {big:,} tasks",
            "yaml.load CSafeLoader",
            govopen("show", str(big - 1), "--data", path, "-f", "json"),
            [PY, "-c", LOAD, path],
            env,
            repeated_target,
        )
        floor = [PY, str(HERE / "floor.py"), path]
        floor_target = "≤ 1.5×" if big >= 100_000 else "— (target at 100k)"
        add(
            f"`due --before 2022-06-30 -f json` repeated, unchanged {big:,} tasks",
            "floor: read + hash + unpickle",
            query,
            floor,
            env,
            floor_target,
        )
        add(
            f"`show {big - 1} -f json` repeated, unchanged {big:,} tasks",
            "floor: read + hash + unpickle",
            govopen("show", str(big - 1), "--data", path, "-f", "json"),
            floor,
            env,
            floor_target,
        )
        if args.collection not in ("", "0"):
            docs, per_doc = (int(n) for n in args.collection.split("x"))
            collection_cases(add, folder, env, cold, docs, per_doc)

    cpu = platform.processor() or platform.machine()
    print(
        f"Run {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
        f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"median of {args.repeats} runs each.\n"
    )
    print(
        "| case | reference | case (s) | reference (s) | ratio | CPU ratio | case CPU (s) "
        "| peak RSS | target |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for name, ref_name, c, r, cpu, case_cpu, peak, target in rows:
        print(
            f"| {name} | {ref_name} | {c:.3f} | {r:.3f} | {c / r:.2f}× | {cpu:.2f}× "
            f"| {case_cpu:.3f} | {peak} | {target} |"
        )
    if not args.warm_only:
        print(
            f"\nTab completion: {completion_extra * 1000:.0f} ms more than the reference "
            "(Python, typer and rich alone), in wall time."
        )
    if validate_times.get(10_000) and validate_times.get(100_000):
        growth = validate_times[100_000] / validate_times[10_000]
        print(f"\nGrowth of `validate` time 10k → 100k: {growth:.1f}× (target ≤ 12×).")


def collection_cases(
    add: Callable[..., tuple[float, float, int]],
    folder: Path,
    env: dict[str, str],
    cold: dict[str, str],
    docs: int,
    per_doc: int,
) -> None:
    """A province's collection: `docs` tables of `per_doc` tasks in a folder, one units.yaml."""
    tables = folder / "collection"
    subprocess.run(
        [PY, str(HERE / "generate.py"), "--collection", str(docs), str(per_doc), tables],
        check=True,
    )
    size = f"{docs:,} × {per_doc} tasks"
    load = [PY, "-c", LOAD_FOLDER, str(tables)]
    add(
        f"`validate` a collection of {size}, nothing cached",
        "yaml.load CSafeLoader, every file",
        govopen("validate", str(tables)),
        load,
        cold,
        "≤ 1.3× (reader's floor work)",
    )
    query = govopen("due", "--before", "2022-06-30", "--data", str(tables), "-f", "json")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(query, env=env, check=True, **quiet)  # fill the cache
    add(
        f"`due --before 2022-06-30 -f json` repeated, unchanged collection of {size} "
        "(every table's first half-year: 15 rows a table)",
        "yaml.load CSafeLoader, every file",
        query,
        load,
        env,
        "< 0.5 s, peak ≤ 1 GiB",
    )
    # a clerk's question: what one office owes in the next 30 days (a row per table)
    weekly = govopen(
        "due", "--unit", "市政务服务管理局", "--as-of", "2022-06-01", "--within", "30",
        "--data", str(tables), "-f", "json",
    )  # fmt: skip
    subprocess.run(weekly, env=env, check=True, **quiet)
    add(
        f"`due --unit 市政务服务管理局 --as-of 2022-06-01 --within 30 -f json` repeated, "
        f"collection of {size} ({docs:,} rows)",
        "yaml.load CSafeLoader, every file",
        weekly,
        load,
        env,
        "< 0.5 s, peak ≤ 1 GiB",
    )
    edited = tables / "doc-0001.yaml"
    edits = iter(range(1, 1_000_000))

    def edit_one() -> None:
        with edited.open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {next(edits)}\n")

    add(
        f"`due --before 2022-06-30 -f json` after editing one file of {size}",
        "yaml.load CSafeLoader, every file",
        query,
        load,
        env,
        "< 1 s, peak ≤ 1 GiB",
        before=edit_one,
    )
    add(
        f"the clerk's question after editing one file of {size}",
        "yaml.load CSafeLoader, every file",
        weekly,
        load,
        env,
        "< 1 s, peak ≤ 1 GiB",
        before=edit_one,
    )
    # how much of the half-year answer is only its size: 14 MB of JSON, parsed and written
    # again by Python's C encoder (no indent), with nothing asked
    answer = folder / "answer.json"
    with answer.open("wb") as handle:
        subprocess.run(query, env=env, check=True, stdout=handle, stderr=subprocess.DEVNULL)
    add(
        f"`due --before 2022-06-30 -f json` repeated, unchanged collection of {size}",
        "output floor: the same answer read and written by `json` (C encoder)",
        query,
        [PY, "-c", REWRITE_JSON, str(answer)],
        env,
        "— (shows what the answer's size costs)",
    )


if __name__ == "__main__":
    main()

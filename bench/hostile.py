"""Hostile task files at full size: each must be answered in ≤ 10 s and ≤ 512 MiB, exit 1.

    python bench/hostile.py                 # every case, `validate` and `list --data`
    python bench/hostile.py flow-16mb dup   # only the cases whose name contains a word

Each case is generated in a temporary folder (nothing large is checked in) and run
as a fresh subprocess with the cache off; prints a markdown table: wall time, peak
RSS (the child's max RSS), exit code, number of messages and the first message.
The figures belong here, not in timed tests (tests assert the messages and codes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
MINIMAL = (ROOT / "tests" / "corpus" / "valid-minimal.yaml").read_text(encoding="utf-8")
HEAD = MINIMAL.split("tasks:")[0] + "tasks:\n"
TASK = (
    "  - id: {i}\n    section: 一\n    text: 任务\n    schedule: 长期坚持\n"
    "    units: 东坡区人民政府\n"
)


def write(path: Path, parts: Callable[[], list[str]]) -> None:
    path.write_text("".join(parts()), encoding="utf-8")


CASES: dict[str, Callable[[Path], object]] = {
    "flow-16mb": lambda p: p.write_bytes(b"tasks: [" + b"1," * 8_000_000 + b"1]\n"),
    "flow-50mb": lambda p: p.write_bytes(b"tasks: [" + b"1," * 25_000_000 + b"1]\n"),
    "flow-120mb": lambda p: p.write_bytes(b"[" + b"1," * 60_000_000 + b"1]\n"),
    "empty-maps-120mb": lambda p: p.write_bytes(b"tasks: [" + b"{}," * 40_000_000 + b"{}]\n"),
    "dup-keys-1m": lambda p: write(p, lambda: ["a: 1\n"] * 1_000_000),
    "dup-keys-spread": lambda p: write(
        p, lambda: [f"- {{a: {i}, a: 1}}\n" for i in range(1_000_000)]
    ),
    "unknown-keys-40k-one-task": lambda p: write(
        p, lambda: [HEAD, TASK.format(i=1), *(f"    k{i}: 1\n" for i in range(40_000))]
    ),
    "unknown-keys-1m-one-task": lambda p: write(
        p, lambda: [HEAD, TASK.format(i=1), *(f"    k{i}: 1\n" for i in range(1_000_000))]
    ),
    "unknown-key-per-task-100k": lambda p: write(
        p, lambda: [HEAD, *(TASK.format(i=i) + f"    k{i}: 1\n" for i in range(1, 100_001))]
    ),
    "empty-tasks-1m": lambda p: write(p, lambda: [HEAD, *(["  - {}\n"] * 1_000_000)]),
    "long-values-120mb": lambda p: write(
        p,
        lambda: [HEAD, *(TASK.format(i=i).replace("任务", "长" * 400_000) for i in range(1, 101))],
    ),
    "unknown-units-100k": lambda p: write(
        p,
        lambda: [
            HEAD.replace(
                "units:\n",
                "units:\n"
                + "".join(f"  - name: 单位{i}\n    kind: department\n" for i in range(10_000)),
            ),
            *(
                TASK.format(i=i).replace("东坡区人民政府", f"未知单位{i}")
                for i in range(1, 100_001)
            ),
        ],
    ),
    "flow-just-under-budget": lambda p: p.write_bytes(b"tasks: [" + b"1," * 2_499_000 + b"1]\n"),
    "dates-flow-27mb": lambda p: p.write_bytes(
        b"tasks: ["
        + b",".join(
            f"{2000 + i % 900}-{1 + i % 12:02}-{1 + i % 28:02}".encode() for i in range(2_500_000)
        )
        + b"]\n"
    ),
    "times-flow-80mb": lambda p: p.write_bytes(
        b"tasks: ["
        + b",".join(f"2001-12-14t21:59:43.{i:06}-05:00".encode() for i in range(2_500_000))
        + b"]\n"
    ),
    "words-flow-t": lambda p: p.write_bytes(
        b"tasks: [" + b",".join(f"t{i}".encode() for i in range(2_500_000)) + b"]\n"
    ),
    "aliases-flow": lambda p: p.write_bytes(b"a: &a x\nb: [" + b"*a," * 3_000_000 + b"*a]\n"),
    "anchors-flow": lambda p: p.write_bytes(
        b"tasks: [" + b",".join(f"&a{i} x".encode() for i in range(2_500_000)) + b"]\n"
    ),
    "deep-flow": lambda p: p.write_bytes(b"a: " + b"[" * 10_000_000 + b"]" * 10_000_000 + b"\n"),
    "alias-bomb": lambda p: write(
        p,
        lambda: [
            'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
            *(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10)),
        ],
    ),
    "too-large-129mb": lambda p: p.write_bytes(b"# " + b"x" * (129 << 20) + b"\n"),
}


def run(
    argv: list[str], env: dict[str, str], folder: Path
) -> tuple[float, float, int, int, list[str]]:
    """Wall and CPU time, peak RSS (KiB), exit code and messages of one run (killed at 120 s).

    CPU time (user + system) is printed too: on a busy machine it says more than wall time.
    """
    out_path, err_path = folder / "out", folder / "err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        timer = threading.Timer(120, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        elapsed = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    error = err_path.read_text("utf-8", "replace")
    size = out_path.stat().st_size
    if size > 8 << 20:  # a big answer (a valid file listed) is not read here: this process
        # must stay small, as a child started from it counts this process's peak as its own
        return elapsed, cpu, usage.ru_maxrss, code, [f"（输出 {size / 1e6:.0f} MB，未读入）"]
    text = out_path.read_text("utf-8", "replace")
    try:
        rows = json.loads(text) if text.strip() else []
        messages = [str(row.get("message", row)) for row in rows]
    except (json.JSONDecodeError, TypeError, AttributeError):
        messages = [text.strip().splitlines()[-1]]
    if not messages and error.strip():
        messages = error.strip().splitlines()[-1:]
    return elapsed, cpu, usage.ru_maxrss, code, messages


def main() -> None:
    words = sys.argv[1:]
    chosen = [name for name in CASES if not words or any(w in name for w in words)]
    print("| case | command | wall (s) | CPU (s) | peak RSS | exit | messages | first message |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="govopen-hostile-") as tmp:
        env = dict(os.environ, GOVOPEN_NO_CACHE="1", XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        for name in chosen:
            path = Path(tmp) / f"{name}.yaml"
            # made in a child, so that this process stays small (its RSS would be inherited)
            make = f"import hostile, pathlib; hostile.CASES[{name!r}](pathlib.Path({str(path)!r}))"
            subprocess.run([PY, "-c", make], cwd=HERE, check=True)
            for command in (
                ["validate", "--format", "json", str(path)],
                ["list", "--format", "json", "--data", str(path)],
            ):
                elapsed, cpu, rss, code, messages = run(
                    [PY, "-m", "govopen_cli", *command], env, Path(tmp)
                )
                first = (messages[0] if messages else "")[:70].replace("|", "\\|")
                size = path.stat().st_size / 1e6
                print(
                    f"| {name} ({size:.0f} MB) | {command[0]} | {elapsed:.2f} | {cpu:.2f} | "
                    f"{rss / 1024:.0f} MiB | {code} | {len(messages)} | {first} |",
                    flush=True,
                )
            path.unlink()


if __name__ == "__main__":
    main()

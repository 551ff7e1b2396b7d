"""Bounded on every input: each limit of `files/limits.py` refuses a hostile file as it is read.

The hostile files are made here (small: the limits are lowered for the test where a
full-size file would be slow to write); `bench/hostile.py` runs full-size ones and
measures time and memory. Lines and columns were counted by hand from the text
each test writes (`valid-minimal.yaml`: tasks start at line 14, six lines each
when written by `task()` below).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govopen_cli.checks import validate as checking
from govopen_cli.cli.app import app
from govopen_cli.files import limits
from govopen_cli.files import yaml_reader as reading

CORPUS = Path(__file__).parent / "corpus"
BASE = (CORPUS / "valid-minimal.yaml").read_text(encoding="utf-8")
HEAD = BASE.split("  - id: 1")[0]  # 13 lines, ending with "tasks:"


def task(i: int, extra: str = "") -> str:
    """Six lines (five without `extra`): a valid task numbered i."""
    return (
        f"  - id: {i}\n    section: 一\n    text: 任务\n    schedule: 长期坚持\n"
        f"    units: 东坡区人民政府，市政务服务管理局加强指导\n{extra}"
    )


def validate(path: Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "tasks.yaml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def places(problems: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(p["rule"], p["line"], p["column"]) for p in problems]


# --- files that are not files: refused before they are opened for reading ------------------


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real program in a subprocess: a FIFO that blocked would hang the test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVOPEN_")}
    env["XDG_CACHE_HOME"] = str(cwd / "cache")
    return subprocess.run(
        [sys.executable, "-m", "govopen_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [["validate"], ["list", "--data"], ["overdue", "--data"]])
def test_a_fifo_as_task_file_is_refused_without_blocking(
    tmp_path: Path, command: list[str]
) -> None:
    fifo = tmp_path / "tasks.yaml"
    os.mkfifo(fifo)
    result = run_cli(*command, str(fifo), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "不是普通文件" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_ledger_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text(BASE, encoding="utf-8")
    os.mkfifo(tmp_path / "progress.yaml")
    result = run_cli("validate", "--format", "json", "progress.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    [problem] = json.loads(result.stdout)
    assert (problem["rule"], problem["path"]) == ("io", "progress.yaml")
    assert "不是普通文件" in problem["message"]
    board = run_cli("board", "--data", "tasks.yaml", cwd=tmp_path)
    assert board.returncode == 1 and "不是普通文件" in board.stdout + board.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_in_a_folder_are_not_read(tmp_path: Path) -> None:
    # a folder is a collection: only its regular files are candidates, units.yaml included
    (tmp_path / "tasks.yaml").write_text(BASE, encoding="utf-8")
    os.mkfifo(tmp_path / "other.yaml")
    os.mkfifo(tmp_path / "units.yaml")
    result = run_cli("list", "--format", "json", "--data", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [1]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("command", [["validate"], ["list", "--data"]])
def test_dev_zero_is_refused(tmp_path: Path, command: list[str]) -> None:
    # `list` reads the cache first: it must not read the device either (MemoryError before)
    result = run_cli(*command, "/dev/zero", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "不是普通文件" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# --- the budget, counted down as the file is read ---------------------------------------------


def test_too_many_nodes_stops_at_the_first_node_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_EXPANDED_NODES", 1000)
    path = write(tmp_path, "tasks: [" + "1," * 5000 + "1]\n")
    # nodes: the mapping, "tasks", the list, then item k (from 0) is node 4 + k; node 1001
    # is item 997, at column 9 + 2 × 997
    assert validate(path) == (1, validate(path)[1])
    code, problems = validate(path)
    assert code == 1 and places(problems) == [("too-large", 1, 2003)]
    assert "1000" in str(problems[0]["message"])


def test_a_real_table_is_far_below_the_node_budget() -> None:
    # the bench's 100k-task file has about 12 nodes a task: 1.2 million
    assert reading.MAX_EXPANDED_NODES >= 2 * 12 * 100_000
    assert reading.MAX_FILE_BYTES >= 2 * 40_000_000


def test_flood_of_duplicate_keys_lists_the_first_hundred(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\n" * 10_000)
    code, problems = validate(path)
    # the summary has no place of its own: it comes first
    [summary, *found] = problems
    assert code == 1 and len(found) == 100
    assert places(found) == [("duplicate-key", line, 1) for line in range(2, 102)]
    assert summary["rule"] == "too-large" and "100" in str(summary["message"])


def test_too_many_keys_in_one_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_KEYS_PER_MAPPING", 50)
    path = write(tmp_path, "".join(f"k{i}: {i}\n" for i in range(60)))
    code, problems = validate(path)
    assert code == 1 and places(problems) == [("too-large", 51, 1)]  # key 51 is k50
    assert "50" in str(problems[0]["message"])


def test_a_value_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_SCALAR_CHARS", 100)
    path = write(tmp_path, "a: ok\nb: " + "长" * 101 + "\n")
    code, problems = validate(path)
    assert code == 1 and places(problems) == [("too-large", 2, 4)]


def test_a_file_too_large_is_refused_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    path = write(tmp_path, BASE)
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    code, problems = validate(path)
    assert code == 1 and [p["rule"] for p in problems] == ["too-large"]
    assert path not in opened


def test_an_alias_deepens_what_it_repeats(tmp_path: Path) -> None:
    # a 60-deep list under "a" (depth 1 to 60), repeated inside 10 lists under "b": the
    # alias stands at depth 11, so its innermost list would sit at depth 70 > 64
    path = write(tmp_path, "a: &d " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 10 + "*d" + "]" * 10)
    code, problems = validate(path)
    assert code == 1 and places(problems) == [("too-deep", 2, 14)]


def test_a_shallow_alias_is_no_depth_problem(tmp_path: Path) -> None:
    # the same with a 50-deep list: 11 + 50 = 61 levels, within 64; the file is refused only
    # because it is no task table
    path = write(tmp_path, "a: &d " + "[" * 50 + "]" * 50 + "\nb: " + "[" * 10 + "*d" + "]" * 10)
    code, problems = validate(path)
    assert code == 1 and "too-deep" not in {p["rule"] for p in problems}


def test_alias_expansion_counts_against_the_node_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "MAX_EXPANDED_NODES", 100)
    # 10 items under &a (11 nodes with the list), then 9 aliases to it: 2 + 11 + 2 + 9 × 11
    # = 114 nodes once expanded, though the text has only 33
    path = write(
        tmp_path, "a: &a [" + ",".join("x" * 10) + "]\nb: [" + ",".join(["*a"] * 9) + "]\n"
    )
    code, problems = validate(path)
    assert code == 1 and places(problems) == [("yaml-alias", 1, 1)]


# --- the schema check: bounded and placed in linear time ----------------------------------------


def test_every_unknown_key_is_placed_on_its_own_line(tmp_path: Path) -> None:
    count = 300
    text = HEAD + "".join(task(i, f"    k{i}: 1\n") for i in range(1, count + 1))
    code, problems = validate(write(tmp_path, text))
    assert code == 1 and len(problems) == count
    # task i starts at line 14 + 6 (i - 1); its sixth line is the unknown key
    assert places(problems) == [("unknown-key", 14 + 6 * (i - 1) + 5, 5) for i in range(1, 301)]
    assert "k300" in str(problems[-1]["message"])


def test_schema_problems_stop_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "MAX_SCHEMA_PROBLEMS", 10)
    monkeypatch.setattr(checking, "MAX_ITEM_NODES", 30)  # batches of a few tasks
    text = HEAD + "".join(task(i, f"    k{i}: 1\n") for i in range(1, 51))
    code, problems = validate(write(tmp_path, text))
    [summary, *found] = problems
    assert code == 1 and len(found) == 10
    assert [p["line"] for p in found] == [19 + 6 * i for i in range(10)]
    assert summary["rule"] == "too-large" and "10" in str(summary["message"])


def test_many_empty_tasks_give_bounded_problems(tmp_path: Path) -> None:
    # 5,000 empty tasks: 20,000 missing fields, only the first 1,000 listed
    code, problems = validate(write(tmp_path, HEAD + "  - {}\n" * 5000))
    assert code == 1 and len(problems) == limits.MAX_SCHEMA_PROBLEMS + 1
    assert problems[0]["rule"] == "too-large"
    assert problems[1]["rule"] == "missing-key" and problems[1]["line"] == 14


def test_a_task_too_big_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checking, "MAX_ITEM_NODES", 30)
    extra = "".join(f"    k{j}: 1\n" for j in range(20))
    text = HEAD + task(1) + task(2, extra)
    code, problems = validate(write(tmp_path, text))
    assert code == 1 and places(problems) == [("too-large", 19, 5)]


def test_a_big_valid_file_checked_in_batches_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checking, "MAX_ITEM_NODES", 40)
    text = HEAD + "".join(task(i) for i in range(1, 101))
    path = write(tmp_path, text)
    report = checking.validate_file(path)
    assert report.problems == [] and report.task_file is not None
    assert [t.id for t in report.task_file.tasks] == list(range(1, 101))
    assert report.task_file.sections[0].title == "第一章"


def test_hints_stop_past_their_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "MAX_HINT_WORK", 4)  # the registry has 3 spellings
    text = (
        HEAD
        + task(1).replace("东坡区人民政府，", "东坡区人民政，")
        + task(2).replace("东坡区人民政府，", "东坡区人民正府，")
    )
    code, problems = validate(write(tmp_path, text))
    assert code == 1 and [p["rule"] for p in problems] == ["unknown-unit", "unknown-unit"]
    assert "您是不是要找：东坡区人民政府" in str(problems[0]["message"])
    assert "您是不是要找" not in str(problems[1]["message"])


def test_readme_states_every_limit() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    zh = readme[readme.index("读取的上限") : readme.index("### 规则 / Rules")]
    en = readme[readme.index("Limits (`files/limits.py`)") :]
    assert f"| {limits.MAX_FILE_BYTES >> 20} MiB |" in zh
    assert f"| {limits.MAX_EXPANDED_NODES // 10_000} 万 |" in zh
    assert f"| {limits.MAX_DEPTH} |" in zh
    assert f"| {limits.MAX_KEYS_PER_MAPPING // 10_000} 万 |" in zh
    assert f"| {limits.MAX_SCALAR_CHARS // 10_000} 万字符 |" in zh
    assert f"| {limits.MAX_ITEM_NODES // 10_000} 万 |" in zh
    assert f"| {limits.MAX_READ_PROBLEMS} 个 |" in zh
    assert f"| 各 {limits.MAX_SCHEMA_PROBLEMS} 个 |" in zh
    assert f"| {limits.MAX_HINT_WORK // 10_000} 万次 |" in zh
    assert f"| {limits.MAX_ANCHORS // 10_000} 万 |" in zh
    assert f"| {limits.MAX_TYPED_VALUES // 10_000} 万 |" in zh
    for figure in (
        f"{limits.MAX_FILE_BYTES >> 20} MiB",
        f"{limits.MAX_EXPANDED_NODES / 1e6:g}\nmillion YAML nodes",
        f"nesting {limits.MAX_DEPTH}",
        f"{limits.MAX_KEYS_PER_MAPPING:,} keys",
        f"{limits.MAX_SCALAR_CHARS:,} characters",
        f"{limits.MAX_ITEM_NODES:,} nodes in one task",
        f"first {limits.MAX_READ_PROBLEMS} reader problems",
        f"first {limits.MAX_SCHEMA_PROBLEMS:,} schema problems",
        f"{limits.MAX_HINT_WORK:,} name comparisons",
        f"{limits.MAX_ANCHORS:,} anchors and\naliases",
        f"{limits.MAX_TYPED_VALUES:,} values made by PyYAML",
    ):
        assert figure in en, figure

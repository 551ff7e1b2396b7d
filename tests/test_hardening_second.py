"""Issue 14, second round: the reader's cost per node is bounded, a hard-linked ledger keeps
its links, and a collection's ledgers and files that cannot be read are reported by
`validate DIR` as queries would refuse them.

Hostile files are generated here and kept small by lowering a limit for the test;
`bench/hostile.py` runs full-size ones. Lines and columns are counted by hand from the
text each test writes (`valid-minimal.yaml`: 13 lines, tasks from line 14, five lines each
as `task()` writes them).
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from test_bounds import run_cli  # the real program in a subprocess, as for other FIFOs
from test_hardening import add_done  # the same report, added the same way
from typer.testing import CliRunner

from govopen_cli.checks import validate as checking
from govopen_cli.cli.app import app
from govopen_cli.files import atomic, limits
from govopen_cli.files import yaml_reader as reading
from govopen_cli.problems import DataError, Problem
from govopen_cli.render import json_text

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
MINIMAL = ROOT / "tests" / "corpus" / "valid-minimal.yaml"
HEAD = MINIMAL.read_text(encoding="utf-8").split("  - id: 1")[0]  # 13 lines, ending "tasks:"


def cli(*args: str) -> Result:
    """The CLI in-process; a traceback would raise here (catch_exceptions=False)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def task(i: int, units: str = "东坡区人民政府") -> str:
    """Five lines: a task numbered i (valid with the default units)."""
    return (
        f"  - id: {i}\n    section: 一\n    text: 任务\n    schedule: 长期坚持\n"
        f"    units: {units}\n"
    )


def refused(text: str) -> list[Problem]:
    """The problems the reader gives for a text it refuses."""
    with pytest.raises(DataError) as caught:
        reading.parse_yaml(text, "t.yaml")
    return caught.value.problems


def places(problems: list[Problem]) -> list[tuple[str, int, int]]:
    return [(p.rule, p.line, p.column) for p in problems]


@pytest.fixture()
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a copy of the shipped task file; no ledger, no cache, no as-of."""
    shutil.copy(DATA, tmp_path / "tasks.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("GOVOPEN_NO_CACHE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


# --- the reader: every plain scalar means what PyYAML says, at bounded cost -----------------

SCALARS = [
    # whole numbers: read directly when they are plain decimal digits
    "1",
    "0",
    "42",
    "12345678901234567890",
    "012",  # octal in YAML 1.1: 10
    "09",  # not octal, not decimal: text
    "0x1F",
    "0b101",
    "1_000",
    "190:20:30",  # sexagesimal: 685230
    "-1",
    "+1",
    "１２",  # full-width digits are text
    "١٢",  # Arabic-Indic digits are text
    "²",
    # dates: YYYY-MM-DD read directly; one-digit month or day is text in PyYAML
    "2022-06-30",
    "2024-02-29",
    "2022-6-30",
    "2022-06-3",
    "2022-06-30 10:00:00",
    "2001-12-14t21:59:43.10-05:00",
    "2022-06-30T10:00:00Z",
    "2022年6月30日前",
    # other numbers, null and booleans
    "1.5",
    ".5",
    "1e3",
    "1.0e+3",
    ".inf",
    "-.Inf",
    ".nan",
    "true",
    "True",
    "TRUE",
    "tRue",
    "yes",
    "no",
    "on",
    "Off",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "t123",
    "text",
    "none",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_plain_scalar_means_what_pyyaml_says(scalar: str) -> None:
    # PyYAML's own loader is the oracle: the reader's shortcuts must not change a value
    text = f"v: {scalar}\nw: [{scalar}, {scalar}]\n"
    ours = reading.parse_yaml(text, "t.yaml")[0]
    theirs = yaml.safe_load(text)
    assert [(type(v), repr(v)) for v in (ours["v"], *ours["w"])] == [
        (type(v), repr(v)) for v in (theirs["v"], *theirs["w"])
    ]


def test_the_reader_s_shortcuts_hold_for_pyyaml_s_patterns() -> None:
    # the reader reads plain text as text without PyYAML's patterns when it is not ASCII,
    # or when it begins like no number and is none of YAML 1.1's words: check both against
    # the patterns themselves
    implicit = yaml.resolver.Resolver.yaml_implicit_resolvers
    words: set[str] = set()
    for first, resolvers in implicit.items():
        for tag, pattern in resolvers:
            text = pattern.pattern
            assert text.isascii() and not re.search(r"\\[dswDSW]|\[\^|(?<!\\)\.", text), tag
            if first in reading._NUMERIC_FIRST:
                continue
            assert text.startswith("^(?:") and text.endswith(")$"), tag
            alternatives = re.sub(r"\s", "", text[4:-2]).split("|")
            assert all(re.fullmatch(r"[A-Za-z~<=!&]*|\\\*", a) for a in alternatives), tag
            words |= {a.replace("\\", "") for a in alternatives}
            assert all(pattern.match(a) for a in alternatives if a.startswith(first))
    assert words == set(reading._YAML_WORDS)
    assert {first for first in implicit if first not in reading._NUMERIC_FIRST} == {
        word[:1] for word in words
    }


def test_values_worked_out_by_hand() -> None:
    text = "a: 012\nb: 2022-06-30\nc: 2022-6-30\nd: 1_000\ne: 09\nf: 190:20:30\n"
    assert reading.parse_yaml(text, "t.yaml")[0] == {
        "a": 10,
        "b": dt.date(2022, 6, 30),
        "c": "2022-6-30",
        "d": 1000,
        "e": "09",
        "f": 190 * 3600 + 20 * 60 + 30,
    }


def test_a_date_that_does_not_exist_is_a_bad_value() -> None:
    # "v: " is three characters: the value starts in column 4
    problems = refused("v: 2022-02-30\n")
    assert places(problems) == [("bad-value", 1, 4)]
    assert "2022-02-30" in problems[0].message


def test_a_whole_number_too_long_for_python_is_a_bad_value_not_a_traceback(
    office: Path,
) -> None:
    digits = "1" * 5000  # int() refuses more than 4300 digits
    problems = refused(f"id: {digits}\n")
    assert places(problems) == [("bad-value", 1, 5)]
    assert len(problems[0].message) < 80 and "…" in problems[0].message
    (office / "long.yaml").write_text(HEAD + task(1).replace("id: 1", f"id: {digits}"), "utf-8")
    for args in (["validate", "long.yaml"], ["list", "--data", "long.yaml"]):
        result = cli(*args)
        assert result.exit_code == 1
        assert "bad-value" in result.stdout or "无法读取的值" in result.stderr


def test_values_made_by_pyyaml_constructors_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_TYPED_VALUES", 10)
    # items "0.5, " … "9.5, " take 5 characters each after "v: [" (4): the eleventh float,
    # 10.5, starts at column 4 + 50 + 1 = 55
    problems = refused("v: [" + ", ".join(f"{i}.5" for i in range(20)) + "]\n")
    assert places(problems) == [("too-large", 1, 55)]
    assert "10" in problems[0].message


def test_repeated_typed_values_whole_numbers_and_dates_are_not_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "MAX_TYPED_VALUES", 10)
    floats = ", ".join(["1.5", "true", "0x10"] * 50)
    ints = ", ".join(str(i) for i in range(1, 101))
    dates = ", ".join(f"2022-{m:02}-{d:02}" for m in range(1, 13) for d in range(1, 29))
    value = reading.parse_yaml(f"a: [{floats}]\nb: [{ints}]\nc: [{dates}]\n", "t.yaml")[0]
    assert value["a"][:3] == [1.5, True, 16] and len(value["a"]) == 150
    assert value["b"] == list(range(1, 101))
    assert value["c"][-1] == dt.date(2022, 12, 28) and len(value["c"]) == 12 * 28


def test_anchors_and_aliases_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ANCHORS", 5)
    # "&aN x, " takes 7 characters from column 5, "*aN, " 5 from column 26: the sixth of
    # them, *a3, stands at column 36
    problems = refused("a: [&a1 x, &a2 x, &a3 x, *a1, *a2, *a3]\n")
    assert places(problems) == [("too-large", 1, 36)]
    assert reading.parse_yaml("a: [&a1 x, &a2 x, *a1, *a2, *a1]\n", "t.yaml")[0] == {"a": ["x"] * 5}


def test_the_end_of_a_list_or_mapping_counts_against_the_node_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "MAX_EXPANDED_NODES", 1000)
    # nodes: the root mapping, "tasks", the list (3), then mapping j (from 0) is node 4 + j,
    # and each mapping's end takes one from the budget. After the end of mapping j the
    # count is 4 + j against 1000 - (j + 1): over for the first time at j = 498, whose
    # "}" stands at column 8 + 3 × 498 + 1, 1-based 1504 (counting nodes alone would stop
    # at mapping 997)
    problems = refused("tasks: [" + "{}," * 2000 + "{}]\n")
    assert places(problems) == [("too-large", 1, 1504)]


def test_a_real_table_fits_the_budget_counted_with_ends() -> None:
    # the shipped table: every node and every end of a list or mapping, well below the budget
    source = reading.parse_yaml(DATA.read_bytes(), "tasks.yaml")[1]
    collections = sum(1 for span in source.spans if span > 1) + 1  # at least: root and lists
    assert source.nodes + collections < limits.MAX_EXPANDED_NODES // 100


# --- the checks after the schema are bounded too ------------------------------------------------


def test_problems_of_the_checks_after_the_schema_stop_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checking, "MAX_SCHEMA_PROBLEMS", 5)
    text = HEAD + "".join(task(i, f"未知单位{i}") for i in range(1, 9))
    path = tmp_path / "tasks.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    [summary, *found] = json.loads(result.stdout)
    # task i's units line is 14 + 5 (i - 1) + 4; the name starts after "    units: "
    assert [(p["rule"], p["line"], p["column"]) for p in found] == [
        ("unknown-unit", 18 + 5 * (i - 1), 12) for i in range(1, 6)
    ]
    assert summary["rule"] == "too-large" and "5" in summary["message"]
    assert "已停止检查" in summary["message"]


def test_tasks_with_the_same_keys_share_one_set_of_them(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(HEAD + task(1) + task(2) + task(3) + "    note: 备注\n", encoding="utf-8")
    report = checking.validate_file(path)
    assert report.ok and report.task_file is not None
    first, second, third = report.task_file.tasks
    keys = {"id", "section", "text", "schedule", "units"}
    assert first.model_fields_set == second.model_fields_set == keys
    assert first.model_fields_set is second.model_fields_set  # one set, not one per task
    assert third.model_fields_set == keys | {"note"}
    changed = first.model_copy(update={"note": "新"})
    assert changed.model_fields_set == keys | {"note"} and second.model_fields_set == keys


@pytest.mark.parametrize("count", [0, 1, 3, 7])
def test_json_rows_laid_out_as_pieces_read_as_json_dumps(count: int) -> None:
    # rows are written by slice assignment into one list of pieces: the text must be
    # json.dumps' own, for no row, one, and several
    rows: list[dict[str, Any]] = [
        {"id": i, "text": f"任务{i}\n\x1b", "units": ["甲", "乙"] if i % 2 else None}
        for i in range(count)
    ]
    assert json_text.dumps(rows) == json.dumps(rows, ensure_ascii=False, indent=2)
    empty: list[dict[str, Any]] = [{} for _ in range(count)]
    assert json_text.dumps(empty) == json.dumps(empty, ensure_ascii=False, indent=2)


# --- a hard-linked ledger keeps its links ---------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_hard_linked_ledger_is_appended_in_place(office: Path) -> None:
    before = b"# \xe5\x8f\xb0\xe8\xb4\xa6\r\nreports:\r\n"  # "# 台账", CRLF
    ledger = office / "progress.yaml"
    ledger.write_bytes(before)
    (office / "shared").mkdir()
    other = office / "shared" / "all.yaml"
    os.link(ledger, other)
    inode = ledger.stat().st_ino
    result = add_done()
    assert result.exit_code == 0, result.output
    assert ledger.stat().st_ino == inode and ledger.stat().st_nlink == 2
    after = other.read_bytes()
    assert after == ledger.read_bytes() and after.startswith(before)
    assert after[len(before) :].decode("utf-8").split("\r\n")[:4] == [
        "  - task: 6",
        "    unit: 东坡区人民政府",
        "    status: done",
        "    date: 2021-09-28",
    ]
    assert not list(office.glob(".progress.yaml.*.tmp"))
    # the next add sees the first through either name: a second identical report is refused
    assert add_done().exit_code == 1


@pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
def test_a_blank_hard_linked_ledger_gets_its_header_in_place(office: Path) -> None:
    ledger = office / "progress.yaml"
    ledger.write_text("\n\n", encoding="utf-8")
    os.link(ledger, office / "copy.yaml")
    assert add_done().exit_code == 0
    text = (office / "copy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 进展报送台账") and "unit: 东坡区人民政府" in text


def test_append_in_place_refuses_a_file_written_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_bytes(b"reports:\n  - x\n")
    with pytest.raises(atomic.FileChanged):
        atomic.append_in_place(path, b"reports:\n", b"reports:\n  - y\n")
    assert path.read_bytes() == b"reports:\n  - x\n"


@pytest.mark.parametrize("old", [b"reports:\n", b"\n"])
def test_append_in_place_undoes_a_failed_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: bytes
) -> None:
    path = tmp_path / "progress.yaml"
    path.write_bytes(old)
    real_write = os.write
    calls: list[int] = []

    def half_then_full(fd: int, data: Any) -> int:
        # half of what was asked, then the disk is full; putting `old` back (space the
        # file had) succeeds
        calls.append(fd)
        if len(calls) == 1:
            return real_write(fd, bytes(data)[: len(data) // 2])
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(OSError) as caught:
        atomic.append_in_place(path, old, b"reports:\n  - task: 6\n    unit: \xe4\xb8\x80\n")
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == old


# --- a collection: what cannot be read is said, as queries refuse it -------------------------


def make_collection(folder: Path) -> None:
    shutil.copy(DATA, folder / "a.yaml")
    shutil.copy(DATA, folder / "b.yaml")
    (folder / "b.progress.yaml").write_text("reports: []\n", encoding="utf-8")


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling", "loop"])
def test_validate_dir_reports_a_ledger_that_is_no_regular_file(tmp_path: Path, kind: str) -> None:
    make_collection(tmp_path)
    ledger = tmp_path / "a.progress.yaml"
    if kind == "folder":
        ledger.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(ledger)
    elif kind == "dangling":
        ledger.symlink_to("nowhere.yaml")
    else:
        ledger.symlink_to("a.progress.yaml")
    result = run_cli("validate", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    [problem] = json.loads(result.stdout)
    assert (problem["path"], problem["rule"]) == ("a.progress.yaml", "io")
    due = run_cli("due", "--data", ".", cwd=tmp_path)
    assert due.returncode == 1 and "a.progress.yaml" in due.stderr
    assert "Traceback" not in result.stderr + due.stderr


def test_a_task_file_too_large_to_sniff_is_checked_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, office: Path
) -> None:
    # a file that cannot be read to see its `tasks:` key (here: over the size limit) is one
    # of the folder's tables for queries; validate DIR must not pass it by
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "a.yaml")
    size = MINIMAL.stat().st_size
    (folder / "b.yaml").write_text(
        MINIMAL.read_text(encoding="utf-8") + "#" * size + "\n", encoding="utf-8"
    )
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", size + 10)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", size + 10)
    result = cli("validate", "--format", "json", str(folder))
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert (Path(problem["path"]).name, problem["rule"]) == ("b.yaml", "too-large")
    assert cli("list", "--data", str(folder)).exit_code == 1


@pytest.fixture()
def unlistable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder whose files cannot be listed (as without the permission to read it)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "a.yaml")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield folder


def test_a_folder_that_cannot_be_listed_says_so(unlistable: Path, office: Path) -> None:
    result = cli("validate", "--format", "json", str(unlistable))
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert (problem["path"], problem["rule"]) == (str(unlistable), "io")
    assert "权限" in problem["message"]
    listed = cli("list", "--data", str(unlistable))
    assert listed.exit_code == 1 and "权限" in listed.stderr

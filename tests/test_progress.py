"""The progress ledger and the supervision views built on it, replayed at three dates.

The history below is invented but realistic; every expectation is worked out by hand
from it and from the source table's deadlines:
  T6, T7 2021-09-30 · T2, T5, T13#1, T16 2021-12-31 · T3, T12 2022-03-31 · T14 2022-06-30.
Lead units of every task: 天府新区 plus the six counties (7 owners).
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import Result
from invoking import JsonObject, json_rows
from typer.testing import CliRunner

from govopen_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
ALL7 = [
    "天府新区眉山管委会",
    "东坡区人民政府",
    "彭山区人民政府",
    "仁寿县人民政府",
    "洪雅县人民政府",
    "丹棱县人民政府",
    "青神县人民政府",
]
TF, DP, PS, RS, HY, DL, QS = ALL7

HISTORY = """\
# 测试用台账
reports:
  - {task: 6, unit: 天府新区眉山管委会, status: done, date: 2021-09-20}
  - {task: 6, unit: 东坡区人民政府, status: done, date: 2021-09-28}
  - {task: 7, unit: 东坡区人民政府, status: done, date: 2021-09-28}
  - {task: 6, unit: 彭山区人民政府, status: done, date: 2021-10-15}
  - {task: 2, unit: 仁寿县人民政府, status: in_progress, date: 2021-11-30}
  - {task: 2, unit: 仁寿县人民政府, status: done, date: 2021-12-20}
  - {task: 13, milestone: 1, unit: 东坡区人民政府, status: done, date: 2021-12-25}
  - {task: 2, unit: 东坡区人民政府, status: done, date: 2022-01-10}
  - {task: 3, unit: 洪雅县人民政府, status: blocked, date: 2022-02-01, note: 场地未落实}
  - {task: 3, unit: 洪雅县人民政府, status: done, date: 2022-03-30, evidence: 洪府办〔2022〕8号}
  - {task: 14, unit: 天府新区眉山管委会, status: in_progress, date: 2022-05-01}
"""


@pytest.fixture()
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clerk's folder: the task file and the ledger beside it."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress.yaml").write_text(HISTORY, encoding="utf-8")
    monkeypatch.setenv("GOVOPEN_DATA", str(tmp_path / "tasks.yaml"))
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def rows(*args: str) -> list[JsonObject]:
    return json_rows(cli(*args, "--format", "json"))


# --- overdue at three dates --------------------------------------------------------------


def test_overdue_2021_10_01(office: Path) -> None:
    got = {
        (r["task"], r["milestone"]): r["outstanding"]
        for r in rows("overdue", "--as-of", "2021-10-01")
    }
    # PS's report on T6 is dated 10-15: it does not count yet
    assert got == {(6, 1): [PS, RS, HY, DL, QS], (7, 1): [TF, PS, RS, HY, DL, QS]}


def test_overdue_2022_01_05(office: Path) -> None:
    got = {
        (r["task"], r["milestone"]): r["outstanding"]
        for r in rows("overdue", "--as-of", "2022-01-05")
    }
    assert got == {
        (6, 1): [RS, HY, DL, QS],
        (7, 1): [TF, PS, RS, HY, DL, QS],
        (2, 1): [TF, DP, PS, HY, DL, QS],  # RS done 12-20; DP's done is dated 01-10
        (5, 1): ALL7,
        (13, 1): [TF, PS, RS, HY, DL, QS],
        (16, 1): ALL7,
    }


def test_overdue_2022_04_01(office: Path) -> None:
    got = {
        (r["task"], r["milestone"]): r["outstanding"]
        for r in rows("overdue", "--as-of", "2022-04-01")
    }
    assert got[(2, 1)] == [TF, PS, HY, DL, QS]
    assert got[(3, 1)] == [TF, DP, PS, RS, DL, QS]  # HY done on 03-30
    assert got[(12, 1)] == ALL7
    assert len(got) == 8


def test_overdue_for_one_unit(office: Path) -> None:
    got = rows("overdue", "--as-of", "2022-04-01", "--unit", "东坡区")
    # DP still owes T5, T16, T3, T12 (done: T6, T7, T13#1, T2 late)
    assert [(r["task"], r["outstanding"]) for r in got] == [
        (5, [DP]),
        (16, [DP]),
        (3, [DP]),
        (12, [DP]),
    ]


def test_a_milestone_nobody_owes_is_hidden(office: Path) -> None:
    extra = "".join(f"  - {{task: 16, unit: {u}, status: done, date: 2021-12-30}}\n" for u in ALL7)
    with (office / "progress.yaml").open("a", encoding="utf-8") as ledger:
        ledger.write(extra)
    got = rows("overdue", "--as-of", "2022-01-05")
    assert 16 not in {r["task"] for r in got}
    due = rows("due", "--after", "2021-12-31", "--before", "2021-12-31", "--as-of", "2022-01-01")
    assert sorted(r["task"] for r in due) == [2, 5, 13]  # 16 is done by all seven
    earlier = rows(
        "due", "--after", "2021-12-31", "--before", "2021-12-31", "--as-of", "2021-12-29"
    )
    assert sorted(r["task"] for r in earlier) == [2, 5, 13, 16]  # the 12-30 reports not yet


# --- the board ---------------------------------------------------------------------------


def board(as_of: str, *extra: str) -> dict[int, dict[str, str]]:
    return {r["task"]: r["marks"] for r in rows("board", "--as-of", as_of, *extra)}


def test_board_2021_10_01(office: Path) -> None:
    marks = board("2021-10-01")
    assert marks[6][TF] == "done" and marks[6][DP] == "done"
    assert marks[6][PS] == "overdue" and marks[7][TF] == "overdue"
    assert marks[2][RS] == "not_due"  # RS's in_progress report is dated 11-30
    assert marks[1][QS] == "ongoing"  # 长期坚持
    assert set(marks[1]) == set(ALL7)  # guiding units have no column


def test_board_2022_01_05_and_2022_04_01(office: Path) -> None:
    jan = board("2022-01-05")
    assert jan[2][RS] == "done"
    assert jan[2][DP] == "overdue"
    assert jan[6][PS] == "done_late"
    apr = board("2022-04-01")
    assert apr[2][DP] == "done_late"
    assert apr[3][HY] == "done"
    assert apr[14][TF] == "not_due"  # due 06-30, 90 days away, warn-days 30
    assert board("2022-04-01", "--warn-days", "90")[14][TF] == "due_soon"


def test_board_blocked_and_in_progress(office: Path) -> None:
    assert board("2022-02-15")[3][HY] == "blocked"  # blocked 02-01, due 03-31
    assert board("2022-05-15")[14][TF] == "in_progress"  # due 06-30: 46 days > 30


def test_board_fits_120_columns(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    result = cli("board", "--as-of", "2022-04-01")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()

    def columns(line: str) -> int:  # a wide (CJK) character takes two columns
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    assert max(columns(line) for line in lines) <= 120
    header = next(line for line in lines if "序号" in line)
    for short in ("天府新区", "东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县"):
        assert short in header
    assert "逾期未完成" in result.stdout  # the legend


# --- stats -------------------------------------------------------------------------------


def test_stats_2022_01_05(office: Path) -> None:
    got = [r for r in rows("stats", "--as-of", "2022-01-05") if r["by"] == "unit"]
    table = {r["name"]: (r["tasks"], r["due"], r["on_time"], r["late"], r["overdue"]) for r in got}
    assert table[DP] == (24, 6, 3, 0, 3)
    assert table[TF] == (24, 6, 1, 0, 5)
    assert table[PS] == (24, 6, 0, 1, 5)
    assert table[RS] == (24, 6, 1, 0, 5)
    assert table[HY] == (24, 6, 0, 0, 6)
    # furthest behind first: 6 overdue (HY, DL, QS), then 5 (TF, PS, RS), then DP
    assert [r["name"] for r in got] == [HY, DL, QS, TF, PS, RS, DP]
    assert next(r for r in got if r["name"] == DP)["rate"] == 0.5


def test_stats_2022_04_01_per_unit_and_section(office: Path) -> None:
    got = rows("stats", "--as-of", "2022-04-01")
    units = {r["name"]: r for r in got if r["by"] == "unit"}
    assert (units[DP]["due"], units[DP]["on_time"], units[DP]["late"], units[DP]["overdue"]) == (
        8,
        3,
        1,
        4,
    )
    assert (units[HY]["on_time"], units[HY]["overdue"]) == (1, 7)
    sections = {r["name"]: r for r in got if r["by"] == "section"}
    # 一: T2 and T3 due → 14 unit-milestones; done: T2 RS, DP(late); T3 HY
    assert (sections["一"]["due"], sections["一"]["on_time"], sections["一"]["late"]) == (14, 2, 1)
    assert sections["一"]["overdue"] == 11
    assert sections["五"]["due"] == 0 and sections["五"]["rate"] is None


def test_stats_csv(office: Path) -> None:
    result = cli("stats", "--as-of", "2021-10-01", "--format", "csv")
    lines = result.stdout.removeprefix("\ufeff").splitlines()
    assert lines[0].split(",")[:3] == ["范围", "名称", "任务数"]
    assert lines[-1].startswith("章节,")
    assert lines[1].startswith("单位,彭山区,24,2,0,0,2")


# --- progress add and list ---------------------------------------------------------------


def test_progress_add_appends_and_keeps_the_old_text(office: Path) -> None:
    ledger = office / "progress.yaml"
    before = ledger.read_bytes()
    result = cli(
        "progress",
        "add",
        "13",
        "--unit",
        "东坡区",
        "--status",
        "done",
        "--milestone",
        "2",
        "--date",
        "2022-11-30",
        "--evidence",
        "东府办〔2022〕3号",
    )
    assert result.exit_code == 0, result.output
    after = ledger.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :].decode("utf-8")
    assert "task: 13" in added and "东坡区人民政府" in added and "milestone: 2" in added
    listed = rows("progress", "list", "--task", "13")
    assert [(r["unit"], r["milestone"], r["date"]) for r in listed] == [
        (DP, 1, "2021-12-25"),
        (DP, 2, "2022-11-30"),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["99", "--unit", "东坡区", "--status", "done"], ["99"]),
        (["6", "--unit", "东坡镇", "--status", "done"], ["东坡镇"]),
        (["13", "--unit", "东坡区", "--status", "done", "--milestone", "3"], ["只有 2 个节点"]),
        (["13", "--unit", "市政务服务管理局", "--status", "done"], ["指导"]),
        (["6", "--unit", "各县（区）人民政府", "--status", "done"], ["成员"]),
        (["6", "--unit", "东坡区", "--status", "done", "--date", "2099-01-01"], ["晚于今天"]),
        (["6", "--unit", "东坡区", "--status", "finished"], ["finished", "done"]),
    ],
)
def test_progress_add_refusals_leave_the_ledger_byte_identical(
    office: Path, args: list[str], words: list[str]
) -> None:
    ledger = office / "progress.yaml"
    before = ledger.read_bytes()
    result = cli("progress", "add", *args)
    assert result.exit_code == 1
    for word in words:
        assert word in result.stderr
    assert ledger.read_bytes() == before


def test_progress_add_to_the_shipped_copy_says_where_to_put_a_ledger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govopen_cli.files import finding

    monkeypatch.setattr(finding, "is_shipped", lambda path: True)
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    result = cli(
        "progress",
        "add",
        "6",
        "--unit",
        "东坡区",
        "--status",
        "done",
        "--data",
        str(ROOT / "data" / "tasks.yaml"),
    )
    assert result.exit_code == 1
    assert "--progress" in result.stderr and "复制" in result.stderr


def test_broken_ledger_is_reported_with_its_line(office: Path) -> None:
    (office / "progress.yaml").write_text(
        HISTORY + "  - {task: 6, unit: 市司法局, status: done, date: 2021-09-01}\n",
        encoding="utf-8",
    )
    result = cli("overdue", "--as-of", "2022-01-01")
    assert result.exit_code == 1
    assert f"{office / 'progress.yaml'}:14:" in result.stderr
    assert "市司法局" in result.stderr

"""Never a wrong answer shown as right (issue 15): no ledger, roles, unit input, corrections.

Expected values come from the source table: its dated milestones are
T6, T7 2021-09-30 · T2, T5, T13#1, T16 2021-12-31 · T3, T12 2022-03-31 · T14 2022-06-30 ·
T13#2 2022-12-31 (and T23, T24 later); every task's lead units are 天府新区 and the six
counties (7 owners); 市政务服务管理局 加强指导 tasks 4, 11–15 and 17.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.units import UnknownUnitError

ROOT = Path(__file__).resolve().parents[1]
LEDGER = """\
# 测试用台账
reports:
  - {task: 6, unit: 天府新区眉山管委会, status: done, date: 2021-09-20}
  - {task: 13, milestone: 1, unit: 东坡区人民政府, status: done, date: 2021-12-25}
"""
SEVEN = 7


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def rows(*args: str) -> list[dict]:  # type: ignore[type-arg]
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture()
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clerk's folder with the task file and no ledger yet."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    monkeypatch.setenv("GOVOPEN_DATA", str(tmp_path / "tasks.yaml"))
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


@pytest.fixture()
def office(bare: Path) -> Path:
    """The same folder with a two-entry ledger."""
    (bare / "progress.yaml").write_text(LEDGER, encoding="utf-8")
    return bare


# --- no ledger is not "nothing done" ----------------------------------------------------


def test_overdue_without_a_ledger_lists_past_deadlines_as_unknown(bare: Path) -> None:
    result = cli("overdue", "--as-of", "2022-01-05")
    assert result.exit_code == 0
    assert "已过截止日期的节点" in result.stdout
    assert "逾期" not in result.stdout  # nothing is called overdue
    assert "已过 5 天" in result.stdout  # T2, T5, T13, T16 were due 2021-12-31
    assert "尚未登记任何进展" in result.stdout
    got = rows("overdue", "--as-of", "2022-01-05")
    assert sorted((r["task"], r["milestone"]) for r in got) == [
        (2, 1),
        (5, 1),
        (6, 1),
        (7, 1),
        (13, 1),
        (16, 1),
    ]
    assert {r["outstanding"] for r in got} == {None}  # who is done: unknown, not "all seven"


def test_json_keeps_stdout_data_and_says_why_on_stderr(bare: Path) -> None:
    result = cli("overdue", "--as-of", "2022-01-05", "--format", "json")
    assert json.loads(result.stdout)
    assert "尚未登记任何进展" in result.stderr


def test_board_without_a_ledger_marks_past_deadlines_neutrally(bare: Path) -> None:
    board = {r["task"]: r["marks"] for r in rows("board", "--as-of", "2022-01-05")}
    assert set(board[16].values()) == {"past_due"} and len(board[16]) == SEVEN
    assert set(board[12].values()) == {"not_due"}  # 2022-03-31: more than 30 days ahead
    shown = cli("board", "--as-of", "2022-01-05").stdout
    assert "○已过截止" in shown and "✘逾期" not in shown
    assert "尚未登记任何进展" in shown


def test_stats_without_a_ledger_do_not_count_anything_as_failed(bare: Path) -> None:
    got = rows("stats", "--as-of", "2022-01-05")
    dongpo = next(r for r in got if r["name"] == "东坡区人民政府")
    # due by 2022-01-05: T6, T7, T2, T5, T13#1, T16
    assert dongpo["due"] == 6
    assert dongpo["overdue"] is None and dongpo["on_time"] is None and dongpo["rate"] is None
    shown = cli("stats", "--as-of", "2022-01-05").stdout
    assert "尚未登记任何进展" in shown


@pytest.mark.parametrize(
    "command",
    [
        ["overdue"],
        ["due"],
        ["board"],
        ["stats"],
        ["progress", "list"],
        ["export", "--format", "json"],
        ["publish", "--out", "site"],
    ],
)
def test_an_explicit_ledger_that_does_not_exist_is_an_error(bare: Path, command: list[str]) -> None:
    missing = bare / "no-such-progress.yaml"
    result = cli(*command, "--progress", str(missing))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and str(missing) in result.stderr
    assert "progress add" in result.stderr


def test_progress_add_may_create_an_explicit_ledger(bare: Path) -> None:
    ledger = bare / "new.progress.yaml"
    result = cli(
        "progress", "add", "6", "-u", "东坡区", "--status", "done", "--date", "2021-09-28",
        "--progress", str(ledger),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ledger.is_file()


def test_with_a_ledger_a_missed_deadline_is_overdue(office: Path) -> None:
    board = {r["task"]: r["marks"] for r in rows("board", "--as-of", "2022-01-05")}
    assert board[16]["东坡区人民政府"] == "overdue"


# --- guide and support units get an answer -------------------------------------------------


def test_due_for_a_guide_unit_shows_its_milestones_with_the_role(bare: Path) -> None:
    args = ("due", "--unit", "市政务服务管理局", "--after", "2021-01-01")
    got = rows(*args, "--before", "2022-12-31", "--as-of", "2021-06-01")
    assert [(r["task"], r["milestone"], r["due"]) for r in got] == [
        (13, 1, "2021-12-31"),
        (12, 1, "2022-03-31"),
        (14, 1, "2022-06-30"),
        (13, 2, "2022-12-31"),
    ]
    assert {r["role"] for r in got} == {"guide"}
    shown = cli(*args, "--before", "2022-12-31", "--as-of", "2021-06-01").stdout
    assert "指导单位，不需要报送完成情况" in shown
    assert "角色" in shown


def test_ics_for_the_same_guide_unit_has_the_same_four_milestones(bare: Path) -> None:
    result = cli("export", "--format", "ics", "--unit", "市政务服务管理局", "--as-of", "2021-06-01")
    text = result.stdout.replace("\r\n ", "")
    assert text.count("BEGIN:VEVENT") == 4
    assert "本单位角色：指导（不需要报送完成情况）" in text


def test_overdue_for_a_guide_unit_lists_the_lead_units_still_owing(office: Path) -> None:
    got = rows("overdue", "--unit", "市政务服务管理局", "--as-of", "2022-01-05")
    assert [(r["task"], r["role"]) for r in got] == [(13, "guide")]
    assert len(got[0]["outstanding"]) == SEVEN - 1  # 东坡区 reported T13#1 done


def test_overdue_for_a_lead_unit_keeps_its_own_debts(office: Path) -> None:
    got = rows("overdue", "--unit", "东坡区", "--as-of", "2022-01-05")
    assert {r["role"] for r in got} == {"lead"}
    assert all(r["outstanding"] == ["东坡区人民政府"] for r in got)
    assert sorted(r["task"] for r in got) == [2, 5, 6, 7, 16]  # T13#1 is done


def test_board_for_a_guide_unit_shows_the_lead_units(office: Path) -> None:
    got = rows("board", "--unit", "市政务服务管理局", "--as-of", "2022-01-05")
    assert [r["task"] for r in got] == [4, 11, 12, 13, 14, 15, 17]
    assert {r["role"] for r in got} == {"guide"}
    assert len(got[3]["marks"]) == SEVEN
    assert (
        "不需要报送完成情况"
        in cli("board", "-u", "市政务服务管理局", "--as-of", "2022-01-05").stdout
    )


def test_export_rows_carry_the_role(bare: Path) -> None:
    result = cli("export", "--format", "json", "--unit", "市政务服务管理局")
    got = json.loads(result.stdout)
    assert [(r["id"], r["role"]) for r in got] == [
        (i, "guide") for i in (4, 11, 12, 13, 14, 15, 17)
    ]


# --- unit input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("審計局", "市审计局"),
        ("東坡區", "东坡区人民政府"),
        ("市政務服務管理局", "市政务服务管理局"),
        ("仁壽縣人民政府", "仁寿县人民政府"),
    ],
)
def test_traditional_characters_find_the_unit(catalog: Catalog, typed: str, unit: str) -> None:
    assert catalog.registry.resolve(typed).name == unit


def test_by_unit_in_traditional_characters(bare: Path) -> None:
    got = rows("by-unit", "東坡區")
    assert len(got) == 24  # the counties lead every task


def test_a_far_name_gets_no_suggestion_and_points_to_units(catalog: Catalog) -> None:
    with pytest.raises(UnknownUnitError) as caught:
        catalog.registry.resolve("眉山市人民政府")
    assert caught.value.candidates == []
    assert "彭山区" not in caught.value.message
    assert "govopen units" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("东坡去人民政府", "东坡区人民政府"),
        ("市政务服务管里局", "市政务服务管理局"),
        ("仁寿县政府", "仁寿县人民政府"),
    ],
)
def test_a_close_misspelling_is_suggested(catalog: Catalog, typed: str, meant: str) -> None:
    assert catalog.registry.suggest(typed)[:1] == [meant]


def test_unknown_unit_on_the_command_line(bare: Path) -> None:
    result = cli("due", "--unit", "眉山市人民政府")
    assert result.exit_code == 1
    assert "govopen units" in result.stderr and "彭山区" not in result.stderr


# --- correcting the ledger ---------------------------------------------------------------------


def test_an_identical_report_is_refused(office: Path) -> None:
    before = (office / "progress.yaml").read_bytes()
    result = cli(
        "progress", "add", "6", "-u", "天府新区", "--status", "done", "--date", "2021-09-20"
    )
    assert result.exit_code == 1
    assert "第 1 条" in result.stderr and "progress retract 1" in result.stderr
    assert (office / "progress.yaml").read_bytes() == before


def test_a_report_with_new_evidence_is_not_a_duplicate(office: Path) -> None:
    result = cli(
        "progress", "add", "6", "-u", "天府新区", "--status", "done", "--date", "2021-09-20",
        "--evidence", "眉天管办〔2021〕5号",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def test_a_report_dated_before_the_document_year_is_refused(office: Path) -> None:
    result = cli("progress", "add", "6", "-u", "东坡区", "--status", "done", "--date", "2020-12-31")
    assert result.exit_code == 1
    assert "早于文件年份 2021" in result.stderr


def test_retract_appends_and_the_report_stops_counting(office: Path) -> None:
    ledger = office / "progress.yaml"
    before = ledger.read_bytes()
    assert 13 not in {r["task"] for r in rows("overdue", "-u", "东坡区", "--as-of", "2022-01-05")}
    result = cli("progress", "retract", "2", "--note", "误报", "--date", "2022-01-03")
    assert result.exit_code == 0, result.output
    assert "已撤回：第 2 条" in result.stdout
    after = ledger.read_bytes()
    assert after.startswith(before)  # history intact
    assert after[len(before) :].decode() == (
        '  - retracts: 2\n    date: 2022-01-03\n    note: "误报"\n'
    )
    # the retracted report no longer counts, whatever the as-of date
    assert 13 in {r["task"] for r in rows("overdue", "-u", "东坡区", "--as-of", "2022-01-02")}
    listed = rows("progress", "list")
    assert [(r["entry"], r["retracted"]) for r in listed] == [(1, False), (2, True)]
    assert "已由第 3 条于 2022-01-03 撤回：误报" in listed[1]["note"]
    # and the same report may now be added again
    again = cli(
        "progress",
        "add",
        "13",
        "-u",
        "东坡区",
        "--status",
        "done",
        "-m",
        "1",
        "--date",
        "2021-12-25",
    )
    assert again.exit_code == 0, again.output


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("9", "没有第 9 条"),
        ("3", "本身是一条撤回记录"),
        ("2", "已由第 3 条撤回"),
    ],
)
def test_bad_retractions_are_refused(office: Path, number: str, words: str) -> None:
    assert cli("progress", "retract", "2", "--note", "误报", "--date", "2022-01-03").exit_code == 0
    before = (office / "progress.yaml").read_bytes()
    result = cli("progress", "retract", number, "--note", "再撤", "--date", "2022-01-04")
    assert result.exit_code == 1
    assert words in result.stderr
    assert (office / "progress.yaml").read_bytes() == before


def test_a_retraction_before_its_report_is_refused(office: Path) -> None:
    result = cli("progress", "retract", "2", "--note", "误报", "--date", "2021-12-01")
    assert result.exit_code == 1
    assert "早于被撤回的第 2 条" in result.stderr


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("{retracts: 7, date: 2022-01-03, note: 误报}", "5:5: 错误: 台账中没有第 7 条"),
        ("{retracts: 1, date: 2022-01-03, notes: 误报}", "未知字段“notes”；您是不是要写“note”？"),
    ],
)
def test_validate_places_a_bad_retraction_at_its_line(office: Path, entry: str, words: str) -> None:
    ledger = office / "progress.yaml"
    with ledger.open("a", encoding="utf-8") as file:
        file.write(f"  - {entry}\n")
    result = cli("validate", str(ledger))
    assert result.exit_code == 1
    assert f"{ledger}:5:" in result.stdout
    assert words in result.stdout


def test_board_for_a_lead_unit_shows_its_own_column(office: Path) -> None:
    got = rows("board", "--unit", "东坡区", "--as-of", "2022-01-05")
    assert len(got) == 24 and {r["role"] for r in got} == {"lead"}
    assert {name for r in got for name in r["marks"]} == {"东坡区人民政府"}
    marks = {r["task"]: r["marks"]["东坡区人民政府"] for r in got}
    assert marks[13] == "not_due"  # 13#1 done 2021-12-25; 13#2 (2022-12-31) is months away
    assert marks[16] == "overdue"  # 2021-12-31, no report

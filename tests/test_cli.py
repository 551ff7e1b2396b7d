"""Every command through Typer's CliRunner, on the shipped data, in every output format."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from invoking import Run, json_object, json_rows, rows_in

from govopen_cli.cli.app import app
from govopen_cli.render.formats import TABLE_FORMATS as FORMATS

DUE_2022_06_30 = [2, 3, 5, 6, 7, 12, 13, 14, 16]


def test_due_before_lists_the_nine_tasks(run: Run) -> None:
    rows = json_rows(run("due", "--before", "2022-06-30", "--as-of", "2022-01-01", "-f", "json"))
    assert sorted({r["task"] for r in rows}) == DUE_2022_06_30
    assert [(r["task"], r["milestone"], r["due"]) for r in rows if r["task"] == 13] == [
        (13, 1, "2021-12-31")
    ]
    six = next(r for r in rows if r["task"] == 6)
    assert six["days_left"] == -93
    assert six["deliverable"] == "建立规划专栏集中展示规划体系"
    assert six["lead"] == ["天府新区眉山管委会", "各县（区）人民政府"]


@pytest.mark.parametrize(
    "form", ["2022-06-30", "2022/6/30", "20220630", "2022年6月30日", "２０２２年６月３０日"]
)
def test_due_accepts_every_date_form(run: Run, form: str) -> None:
    rows = json_rows(run("due", "--before", form, "--as-of", "2022-01-01", "-f", "json"))
    assert sorted({r["task"] for r in rows}) == DUE_2022_06_30


@pytest.mark.parametrize("bad", ["2022-13-01", "June 30", "2022-02-30", "30/06/2022"])
def test_bad_date_is_a_usage_error(run: Run, bad: str) -> None:
    result = run("due", "--before", bad)
    assert result.exit_code == 2
    assert "2022-06-30" in result.output or "不存在" in result.output
    assert "Traceback" not in result.output


def test_due_default_window_is_30_days_from_as_of(run: Run) -> None:
    # 2022-03-01 + 30 days = 2022-03-31: tasks 3 and 12 are due that day.
    rows = json_rows(run("due", "--as-of", "2022-03-01", "-f", "json"))
    assert [(r["task"], r["due"], r["days_left"]) for r in rows] == [
        (3, "2022-03-31", 30),
        (12, "2022-03-31", 30),
    ]
    rows = json_rows(run("due", "--as-of", "2022-03-01", "--within", "29", "-f", "json"))
    assert rows == []


def test_due_after_and_before(run: Run) -> None:
    rows = json_rows(run("due", "--after", "2022-04-01", "--before", "2022-12-31", "-f", "json"))
    assert [(r["task"], r["milestone"]) for r in rows] == [(14, 1), (13, 2), (23, 1), (24, 1)]


def test_as_of_from_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVOPEN_AS_OF", "2021-10-01")
    rows = json_rows(run("overdue", "-f", "json"))
    assert [r["task"] for r in rows] == [6, 7]


def test_overdue_as_of_2021_10_01(run: Run) -> None:
    rows = json_rows(run("overdue", "--as-of", "2021-10-01", "-f", "json"))
    assert [(r["task"], r["due"], r["days_left"]) for r in rows] == [
        (6, "2021-09-30", -1),
        (7, "2021-09-30", -1),
    ]


def test_by_unit_service_bureau(run: Run) -> None:
    rows = json_rows(run("by-unit", "市政务服务管理局", "-f", "json"))
    assert [r["id"] for r in rows] == [4, 11, 12, 13, 14, 15, 17]
    assert {(r["role"], r["role_label"], r["via"]) for r in rows} == {("guide", "指导", None)}


def test_by_unit_short_name_resolves_and_shows_the_group(run: Run) -> None:
    rows = json_rows(run("by-unit", "仁寿县", "-f", "json"))
    assert [r["id"] for r in rows] == list(range(1, 25))
    assert {(r["unit"], r["role"], r["via"]) for r in rows} == {
        ("仁寿县人民政府", "lead", "各县（区）人民政府")
    }


def test_by_unit_unknown_is_exit_1_with_suggestion(run: Run) -> None:
    result = run("by-unit", "市政务服务管里局")
    assert result.exit_code == 1
    assert "市政务服务管理局" in result.stderr
    assert result.stdout == ""


def test_by_unit_ambiguous_is_exit_1_with_candidates(run: Run) -> None:
    result = run("by-unit", "区人民政府")
    assert result.exit_code == 1
    assert "东坡区人民政府" in result.stderr and "彭山区人民政府" in result.stderr


def test_list_with_filters(run: Run) -> None:
    assert [r["id"] for r in json_rows(run("list", "-f", "json"))] == list(range(1, 25))
    rows = json_rows(run("list", "--section", "2", "--unit", "市司法局", "-f", "json"))
    assert [r["id"] for r in rows] == [9]
    rows = json_rows(run("list", "--search", "政务地图", "-f", "json"))
    assert [(r["id"], r["schedule"]) for r in rows] == [(14, "2022年6月底前")]


def test_list_unknown_section_is_exit_1(run: Run) -> None:
    result = run("list", "--section", "六")
    assert result.exit_code == 1
    assert "没有章节" in result.stderr


def test_show_task_13_in_full(run: Run) -> None:
    detail = json_object(run("show", "13", "-f", "json"))
    assert detail["id"] == 13
    assert detail["section"]["id"] == "三"
    assert [(m["due"], m["deliverable"]) for m in detail["schedule"]["milestones"]] == [
        ("2021-12-31", "县级政务服务场所建成政务公开专区"),
        ("2022-12-31", "乡镇（街道）、村（社区）政务公开窗口全覆盖"),
    ]
    assert detail["schedule"]["ongoing"] is False
    lead = {u["name"]: u["members"] for u in detail["units"]["lead"]}
    assert lead["天府新区眉山管委会"] == []
    assert "青神县人民政府" in lead["各县（区）人民政府"]
    assert [u["name"] for u in detail["units"]["guide"]] == ["市政务服务管理局"]


def test_show_task_7_says_why_it_has_task_6s_cells(run: Run) -> None:
    result = run("show", "7", "-f", "plain")
    assert result.exit_code == 0
    assert "与第6项合并单元格" in result.stdout
    assert "2021-09-30" in result.stdout
    assert "市级规划编制部门" in result.stdout
    detail = json_object(run("show", "7", "-f", "json"))
    assert detail["same_as"] == 6 and "合并单元格" in detail["note"]


def test_show_ongoing_task(run: Run) -> None:
    detail = json_object(run("show", "9", "-f", "json"))
    assert detail["schedule"]["ongoing"] is True  # 动态调整 / 及时公开
    assert detail["schedule"]["milestones"] == []


def test_show_unknown_id_is_exit_1(run: Run) -> None:
    result = run("show", "99")
    assert result.exit_code == 1
    assert "没有序号为 99 的任务" in result.stderr


def test_sections_and_by_section(run: Run) -> None:
    rows = json_rows(run("sections", "-f", "json"))
    assert [(r["id"], r["tasks"]) for r in rows] == [
        ("一", [1, 2, 3, 4]),
        ("二", [5, 6, 7, 8, 9, 10]),
        ("三", [11, 12, 13, 14, 15, 16, 17]),
        ("四", [18, 19, 20, 21]),
        ("五", [22, 23, 24]),
    ]
    assert rows[2]["title"] == "深化为民办事服务公开，促进基层政府服务能力提升"
    result = run("sections")
    assert "1–4" in result.stdout and "22–24" in result.stdout
    by_section = json_rows(run("by-section", "三", "-f", "json"))
    assert [r["id"] for r in by_section] == [11, 12, 13, 14, 15, 16, 17]


def test_units_registry(run: Run) -> None:
    rows = {r["name"]: r for r in json_rows(run("units", "-f", "json"))}
    assert rows["各县（区）人民政府"]["kind"] == "group"
    assert len(rows["各县（区）人民政府"]["members"]) == 6
    assert rows["东坡区人民政府"]["short"] == "东坡区"
    assert (rows["东坡区人民政府"]["lead"], rows["东坡区人民政府"]["guide"]) == (24, 0)
    assert (rows["市政务服务管理局"]["lead"], rows["市政务服务管理局"]["guide"]) == (0, 7)
    assert rows["市级有关部门"]["kind"] == "open_group"


def test_format_choices_are_the_five_of_the_design(run: Run) -> None:
    # DESIGN.md: a rich table on a terminal; --format json|csv|markdown|plain for scripts
    assert FORMATS == ("table", "json", "csv", "markdown", "plain")
    assert run("list", "-f", "xml").exit_code == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_the_rows(run: Run, fmt: str) -> None:
    result = run("by-unit", "市政务服务管理局", "-f", fmt)
    assert result.exit_code == 0
    out = result.stdout
    if fmt == "json":
        assert len(rows_in(out)) == 7
    elif fmt == "csv":
        assert out.startswith("\ufeff")  # every CSV: BOM first (README "限制与安全")
        rows = list(csv.reader(io.StringIO(out[1:])))
        assert rows[0][:2] == ["序号", "角色"]
        assert [r[0] for r in rows[1:]] == ["4", "11", "12", "13", "14", "15", "17"]
    elif fmt == "markdown":
        lines = out.splitlines()
        assert "| 序号 | 角色 |" in out
        assert sum(line.startswith("| 1") or line.startswith("| 4") for line in lines) == 7
    elif fmt == "plain":
        assert [line.split("\t")[0] for line in out.splitlines()] == [
            "4",
            "11",
            "12",
            "13",
            "14",
            "15",
            "17",
        ]
    else:
        assert "市政务服务管理局" in out and "政务地图" in out


def test_validate_shipped_file(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).parents[1])
    result = run("validate", data=None)
    assert result.exit_code == 0
    assert "通过" in result.stdout


def test_validate_reports_file_line_col_and_exit_1(run: Run, tmp_path: Path) -> None:
    good = Path(__file__).parents[1] / "data" / "tasks.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace("市司法局加强指导", "市司法厅加强指导"),
        encoding="utf-8",
    )
    result = run("validate", str(good), str(bad), data=None)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    line_of_task_9_units = next(
        i
        for i, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
        if "市司法厅" in text
    )
    assert lines[0].startswith(f"{bad}:{line_of_task_9_units}:")
    assert "市司法厅" in lines[0] and "市司法局" in lines[0]
    assert lines[-1].startswith("1 个错误")


def test_query_on_broken_file_is_exit_1_without_traceback(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text("document: [\n", encoding="utf-8")
    result = run("due", data=bad)
    assert result.exit_code == 1
    assert f"{bad}:2:1" in result.stderr
    assert "Traceback" not in result.output


def test_data_found_upward_from_current_folder(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = Path(__file__).parents[1] / "data" / "tasks.yaml"
    (tmp_path / "data").mkdir()
    text = src.read_text(encoding="utf-8").replace("title: 眉山市深化", "title: 复制的眉山市深化")
    (tmp_path / "data" / "tasks.yaml").write_text(text, encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert [r["id"] for r in json_rows(run("list", "-f", "json", data=None))] == list(range(1, 25))
    monkeypatch.setenv("GOVOPEN_DATA", str(tmp_path / "missing.yaml"))
    result = run("list", data=None)
    assert result.exit_code == 1 and "文件不存在" in result.stderr


def test_usage_errors_are_exit_2(run: Run) -> None:
    assert run("due", "--within", "-3").exit_code == 2
    assert run("list", "-f", "xml").exit_code == 2
    assert run("due", "--within", "5", "--before", "2022-01-01").exit_code == 2
    assert run("due", "--after", "2022-02-01", "--before", "2022-01-01").exit_code == 2
    assert run("nonsense", data=None).exit_code == 2


def test_help_mentions_inclusive_before() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["due", "--help"], env={"COLUMNS": "200"})
    assert "含当天" in result.stdout


# --- one command built alone (start-up) -------------------------------------------------

COMMAND_NAMES = [info.name for info in app.registered_commands]


@pytest.mark.parametrize(
    "args",
    [
        *([name, "--help"] for name in COMMAND_NAMES),
        ["show"],  # a missing argument
        ["due", "--bogus"],  # an unknown option
        ["due", "--before", "2022-13-01"],  # a bad value
        ["by-unit", "市政务服务管理局", "--data", "no/such/file.yaml"],
    ],
)
def test_a_command_alone_says_what_the_whole_app_says(args: list[str]) -> None:
    from typer.testing import CliRunner

    from govopen_cli.cli.app import app_for
    from govopen_cli.cli.common import PROG_NAME

    single, rest, prog_name = app_for(args)
    assert single is not app and prog_name == f"govopen {args[0]}"
    env = {"COLUMNS": "120"}
    alone = CliRunner().invoke(single, rest, prog_name=prog_name, env=env)
    whole = CliRunner().invoke(app, args, prog_name=PROG_NAME, env=env)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert alone.exit_code != 0 or "用法: govopen " in alone.output


@pytest.mark.parametrize("args", [[], ["--help"], ["progress", "list"], ["dew"]])
def test_anything_else_gets_the_whole_app(args: list[str]) -> None:
    from govopen_cli.cli.app import app_for

    assert app_for(args) == (app, args, "govopen")

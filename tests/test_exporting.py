"""Exports read back by the library that reads each format, against the source table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from invoking import Run, rows_in

from govopen_cli.queries.status import Progress
from govopen_cli.render.exports import export, milestone_uid
from govopen_cli.render.formats import ExportFormat, RowKind
from govopen_cli.render.marks import LOOKS
from govopen_cli.table.catalog import Catalog, TaskView
from govopen_cli.table.model import ProgressReport

if TYPE_CHECKING:
    from icalendar import Calendar, Component
    from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]

AS_OF = dt.date(2022, 1, 15)
TASK_13_TEXT = (
    "县级政务服务场所设立政务公开专区，完善设施，配备专人，提供信息查询咨询、公报查阅和办事指引服务。"
    "推动乡镇（街道）政务服务向村（社区）延伸，根据常住人口情况因地制宜设立政务公开窗口。"
    "县级国家档案馆、公共图书馆设置专门的政府公报查阅点。"
)
TASK_13_SCHEDULE = (
    "2021年底前县级政务服务场所建成政务公开专区；"
    "2022年底前乡镇（街道）、村（社区）政务公开窗口全覆盖"
)
LEADS_ALL = "天府新区眉山管委会、各县（区）人民政府"
SEVEN = ["天府新区", "东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县"]
# Dated milestones in the source: one each for 2, 3, 5, 6, 7, 12, 14, 16, 23, 24; two for 13.
MILESTONE_TASKS = [2, 3, 5, 6, 7, 12, 13, 13, 14, 16, 23, 24]


def all_done_13_1(catalog: Catalog) -> list[ProgressReport]:
    """Every lead unit reports task 13's first milestone done on 2021-12-20."""
    return [
        ProgressReport(task=13, unit=u, status="done", date=dt.date(2021, 12, 20), milestone=1)
        for u in catalog.task(13).owners
    ]


def make(
    catalog: Catalog,
    fmt: ExportFormat,
    reports: Sequence[ProgressReport] = (),
    as_of: dt.date = AS_OF,
    *,
    rows: RowKind = "tasks",
    remind_days: int = 7,
    views: Sequence[TaskView] | None = None,
    unit: str | None = None,
) -> str | bytes:
    progress = Progress(catalog, list(reports), as_of)
    chosen = catalog.tasks if views is None else views
    return export(
        fmt, progress, chosen, list(reports), rows=rows, remind_days=remind_days, unit=unit
    )


def make_text(
    catalog: Catalog,
    fmt: ExportFormat,
    reports: Sequence[ProgressReport] = (),
    *,
    rows: RowKind = "tasks",
) -> str:
    """csv, markdown and json are text."""
    text = make(catalog, fmt, reports, rows=rows)
    assert isinstance(text, str)
    return text


# --- csv ------------------------------------------------------------------------------------------


def test_csv_tasks_has_bom_and_the_four_source_columns(catalog: Catalog) -> None:
    text = make_text(catalog, "csv")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "重点任务", "工作进度", "责任单位"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 25)]
    assert rows[13] == [
        "13",
        TASK_13_TEXT,
        TASK_13_SCHEDULE,
        LEADS_ALL + "，市政务服务管理局加强指导",
    ]
    # task 7 sits in task 6's merged cells: the cell's text in both rows
    assert rows[7][2] == rows[6][2] == "2021年9月底前建立规划专栏集中展示规划体系"


def test_csv_milestones_one_row_each_with_units_still_owing(catalog: Catalog) -> None:
    reports = all_done_13_1(catalog)[:5]  # 天府新区 … 洪雅县 done; 丹棱县, 青神县 owe
    text = make_text(catalog, "csv", reports, rows="milestones")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [int(r["序号"]) for r in rows] == MILESTONE_TASKS
    t13 = [r for r in rows if r["序号"] == "13"]
    assert [(r["节点"], r["截止日期"], r["节点内容"]) for r in t13] == [
        ("1", "2021-12-31", "县级政务服务场所建成政务公开专区"),
        ("2", "2022-12-31", "乡镇（街道）、村（社区）政务公开窗口全覆盖"),
    ]
    assert t13[0]["未完成单位"] == "丹棱县、青神县"
    assert t13[1]["未完成单位"] == "、".join(SEVEN)
    assert t13[0]["状态"] == "逾期未完成"  # due 2021-12-31, two units still owe on 2022-01-15
    assert t13[1]["状态"] == "未到期"


def test_unit_and_section_narrow_the_rows(run: Run) -> None:
    result = run("export", "--format", "csv", "--unit", "市政务服务管理局")
    rows = list(csv.reader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["4", "11", "12", "13", "14", "15", "17"]
    result = run("export", "--format", "csv", "--section", "五")
    rows = list(csv.reader(io.StringIO(result.output.removeprefix("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["22", "23", "24"]


# --- markdown and json --------------------------------------------------------------------------


def test_markdown_is_the_table_with_section_rows(catalog: Catalog) -> None:
    lines = make_text(catalog, "markdown").splitlines()
    assert lines[0] == "| 序号 | 重点任务 | 工作进度 | 责任单位 |"
    sections = [line for line in lines if line.startswith("| **")]
    assert sections[2] == "| **三** | **深化为民办事服务公开，促进基层政府服务能力提升** |  |  |"
    assert len(sections) == 5
    assert len(lines) == 2 + 5 + 24
    assert f"| 13 | {TASK_13_TEXT} | {TASK_13_SCHEDULE} |" in "\n".join(lines)


def test_json_rows(catalog: Catalog) -> None:
    tasks = rows_in(make_text(catalog, "json"))
    assert len(tasks) == 24
    assert tasks[6]["id"] == 7 and tasks[6]["same_as"] == 6
    milestones = rows_in(make_text(catalog, "json", rows="milestones"))
    assert [(m["task"], m["due"]) for m in milestones if m["task"] == 13] == [
        (13, "2021-12-31"),
        (13, "2022-12-31"),
    ]


# --- xlsx ---------------------------------------------------------------------------------------


def workbook(
    catalog: Catalog, reports: Sequence[ProgressReport] = (), as_of: dt.date = AS_OF
) -> Workbook:
    from openpyxl import load_workbook

    data = make(catalog, "xlsx", reports, as_of)
    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data))


def day(value: object) -> dt.date:
    """A date cell as openpyxl reads it back: a datetime at midnight."""
    assert isinstance(value, dt.datetime)
    return value.date()


def test_xlsx_sheet_one_is_the_table_as_published(catalog: Catalog) -> None:
    book = workbook(catalog)
    assert book.sheetnames == ["任务分工", "节点进度", "进展台账"]
    sheet = book["任务分工"]
    assert sheet["A1"].value == "附件1  眉山市深化政务公开促进基层政府治理能力提升重点任务分工"
    assert [c.value for c in sheet[2]] == ["序号", "重点任务", "工作进度", "责任单位"]
    # 5 section rows and 24 task rows after the header: rows 3 … 31
    column_a = [sheet.cell(r, 1).value for r in range(3, sheet.max_row + 1)]
    assert len(column_a) == 29
    assert column_a[0] == "一、深化行政决策公开，促进基层政府决策能力提升"
    assert [v for v in column_a if isinstance(v, int)] == list(range(1, 25))
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert "A3:D3" in merged  # section 一
    # row 3 一, rows 4–7 tasks 1–4, row 8 二, row 9 task 5: task 6 is row 10 and task 7 row 11,
    # their 工作进度 and 责任单位 cells merged as in the source
    assert sheet["A10"].value == 6 and sheet["A11"].value == 7
    assert {"C10:C11", "D10:D11"} <= merged
    assert sheet["C11"].value is None
    row_13 = next(r for r in range(3, 32) if sheet.cell(r, 1).value == 13)
    assert [sheet.cell(row_13, c).value for c in (2, 3)] == [TASK_13_TEXT, TASK_13_SCHEDULE]
    assert sheet.cell(row_13, 2).alignment.wrap_text
    assert sheet.column_dimensions["B"].width > 40


def test_xlsx_print_settings(catalog: Catalog) -> None:
    sheet = workbook(catalog)["任务分工"]
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4 in the OOXML paper-size table
    assert sheet.print_title_rows == "$2:$2"
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage
    assert sheet.page_setup.fitToWidth == 1


def test_xlsx_board_sheet_fills(catalog: Catalog) -> None:
    reports = all_done_13_1(catalog)
    reports[3] = reports[3].model_copy(update={"date": dt.date(2022, 1, 5)})  # 仁寿县 late
    sheet = workbook(catalog, reports)["节点进度"]
    heads = [c.value for c in sheet[2]]
    assert heads == ["序号", "节点", "截止日期", "节点内容", *SEVEN]
    assert sheet.freeze_panes == "E3"

    def row_of(task: int, number: object) -> int:
        return next(
            r
            for r in range(3, sheet.max_row + 1)
            if sheet.cell(r, 1).value == task and sheet.cell(r, 2).value == number
        )

    def fill(row: int, unit: str) -> str:
        return str(sheet.cell(row, 5 + SEVEN.index(unit)).fill.fgColor.rgb)[-6:]

    r = row_of(13, 1)
    assert day(sheet.cell(r, 3).value) == dt.date(2021, 12, 31)
    assert sheet.cell(r, 5).value == "✔完成"
    assert fill(r, "天府新区") == LOOKS["done"].colours.bg
    assert sheet.cell(r, 5 + SEVEN.index("仁寿县")).value == "◐迟完"
    assert fill(r, "仁寿县") == LOOKS["done_late"].colours.bg
    r16 = row_of(16, 1)  # 2021年底前, nobody reported by 2022-01-15
    assert all(sheet.cell(r16, c).value == "✘逾期" for c in range(5, 12))
    assert fill(r16, "青神县") == LOOKS["overdue"].colours.bg == "B91C1C"
    r1 = row_of(1, "—")  # 长期坚持
    assert sheet.cell(r1, 5).value == "∞持续"
    legend = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == "图例")
    meanings = [sheet.cell(r, 4).value for r in range(legend + 1, legend + 9)]
    assert meanings[0] == "按时完成" and meanings[-1] == "逾期未完成"
    assert len(set(meanings)) == 8


def test_xlsx_ledger_sheet(catalog: Catalog) -> None:
    reports = all_done_13_1(catalog)[:2]
    reports.append(
        ProgressReport(task=2, unit="东坡区人民政府", status="done", date=dt.date(2022, 2, 1))
    )  # after the as-of date: not counted yet
    sheet = workbook(catalog, reports)["进展台账"]
    assert [c.value for c in sheet[1]][:5] == ["报送日期", "序号", "节点", "单位", "状态"]
    assert sheet.max_row == 3
    assert day(sheet["A2"].value) == dt.date(2021, 12, 20)
    assert [sheet["B2"].value, sheet["C2"].value, sheet["D2"].value, sheet["E2"].value] == [
        13,
        "1",
        "天府新区",
        "已完成",
    ]


# --- ics ------------------------------------------------------------------------------------------


def calendar(
    catalog: Catalog,
    reports: Sequence[ProgressReport] = (),
    as_of: dt.date = AS_OF,
    *,
    remind_days: int = 7,
) -> Calendar:
    from icalendar import Calendar

    data = make(catalog, "ics", reports, as_of, remind_days=remind_days)
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def events(cal: Calendar) -> list[Component]:
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_ics_one_all_day_event_per_milestone(catalog: Catalog) -> None:
    found = events(calendar(catalog))
    assert len(found) == len(MILESTONE_TASKS)
    t13 = [e for e in found if str(e["summary"]).startswith("【第13项】")]
    assert [str(e["summary"]) for e in t13] == [
        "【第13项】县级政务服务场所建成政务公开专区",
        "【第13项】乡镇（街道）、村（社区）政务公开窗口全覆盖",
    ]
    starts = [e.decoded("dtstart") for e in t13]
    assert starts == [dt.date(2021, 12, 31), dt.date(2022, 12, 31)]
    assert all(not isinstance(s, dt.datetime) for s in starts)  # all-day
    assert [e.decoded("dtend") for e in t13] == [dt.date(2022, 1, 1), dt.date(2023, 1, 1)]
    description = str(t13[0]["description"])
    assert LEADS_ALL in description and TASK_13_TEXT in description
    # a milestone without a named deliverable is called by its task's first clause
    t14 = next(e for e in found if str(e["summary"]).startswith("【第14项】"))
    assert str(t14["summary"]) == "【第14项】编发“政务地图”"
    assert t14.decoded("dtstart") == dt.date(2022, 6, 30)


def test_ics_alarm_before_the_deadline(catalog: Catalog) -> None:
    for days in (7, 3):
        found = events(calendar(catalog, remind_days=days))
        for event in found:
            alarms = [c for c in event.walk() if c.name == "VALARM"]
            assert len(alarms) == 1
            assert alarms[0].decoded("trigger") == -dt.timedelta(days=days)
            assert str(alarms[0]["action"]) == "DISPLAY"


def test_ics_uids_are_stable_and_distinct(catalog: Catalog) -> None:
    first = events(calendar(catalog, as_of=dt.date(2022, 1, 15)))
    again = events(calendar(catalog, all_done_13_1(catalog), as_of=dt.date(2022, 6, 1)))
    uids = [str(e["uid"]) for e in first]
    assert uids == [str(e["uid"]) for e in again]
    assert len(set(uids)) == len(uids)
    assert str(first[6]["uid"]) == milestone_uid(catalog, 13, 1)


def test_ics_for_one_unit(run: Run, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "仁寿县.ics"
    result = run("export", "--format", "ics", "--unit", "仁寿县", "--out", str(out))
    assert result.exit_code == 0
    cal = Calendar.from_ical(out.read_bytes())
    assert "仁寿县" in str(cal["x-wr-calname"])
    # 仁寿县 is one of 各县（区）人民政府, which leads every task: all 12 milestones
    assert len(events(cal)) == 12
    result = run("export", "--format", "ics", "--unit", "市政务服务管理局")
    cal = Calendar.from_ical(result.output.encode("utf-8"))
    summaries = [str(e["summary"]) for e in events(cal)]
    assert [s.split("】")[0] for s in summaries] == ["【第12项", "【第13项", "【第13项", "【第14项"]
    full = events(calendar_from_cli(run))
    assert {str(e["uid"]) for e in events(cal)} <= {str(e["uid"]) for e in full}


def test_ics_recurring_deadline_is_one_event_with_its_rrule(tmp_path: Path) -> None:
    from icalendar import Calendar

    from govopen_cli.checks.open import open_catalog

    text = (ROOT / "tests" / "corpus" / "valid-minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "tasks.yaml"
    path.write_text(text.replace("schedule: 2022年6月底前", "schedule: 每季度末报送进展"))
    recurring = open_catalog(path)
    data = make(recurring, "ics", as_of=dt.date(2022, 2, 1))
    assert isinstance(data, bytes)
    cal = Calendar.from_ical(data)
    [event] = events(cal)
    # the document's year is 2021: its first quarter ends on 2021-03-31
    assert event.decoded("dtstart") == dt.date(2021, 3, 31)
    [rrule] = [line for line in data.decode().splitlines() if line.startswith("RRULE:")]
    pairs = [part.split("=") for part in rrule.removeprefix("RRULE:").split(";")]
    parts = {key: value for key, value in pairs}
    assert parts == {"FREQ": "YEARLY", "BYMONTH": "3,6,9,12", "BYMONTHDAY": "-1"}
    assert str(event["summary"]) == "【第1项】每季度末报送进展"
    assert str(event["uid"]).endswith("@govopen")
    assert "每季度末" in str(event["description"])


def calendar_from_cli(run: Run) -> Calendar:
    from icalendar import Calendar

    return Calendar.from_ical(run("export", "--format", "ics").output.encode("utf-8"))


# --- the command ---------------------------------------------------------------------------


def test_xlsx_needs_out(run: Run) -> None:
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--out" in result.output and "xlsx" in result.output


def test_export_writes_the_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "分工表.csv"
    result = run("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + "序号,重点任务".encode())
    assert [p.name for p in tmp_path.iterdir()] == ["分工表.csv"]  # no temporary file left


def test_export_to_a_missing_folder_is_one_clear_message(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "没有这个目录" / "x.xlsx"
    result = run("export", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 1
    assert "无法写入" in result.output
    assert "Traceback" not in result.output


def test_export_unknown_unit(run: Run) -> None:
    result = run("export", "--format", "csv", "--unit", "火星局")
    assert result.exit_code == 1
    assert "火星局" in result.output


@pytest.mark.parametrize("fmt", ["csv", "markdown", "json", "ics"])
def test_text_formats_go_to_stdout(run: Run, fmt: str) -> None:
    result = run("export", "--format", fmt)
    assert result.exit_code == 0
    assert "2022" in result.output


def test_a_terse_deliverable_is_named_with_its_task(catalog: Catalog) -> None:
    found = events(calendar(catalog))
    t2 = next(e for e in found if str(e["summary"]).startswith("【第2项】"))
    # source: 探索建立群众参与基层政府有关会议制度。 / 2021年底前建立制度
    assert str(t2["summary"]) == "【第2项】探索建立群众参与基层政府有关会议制度（建立制度）"


def test_xlsx_sheets_have_autofilters_over_their_rows(catalog: Catalog) -> None:
    book = workbook(catalog, all_done_13_1(catalog)[:2])
    # table: header row 2, 5 section rows + 24 tasks = rows 3–31, four source columns
    assert book["任务分工"].auto_filter.ref == "A2:D31"
    # board: 序号/节点/截止日期/节点内容 + 7 lead units (A–K); 12 dated milestones + the 13
    # tasks without one = rows 3–27; the legend below stays out of the filter
    assert book["节点进度"].auto_filter.ref == "A2:K27"
    # ledger: header + 2 reports, seven columns (日期 序号 节点 单位 状态 备注 佐证)
    assert book["进展台账"].auto_filter.ref == "A1:G3"


def test_xlsx_for_a_guide_unit_names_its_role(catalog: Catalog) -> None:
    views = [v for v in catalog.tasks if catalog.holdings(v, "市政务服务管理局")]
    data = make(catalog, "xlsx", views=views, unit="市政务服务管理局")
    assert isinstance(data, bytes)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data))["任务分工"]
    assert [c.value for c in sheet[2]] == ["序号", "重点任务", "工作进度", "责任单位", "角色"]
    ids_and_roles = [
        (sheet.cell(r, 1).value, sheet.cell(r, 5).value)
        for r in range(3, sheet.max_row + 1)
        if isinstance(sheet.cell(r, 1).value, int)
    ]
    # the source: 市政务服务管理局 加强指导 tasks 4, 11–15 and 17
    assert ids_and_roles == [(i, "指导") for i in (4, 11, 12, 13, 14, 15, 17)]
    assert sheet.auto_filter.ref == f"A2:E{sheet.max_row}"

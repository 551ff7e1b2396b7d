"""The card's questions, answered from the shipped Meishan table.

Expected values are read off the source table (附件1) by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govopen_cli.queries.questions import (
    Window,
    by_unit,
    deadlines,
    due_window,
    list_tasks,
    overdue,
    sections,
    select_for_export,
    select_reports,
    unit_summaries,
)
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.model import ProgressReport

D = dt.date
COUNTIES = [
    "东坡区人民政府",
    "彭山区人民政府",
    "仁寿县人民政府",
    "洪雅县人民政府",
    "丹棱县人民政府",
    "青神县人民政府",
]


def test_shipped_table_has_24_tasks_in_5_sections(catalog: Catalog) -> None:
    assert [v.id for v in catalog.tasks] == list(range(1, 25))
    counts = {s.section.id: len(s.task_ids) for s in sections(catalog)}
    # 一: 1–4, 二: 5–10, 三: 11–17, 四: 18–21, 五: 22–24
    assert counts == {"一": 4, "二": 6, "三": 7, "四": 4, "五": 3}


def test_due_before_2022_06_30_matches_the_pdf(catalog: Catalog) -> None:
    items = deadlines(catalog, as_of=D(2022, 1, 1), end=D(2022, 6, 30))
    assert sorted({i.view.id for i in items}) == [2, 3, 5, 6, 7, 12, 13, 14, 16]
    thirteen = [i for i in items if i.view.id == 13]
    assert [(i.number, i.due) for i in thirteen] == [(1, D(2021, 12, 31))]
    # The window's end is inclusive: task 14 is due on 2022-06-30 itself.
    assert [i.due for i in items if i.view.id == 14] == [D(2022, 6, 30)]


def test_due_rows_are_sorted_by_date_with_days_left(catalog: Catalog) -> None:
    items = deadlines(catalog, as_of=D(2022, 1, 1), end=D(2022, 6, 30))
    assert [i.due for i in items] == sorted(i.due for i in items)
    first = items[0]
    assert (first.view.id, first.due) == (6, D(2021, 9, 30))
    assert first.days_left == -93  # 2021-09-30 → 2022-01-01: 31 + 30 + 31 + 1 days
    three = next(i for i in items if i.view.id == 3)
    assert three.days_left == 89  # 2022-01-01 → 2022-03-31: 30 + 28 + 31


def test_due_window_with_start_keeps_only_later_milestones(catalog: Catalog) -> None:
    items = deadlines(catalog, as_of=D(2022, 1, 1), start=D(2022, 1, 1), end=D(2022, 12, 31))
    # 3 and 12 (2022-03-31), 14 (2022-06-30), 13's second, 23 and 24 (2022-12-31)
    assert [(i.view.id, i.number) for i in items] == [
        (3, 1),
        (12, 1),
        (14, 1),
        (13, 2),
        (23, 1),
        (24, 1),
    ]


def test_overdue_as_of_2021_10_01_is_tasks_6_and_7(catalog: Catalog) -> None:
    items = overdue(catalog, as_of=D(2021, 10, 1))
    assert [(i.view.id, i.due) for i in items] == [(6, D(2021, 9, 30)), (7, D(2021, 9, 30))]
    assert all(i.days_left == -1 for i in items)


def test_nothing_is_overdue_on_its_due_date(catalog: Catalog) -> None:
    assert overdue(catalog, as_of=D(2021, 9, 30)) == []


def test_ongoing_work_is_never_overdue(catalog: Catalog) -> None:
    late = {i.view.id for i in overdue(catalog, as_of=D(2030, 1, 1))}
    # every dated task, none of the 长期坚持 / 动态调整 ones (1, 4, 8, 9, 10, 11, 15, 17–22)
    assert late == {2, 3, 5, 6, 7, 12, 13, 14, 16, 23, 24}


def test_by_unit_city_service_bureau_guides_seven_tasks(catalog: Catalog) -> None:
    items = by_unit(catalog, "市政务服务管理局")
    assert [i.view.id for i in items] == [4, 11, 12, 13, 14, 15, 17]
    assert {(h.role, h.via) for i in items for h in i.holdings} == {("guide", None)}


def test_by_unit_renshou_leads_all_24_through_the_county_group(catalog: Catalog) -> None:
    items = by_unit(catalog, "仁寿县人民政府")
    assert [i.view.id for i in items] == list(range(1, 25))
    assert {(h.role, h.via) for i in items for h in i.holdings} == {("lead", "各县（区）人民政府")}


def test_by_unit_group_itself_holds_its_tasks_directly(catalog: Catalog) -> None:
    items = by_unit(catalog, "各县（区）人民政府")
    assert len(items) == 24
    assert all(h.via is None for i in items for h in i.holdings)


def test_by_unit_open_group_named_with_deng(catalog: Catalog) -> None:
    # Task 8: 市发展改革委、市农业农村局、市财政局等市级有关部门加强指导
    # Task 10: 市应急管理局、市自然资源局、市水利局、市卫生健康委等市级有关部门加强指导
    assert [i.view.id for i in by_unit(catalog, "市级有关部门")] == [8, 10]
    assert [i.view.id for i in by_unit(catalog, "市财政局")] == [8]
    assert [i.view.id for i in by_unit(catalog, "市卫生健康委")] == [10]


def test_task_7_shares_task_6s_merged_cells(catalog: Catalog) -> None:
    six, seven = catalog.task(6), catalog.task(7)
    assert seven.cells_from == 6
    assert seven.same_as == 6  # its own cells are blank in the source text
    assert seven.schedule_text == six.schedule_text == "2021年9月底前建立规划专栏集中展示规划体系"
    assert seven.named("guide") == ["市级规划编制部门"]
    assert [m.due for m in seven.schedule.milestones] == [D(2021, 9, 30)]


def test_list_filters_by_section_unit_and_text(catalog: Catalog) -> None:
    assert [v.id for v in list_tasks(catalog, section=catalog.section("五"))] == [22, 23, 24]
    assert [v.id for v in list_tasks(catalog, section=catalog.section("4"))] == [18, 19, 20, 21]
    assert [v.id for v in list_tasks(catalog, unit="市审计局")] == [21]
    assert [v.id for v in list_tasks(catalog, unit="市政府办公室")] == [16, 19, 21]
    assert [v.id for v in list_tasks(catalog, search="政务地图")] == [14]
    # searching folds the noise of PDF copies: spaces and full-width digits
    assert [v.id for v in list_tasks(catalog, search="十 四五")] == [6]
    assert [v.id for v in list_tasks(catalog, search="２０２２年６月")] == [14]


def test_unit_summaries_count_roles(catalog: Catalog) -> None:
    summary = {s.unit.name: s for s in unit_summaries(catalog)}
    assert summary["市政务服务管理局"].counts == {"lead": 0, "support": 0, "guide": 7}
    assert summary["东坡区人民政府"].counts["lead"] == 24
    assert summary["东坡区人民政府"].groups == ("各县（区）人民政府",)
    assert summary["天府新区眉山管委会"].counts["lead"] == 24
    assert summary["市政府办公室"].counts["guide"] == 3
    assert summary["各县（区）人民政府"].unit.members == tuple(COUNTIES)


@pytest.mark.parametrize(
    ("ref", "expected"), [("一", "一"), ("1", "一"), ("五", "五"), ("3、", "三")]
)
def test_section_reference_by_numeral_or_digit(catalog: Catalog, ref: str, expected: str) -> None:
    assert catalog.section(ref).id == expected


@pytest.mark.parametrize("ref", ["六", "0", "6", "abc"])
def test_unknown_section_is_a_lookup_error_in_chinese(catalog: Catalog, ref: str) -> None:
    with pytest.raises(LookupError, match="没有章节"):
        catalog.section(ref)


# --- the due-date window (due --before/--after/--within) ---------------------------------------


def test_due_window_defaults_to_the_next_30_days() -> None:
    assert due_window(D(2022, 1, 15)) == Window(D(2022, 1, 15), D(2022, 2, 14))


def test_due_window_before_alone_has_no_start() -> None:
    assert due_window(D(2022, 1, 15), before=D(2022, 6, 30)) == Window(None, D(2022, 6, 30))


def test_due_window_after_and_within() -> None:
    window = due_window(D(2022, 1, 15), after=D(2022, 1, 1), within=10)
    assert window == Window(D(2022, 1, 1), D(2022, 1, 25))
    assert due_window(D(2022, 1, 15), within=0) == Window(D(2022, 1, 15), D(2022, 1, 15))


def test_due_window_refuses_within_with_before_and_an_empty_window() -> None:
    with pytest.raises(ValueError, match="--within 与 --before 不能同时使用"):
        due_window(D(2022, 1, 15), before=D(2022, 6, 30), within=3)
    with pytest.raises(ValueError, match="起点 2022-07-01 晚于终点 2022-06-30"):
        due_window(D(2022, 1, 15), after=D(2022, 7, 1), before=D(2022, 6, 30))


# --- what an export selects ----------------------------------------------------------------------


def report(task: int, unit: str) -> ProgressReport:
    return ProgressReport(task=task, unit=unit, status="done", date=D(2022, 1, 1))


def test_export_of_a_section_keeps_its_tasks_and_their_reports(catalog: Catalog) -> None:
    reports = [report(1, "东坡区人民政府"), report(5, "东坡区人民政府")]
    chosen = select_for_export(catalog, reports, section=catalog.section("二"))
    assert [v.id for v in chosen.views] == [5, 6, 7, 8, 9, 10]  # section 二: tasks 5–10
    assert [r.task for r in chosen.reports] == [5]


def test_export_for_a_group_keeps_its_members_reports(catalog: Catalog) -> None:
    reports = [
        report(1, "东坡区人民政府"),
        report(1, "市政务服务管理局"),
        report(2, "仁寿县人民政府"),
    ]
    chosen = select_for_export(catalog, reports, unit="各县（区）人民政府")
    assert len(chosen.views) == 24  # the county group leads every task
    assert [(r.task, r.unit) for r in chosen.reports] == [
        (1, "东坡区人民政府"),
        (2, "仁寿县人民政府"),
    ]
    assert select_reports(catalog, reports, tasks=[2]) == [reports[2]]

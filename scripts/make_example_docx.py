"""Write the two example tables the README imports (docs/examples/).

tasks-example.docx: a made-up city's Word table with what real ones have: a title, columns
牵头单位/配合单位/完成时限, section rows spanning the table, cells merged over two tasks,
wrapped text, and the header repeated on the second page.

tasks-example-2.xlsx: an Excel sheet laid out differently: 附件1 and a title above a
two-row header (责任单位 over 牵头单位/配合单位), a merged 类别 column as sections,
具体措施 as the task column, "各县（市、区）人民政府" (filled from the gazetteer for 乐山市),
"……负责落实", and a 注： row at the end. Task texts are invented.

Run: .venv/bin/python scripts/make_example_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from table_fixtures import build_docx, xlsx_book  # noqa: E402

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]

if __name__ == "__main__":
    target = ROOT / "docs" / "examples" / "tasks-example.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    build_docx(
        target,
        ["附件2", "示例市政务公开重点任务分工"],
        [
            [
                HEADER,
                ["一、加强政策解读"],
                ["1", "建立政策解读\n工作机制。", "市政府办公室", "市司法局", "2022年上半年"],
                [
                    "2",
                    "每季度报送重点\n任务进展情况。",
                    "市发展改革委",
                    "市财政局、市商务局",
                    "每季度末",
                ],
                ["3", "汇总公开重点项目推进情况。", "", "", ""],
            ],
            [
                HEADER,
                ["二、优化政务服务"],
                ["4", "推进政务服务事项网上办理。", "市行政审批局", "", "持续推进"],
                ["5", "编制办事指南。", "市行政审批局", "市级有关部门", "2022年9月底前"],
            ],
        ],
        merges=[(0, 3, 4, 2), (0, 3, 4, 3), (0, 3, 4, 4)],
    )
    print(target.relative_to(ROOT))
    second = target.with_name("tasks-example-2.xlsx")
    rows = [
        ["附件1"],
        ["乐山市2024年政务公开重点任务分工"],
        ["类别", "序号", "具体措施", "责任单位", "", "完成时限"],
        ["", "", "", "牵头单位", "配合单位", ""],
        [
            "政策解读",
            "1",
            "建立政策解读工作机制，同步公开解读材料。",
            "市政府办公室",
            "市司法局",
            "2024年上半年",
        ],
        [
            "",
            "2",
            "报送重点项目推进情况。",
            "市发展改革委",
            "各县（市、区）人民政府",
            "每季度第一个月10日前",
        ],
        ["政务服务", "3", "编制办事指南。", "市行政审批局", "市级有关部门", "2024年7月—9月"],
        [
            "",
            "4",
            "推进乡镇便民服务中心标准化建设。",
            "各县（市、区）人民政府负责落实",
            "",
            "4月底前启动，10月底前完成",
        ],
        ["注：完成时限为最迟时间。"],
    ]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "A5:A6", "A7:A8", "A9:F9"]
    xlsx_book(second, [("分工", rows, merges), ("Sheet2", [], [])])
    print(second.relative_to(ROOT))

"""Write docs/examples/tasks-example.docx, the small Word table the README imports.

A made-up city's table with what real ones have: a title, columns 牵头单位/配合单位/完成时限,
section rows spanning the table, cells merged over two tasks, wrapped text, and the
header repeated on the second page. Run: .venv/bin/python scripts/make_example_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from table_fixtures import build_docx  # noqa: E402

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

"""`govopen import`: text, Word and Excel task tables to a commented tasks.yaml.

Expected values come from the source documents (Meishan's 附件1 and the shipped
data/tasks.yaml transcribed from it) or from the hand-written tables below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from table_fixtures import build_docx, build_xlsx
from typer.testing import CliRunner

from govopen_cli.checks.validate import validate_file
from govopen_cli.cli.app import app
from govopen_cli.importing.importer import SourceError, import_source
from govopen_cli.importing.layout import build_tables
from govopen_cli.importing.readers import text_rows
from govopen_cli.importing.writer import render_yaml
from govopen_cli.table.schedule import parse_schedule

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
SOURCE = ROOT.parent / "shared" / "source" / "meishan-attachment-1.txt"
if not SOURCE.exists():
    SOURCE = Path("/work/shared/source/meishan-attachment-1.txt")
needs_source = pytest.mark.skipif(not SOURCE.exists(), reason="Meishan source text not present")


def _import(tmp_path: Path, source: Path) -> tuple[dict[str, Any], Path]:
    out = tmp_path / "out.yaml"
    out.write_text(render_yaml(import_source(source), source.name), encoding="utf-8")
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data, out


def _tasks(data: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        (t["id"], t["section"], t["text"], t["schedule"], t["units"], t.get("same_as"))
        for t in data["tasks"]
    ]


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


# --- round trip: Meishan's source text gives the shipped file -------------------------


@needs_source
def test_meishan_text_round_trips_to_shipped_file(tmp_path: Path) -> None:
    shipped = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    imported, _ = _import(tmp_path, SOURCE)
    assert imported["document"] == shipped["document"]
    assert imported["sections"] == shipped["sections"]
    assert _tasks(imported) == _tasks(shipped)
    assert imported["tasks"][6]["same_as"] == 6

    # the registry as shipped, the six counties filled from the gazetteer (GB/T 2260,
    # 眉山市 = 511400: 东坡区 511402 … 青神县 511425); only the hand-typed aliases differ
    def registry(data: dict[str, Any]) -> list[tuple[object, ...]]:
        return sorted(
            (u["name"], u["kind"], tuple(u.get("members", ())), u.get("short"))
            for u in data["units"]
            if u["name"] != "天府新区眉山管委会"  # its short 天府新区 was typed by hand
        )

    assert registry(imported) == registry(shipped)


@needs_source
def test_meishan_import_validates_and_answers_as_shipped(tmp_path: Path) -> None:
    out = tmp_path / "meishan.yaml"
    result = _invoke("import", str(SOURCE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "校验通过" in result.stdout
    assert validate_file(out).ok
    for question in (
        ["due", "--before", "2022-06-30"],
        ["by-unit", "市政务服务管理局"],
        ["by-unit", "仁寿县"],
    ):
        mine = _invoke(*question, "--format", "json", "--data", str(out))
        shipped = _invoke(*question, "--format", "json", "--data", str(DATA))
        assert mine.exit_code == shipped.exit_code == 0
        # the same answers; only `doc` (each file's own key) differs
        assert mine.stdout.replace('"doc": "meishan"', '"doc": "tasks"') == shipped.stdout
        assert len(yaml.safe_load(mine.stdout)) > 0


@needs_source
def test_noisy_pdf_copy_recovers_tasks_one_to_four() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" 附件 1"))
    tables, _ = build_tables(text_rows("\n".join(lines[start:]), "noisy.txt"))
    table = tables[0]
    shipped = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert table.attachment == "附件1"
    assert table.title == "眉山市深化政务公开促进基层政府治理能力提升重点任务分工"
    assert table.sections == [("一", "深化行政决策公开，促进基层政府决策能力提升")]
    got = [(t.id, t.text, t.schedule, t.units) for t in table.tasks]
    want = [(t["id"], t["text"], t["schedule"], t["units"]) for t in shipped["tasks"][:4]]
    assert got == want


@needs_source
def test_meishan_dry_run_summary(tmp_path: Path) -> None:
    source = tmp_path / "meishan.txt"
    source.write_bytes(SOURCE.read_bytes())
    result = _invoke("import", str(source), "--dry-run")
    assert result.exit_code == 0
    # 5 sections, 24 tasks; 16 units named in the cells + the 6 counties filled in;
    # milestones by hand: tasks 2, 3, 5, 6, 12, 14, 16, 23, 24 one each and task 13 two = 11
    assert (
        "章节 5 个，任务 24 项，单位 22 个（其中 0 个集合无法补全成员），截止节点 11 个"
        in result.stdout
    )
    assert "各县（区）人民政府：按“眉山市”的行政区划补全了 6 个成员" in result.stdout
    # task 5's 市级有关指导部门（单位） is a guide only by its place after the "，"
    assert "第 5 项：“市级有关指导部门（单位）”没有写明角色" in result.stdout
    assert "4 项中 4 项一致" in result.stdout
    assert not (tmp_path / "meishan.yaml").exists()


# --- another city's table, by hand: Word and Excel -------------------------------------

HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
SECTION_1 = ["一、加强政策解读"]
SECTION_2 = ["二、优化政务服务"]
TASK_1 = ["1", "建立政策解读\n工作机制。", "市政府办公室", "市司法局", "2022年上半年"]
TASK_2 = ["2", "每季度报送重点\n任务进展情况。", "市发展改革委", "市财政局、市商务局", "每季度末"]
TASK_3 = ["3", "汇总公开重点项目推进情况。", "", "", ""]  # cells merged with task 2
TASK_4 = ["4", "推进政务服务事项网上办理。", "市行政审批局", "", "持续推进"]
TASK_5 = ["5", "编制办事指南。", "市行政审批局", "市级有关部门", "2022年9月底前"]
LESHAN_TASKS = [
    (
        1,
        "一",
        "建立政策解读工作机制。",
        "2022年上半年",
        "牵头单位：市政府办公室；配合单位：市司法局",
        None,
    ),
    (
        2,
        "一",
        "每季度报送重点任务进展情况。",
        "每季度末",
        "牵头单位：市发展改革委；配合单位：市财政局、市商务局",
        None,
    ),
    (3, "一", "汇总公开重点项目推进情况。", "", "", 2),
    (4, "二", "推进政务服务事项网上办理。", "持续推进", "市行政审批局", None),
    (
        5,
        "二",
        "编制办事指南。",
        "2022年9月底前",
        "牵头单位：市行政审批局；配合单位：市级有关部门",
        None,
    ),
]


def leshan_docx(path: Path) -> Path:
    # page 1: header, section, tasks 1-3 (2 and 3 merged in the unit and time columns);
    # page 2: the header repeated, then section 二 and tasks 4-5
    return build_docx(
        path,
        ["附件2", "乐山市政务公开重点任务分工"],
        [
            [HEADER, SECTION_1, TASK_1, TASK_2, TASK_3],
            [HEADER, SECTION_2, TASK_4, TASK_5],
        ],
        merges=[(0, 3, 4, 2), (0, 3, 4, 3), (0, 3, 4, 4)],
    )


def test_docx_import(tmp_path: Path) -> None:
    data, out = _import(tmp_path, leshan_docx(tmp_path / "leshan.docx"))
    assert data["document"] == {
        "title": "乐山市政务公开重点任务分工",
        "attachment": "附件2",
        "region": "乐山市",
        "year": 2022,
    }
    assert data["sections"] == [
        {"id": "一", "title": "加强政策解读"},
        {"id": "二", "title": "优化政务服务"},
    ]
    assert _tasks(data) == LESHAN_TASKS
    assert {u["name"]: u["kind"] for u in data["units"]} == {
        "市政府办公室": "department",
        "市司法局": "department",
        "市发展改革委": "department",
        "市财政局": "department",
        "市商务局": "department",
        "市行政审批局": "department",
        "市级有关部门": "open_group",
    }
    assert validate_file(out).ok


def test_other_city_phrasing_is_understood() -> None:
    # DESIGN.md lists 上半年, 每季度末 and 持续推进 as understood phrases
    assert [m.due.isoformat() for m in parse_schedule("2022年上半年").milestones] == ["2022-06-30"]
    assert len(parse_schedule("每季度末").recurring) == 1
    assert parse_schedule("持续推进").ongoing


def test_docx_by_unit_shows_support(tmp_path: Path) -> None:
    _, out = _import(tmp_path, leshan_docx(tmp_path / "leshan.docx"))
    result = _invoke("by-unit", "市财政局", "--format", "json", "--data", str(out))
    assert result.exit_code == 0
    rows = yaml.safe_load(result.stdout)  # JSON is YAML
    assert [(r["id"], r["role_label"]) for r in rows] == [(2, "配合"), (3, "配合")]


def test_xlsx_import(tmp_path: Path) -> None:
    rows = [
        ["附件2 乐山市政务公开重点任务分工"],
        HEADER,
        SECTION_1,
        TASK_1,
        TASK_2,
        TASK_3,
        HEADER,  # repeated on the second printed page
        SECTION_2,
        TASK_4,
        TASK_5,
    ]
    source = build_xlsx(tmp_path / "leshan.xlsx", rows, merges=["C5:C6", "D5:D6", "E5:E6"])
    data, out = _import(tmp_path, source)
    assert data["document"]["title"] == "乐山市政务公开重点任务分工"
    assert _tasks(data) == LESHAN_TASKS
    assert validate_file(out).ok


def test_columns_in_any_order_with_single_units_column(tmp_path: Path) -> None:
    rows = [
        ["重点任务", "责任单位", "序号", "工作进度"],
        ["一、深化决策公开"],
        ["探索建立制度。", "天府新区眉山管委会、各县（区）人民政府", "1", "2021年底前\n建立制度"],
    ]
    data, _ = _import(tmp_path, build_xlsx(tmp_path / "order.xlsx", rows))
    assert _tasks(data) == [
        (
            1,
            "一",
            "探索建立制度。",
            "2021年底前建立制度",
            "天府新区眉山管委会、各县（区）人民政府",
            None,
        )
    ]


def test_phrase_not_understood_is_listed_with_its_row(tmp_path: Path) -> None:
    rows = [HEADER, SECTION_1, ["1", "开展评估。", "市审计局", "", "适时开展"]]
    source = build_xlsx(tmp_path / "odd.xlsx", rows)
    result = _invoke("import", str(source), "--dry-run")
    assert result.exit_code == 0
    assert "读不懂的工作进度（1 条）" in result.stdout
    assert "第 1 项（odd.xlsx:工作表“Sheet”第3行）" in result.stdout
    assert "适时开展" in result.stdout


# --- broken sources: one clear message, exit 1, nothing written ------------------------

CLEAN_HEAD = (
    "附件1\n某市重点任务分工\n\t序号\n\t重点任务\n\t工作进度\n\t责任单位\n\n\t一、第一部分\n\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("眉山市人民政府办公室关于印发……的通知\n各县（区）人民政府：\n", "没有找到任务表"),
        (
            "\t序号\n\t重点任务\n\t工作进度\n\n\t一、第一部分\n\n\t1\n\t任务\n\t长期坚持\n",
            "bad.txt:1：表头读不懂：看到的列是“序号、重点任务、工作进度”，缺少 单位列",
        ),
        (
            CLEAN_HEAD + "\t1\n\t任务一\n\t长期坚持\n\t市财政局\n\n\t\n\t\n\t\n\t\n\n"
            "\t2\n\t任务二\n\t长期坚持\n\t市财政局\n",
            "bad.txt:15：表格中有空行",
        ),
        (
            CLEAN_HEAD + "\t1\n\t任务一\n\t长期坚持\n\t市财政局\n\n"
            "\t3\n\t任务三\n\t长期坚持\n\t市财政局\n",
            "bad.txt:15：序号 3 不连续，应为 2",
        ),
    ],
    ids=["no-table", "wrong-header", "empty-row", "out-of-sequence"],
)
def test_broken_source(tmp_path: Path, text: str, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError):
        import_source(source)
    result = _invoke("import", str(source))
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "bad.yaml").exists()


def test_empty_row_in_xlsx(tmp_path: Path) -> None:
    rows = [HEADER, SECTION_1, TASK_1, ["", "", "", "", ""], ["2", *TASK_2[1:]]]
    result = _invoke("import", str(build_xlsx(tmp_path / "gap.xlsx", rows)))
    assert result.exit_code == 1
    assert "gap.xlsx:工作表“Sheet”第4行：表格中有空行" in result.stderr


# --- output file: default path, --force, --dry-run -------------------------------------


def test_default_output_beside_source_and_refusal_keeps_file(tmp_path: Path) -> None:
    source = leshan_docx(tmp_path / "leshan.docx")
    first = _invoke("import", str(source))
    assert first.exit_code == 0
    target = tmp_path / "leshan.yaml"
    assert "校验通过" in first.stdout and target.exists()
    target.write_bytes(b"# clerk's edits\n")
    refused = _invoke("import", str(source))
    assert refused.exit_code == 1
    assert "已存在，未改动；要覆盖请加 --force" in refused.stderr
    assert target.read_bytes() == b"# clerk's edits\n"
    forced = _invoke("import", str(source), "--force")
    assert forced.exit_code == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["tasks"][2]["same_as"] == 2


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = leshan_docx(tmp_path / "leshan.docx")
    out = tmp_path / "x.yaml"
    result = _invoke("import", str(source), "-o", str(out), "--dry-run")
    assert result.exit_code == 0
    # 2 sections, 5 tasks, 7 units, milestones: 上半年 1 + 每季度末 1 + 9月底前 1 = 3
    assert (
        "章节 2 个，任务 5 项，单位 7 个（其中 0 个集合无法补全成员），截止节点 3 个"
        in result.stdout
    )
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leshan.docx"]


def test_invalid_result_lists_what_to_fix(tmp_path: Path) -> None:
    rows = [HEADER, SECTION_1, ["1", "开展评估。", "市审计局", "", "2022年9月底前"]]
    source = build_xlsx(tmp_path / "typo.xlsx", rows)
    out = tmp_path / "typo.yaml"
    assert _invoke("import", str(source), "-o", str(out)).exit_code == 0
    # the clerk edits a cell and imports again over the file: still valid; then a typo
    text = out.read_text(encoding="utf-8").replace("units: 市审计局", "units: 市审记局")
    out.write_text(text, encoding="utf-8")
    result = _invoke("validate", str(out))
    assert result.exit_code == 1
    assert "市审记局" in result.output


def test_text_after_the_table_is_reported_not_imported(tmp_path: Path) -> None:
    source = build_docx(tmp_path / "tail.docx", ["某市重点任务分工"], [[HEADER, SECTION_1, TASK_1]])
    import docx

    document = docx.Document(str(source))
    document.add_paragraph("抄送：市委办公室。")
    document.save(str(source))
    result = import_source(source)
    assert [t.id for t in result.table.tasks] == [1]
    assert result.table.notes[-1] == "tail.docx:第2段 起是表格之后的文字，未导入"


@pytest.mark.parametrize("name", ["missing.txt", "missing.docx"])
def test_missing_or_corrupt_source(tmp_path: Path, name: str) -> None:
    result = _invoke("import", str(tmp_path / name))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"govopen: 无法读取 {tmp_path / name}：")
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"not a zip")
    result = _invoke("import", str(corrupt))
    assert result.exit_code == 1
    assert result.stderr.startswith("govopen: 无法读取")
    assert "Traceback" not in result.output

"""Hostile import sources, generated here (never checked in): each refused with one message.

The bounds are in `govopen_cli.importing.limits` and README's limits table. Zip bombs are
built without unpacking them: a deflate block that ends in a full flush refers to nothing
before it, so one compressed 1 MiB block repeated 1024 times is a valid 1 GiB member.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import Result
from hostile_files import W, bomb, docx_with_body, member, rezip, row, tc
from table_fixtures import docx_document, xlsx_book
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.importing import limits
from govopen_cli.importing.importer import import_source

HEADER = ["序号", "重点任务", "责任单位", "完成时限"]


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _refused(source: Path, *words: str) -> None:
    result = _invoke("import", str(source), "-o", str(source.with_suffix(".out.yaml")))
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output
    assert not source.with_suffix(".out.yaml").exists()


# --- zip bombs: refused from the sizes the zip declares, before anything is unpacked ------


def test_docx_with_a_1_gib_text_node_is_refused_unpacked(tmp_path: Path) -> None:
    template = docx_document(tmp_path / "template.docx", ["x"])
    head = b'<?xml version="1.0"?><w:document ' + W.encode() + b"><w:body><w:p><w:r><w:t>"
    payload = bomb(head, 1 << 30, b"</w:t></w:r></w:p></w:body></w:document>")
    source = rezip(template, tmp_path / "bomb.docx", {"word/document.xml": payload})
    assert source.stat().st_size < 2 * 1024 * 1024
    _refused(source, "word/document.xml", "1024.0 MiB", "压缩炸弹")


def test_xlsx_with_a_1_gib_shared_string_is_refused_unpacked(tmp_path: Path) -> None:
    template = xlsx_book(tmp_path / "template.xlsx", [("Sheet1", [HEADER], [])])
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    payload = bomb(sst, 1 << 30, b"</t></si></sst>")
    source = rezip(template, tmp_path / "bomb.xlsx", {"xl/sharedStrings.xml": payload})
    _refused(source, "xl/sharedStrings.xml", "压缩炸弹")


def test_member_just_over_the_ratio_is_refused(tmp_path: Path) -> None:
    # 17 MiB of one letter packs far better than 100:1
    body = bomb(b"<w:p><w:r><w:t>", limits.RATIO_FROM_BYTES + (1 << 20), b"</w:t></w:r></w:p>")
    template = docx_document(tmp_path / "template.docx", ["x"])
    source = rezip(template, tmp_path / "ratio.docx", {"word/document.xml": body})
    _refused(source, f"{limits.MAX_RATIO}:1")


# --- merged ranges, rows, recursion ------------------------------------------------------


def test_xlsx_merged_range_over_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    template = xlsx_book(tmp_path / "template.xlsx", [("Sheet1", [HEADER], [])])
    with zipfile.ZipFile(template) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>',
    )
    source = rezip(template, tmp_path / "merged.xlsx", {"xl/worksheets/sheet1.xml": member(sheet)})
    assert source.stat().st_size < 10_000
    _refused(source, "A10:XFD1048576", str(limits.MAX_MERGED_AREA))


def test_docx_20k_row_vertical_merge_imports_in_one_pass(tmp_path: Path) -> None:
    rows = [row(*(tc(h) for h in HEADER))]
    rows.append(row(tc("1"), tc("任务1"), tc("市财政局", "restart"), tc("2023年底前", "restart")))
    rows += [
        row(tc(str(i)), tc(f"任务{i}"), tc(merge="continue"), tc(merge="continue"))
        for i in range(2, 20_001)
    ]
    title = "<w:p><w:r><w:t>2023年某市任务分工</w:t></w:r></w:p>".encode()
    body = title + b"<w:tbl>" + b"".join(rows) + b"</w:tbl>"
    source = docx_with_body(tmp_path, "merge.docx", body)
    result = import_source(source)
    assert len(result.table.tasks) == 20_000
    assert result.table.tasks[-1].same_as == 1
    assert result.milestones == 1  # tasks 2-20000 share task 1's one deadline


def test_too_many_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 1000)  # the same check, a smaller file
    one = row(tc("1"), tc("任务"), tc("市财政局"), tc("2023年底前"))
    body = b"<w:tbl>" + one * 1001 + b"</w:tbl>"
    _refused(docx_with_body(tmp_path, "rows.docx", body), "行数超过上限 1000")


def test_too_many_cells_in_a_sheet_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    rows = [HEADER] + [["1", "任务", "市财政局", "2023年底前"]] * 30
    source = xlsx_book(tmp_path / "cells.xlsx", [("Sheet1", rows, [])])
    _refused(source, "单元格数超过上限 100")


# --- entities: an undefined or external one is an error, never dropped --------------------


def test_docx_external_entity_is_refused(tmp_path: Path) -> None:
    template = docx_document(
        tmp_path / "template.docx", [{"rows": [HEADER, ["1", "任务", "UNIT", "2023年底前"]]}]
    )
    with zipfile.ZipFile(template) as archive:
        document = archive.read("word/document.xml")
    document = document.replace(b"UNIT", b"&unit;").replace(
        b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY unit SYSTEM "file:///etc/hostname">]>', 1
    )
    source = rezip(template, tmp_path / "xxe.docx", {"word/document.xml": member(document)})
    _refused(source, "DOCTYPE", "word/document.xml")


def test_docx_undefined_entity_is_refused(tmp_path: Path) -> None:
    template = docx_document(
        tmp_path / "template.docx", [{"rows": [HEADER, ["1", "任务", "UNIT", "2023年底前"]]}]
    )
    with zipfile.ZipFile(template) as archive:
        document = archive.read("word/document.xml").replace(b"UNIT", b"&unit;")
    source = rezip(template, tmp_path / "entity.docx", {"word/document.xml": member(document)})
    _refused(source, "无法读取", "Entity 'unit' not defined")


# --- text sources: regular files only, and a size limit -----------------------------------


def test_device_and_fifo_are_refused(tmp_path: Path) -> None:
    if os.path.exists("/dev/zero"):
        result = _invoke("import", "/dev/zero", "-o", str(tmp_path / "z.yaml"))
        assert result.exit_code == 1
        assert "不是普通文件" in result.stderr
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _refused(fifo, "不是普通文件")


def test_text_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(limits.MAX_SOURCE_BYTES + 1)  # sparse: takes no disk
    _refused(big, "超过上限", "32.0 MiB")


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_text_says_how_to_convert(tmp_path: Path, bom: bytes) -> None:
    source = tmp_path / "u16.txt"
    source.write_bytes(bom + "序号\t重点任务".encode("utf-16-le"))
    _refused(source, "UTF-16", "UTF-8")


def test_corrupt_sheet_is_one_message(tmp_path: Path) -> None:
    template = xlsx_book(tmp_path / "template.xlsx", [("Sheet1", [HEADER], [])])
    namespace = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    broken = member(b"<worksheet " + namespace + b'><sheetData><row r="1"><c')
    source = rezip(template, tmp_path / "broken.xlsx", {"xl/worksheets/sheet1.xml": broken})
    _refused(source, "无法读取")


def test_a_stated_whole_sheet_dimension_does_not_pad_rows(tmp_path: Path) -> None:
    rows = [HEADER, ["1", "公开预算。", "市财政局", "2023年底前"]]
    template = xlsx_book(tmp_path / "template.xlsx", [("Sheet1", rows, [])])
    with zipfile.ZipFile(template) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:D2"/>' in sheet
    sheet = sheet.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:XFD1048576"/>')
    source = rezip(template, tmp_path / "wide.xlsx", {"xl/worksheets/sheet1.xml": member(sheet)})
    result = import_source(source)
    assert [(t.id, t.text, t.units) for t in result.table.tasks] == [(1, "公开预算。", "市财政局")]

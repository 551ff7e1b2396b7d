"""Import bounds, measured: wall time and peak memory of `govopen import … --dry-run` per source.

    python bench/imports.py            # prints a markdown table

The target (issue 14): any source up to the size limit answered in ≤ 10 s and ≤ 512 MB,
with one message. Each source is generated here (tests/hostile_files.py), never checked in;
each run is a fresh subprocess; memory is the child's max RSS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import W, bomb, docx_with_body, member, rezip, row, tc  # noqa: E402
from table_fixtures import docx_document, xlsx_book  # noqa: E402

HEADER = ["序号", "重点任务", "责任单位", "完成时限"]


def meishan(folder: Path) -> Path:
    source = ROOT.parent / "shared" / "source" / "meishan-attachment-1.txt"
    return source if source.exists() else Path("/work/shared/source/meishan-attachment-1.txt")


def example_xlsx(folder: Path) -> Path:
    return ROOT / "docs" / "examples" / "tasks-example-2.xlsx"


def merged_20k(folder: Path) -> Path:
    rows = [row(*(tc(h) for h in HEADER))]
    rows.append(row(tc("1"), tc("任务1"), tc("市财政局", "restart"), tc("2023年底前", "restart")))
    rows += [
        row(tc(str(i)), tc(f"任务{i}"), tc(merge="continue"), tc(merge="continue"))
        for i in range(2, 20_001)
    ]
    return docx_with_body(folder, "merge.docx", b"<w:tbl>" + b"".join(rows) + b"</w:tbl>")


def rows_24k(folder: Path) -> Path:
    rows = [row(*(tc(h) for h in HEADER))]
    rows += [
        row(tc(str(i)), tc(f"第{i}项任务的内容。"), tc("市财政局"), tc("2023年底前"))
        for i in range(1, 24_000)
    ]
    return docx_with_body(folder, "rows.docx", b"<w:tbl>" + b"".join(rows) + b"</w:tbl>")


def docx_bomb(folder: Path) -> Path:
    template = docx_document(folder / "t.docx", ["x"])
    head = b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>"
    payload = bomb(head, 1 << 30, b"</w:t></w:r></w:p></w:body></w:document>")
    return rezip(template, folder / "bomb.docx", {"word/document.xml": payload})


def xlsx_bomb(folder: Path) -> Path:
    template = xlsx_book(folder / "t.xlsx", [("Sheet1", [HEADER], [])])
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    payload = bomb(sst, 1 << 30, b"</t></si></sst>")
    return rezip(template, folder / "bomb.xlsx", {"xl/sharedStrings.xml": payload})


def merged_range(folder: Path) -> Path:
    template = xlsx_book(folder / "t2.xlsx", [("Sheet1", [HEADER], [])])
    with zipfile.ZipFile(template) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>',
    )
    return rezip(template, folder / "merged.xlsx", {"xl/worksheets/sheet1.xml": member(sheet)})


def text_32mib(folder: Path) -> Path:
    source = folder / "big.txt"
    line = "一二三四五六七八九十\t" * 10 + "\n"
    with open(source, "w", encoding="utf-8") as handle:
        handle.write(line * (32 * 1024 * 1024 // len(line.encode()) - 1))
    return source


def text_one_paragraph(folder: Path) -> Path:
    source = folder / "paragraph.txt"
    source.write_text("政务公开" * (32 * 1024 * 1024 // 12 - 1), encoding="utf-8")
    return source


def xlsx_24k(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for i in range(1, 24_000):
        sheet.append([i, f"第{i}项任务的内容。", "市财政局牵头，市商务局配合", "每季度末"])
    book.save(str(folder / "rows.xlsx"))
    return folder / "rows.xlsx"


def dev_zero(folder: Path) -> Path:
    return Path("/dev/zero")


CASES: list[tuple[str, Callable[[Path], Path]]] = [
    ("Meishan 附件1 text (24 tasks)", meishan),
    ("tasks-example-2.xlsx (4 tasks)", example_xlsx),
    ("20k-row vertical merge .docx", merged_20k),
    ("24,000-task .docx (near the row limit)", rows_24k),
    ("1 GiB text node in a .docx (zip bomb)", docx_bomb),
    ("1 GiB shared string in an .xlsx (zip bomb)", xlsx_bomb),
    ("merged range A10:XFD1048576 in an .xlsx", merged_range),
    ("24,000-task .xlsx (near the row limit)", xlsx_24k),
    ("32 MiB text without a table", text_32mib),
    ("32 MiB text, one paragraph", text_one_paragraph),
    ("/dev/zero", dev_zero),
]


def main() -> None:
    if sys.argv[1:2] == ["--build"]:  # in a child, so the parent stays small (RSS is inherited)
        print(dict(CASES)[sys.argv[2]](Path(sys.argv[3])))
        return
    print("| source | size | exit | wall s | CPU s | peak MB | message |")
    print("|---|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name, _ in CASES:
            built = subprocess.run(
                [sys.executable, __file__, "--build", name, folder],
                check=True,
                capture_output=True,
                text=True,
            )
            source = Path(built.stdout.strip())
            size = source.stat().st_size if source.is_file() else 0
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "govopen_cli", "import", str(source), "--dry-run"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                cwd=folder,
            )
            assert proc.stderr is not None
            stderr = proc.stderr.read().decode("utf-8", "replace").strip()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            first = stderr.splitlines()[0][:60] if stderr else ""
            cpu = usage.ru_utime + usage.ru_stime
            print(
                f"| {name} | {size / 1024:,.0f} KiB | {code} | {wall:.2f} | {cpu:.2f} | "
                f"{usage.ru_maxrss / 1024:.0f} | {first} |"
            )


if __name__ == "__main__":
    main()

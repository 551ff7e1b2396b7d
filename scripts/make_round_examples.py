"""Write the reporting round's examples: two filled forms, and the README's pictures.

    python scripts/make_round_examples.py           # docs/examples/报回-{东坡区,仁寿县}.xlsx
    python scripts/make_round_examples.py --images  # and docs/images/round-{form,notice}.png

The forms are made from data/tasks.yaml as of 2022-01-01 and filled with openpyxl as a unit
would (the README imports them). A form carries a checksum of the task file, so after any
edit to data/tasks.yaml run this again (the README test then says the forms are outdated).
The pictures need LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from govopen_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
IMAGES = ROOT / "docs" / "images"

FILLED: dict[str, dict[int, tuple[object, ...]]] = {
    # task: (完成情况, 日期, 说明, 佐证)
    "东坡区人民政府": {
        2: ("已完成", dt.date(2021, 12, 20), "区政府常务会议已试行", "眉东府办〔2021〕30号"),
        3: ("已完成", dt.date(2022, 3, 25), None, None),
        12: ("已完成", "2022年2月30日", "日期填错了", None),
    },
    "仁寿县人民政府": {
        6: ("已完成", dt.date(2021, 9, 28), None, "http://www.rs.gov.cn/zfxxgk/ghxx/"),
        7: ("已完成", dt.date(2021, 9, 28), "与第6项同一专栏", None),
        16: ("推进中", dt.date(2022, 1, 5), "渠道已开通，待验收", None),
    },
}
SHORT = {"东坡区人民政府": "东坡区", "仁寿县人民政府": "仁寿县"}


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    if result.exit_code not in (0, 1):
        raise SystemExit(result.output)


def fill(form: Path, target: Path, rows: dict[int, tuple[object, ...]]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(form)
    sheet = book["进展报送表"]
    for row in sheet.iter_rows(min_row=5):
        task = row[0].value
        if isinstance(task, int) and task in rows:
            for cell, value in zip(row[6:10], rows[task], strict=True):
                cell.value = value
    book.save(target)


def to_png(source: Path, target: Path, folder: Path, height: int) -> None:
    """First page of a file, through LibreOffice to PDF and pdftoppm, cropped to `height` px."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / f"{source.stem}.pdf"
    stem = folder / target.stem
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-H",
            str(height),
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    shutil.copy(stem.with_suffix(".png"), target)


def main() -> None:
    images = "--images" in sys.argv
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(ROOT / "data" / "tasks.yaml", folder / "tasks.yaml")
        os.environ.pop("GOVOPEN_AS_OF", None)
        data = str(folder / "tasks.yaml")
        filled = []
        for unit, rows in FILLED.items():
            run(
                "forms",
                "-o",
                str(folder / "forms"),
                "--as-of",
                "2022-01-01",
                "--unit",
                unit,
                "--data",
                data,
            )
            target = EXAMPLES / f"报回-{SHORT[unit]}.xlsx"
            fill(folder / "forms" / f"进展报送表_{unit}.xlsx", target, rows)
            filled.append(target)
            print(f"已写入 {target.relative_to(ROOT)}")
        if not images:
            return
        run("progress", "import", *map(str, filled), "--data", data)
        run(
            "notice",
            "-o",
            str(folder / "notices"),
            "--as-of",
            "2022-04-01",
            "--unit",
            "东坡区",
            "--office",
            "眉山市人民政府办公室",
            "--contact",
            "政务公开科 张三 028-12345678",
            "--data",
            data,
        )
        to_png(filled[0], IMAGES / "round-form.png", folder, 330)
        notice = folder / "notices" / "督办通知_东坡区人民政府.docx"
        to_png(notice, IMAGES / "round-notice.png", folder, 760)
        print("已写入 docs/images/round-form.png、round-notice.png")


if __name__ == "__main__":
    main()

"""End to end: the installed `govopen` program, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from invoking import object_in, rows_in

GOVOPEN = shutil.which("govopen", path=str(Path(sys.executable).parent)) or shutil.which("govopen")
pytestmark = pytest.mark.skipif(GOVOPEN is None, reason="govopen is not installed")


def govopen(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GOVOPEN_")}
    return subprocess.run(
        [str(GOVOPEN), *args],
        cwd=cwd,
        env={**base, "COLUMNS": "160", **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_due_from_an_empty_folder_uses_the_shipped_table(tmp_path: Path) -> None:
    result = govopen("due", "--before", "2022-06-30", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted({r["task"] for r in rows_in(result.stdout)}) == [2, 3, 5, 6, 7, 12, 13, 14, 16]


def test_table_output_is_readable(tmp_path: Path) -> None:
    result = govopen("by-unit", "市政务服务管理局", cwd=tmp_path)
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout  # no colour codes when piped
    assert "序号" in result.stdout and "指导" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govopen_cli", "show", "14", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert object_in(result.stdout)["schedule"]["milestones"][0]["due"] == "2022-06-30"


def test_broken_file_gives_one_message_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "tasks.yaml"
    bad.write_text("tasks:\n  - id: 1\n  - id: 1\n    id: 2\n", encoding="utf-8")
    result = govopen("validate", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{bad}:4:5" in result.stdout and "重复的键" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_output_closed_early_is_not_a_traceback(tmp_path: Path) -> None:
    pipeline = subprocess.run(
        f"'{GOVOPEN}' list --format plain | head -n 1",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert pipeline.stdout.startswith("1\t")
    assert "Traceback" not in pipeline.stderr


def test_twenty_concurrent_progress_adds_leave_twenty_entries(tmp_path: Path) -> None:
    import yaml

    shutil.copy(Path(__file__).parents[1] / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    units = ["天府新区", "东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县"]
    base = {k: v for k, v in os.environ.items() if not k.startswith("GOVOPEN_")}
    procs = [
        subprocess.Popen(
            [
                str(GOVOPEN),
                "progress",
                "add",
                "6",
                "--unit",
                units[i % 7],
                "--status",
                "in_progress",
                "--date",
                "2021-09-01",
                "--note",
                f"第{i}次",
            ],
            cwd=tmp_path,
            env={**base, "GOVOPEN_DATA": str(tmp_path / "tasks.yaml")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 20
    data = yaml.safe_load((tmp_path / "progress.yaml").read_text(encoding="utf-8"))
    assert sorted(r["note"] for r in data["reports"]) == sorted(f"第{i}次" for i in range(20))
    check = govopen("validate", str(tmp_path / "tasks.yaml"), cwd=tmp_path)
    assert check.returncode == 0, check.stdout


def test_import_the_example_docx_then_query_it(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "docs" / "examples" / "tasks-example.docx"
    shutil.copy(example, tmp_path / "table.docx")
    imported = govopen("import", "table.docx", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "table.yaml").exists()
    # in Q3 2022: the quarter end of 每季度末 (task 2, and 3 through the merged cells) and
    # task 5 (2022年9月底前); task 1 (2022年上半年) fell due on 2022-06-30
    due = govopen(
        "due",
        "--after",
        "2022-07-01",
        "--before",
        "2022-09-30",
        "--format",
        "json",
        "--data",
        "table.yaml",
        cwd=tmp_path,
    )
    assert due.returncode == 0, due.stderr
    assert [(r["task"], r["due"]) for r in rows_in(due.stdout)] == [
        (2, "2022-09-30"),
        (3, "2022-09-30"),
        (5, "2022-09-30"),
    ]


def test_publish_and_export_from_the_installed_program(tmp_path: Path) -> None:
    # the template must ship inside the package for this to work outside the source tree
    result = govopen("publish", "--out", "site", "--as-of", "2022-01-15", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "编发“政务地图”" in html
    result = govopen("export", "--format", "xlsx", "--out", "t.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"  # a zip, as every xlsx is

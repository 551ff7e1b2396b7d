"""The reporting round on the shipped table: forms out, filled forms back, notices to the late.

Expected rows are worked out by hand from data/tasks.yaml. Every task's lead units are
the same seven (天府新区 and the six counties). Fixed milestones and their deadlines:
  T6, T7 2021-09-30 · T2, T5, T13#1, T16 2021-12-31 · T3, T12 2022-03-31 ·
  T14 2022-06-30 · T13#2, T23, T24 2022-12-31; every other task is ongoing.
A form made as of 2022-01-01 for 90 days covers deadlines up to 2022-04-01: the six
already past (T2, T5, T6, T7, T13#1, T16) and T3, T12 — eight rows, in task order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from govopen_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
ALL7 = [
    "天府新区眉山管委会",
    "东坡区人民政府",
    "彭山区人民政府",
    "仁寿县人民政府",
    "洪雅县人民政府",
    "丹棱县人民政府",
    "青神县人民政府",
]
TF, DP, PS, RS, HY, DL, QS = ALL7
FORM_ROWS = [(2, 1), (3, 1), (5, 1), (6, 1), (7, 1), (12, 1), (13, 1), (16, 1)]
FIRST_DATA_ROW = 5  # title, subtitle, how-to, header; then one row per FORM_ROWS entry
ROW_OF = {task: FIRST_DATA_ROW + i for i, (task, _) in enumerate(FORM_ROWS)}
COL = {"status": "G", "date": "H", "note": "I", "evidence": "J"}


@pytest.fixture()
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clerk's folder holding a copy of the shipped table and no ledger yet."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    monkeypatch.setenv("GOVOPEN_DATA", str(tmp_path / "tasks.yaml"))
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def form_path(office: Path, unit: str) -> Path:
    return office / "forms" / f"进展报送表_{unit}.xlsx"


def make_forms(office: Path) -> None:
    result = cli("forms", "-o", "forms", "--as-of", "2022-01-01", "--within", "90")
    assert result.exit_code == 0, result.output


def fill(source: Path, target: Path, rows: dict[int, dict[str, str | dt.date]]) -> Path:
    """Fill a form as a unit would, with openpyxl: only the unlocked cells, then save."""
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book["进展报送表"]
    for task, values in rows.items():
        for key, value in values.items():
            sheet[f"{COL[key]}{ROW_OF[task]}"] = value
    book.save(target)
    return target


def fill_two(office: Path) -> tuple[Path, Path]:
    """东坡区: T2 and T3 done, T12 dated in the future, the rest empty; 仁寿县: T6, T7 done,
    T16 in progress."""
    dp = fill(
        form_path(office, DP),
        office / "东坡区报回.xlsx",
        {
            2: {
                "status": "已完成",
                "date": dt.date(2021, 12, 20),
                "evidence": "眉东府办〔2021〕30号",
            },
            3: {"status": "已完成", "date": dt.date(2022, 3, 25)},
            12: {"status": "已完成", "date": dt.date(2099, 1, 1)},
        },
    )
    rs = fill(
        form_path(office, RS),
        office / "仁寿县报回.xlsx",
        {
            6: {"status": "已完成", "date": dt.date(2021, 9, 28)},
            7: {"status": "已完成", "date": dt.date(2021, 9, 28), "note": "与第6项同一专栏"},
            16: {"status": "推进中", "date": "2022/1/5", "note": "渠道已开通，待验收"},
        },
    )
    return dp, rs


def overdue(as_of: str) -> dict[tuple[int, int], list[str] | None]:
    result = cli("overdue", "--as-of", as_of, "--format", "json")
    assert result.exit_code == 0, result.output
    return {(r["task"], r["milestone"]): r["outstanding"] for r in json.loads(result.stdout)}


def form_table(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["进展报送表"]
    return [r[:2] for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if r[0]]


# --- the round, end to end ---------------------------------------------------------------


def test_the_round_on_the_shipped_table(office: Path) -> None:
    made = cli("forms", "-o", "forms", "--as-of", "2022-01-01", "--within", "90")
    assert made.exit_code == 0, made.output
    assert "已写入 7 份进展报送表" in made.stdout and "还没有进展台账" in made.stdout
    forms = sorted(p.name for p in (office / "forms").iterdir())
    assert forms == sorted(f"进展报送表_{u}.xlsx" for u in ALL7)
    for unit in ALL7:
        assert form_table(form_path(office, unit)) == FORM_ROWS

    before = overdue("2022-04-01")  # no ledger yet: who has done what is unknown (null)
    assert before == {key: None for key in FORM_ROWS}

    dp, rs = fill_two(office)
    result = cli("progress", "import", str(dp), str(rs))
    assert result.exit_code == 1  # a row was refused
    assert "接受 2 行，拒绝 1 行，空行 5 行" in result.stdout
    assert "接受 3 行，拒绝 0 行，空行 5 行" in result.stdout
    assert "已追加 5 条" in result.stdout
    refused = [line for line in result.stderr.splitlines() if "第 10 行" in line]
    assert len(refused) == 1 and "东坡区报回.xlsx [进展报送表]" in refused[0]
    assert "2099-01-01" in refused[0] and "晚于今天" in refused[0]

    check = cli("validate", str(office / "tasks.yaml"))
    assert check.exit_code == 0, check.output

    after = overdue("2022-04-01")
    # 东坡区 done T2, T3; 仁寿县 done T6, T7; T12 (refused) and T16 (in progress) still owed
    expected = {key: list(ALL7) for key in FORM_ROWS}
    for key in [(2, 1), (3, 1)]:
        expected[key].remove(DP)
    for key in [(6, 1), (7, 1)]:
        expected[key].remove(RS)
    assert after == expected

    ledger = (office / "progress.yaml").read_bytes()
    again = cli("progress", "import", str(dp), str(rs))
    assert "已在台账中" in again.stdout and "台账未改动" in again.stdout
    assert "已追加" not in again.stdout
    assert (office / "progress.yaml").read_bytes() == ledger

    tasks = office / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8") + "# 改了一处\n", encoding="utf-8")
    fresh = fill(
        form_path(office, PS),
        office / "彭山区报回.xlsx",
        {5: {"status": "已完成", "date": dt.date(2021, 12, 1)}},
    )
    outdated = cli("progress", "import", str(fresh))
    assert outdated.exit_code == 1
    assert "旧版本" in outdated.stderr and "彭山区报回.xlsx" in outdated.stderr
    assert (office / "progress.yaml").read_bytes() == ledger


def test_notices_after_the_round_list_what_each_unit_still_owes(office: Path) -> None:
    from docx import Document

    make_forms(office)
    dp, rs = fill_two(office)
    cli("progress", "import", str(dp), str(rs))
    result = cli("notice", "-o", "notices", "--as-of", "2022-04-01", "--office", "眉山市政务公开办")
    assert result.exit_code == 0, result.output
    assert "已写入 7 份督办通知" in result.stdout
    document = Document(str(office / "notices" / f"督办通知_{DP}.docx"))
    table = document.tables[0]
    got = [(row.cells[0].text, row.cells[2].text, row.cells[4].text) for row in table.rows[1:]]
    # 东坡区 still owes T5, T6, T7, T13#1, T16, T12 (not T2, T3); overdue days to 2022-04-01
    assert got == [
        ("6", "2021-09-30", "逾期 183 天"),
        ("7", "2021-09-30", "逾期 183 天"),
        ("5", "2021-12-31", "逾期 91 天"),
        ("13", "2021-12-31", "逾期 91 天"),
        ("16", "2021-12-31", "逾期 91 天"),
        ("12", "2022-03-31", "逾期 1 天"),
    ]
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "督办通知" and texts[1] == f"{DP}："
    assert "2022年4月8日前" in "".join(texts) and "眉山市政务公开办" in texts


LEDGER_AT_OCTOBER = """\
reports:
  - {task: 6, unit: 东坡区人民政府, status: done, date: 2021-09-28}
  - {task: 7, unit: 东坡区人民政府, status: done, date: 2021-09-28}
  - {task: 6, unit: 天府新区眉山管委会, status: done, date: 2021-09-20}
"""


def test_notices_go_to_the_late_units_only(office: Path) -> None:
    from docx import Document

    (office / "progress.yaml").write_text(LEDGER_AT_OCTOBER, encoding="utf-8")
    # as of 2021-10-01 only T6 and T7 (2021-09-30) are due; nothing falls due within 30 days
    result = cli("notice", "-o", "n", "--as-of", "2021-10-01")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (office / "n").iterdir())
    assert written == sorted(f"督办通知_{u}.docx" for u in ALL7 if u != DP)
    assert (
        "已写入 6 份督办通知" in result.stdout and "无需督办的单位（1 个）：东坡区" in result.stdout
    )
    tf = Document(str(office / "n" / f"督办通知_{TF}.docx")).tables[0]
    assert [(r.cells[0].text, r.cells[4].text) for r in tf.rows[1:]] == [("7", "逾期 1 天")]
    # with 91 warn days, the 2021-12-31 deadlines (91 days away) are soon due too
    wide = cli(
        "notice", "-o", "n91", "--as-of", "2021-10-01", "--warn-days", "91", "--unit", "东坡区"
    )
    assert wide.exit_code == 0, wide.output
    dp = Document(str(office / "n91" / f"督办通知_{DP}.docx")).tables[0]
    assert [(r.cells[0].text, r.cells[1].text, r.cells[4].text) for r in dp.rows[1:]] == [
        ("2", "", "还剩 91 天"),
        ("5", "", "还剩 91 天"),
        ("13", "1", "还剩 91 天"),
        ("16", "", "还剩 91 天"),
    ]


def test_notice_as_text_for_a_message(office: Path) -> None:
    (office / "progress.yaml").write_text(LEDGER_AT_OCTOBER, encoding="utf-8")
    result = cli(
        "notice",
        "-o",
        "t",
        "--as-of",
        "2021-10-01",
        "--unit",
        "天府新区",
        "--format",
        "text",
        "--contact",
        "张三 028-12345678",
    )
    assert result.exit_code == 0, result.output
    text = (office / "t" / f"督办通知_{TF}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "督办通知" and lines[2] == f"{TF}："
    rows = [line for line in lines if line.startswith("  · ")]
    assert rows == ["  · 第 7 项（2021-09-30 截止，逾期 1 天）：建立规划专栏集中展示规划体系"]
    assert "联系人：张三 028-12345678" in lines and "2021年10月8日前" in text


def test_no_notice_accuses_anyone_without_a_ledger(office: Path) -> None:
    refused = cli("notice", "-o", "n", "--as-of", "2021-10-01")
    assert refused.exit_code == 1 and "--no-ledger-ok" in refused.stderr
    assert not (office / "n").exists()
    result = cli("notice", "-o", "n", "--as-of", "2021-10-01", "--no-ledger-ok", "--format", "text")
    assert result.exit_code == 0, result.output
    text = (office / "n" / f"督办通知_{DP}.txt").read_text(encoding="utf-8")
    assert "尚未收到" in text and "逾期" not in text and "截止已过 1 天" in text


def test_nobody_late_means_no_notice(office: Path) -> None:
    (office / "progress.yaml").write_text(LEDGER_AT_OCTOBER, encoding="utf-8")
    result = cli("notice", "-o", "n", "--as-of", "2021-08-30")  # T6, T7: 31 days away
    assert result.exit_code == 0 and "没有单位需要督办" in result.stdout
    assert not (office / "n").exists()


# --- forms out ---------------------------------------------------------------------------


def test_a_form_is_locked_printable_and_carries_its_identity(office: Path) -> None:
    from openpyxl import load_workbook

    make_forms(office)
    book = load_workbook(form_path(office, DP))
    sheet = book["进展报送表"]
    assert book["govopen"].sheet_state == "hidden"
    assert str(book["govopen"]["A1"].value).startswith("govopen-form/1;")
    assert "govopen_form" in book.defined_names
    assert sheet.protection.sheet
    row = FIRST_DATA_ROW
    assert all(sheet[f"{c}{row}"].protection.locked for c in "ABCDEF")
    assert not any(sheet[f"{c}{row}"].protection.locked for c in "GHIJ")
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists and lists[0].formula1 == '"已完成,推进中,受阻"'
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$4:$4" and sheet.freeze_panes == "A5"
    assert sheet["C5"].value == dt.datetime(2021, 12, 31) and sheet["F5"].value == "已过期 1 天"


def test_forms_for_one_unit_leave_out_what_it_has_done(office: Path) -> None:
    (office / "progress.yaml").write_text(LEDGER_AT_OCTOBER, encoding="utf-8")
    result = cli("forms", "-o", "f", "--as-of", "2022-01-01", "--unit", "东坡区")
    assert result.exit_code == 0, result.output
    assert "还没有进展台账" not in result.stdout
    assert [p.name for p in (office / "f").iterdir()] == [f"进展报送表_{DP}.xlsx"]
    assert form_table(office / "f" / f"进展报送表_{DP}.xlsx") == [
        r for r in FORM_ROWS if r[0] not in (6, 7)
    ]


def test_forms_refuse_to_overwrite_without_force(office: Path) -> None:
    make_forms(office)
    before = form_path(office, DP).read_bytes()
    again = cli("forms", "-o", "forms", "--as-of", "2022-02-01")
    assert again.exit_code == 1 and "--force" in again.stderr
    assert form_path(office, DP).read_bytes() == before
    forced = cli("forms", "-o", "forms", "--as-of", "2022-02-01", "--force")
    assert forced.exit_code == 0
    assert form_path(office, DP).read_bytes() != before


def test_forms_for_a_guiding_unit_are_refused(office: Path) -> None:
    result = cli("forms", "-o", "f", "--unit", "市政府办")
    assert result.exit_code == 1 and "不是任何任务的责任单位" in result.stderr


# --- forms back: re-saved, renamed, hostile ----------------------------------------------


def imported(office: Path, path: Path) -> list[dict[str, object]]:
    import yaml

    result = cli("progress", "import", str(path))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((office / "progress.yaml").read_text(encoding="utf-8"))
    return list(data["reports"])


def test_a_form_reshuffled_and_renamed_is_still_recognised(office: Path) -> None:
    from openpyxl import load_workbook

    make_forms(office)
    book = load_workbook(form_path(office, DP))
    sheet = book["进展报送表"]
    sheet["G5"], sheet["H5"] = "已完成", 44550  # a date cell that lost its format: a serial
    book.create_sheet("附注", 0)  # a sheet added in front
    book.move_sheet("govopen", offset=-2)
    book["govopen"].sheet_state = "visible"
    book.save(office / "改名后.xlsx")
    assert imported(office, office / "改名后.xlsx") == [
        {"task": 2, "unit": DP, "status": "done", "date": dt.date(2021, 12, 20), "milestone": 1}
    ]


def test_the_defined_name_stands_in_for_a_lost_hidden_sheet(office: Path) -> None:
    from openpyxl import load_workbook

    make_forms(office)
    book = load_workbook(form_path(office, DP))
    del book["govopen"]
    book["进展报送表"]["G7"] = "受阻"
    book["进展报送表"]["H7"] = "2022年1月3日"
    book.save(office / "no-sheet.xlsx")
    reports = imported(office, office / "no-sheet.xlsx")
    assert [(r["task"], r["status"], r["date"]) for r in reports] == [
        (5, "blocked", dt.date(2022, 1, 3))
    ]
    del book.defined_names["govopen_form"]
    book.save(office / "anonymous.xlsx")
    result = cli("progress", "import", str(office / "anonymous.xlsx"))
    assert result.exit_code == 1 and "找不到分工表标识" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_saved_again_by_libreoffice(office: Path) -> None:
    import subprocess

    make_forms(office)
    dp, _ = fill_two(office)
    out = office / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{office / 'profile'}",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(dp),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = cli("progress", "import", str(out / dp.name))
    assert "接受 2 行，拒绝 1 行，空行 5 行" in result.stdout
    assert "第 10 行" in result.stderr


def test_a_form_of_another_table_is_refused(office: Path) -> None:
    other = office / "other"
    other.mkdir()
    text = (office / "tasks.yaml").read_text(encoding="utf-8")
    (other / "tasks.yaml").write_text(text.replace("title: 眉山市深化", "title: 某市深化"), "utf-8")
    made = cli("forms", "-o", "of", "--as-of", "2022-01-01", "--data", str(other / "tasks.yaml"))
    assert made.exit_code == 0, made.output
    result = cli("progress", "import", str(office / "of" / f"进展报送表_{DP}.xlsx"))
    assert result.exit_code == 1 and "另一份分工表" in result.stderr
    assert not (office / "progress.yaml").exists()


def test_rows_are_checked_like_progress_add(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    make_forms(office)
    book = load_workbook(form_path(office, DP))
    sheet = book["进展报送表"]
    sheet.protection.sheet = False  # a unit that unprotected the sheet and edited it
    sheet["G5"], sheet["H5"] = "完成了", dt.date(2021, 12, 1)  # unknown status
    sheet["A6"], sheet["G6"], sheet["H6"] = 99, "已完成", dt.date(2021, 12, 1)  # no task 99
    sheet["B7"], sheet["G7"], sheet["H7"] = 3, "已完成", dt.date(2021, 12, 1)  # T5 has 1 milestone
    sheet["G8"], sheet["H8"] = "done", dt.date(2021, 9, 30)  # the code is accepted too
    sheet["I9"] = "只写了说明"  # filled, but no status
    sheet["G10"], sheet["H10"] = "已完成", dt.date(2099, 1, 1)
    book.save(office / "edited.xlsx")
    monkeypatch.setenv("GOVOPEN_AS_OF", "2100-01-01")  # as-of does not move the real today
    result = cli("progress", "import", str(office / "edited.xlsx"))
    assert result.exit_code == 1
    reasons = {
        int(line.split("第 ")[1].split(" 行")[0]): line.split("行：")[1]
        for line in result.stderr.splitlines()
    }
    assert sorted(reasons) == [5, 6, 7, 9, 10]
    assert "完成了" in reasons[5] and "99" in reasons[6] and "节点 3" in reasons[7]
    assert "完成情况" in reasons[9] and "晚于今天" in reasons[10]
    assert "已追加 1 条" in result.stdout


def test_dry_run_writes_nothing(office: Path) -> None:
    make_forms(office)
    dp, _ = fill_two(office)
    result = cli("progress", "import", str(dp), "--dry-run")
    assert "（试运行）将追加 2 条" in result.stdout
    assert not (office / "progress.yaml").exists()


def test_a_report_already_added_by_hand_is_not_added_again(office: Path) -> None:
    make_forms(office)
    added = cli(
        "progress",
        "add",
        "3",
        "--unit",
        "东坡区",
        "--status",
        "done",
        "--milestone",
        "1",
        "--date",
        "2022-03-25",
    )
    assert added.exit_code == 0, added.output
    dp, _ = fill_two(office)
    result = cli("progress", "import", str(dp))
    assert "已追加 1 条" in result.stdout and "1 条已在台账中" in result.stdout


def test_hostile_files_are_refused_with_one_message(office: Path) -> None:
    (office / "text.xlsx").write_text("不是表格", encoding="utf-8")
    bomb = office / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    big = office / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (11 * 1024 * 1024))
    pipe = office / "pipe.xlsx"
    os.mkfifo(pipe)  # reading it would wait for a writer for ever
    cases = [
        (office / "text.xlsx", "不是 xlsx"),
        (bomb, "解压后过大"),
        (big, "过大"),
        (pipe, "不是 xlsx"),
    ]
    for path, words in cases:
        result = cli("progress", "import", str(path))
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.output


def test_a_form_with_too_many_rows_is_refused(office: Path) -> None:
    from openpyxl import load_workbook

    make_forms(office)
    book = load_workbook(form_path(office, DP))
    sheet = book["进展报送表"]
    for row in range(20, 5100):
        sheet.cell(row, 9, "x")
    book.save(office / "long.xlsx")
    result = cli("progress", "import", str(office / "long.xlsx"))
    assert result.exit_code == 1 and "行数超过 5000" in result.stderr


# --- the library --------------------------------------------------------------------------


def test_several_reports_are_appended_in_one_write(tmp_path: Path) -> None:
    from govopen_cli.files.ledger import append_reports
    from govopen_cli.table.model import ProgressReport

    ledger = tmp_path / "progress.yaml"
    old = "# 台账\nreports:\n  - {task: 6, unit: 东坡区人民政府, status: done, date: 2021-09-28}\n"
    ledger.write_text(old, encoding="utf-8")
    entries = [
        ProgressReport(task=2, unit=DP, status="done", date=dt.date(2021, 12, 20)),
        ProgressReport(task=3, unit=DP, status="blocked", date=dt.date(2022, 1, 2), note="缺场地"),
    ]
    writes: list[str] = []
    import govopen_cli.files.atomic as atomic

    real = atomic.write_atomic

    def counting(path: Path, data: str | bytes, **kw: bool) -> None:
        writes.append(str(path))
        real(path, data, **kw)

    atomic.write_atomic = counting
    try:
        added = append_reports(ledger, entries)
    finally:
        atomic.write_atomic = real
    assert added == entries and writes == [str(ledger)]
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith(old)
    assert text[len(old) :].count("  - task:") == 2


def test_an_entity_bomb_is_refused_quickly(office: Path) -> None:
    make_forms(office)
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomb = office / "bomb.xlsx"
    with (
        zipfile.ZipFile(form_path(office, DP)) as source,
        zipfile.ZipFile(bomb, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8").split("?>", 1)[-1]
                text = text.replace("<sheets>", "<sheets>&a9;", 1)
                data = f'<?xml version="1.0"?><!DOCTYPE workbook [{entities}]>{text}'.encode()
            target.writestr(item, data)
    result = cli("progress", "import", str(bomb))
    assert result.exit_code == 1
    assert "无法读取" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_text_notice_to_the_screen_says_what_was_reported(office: Path) -> None:
    (office / "progress.yaml").write_text(
        LEDGER_AT_OCTOBER
        + "  - {task: 7, unit: 天府新区眉山管委会, status: blocked, date: 2021-09-29}\n",
        encoding="utf-8",
    )
    result = cli(
        "notice", "-o", "-", "--format", "text", "--as-of", "2021-10-01", "--unit", "天府新区"
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("  · ")]
    assert rows == [
        "  · 第 7 项（2021-09-30 截止，逾期 1 天，已报受阻）：建立规划专栏集中展示规划体系"
    ]
    assert not (office / "-").exists()
    docx = cli("notice", "-o", "-", "--as-of", "2021-10-01")
    assert docx.exit_code == 2 and "--format text" in docx.stderr


def test_an_identity_survives_quotes_and_separators() -> None:
    from govopen_cli.checks.forms import FormIdentity

    identity = FormIdentity(
        "2022-要点", '某市"重点"任务；分工&清单', "ab" * 32, "某局", "2022-01-01"
    )
    assert FormIdentity.parse(identity.text()) == identity
    assert FormIdentity.parse("govopen-form/2;key=x") is None
    assert FormIdentity.parse("随便写的") is None


def test_unit_names_make_safe_distinct_file_names(tmp_path: Path) -> None:
    from govopen_cli.cli.round import safe_file_name, unique_path

    assert safe_file_name('市"规划"局/分局:一*') == "市_规划_局_分局_一_"
    files: dict[Path, bytes | str] = {tmp_path / "a_b.xlsx": b""}
    assert unique_path(files, tmp_path, safe_file_name("a/b"), ".xlsx") == tmp_path / "a_b-2.xlsx"


def test_the_installed_program_runs_the_round(tmp_path: Path) -> None:
    import subprocess
    import sys

    program = shutil.which("govopen", path=str(Path(sys.executable).parent))
    if program is None:
        pytest.skip("govopen is not installed")
    (tmp_path / "data").mkdir()  # found as data/tasks.yaml from the folder the clerk is in
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "data" / "tasks.yaml")
    shutil.copy(ROOT / "docs" / "examples" / "报回-东坡区.xlsx", tmp_path / "东坡区.xlsx")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVOPEN_")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [program, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )

    made = run("forms", "-o", "forms", "--as-of", "2022-01-01", "--unit", "东坡区")
    assert made.returncode == 0, made.stderr
    back = run("progress", "import", "东坡区.xlsx")
    # the example form (scripts/make_round_examples.py): T2 and T3 done, T12 an impossible date
    assert back.returncode == 1 and "已追加 2 条" in back.stdout
    assert (
        back.stderr.strip()
        == "govopen: 东坡区.xlsx [进展报送表] 第 10 行：日期“2022年2月30日”不存在"
    )


def test_a_unit_gets_no_row_for_a_task_it_only_guides(office: Path) -> None:
    tasks = office / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    cell = (
        "2022年6月底前\n    units: 天府新区眉山管委会、各县（区）人民政府，市政务服务管理局加强指导"
    )
    assert cell in text
    guided = "2022年6月底前\n    units: 天府新区眉山管委会，东坡区人民政府加强指导"
    tasks.write_text(text.replace(cell, guided), encoding="utf-8")
    (office / "progress.yaml").write_text("reports:\n", encoding="utf-8")
    made = cli("forms", "-o", "f", "--as-of", "2022-04-01", "--within", "90")
    assert made.exit_code == 0, made.output
    # T14 (2022-06-30) is now 天府新区's alone; 东坡区 only guides it
    assert (14, 1) in form_table(office / "f" / f"进展报送表_{TF}.xlsx")
    assert (14, 1) not in form_table(office / "f" / f"进展报送表_{DP}.xlsx")
    notices = cli(
        "notice", "-o", "n", "--as-of", "2022-06-01", "--format", "text", "--unit", "东坡区"
    )
    assert notices.exit_code == 0, notices.output
    assert "第 14 项" not in (office / "n" / f"督办通知_{DP}.txt").read_text(encoding="utf-8")


def test_the_notice_is_signed_by_the_office_else_the_publisher(office: Path) -> None:
    tasks = office / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(
        text.replace("  year: 2021\n", "  year: 2021\n  publisher: 眉山市人民政府办公室\n", 1),
        encoding="utf-8",
    )
    (office / "progress.yaml").write_text(LEDGER_AT_OCTOBER, encoding="utf-8")
    args = ("notice", "-o", "-", "--format", "text", "--as-of", "2021-10-01", "--unit", "天府新区")
    assert cli(*args).stdout.splitlines()[-2] == "眉山市人民政府办公室"
    tasks.write_text(
        text.replace(
            "  year: 2021\n",
            "  year: 2021\n  publisher: 眉山市人民政府办公室\n"
            "  office: 眉山市政务公开办\n  contact: 李四 028-87654321\n",
            1,
        ),
        encoding="utf-8",
    )
    lines = cli(*args).stdout.splitlines()
    assert lines[-3:] == ["眉山市政务公开办", "2021年10月1日", "联系人：李四 028-87654321"]


def test_importing_again_does_not_bring_back_a_retracted_report(office: Path) -> None:
    make_forms(office)
    dp, _ = fill_two(office)
    first = cli("progress", "import", str(dp))
    assert "已追加 2 条" in first.stdout
    retracted = cli("progress", "retract", "1", "--note", "东坡区说第2项尚未完成")
    assert retracted.exit_code == 0, retracted.output
    again = cli("progress", "import", str(dp))
    assert "已追加" not in again.stdout and "2 条已在台账中" in again.stdout
    # T2 stays owed by 东坡区: the retraction holds
    assert DP in (overdue("2022-04-01")[(2, 1)] or [])


def test_the_round_in_a_collection_takes_doc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "tables"
    folder.mkdir()
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    (folder / "meishan.yaml").write_text(text, encoding="utf-8")
    (folder / "other.yaml").write_text(
        text.replace("title: 眉山市深化", "title: 某市深化"), "utf-8"
    )
    data = ("--data", str(folder))
    asked = cli("forms", "-o", "f", "--as-of", "2022-01-01", *data)
    assert asked.exit_code == 2 and "--doc" in asked.output
    made = cli(
        "forms", "-o", "f", "--as-of", "2022-01-01", "--unit", "东坡区", *data, "--doc", "meishan"
    )
    assert made.exit_code == 0, made.output
    form = tmp_path / "f" / f"进展报送表_meishan_{DP}.xlsx"
    filled = fill(
        form, tmp_path / "back.xlsx", {2: {"status": "已完成", "date": dt.date(2021, 12, 20)}}
    )
    wrong = cli("progress", "import", str(filled), *data, "--doc", "other")
    assert wrong.exit_code == 1 and "另一份分工表" in wrong.stderr
    right = cli("progress", "import", str(filled), *data, "--doc", "meishan")
    assert right.exit_code == 0 and "已追加 1 条" in right.stdout
    assert (folder / "meishan.progress.yaml").is_file() and not (
        folder / "other.progress.yaml"
    ).exists()

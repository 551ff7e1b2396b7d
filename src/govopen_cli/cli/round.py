"""The reporting round: `forms` out, `progress import` of the filled forms, `notice` to the late."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    DAYS,
    FILE,
    FOLDER,
    FORMAT,
    TEXT,
    UNIT,
    AsOfOption,
    DataOption,
    DocOption,
    ProgressOption,
    app,
    choices,
    fail,
    fail_with_problems,
    load_catalog,
    load_progress,
    make_clock,
    read_inputs,
    resolve_unit,
    write_file,
)
from govopen_cli.cli.completion import complete_unit
from govopen_cli.cli.ledger import progress_app
from govopen_cli.render.formats import NoticeFormat

if TYPE_CHECKING:
    from govopen_cli.table.catalog import Catalog

OutOption = Annotated[
    Path,
    typer.Option("--out", "-o", metavar=FOLDER, readable=False, help="输出目录（不存在则新建）"),
]
NoticeOutOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        metavar=FOLDER,
        readable=False,
        help="输出目录（不存在则新建）；--format text 时 - 表示输出到屏幕",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")]
RoundUnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar=UNIT,
        help="只给这个单位（集合：其成员）",
        show_default=False,
        autocompletion=complete_unit,
    ),
]


def safe_file_name(name: str) -> str:
    """A unit name as a file name on every system (no / \\ : * ? " < > |)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .") or "_"


def _doc_part(catalog: Catalog) -> str:
    """`KEY_` in a file name for a table of a collection (none for a lone tasks.yaml)."""
    return "" if catalog.key == "tasks" else f"{safe_file_name(catalog.key)}_"


def _units(catalog: Catalog, unit: str | None) -> list[str]:
    from govopen_cli import messages as msg
    from govopen_cli.queries.round import lead_units

    name = resolve_unit(catalog, unit) if unit else None
    units = lead_units(catalog, name)
    if not units:
        fail(msg.ROUND_NOT_LEAD.format(unit=name))
    return units


def unique_path(files: dict[Path, bytes | str], folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem.suffix, or stem-2, stem-3 … when two unit names make the same file name."""
    path, n = folder / f"{stem}{suffix}", 1
    while path in files:
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def _write_all(
    out: Path, files: dict[Path, bytes | str], force: bool, catalog: Catalog, progress: Path | None
) -> None:
    """Every file or none: the shared output rule (never an input, --force to replace) is
    checked for every target before anything is written."""
    from govopen_cli import messages as msg
    from govopen_cli.files.atomic import OutputRefused, check_output

    inputs = read_inputs([catalog], progress)
    taken = []
    for path in files:
        try:
            check_output(path, inputs, force=True)  # an input: refused whatever --force says
        except OutputRefused as exc:
            fail(str(exc))
        if not force and os.path.lexists(path):
            taken.append(path)
    if taken:
        fail(msg.ROUND_EXISTS.format(paths="、".join(str(p) for p in taken)))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(msg.WRITE_FAILED.format(path=out, reason=exc.strerror or exc))
    for path, data in files.items():
        write_file(path, data, force=force, inputs=inputs)


@app.command("forms")
def forms_command(
    out: OutOption,
    within: Annotated[
        int,
        typer.Option(
            "--within", min=0, metavar=DAYS, help="报送范围：今天起多少天内到期的节点（含已逾期的）"
        ),
    ] = 90,
    unit: RoundUnitOption = None,
    as_of: AsOfOption = None,
    force: ForceOption = False,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
) -> None:
    """下发进展报送表：每个责任单位一个 xlsx，列出它尚未完成、期内到期或已逾期的节点。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.forms import table_identity
    from govopen_cli.files.finding import ledger_path
    from govopen_cli.queries.round import forms
    from govopen_cli.render.forms import form_xlsx

    catalog = load_catalog(data, doc)
    clock = make_clock(as_of)
    today = clock.as_of
    units = _units(catalog, unit)
    ledger = load_progress(catalog, progress, clock)
    found = forms(ledger, units, within)
    end = (today + dt.timedelta(days=within)).isoformat()
    if not found:
        sys.stdout.write(msg.FORMS_NONE.format(date=today, end=end) + "\n")
        return
    files: dict[Path, bytes | str] = {}
    for owed in found:
        stem = f"{msg.FORM_SHEET}_{_doc_part(catalog)}{safe_file_name(owed.unit)}"
        identity = table_identity(catalog, owed.unit, today)
        files[unique_path(files, out, stem, ".xlsx")] = form_xlsx(catalog, owed, identity, today)
    _write_all(out, files, force, catalog, progress)
    lines = [msg.FORMS_WRITTEN.format(count=len(found), folder=out, date=today, end=end)]
    for path, owed in zip(files, found, strict=True):
        lines.append(
            msg.FORMS_UNIT_LINE.format(file=path.name, unit=owed.unit, rows=len(owed.items))
        )
    idle = [catalog.short_name(u) for u in units if u not in {f.unit for f in found}]
    if idle:
        lines.append(msg.FORMS_NONE_OWED.format(count=len(idle), units="、".join(idle)))
    if not ledger.recorded:
        assert catalog.path is not None
        lines.append(msg.FORMS_NO_LEDGER.format(path=ledger_path(catalog.path, progress)))
    sys.stdout.write("\n".join(lines) + "\n")


@progress_app.command("import")
def progress_import_command(
    forms: Annotated[
        list[Path], typer.Argument(metavar=FILE, readable=False, help="填好的进展报送表（可多个）")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只检查并列出结果，不写台账")] = False,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
) -> None:
    """导入填好的进展报送表：每行按 progress add 的规则检查，接受的行一次追加到台账。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.forms import FormCheck, FormRefused, check_form
    from govopen_cli.checks.ledger import add_reports, read_ledger, split_known
    from govopen_cli.files.finding import is_shipped, ledger_path
    from govopen_cli.files.ledger import ReportRefused
    from govopen_cli.importing.forms import read_form
    from govopen_cli.problems import DataError, errors_only

    catalog = load_catalog(data, doc)
    assert catalog.path is not None
    if progress is None and is_shipped(catalog.path):
        fail(msg.LEDGER_FROM_SHIPPED)
    path = ledger_path(catalog.path, progress)
    clock = make_clock(None)  # a report is never dated after its real today, whatever as-of says
    lines: list[str] = []
    problems: list[str] = []
    checked: list[FormCheck] = []
    for form_path in forms:
        try:
            result = check_form(catalog, read_form(form_path), clock)
        except FormRefused as exc:
            problems.append(msg.IMPORT_FORM_REFUSED.format(form=form_path, reason=exc))
            continue
        checked.append(result)
        lines.append(
            msg.IMPORT_FORM_LINE.format(
                form=form_path,
                unit=result.unit,
                accepted=len(result.accepted),
                refused=len(result.refused),
                empty=result.empty,
            )
        )
        for row, reason in result.refused:
            problems.append(
                msg.IMPORT_ROW_REFUSED.format(
                    form=form_path, sheet=result.form.sheet, row=row, reason=reason
                )
            )
    entries = [a.entry for c in checked for a in c.accepted]
    undated = [a.undated for c in checked for a in c.accepted]
    try:
        if dry_run:
            existing = read_ledger(path, catalog, clock)
            if errors_only(existing.problems):
                raise DataError(errors_only(existing.problems))
            added, known = split_known(entries, existing.reports, undated)
        else:
            added, known = (
                add_reports(catalog, path, entries, clock, undated=undated) if entries else ([], [])
            )
    except ReportRefused as exc:
        fail(str(exc))
    except DataError as exc:
        fail_with_problems(exc.problems)
    except OSError as exc:
        fail(msg.FILE_OS_ERROR.format(reason=exc.strerror or exc))
    if added:
        template = msg.IMPORT_DRY_RUN_ADD if dry_run else msg.IMPORT_ADDED
        lines.append(template.format(count=len(added), path=path))
    if known:
        lines.append(msg.IMPORT_ALREADY.format(count=len(known)))
        if not added:
            lines.append(msg.IMPORT_NOTHING_NEW)
    elif not added:
        lines.append(msg.IMPORT_NOTHING)
    sys.stdout.write("\n".join(lines) + "\n")
    for problem in problems:
        sys.stderr.write(f"govopen: {problem.strip()}\n")
    if problems:
        raise typer.Exit(1)


@app.command("notice")
def notice_command(
    out: NoticeOutOption,
    warn_days: Annotated[
        int,
        typer.Option("--warn-days", min=0, metavar=DAYS, help="截止前多少天算“临近”（同 board）"),
    ] = 30,
    reply_days: Annotated[
        int,
        typer.Option("--reply-days", min=1, metavar=DAYS, help="限多少天内回复（回复截止日期）"),
    ] = 7,
    unit: RoundUnitOption = None,
    fmt: Annotated[
        NoticeFormat,
        typer.Option(
            "--format",
            "-f",
            metavar=FORMAT,
            help=f"{choices(NoticeFormat)}：docx 打印盖章用，text 贴进邮件或即时通讯",
        ),
    ] = "docx",
    office: Annotated[
        str | None,
        typer.Option(
            "--office",
            metavar=TEXT,
            help="督办单位（默认任务文件的 document.office，其次 publisher）",
        ),
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option("--contact", metavar=TEXT, help="联系人及电话（默认 document.contact）"),
    ] = None,
    no_ledger_ok: Annotated[
        bool,
        typer.Option("--no-ledger-ok", help="没有台账也发通知（写明“尚未收到报送”，不说逾期）"),
    ] = False,
    as_of: AsOfOption = None,
    force: ForceOption = False,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
) -> None:
    """督办通知：给有逾期或临近截止节点的责任单位各写一份（docx 或纯文本）。"""
    from govopen_cli import messages as msg
    from govopen_cli.files.finding import ledger_path
    from govopen_cli.queries.round import late_units
    from govopen_cli.render.notice import NoticeInfo, notice_docx, notice_text

    to_screen = str(out) == "-"
    if to_screen and fmt == "docx":
        fail(msg.NOTICE_SCREEN_DOCX, 2)
    catalog = load_catalog(data, doc)
    assert catalog.path is not None
    clock = make_clock(as_of)
    today = clock.as_of
    units = _units(catalog, unit)
    ledger = load_progress(catalog, progress, clock)
    has_ledger = ledger.recorded
    if not has_ledger and not no_ledger_ok:
        fail(msg.NOTICE_NEEDS_LEDGER.format(path=ledger_path(catalog.path, progress)))
    late = late_units(ledger, units, warn_days)
    if not late:
        sys.stdout.write(msg.NOTICES_NONE.format(date=today, days=warn_days) + "\n")
        return
    info = NoticeInfo(
        as_of=today,
        reply_by=today + dt.timedelta(days=reply_days),
        warn_days=warn_days,
        office=office or catalog.document.office or catalog.document.publisher,
        contact=contact or catalog.document.contact,
        has_ledger=has_ledger,
    )
    if to_screen:
        texts = [notice_text(catalog, owed, info) for owed in late]
        sys.stdout.write(f"\n{msg.NOTICE_SEPARATOR}\n\n".join(texts))
        return
    files: dict[Path, bytes | str] = {}
    for owed in late:
        stem = f"{msg.NOTICE_TITLE}_{_doc_part(catalog)}{safe_file_name(owed.unit)}"
        if fmt == "docx":
            files[unique_path(files, out, stem, ".docx")] = notice_docx(catalog, owed, info)
        else:
            files[unique_path(files, out, stem, ".txt")] = notice_text(catalog, owed, info)
    _write_all(out, files, force, catalog, progress)
    lines = [msg.NOTICES_WRITTEN.format(count=len(late), folder=out, date=today, days=warn_days)]
    for path, owed in zip(files, late, strict=True):
        lines.append(
            msg.NOTICES_UNIT_LINE.format(
                file=path.name,
                unit=owed.unit,
                overdue=len(owed.overdue),
                soon=len(owed.due_soon),
            )
        )
    spared = [catalog.short_name(u) for u in units if u not in {o.unit for o in late}]
    if spared:
        lines.append(msg.NOTICES_NOT_SENT.format(count=len(spared), units="、".join(spared)))
    if info.office is None:
        lines.append(msg.NOTICE_NO_OFFICE)
    sys.stdout.write("\n".join(lines) + "\n")

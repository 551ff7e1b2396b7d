"""The progress ledger: progress add/list, and the board and stats read from it."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    DAYS,
    GROUP_SETTINGS,
    NUMBER,
    STATUS,
    TASK,
    TEXT,
    UNIT,
    AsOfOption,
    DataOption,
    FormatOption,
    ProgressOption,
    SectionOption,
    UnitFilterOption,
    app,
    date_flag,
    fail,
    fail_with_problems,
    load_catalog,
    load_progress,
    make_clock,
    print_table,
    read_checked_ledger,
    resolve_section,
    resolve_unit,
)
from govopen_cli.cli.completion import complete_status, complete_task, complete_unit

if TYPE_CHECKING:
    pass


progress_app = typer.Typer(
    help="进展台账：登记和查看各责任单位的进展报送。", no_args_is_help=True, **GROUP_SETTINGS
)
app.add_typer(progress_app, name="progress")


@progress_app.command("add")
def progress_add_command(
    task_id: Annotated[
        int, typer.Argument(metavar=TASK, help="任务序号", autocompletion=complete_task)
    ],
    unit: Annotated[
        str,
        typer.Option(
            "--unit",
            "-u",
            metavar=UNIT,
            help="报送单位（名称、简称或别名）",
            autocompletion=complete_unit,
        ),
    ],
    # no short flag: -s is --section in every command
    status: Annotated[
        str,
        typer.Option(
            "--status",
            metavar=STATUS,
            help="done 已完成 | in_progress 推进中 | blocked 受阻",
            autocompletion=complete_status,
        ),
    ],
    milestone: Annotated[
        int | None,
        typer.Option(
            "--milestone",
            "-m",
            metavar=NUMBER,
            help="节点编号（从 1 开始）；不填为整项任务",
            show_default=False,
        ),
    ] = None,
    date: Annotated[dt.date | None, date_flag("--date", "报送日期（默认今天）")] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar=TEXT, help="说明", show_default=False)
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", metavar=TEXT, help="佐证：网址或文号", show_default=False),
    ] = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """登记一条进展，追加到台账。

    先检查任务、单位、节点、日期和状态，都无误才写入；相同的报送不重复登记。
    """
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import add_report, new_report
    from govopen_cli.files.finding import is_shipped, ledger_path
    from govopen_cli.files.ledger import ReportRefused
    from govopen_cli.problems import DataError

    catalog = load_catalog(data)
    assert catalog.path is not None
    if progress is None and is_shipped(catalog.path):
        fail(msg.LEDGER_FROM_SHIPPED)
    path = ledger_path(catalog.path, progress)
    clock = make_clock(None)
    try:
        entry = new_report(
            catalog,
            task=task_id,
            unit=unit,
            status=status,
            clock=clock,
            date=date,
            milestone=milestone,
            note=note,
            evidence=evidence,
        )
        add_report(catalog, path, entry, clock)
    except ReportRefused as exc:
        fail(str(exc))
    except DataError as exc:
        fail_with_problems(exc.problems)
    except OSError as exc:
        fail(msg.FILE_OS_ERROR.format(reason=exc.strerror or exc))
    where = msg.MILESTONE_LABEL.format(n=entry.milestone) if entry.milestone else ""
    status_label = msg.STATUS_LABELS[entry.status]
    from govopen_cli.render.terminal import printable

    added = msg.REPORT_ADDED.format(
        task=entry.task,
        milestone=where,
        unit=entry.unit,
        status=status_label,
        date=entry.date,
        path=path,
    )
    sys.stdout.write(printable(added) + "\n")


@progress_app.command("list")
def progress_list_command(
    task_id: Annotated[
        int | None,
        typer.Option(
            "--task",
            "-t",
            metavar=TASK,
            help="只看这项任务",
            show_default=False,
            autocompletion=complete_task,
        ),
    ] = None,
    unit: UnitFilterOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出台账中的进展报送，按日期排序；“条”是它在台账中的编号（progress retract 用它），
    已撤回的报送标为“已撤回”。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import retractions
    from govopen_cli.queries.questions import select_reports
    from govopen_cli.render.tables import reports_table
    from govopen_cli.table.model import ProgressReport

    catalog = load_catalog(data)
    if task_id is not None:
        try:
            catalog.task(task_id)
        except LookupError as exc:
            fail(str(exc))
    unit_name = resolve_unit(catalog, unit) if unit else None
    ledger = read_checked_ledger(catalog, progress, make_clock(None))
    entries = ledger.entries if ledger is not None else []
    tasks = None if task_id is None else [task_id]
    reports = [r for r in entries if isinstance(r, ProgressReport)]
    chosen = {id(r) for r in select_reports(catalog, reports, tasks=tasks, unit=unit_name)}
    numbered = [
        (n, r)
        for n, r in enumerate(entries, start=1)
        if isinstance(r, ProgressReport) and id(r) in chosen
    ]
    numbered.sort(key=lambda item: item[1].date)
    gone = {
        n: msg.RETRACTED_BY.format(by=by, date=r.date, note=r.note)
        for n, (by, r) in retractions(entries).items()
    }
    table = reports_table(
        [r for _, r in numbered], catalog, numbers=[n for n, _ in numbered], retracted=gone
    )
    if ledger is None:
        table.notes.append(msg.NO_LEDGER_NOTE)
    print_table(table, fmt)


@app.command("board")
def board_command(
    section: SectionOption = None,
    warn_days: Annotated[
        int,
        typer.Option("--warn-days", min=0, metavar=DAYS, help="截止前多少天标为“临近”"),
    ] = 30,
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """督查看板：任务 × 责任单位，每格一个状态。

    完成、逾期、临近等状态以红、黄、绿标出。
    --unit 只看这个单位承担的任务（任一角色）；指导或配合单位看到的是各责任单位的状态。
    """
    from govopen_cli.queries.questions import list_tasks
    from govopen_cli.render.tables import board_table

    catalog = load_catalog(data)
    clock = make_clock(as_of)
    chosen = resolve_section(catalog, section) if section else None
    unit_name = resolve_unit(catalog, unit) if unit else None
    ledger = load_progress(catalog, progress, clock)
    views = list_tasks(catalog, section=chosen, unit=unit_name)
    print_table(board_table(ledger, views, warn_days, unit=unit_name), fmt)


@app.command("stats")
def stats_command(
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """完成情况统计：按责任单位和章节。

    应完成、按时完成、逾期完成、逾期未完成的节点数和完成率。
    """
    from govopen_cli.render.tables import stats_table

    catalog = load_catalog(data)
    clock = make_clock(as_of)
    ledger = load_progress(catalog, progress, clock)
    print_table(stats_table(ledger), fmt)

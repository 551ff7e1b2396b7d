"""The progress ledger: progress add/list, and the board and stats read from it."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    AsOfOption,
    DataOption,
    DocOption,
    FormatOption,
    ProgressOption,
    SectionOption,
    UnitFilterOption,
    app,
    date_flag,
    fail,
    fail_with_problems,
    load,
    load_ledger,
    load_progresses,
    make_clock,
    print_table,
    resolve_unit,
    task_ref,
)

if TYPE_CHECKING:
    from govopen_cli.table.model import ProgressReport


progress_app = typer.Typer(help="进展台账：登记和查看各责任单位的进展报送。", no_args_is_help=True)
app.add_typer(progress_app, name="progress")


@progress_app.command("add")
def progress_add_command(
    task_id: Annotated[
        str,
        typer.Argument(metavar="TASK", help="任务序号；集合中写 简称:序号（如 2022-yaodian:6）"),
    ],
    unit: Annotated[str, typer.Option("--unit", "-u", help="报送单位（名称、简称或别名）")],
    status: Annotated[
        str, typer.Option("--status", "-s", help="done 已完成 / in_progress 推进中 / blocked 受阻")
    ],
    milestone: Annotated[
        int | None,
        typer.Option(
            "--milestone", "-m", help="节点编号（从 1 开始）；不填为整项任务", show_default=False
        ),
    ] = None,
    date: Annotated[dt.date | None, date_flag("--date", "报送日期（默认今天）")] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明", show_default=False)] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="佐证：网址或文号", show_default=False)
    ] = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
) -> None:
    """登记一条进展：先检查任务、单位、节点、日期和状态，再追加到该任务表的台账。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import add_report, new_report
    from govopen_cli.files.finding import is_shipped, ledger_path
    from govopen_cli.files.ledger import ReportRefused
    from govopen_cli.problems import DataError

    loaded = load(data, doc)
    catalog, view = task_ref(loaded, task_id)
    if progress is not None and loaded.collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(loaded.collection)), 2)
    assert catalog.path is not None
    if progress is None and is_shipped(catalog.path):
        fail(msg.LEDGER_FROM_SHIPPED)
    path = ledger_path(catalog.path, progress)
    clock = make_clock(None)
    try:
        entry = new_report(
            catalog,
            task=view.id,
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
    added = msg.REPORT_ADDED.format(
        task=entry.task,
        milestone=where,
        unit=entry.unit,
        status=status_label,
        date=entry.date,
        path=path,
    )
    if loaded.collection.several:
        added = msg.in_doc(added, catalog.key)
    sys.stdout.write(added + "\n")


@progress_app.command("list")
def progress_list_command(
    task_id: Annotated[
        str | None,
        typer.Option("--task", "-t", help="只看这项任务（集合中写 简称:序号）", show_default=False),
    ] = None,
    unit: UnitFilterOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出台账中的进展报送，按日期排序（集合中：每个任务表的台账）。"""
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import select_reports
    from govopen_cli.render.tables import reports_table

    loaded = load(data, doc)
    collection = loaded.collection
    if progress is not None and collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(collection)), 2)
    only = task_ref(loaded, task_id) if task_id is not None else None
    unit_name = resolve_unit(collection, unit) if unit else None
    clock = make_clock(None)
    found: list[tuple[ProgressReport, str]] = []
    for catalog in collection:
        if only is not None and only[0] is not catalog:
            continue
        name = collection.unit_in(catalog, unit_name) if unit_name else None
        if unit_name and name is None:
            continue
        tasks = None if only is None else [only[1].id]
        reports = load_ledger(catalog, progress, clock)
        found += [
            (r, catalog.key) for r in select_reports(catalog, reports, tasks=tasks, unit=name)
        ]
    found.sort(key=lambda pair: pair[0].date)
    table = reports_table([r for r, _ in found], collection, [key for _, key in found])
    print_table(table, fmt, loaded)


@app.command("board")
def board_command(
    section: SectionOption = None,
    warn_days: Annotated[
        int, typer.Option("--warn-days", min=0, help="截止前多少天标为“临近”")
    ] = 30,
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """督查看板：任务 × 责任单位，每格标出完成、逾期、临近等状态（红 / 黄 / 绿）。"""
    from govopen_cli.queries.collection import list_tasks
    from govopen_cli.render.tables import board_table

    loaded = load(data, doc)
    clock = make_clock(as_of)
    try:
        views = list_tasks(loaded.collection, section=section)
    except LookupError as exc:
        fail(str(exc))
    ledgers = load_progresses(loaded, progress, clock)
    print_table(board_table(ledgers, views, warn_days, loaded.collection), fmt, loaded)


@app.command("stats")
def stats_command(
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """完成情况统计：每个责任单位、每个章节的应完成、按时完成、逾期完成、逾期未完成和完成率。

    数据是文件夹时，单位合计各任务表，章节按任务表分列。
    """
    from govopen_cli.render.tables import stats_table

    loaded = load(data, doc)
    clock = make_clock(as_of)
    ledgers = load_progresses(loaded, progress, clock)
    print_table(stats_table(ledgers, loaded.collection), fmt, loaded)

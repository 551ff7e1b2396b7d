"""The progress ledger: progress add/list, and the board and stats read from it."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    GROUP_SETTINGS,
    NUMBER,
    STATUS,
    TASK,
    TEXT,
    UNIT,
    App,
    AsOfOption,
    DataOption,
    DocOption,
    FormatOption,
    ProgressOption,
    SectionOption,
    UnitFilterOption,
    app,
    date_flag,
    days_flag,
    fail,
    fail_with_problems,
    load,
    load_progresses,
    make_clock,
    print_table,
    read_checked_ledger,
    resolve_unit,
    task_ref,
)
from govopen_cli.cli.completion import complete_status, complete_task, complete_unit

if TYPE_CHECKING:
    pass


progress_app = App(
    help="进展台账：登记和查看各责任单位的进展报送。", no_args_is_help=True, **GROUP_SETTINGS
)
app.add_typer(progress_app, name="progress")


@progress_app.command("add")
def progress_add_command(
    task_id: Annotated[
        str,
        typer.Argument(
            metavar=TASK,
            help="任务序号，集合中写 简称:序号",
            autocompletion=complete_task,
        ),
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
    doc: DocOption = None,
    progress: ProgressOption = None,
) -> None:
    """登记一条进展，追加到台账。

    先检查任务、单位、节点、日期和状态，都无误才写入；相同的报送不重复登记。
    """
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import add_report, new_report
    from govopen_cli.files.finding import is_shipped, ledger_path
    from govopen_cli.files.ledger import LedgerWriteFailed, ReportRefused
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
    except LedgerWriteFailed as exc:
        fail(msg.WRITE_FAILED.format(path=path, reason=exc.strerror or exc))
    except OSError as exc:
        fail(msg.READ_FAILED.format(path=path, reason=exc.strerror or exc))
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
    if loaded.collection.several:
        added = msg.in_doc(added, catalog.key)
    sys.stdout.write(printable(added) + "\n")


@progress_app.command("list")
def progress_list_command(
    task_id: Annotated[
        str | None,
        typer.Option(
            "--task",
            "-t",
            metavar=TASK,
            help="只看这项任务（集合中写 简称:序号）",
            show_default=False,
            autocompletion=complete_task,
        ),
    ] = None,
    unit: UnitFilterOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出台账中的进展报送，按日期排序；“条”是它在台账中的编号（progress retract 用它），
    已撤回的报送标为“已撤回”。集合中：每个任务表的台账，行带表的简称。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import retractions
    from govopen_cli.queries.questions import select_reports
    from govopen_cli.render.tables import reports_table
    from govopen_cli.table.model import ProgressReport

    loaded = load(data, doc)
    collection = loaded.collection
    if progress is not None and collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(collection)), 2)
    only = task_ref(loaded, task_id) if task_id is not None else None
    unit_name = resolve_unit(collection, unit) if unit else None
    clock = make_clock(None)
    tables = []
    missing: list[str] = []  # the tables asked that have no ledger
    for catalog in collection:
        if only is not None and only[0] is not catalog:
            continue
        name = collection.unit_in(catalog, unit_name) if unit_name else None
        if unit_name and name is None:
            continue
        ledger = read_checked_ledger(catalog, progress, clock)
        if ledger is None:
            missing.append(catalog.key)
        entries = ledger.entries if ledger is not None else []
        tasks = None if only is None else [only[1].id]
        reports = [r for r in entries if isinstance(r, ProgressReport)]
        chosen = {id(r) for r in select_reports(catalog, reports, tasks=tasks, unit=name)}
        numbered = [
            (n, r)
            for n, r in enumerate(entries, start=1)
            if isinstance(r, ProgressReport) and id(r) in chosen
        ]
        gone = {
            n: msg.RETRACTED_BY.format(by=by, date=r.date, note=r.note)
            for n, (by, r) in retractions(entries).items()
        }
        tables.append(
            reports_table(
                [r for _, r in numbered],
                collection,
                numbers=[n for n, _ in numbered],
                retracted=gone,
                docs=[catalog.key] * len(numbered),
            )
        )
    table = tables[0]
    table.rows = sorted((row for t in tables for row in t.rows), key=lambda row: row["date"])
    table.title = msg.reports_title(len(table.rows))
    if missing:
        table.notes.append(msg.no_ledger_note(missing, len(tables)))
    print_table(table, fmt, loaded)


@app.command("board")
def board_command(
    section: SectionOption = None,
    warn_days: Annotated[int, days_flag("--warn-days", "截止前多少天标为“临近”")] = 30,
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """督查看板：任务 × 责任单位，每格一个状态。

    完成、逾期、临近等状态以红、黄、绿标出。
    --unit 只看这个单位承担的任务（任一角色）；指导或配合单位看到的是各责任单位的状态。
    """
    from govopen_cli.queries.collection import list_tasks
    from govopen_cli.render.tables import board_table

    loaded = load(data, doc)
    clock = make_clock(as_of)
    unit_name = resolve_unit(loaded.collection, unit) if unit else None
    try:
        views = list_tasks(loaded.collection, section=section, unit=unit_name)
    except LookupError as exc:
        fail(str(exc))
    ledgers = load_progresses(loaded, progress, clock)
    table = board_table(ledgers, views, warn_days, unit=unit_name, names=loaded.collection)
    print_table(table, fmt, loaded)


@app.command("stats")
def stats_command(
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """完成情况统计：按责任单位和章节。

    应完成、按时完成、逾期完成、逾期未完成的节点数和完成率。

    数据是文件夹时，单位合计各任务表，章节按任务表分列。
    """
    from govopen_cli.render.tables import stats_table

    loaded = load(data, doc)
    clock = make_clock(as_of)
    ledgers = load_progresses(loaded, progress, clock)
    print_table(stats_table(ledgers, loaded.collection), fmt, loaded)

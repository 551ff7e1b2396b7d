"""Correcting the ledger without editing it: progress retract."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from govopen_cli.cli.common import (
    NUMBER,
    TEXT,
    DataOption,
    ProgressOption,
    date_flag,
    fail,
    fail_with_problems,
    load_catalog,
    make_clock,
)
from govopen_cli.cli.ledger import progress_app


@progress_app.command("retract")
def progress_retract_command(
    number: Annotated[
        int,
        typer.Argument(metavar=NUMBER, min=1, help="要撤回的记录编号（progress list 的“条”）"),
    ],
    note: Annotated[
        str, typer.Option("--note", metavar=TEXT, help="撤回原因（必填）", show_default=False)
    ],
    date: Annotated[dt.date | None, date_flag("--date", "撤回日期（默认今天）")] = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """撤回台账中的一条报送。

    追加一条撤回记录（retracts: N），原记录保留，不再计入统计。
    """
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import retract_entry
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
        target = retract_entry(catalog, path, number, note=note, clock=clock, date=date)
    except ReportRefused as exc:
        fail(str(exc))
    except DataError as exc:
        fail_with_problems(exc.problems)
    except OSError as exc:
        fail(msg.FILE_OS_ERROR.format(reason=exc.strerror or exc))
    where = msg.MILESTONE_LABEL.format(n=target.milestone) if target.milestone else ""
    from govopen_cli.render.terminal import printable

    added = msg.RETRACT_ADDED.format(
        number=number,
        task=target.task,
        milestone=where,
        unit=target.unit,
        status=msg.STATUS_LABELS[target.status],
        date=target.date,
        path=path,
    )
    sys.stdout.write(printable(added) + "\n")

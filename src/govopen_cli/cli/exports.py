"""Files for other people: export (csv, xlsx, ics, markdown, json) and publish (the page)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    DAYS,
    FILE,
    FOLDER,
    FORMAT,
    UNIT,
    AsOfOption,
    DataOption,
    ProgressOption,
    SectionOption,
    app,
    choices,
    fail,
    load_catalog,
    load_ledger,
    load_progress,
    make_clock,
    resolve_section,
    resolve_unit,
    write_file,
)
from govopen_cli.cli.completion import complete_unit
from govopen_cli.render.formats import ExportFormat, RowKind

if TYPE_CHECKING:
    from govopen_cli.queries.status import Progress
    from govopen_cli.table.catalog import Catalog
    from govopen_cli.table.model import ProgressReport


@app.command("export")
def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", metavar=FORMAT, help=choices(ExportFormat)),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar=FILE,
            help="保存到文件（xlsx 必须给出；其他格式默认输出到屏幕）",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar=UNIT,
            help="只导出这个单位承担的任务（任一角色）",
            show_default=False,
            autocompletion=complete_unit,
        ),
    ] = None,
    section: SectionOption = None,
    rows: Annotated[
        RowKind,
        typer.Option(
            "--rows",
            metavar="行",
            help="csv、json、markdown：tasks 每项任务一行，milestones 每个节点一行",
        ),
    ] = "tasks",
    remind_days: Annotated[
        int,
        typer.Option("--remind-days", min=0, metavar=DAYS, help="ics：截止前多少天提醒"),
    ] = 7,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """导出分工表：csv、xlsx、ics 日历、markdown、json。

    csv 带 BOM，Excel 可直接打开。
    """
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import select_for_export
    from govopen_cli.render.exports import export

    if fmt == "xlsx" and out is None:
        fail(msg.XLSX_NEEDS_OUT, 2)
    catalog = load_catalog(data)
    clock = make_clock(as_of)
    chosen = resolve_section(catalog, section) if section else None
    unit_name = resolve_unit(catalog, unit) if unit else None
    reports = load_ledger(catalog, progress, clock)
    ledger = progress_from(catalog, reports, clock.as_of)
    selection = select_for_export(catalog, reports or [], section=chosen, unit=unit_name)
    result = export(
        fmt,
        ledger,
        selection.views,
        selection.reports,
        rows=rows,
        unit=unit_name,
        remind_days=remind_days,
    )
    if out is None:
        text = result.decode("utf-8") if isinstance(result, bytes) else result
        sys.stdout.write(text)
        return
    write_file(out, result)
    sys.stderr.write(msg.EXPORT_WRITTEN.format(path=out) + "\n")


def progress_from(
    catalog: Catalog, reports: list[ProgressReport] | None, as_of: dt.date
) -> Progress:
    from govopen_cli.queries.status import Progress

    return Progress(catalog, reports or [], as_of, recorded=reports is not None)


@app.command("publish")
def publish_command(
    out: Annotated[
        Path,
        typer.Option("--out", "-o", metavar=FOLDER, help="输出目录（写入其中的 index.html）"),
    ],
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """生成公开页面（一个 index.html），可直接放到政府网站。

    页面自带样式和脚本，不依赖外部文件。
    """
    from govopen_cli import messages as msg
    from govopen_cli.render.page import render_page

    catalog = load_catalog(data)
    clock = make_clock(as_of)
    ledger = load_progress(catalog, progress, clock)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(msg.EXPORT_OS_ERROR.format(path=out, reason=exc.strerror or exc))
    target = out / "index.html"
    write_file(target, render_page(ledger))
    sys.stderr.write(msg.PUBLISH_WRITTEN.format(path=target) + "\n")

"""Files for other people: export (csv, xlsx, ics, markdown, json) and publish (the page)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    FILE,
    FOLDER,
    FORMAT,
    UNIT,
    AsOfOption,
    DataOption,
    DocOption,
    ForceOption,
    ProgressOption,
    SectionOption,
    app,
    choices,
    data_label,
    days_flag,
    fail,
    load,
    load_ledger,
    load_progress,
    make_clock,
    read_inputs,
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
            readable=False,
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
    remind_days: Annotated[int, days_flag("--remind-days", "ics：截止前多少天提醒")] = 7,
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    force: ForceOption = False,
) -> None:
    """导出分工表：csv、xlsx、ics 日历、markdown、json。

    csv 带 BOM，Excel 可直接打开。

    数据是文件夹时导出每个任务表（行带 doc 简称；xlsx 需用 --doc 选一个表）。
    """
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import select_for_export
    from govopen_cli.render.exports import Part, export, export_many

    if fmt == "xlsx" and out is None:
        fail(msg.XLSX_NEEDS_OUT, 2)
    loaded = load(data, doc)
    collection = loaded.collection
    if fmt == "xlsx" and collection.several:
        fail(msg.XLSX_NEEDS_DOC.format(n=len(collection), keys=collection.keys_text()), 2)
    if progress is not None and collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(collection)), 2)
    clock = make_clock(as_of)
    unit_name = resolve_unit(collection, unit) if unit else None
    parts = []
    for catalog in collection:
        name = collection.unit_in(catalog, unit_name) if unit_name else None
        if unit_name and name is None:
            continue
        try:
            chosen = catalog.section(section) if section else None
        except LookupError as exc:
            if collection.several:
                continue
            fail(str(exc))
        reports = load_ledger(catalog, progress, clock)
        ledger = progress_from(catalog, reports, clock.as_of)
        selection = select_for_export(catalog, reports or [], section=chosen, unit=name)
        parts.append(Part(ledger, selection.views, name, selection.reports))
    if section and not parts:
        fail(msg.SECTION_IN_NONE.format(ref=section))
    if not collection.several:
        part = parts[0]
        result = export(
            fmt,
            part.progress,
            part.views,
            part.reports,
            rows=rows,
            unit=part.unit,
            remind_days=remind_days,
        )
    else:
        result = export_many(fmt, parts, rows=rows, remind_days=remind_days)
    if not loaded.source.explicit:
        sys.stderr.write(msg.DATA_NOTE.format(what=data_label(loaded)) + "\n")
    if out is None:
        text = result.decode("utf-8") if isinstance(result, bytes) else result
        sys.stdout.write(text)
        return
    write_file(out, result, force=force, inputs=read_inputs(collection, progress))
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
        typer.Option(
            "--out", "-o", metavar=FOLDER, readable=False, help="输出目录（写入其中的 index.html）"
        ),
    ],
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    force: ForceOption = False,
) -> None:
    """生成公开页面：一个自带样式和脚本的 index.html，可直接放到政府网站。

    数据是文件夹（多个任务表）时：index.html 列出各任务表及其完成情况，每个任务表一页（简称.html）。
    """
    from govopen_cli import messages as msg
    from govopen_cli.files.finding import ledger_path
    from govopen_cli.render.page import index_row, page_name, render_index, render_page

    loaded = load(data, doc)
    collection = loaded.collection
    if progress is not None and collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(collection)), 2)
    clock = make_clock(as_of)
    inputs = read_inputs(collection, progress)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(msg.WRITE_FAILED.format(path=out, reason=exc.strerror or exc))
    if not collection.several:
        catalog = next(iter(collection))
        target = out / "index.html"
        write_file(
            target,
            render_page(load_progress(catalog, progress, clock)),
            force=force,
            inputs=inputs,
        )
        sys.stderr.write(msg.PUBLISH_WRITTEN.format(path=target) + "\n")
        return
    rows = []
    for catalog in collection:
        assert catalog.path is not None
        ledger = load_progress(catalog, None, clock)
        write_file(
            out / page_name(catalog.key),
            render_page(ledger, back="index.html"),
            force=force,
            inputs=inputs,
        )
        rows.append(index_row(ledger, ledger_path(catalog.path).is_file()))
    target = out / "index.html"
    write_file(target, render_index(rows, clock.as_of), force=force, inputs=inputs)
    sys.stderr.write(msg.PUBLISH_INDEX_WRITTEN.format(path=target, n=len(rows)) + "\n")

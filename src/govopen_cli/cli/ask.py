"""The questions: list, show, sections, by-section, by-unit, units, due, overdue."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    DAYS,
    SECTION,
    TASK,
    TEXT,
    UNIT,
    AsOfOption,
    DataOption,
    DocOption,
    FormatOption,
    ProgressOption,
    SectionOption,
    UnitFilterOption,
    app,
    date_flag,
    days_in_range,
    fail,
    load,
    load_progresses,
    make_clock,
    note_data,
    print_table,
    resolve_unit,
    task_ref,
)
from govopen_cli.cli.completion import complete_section, complete_task, complete_unit

if TYPE_CHECKING:
    from govopen_cli.table.catalog import TaskView
    from govopen_cli.table.collection import Collection


def _tasks(
    collection: Collection,
    section: str | None = None,
    unit: str | None = None,
    search: str | None = None,
) -> list[TaskView]:
    from govopen_cli.queries.collection import list_tasks

    try:
        return list_tasks(collection, section=section, unit=unit, search=search)
    except LookupError as exc:
        fail(str(exc))


@app.command("list")
def list_command(
    section: SectionOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar=UNIT,
            help="单位（任一角色）",
            show_default=False,
            autocompletion=complete_unit,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search", metavar=TEXT, help="在任务、进度、单位文字中查找", show_default=False
        ),
    ] = None,
    data: DataOption = None,
    doc: DocOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出重点任务（可按章节、单位、文字筛选）。"""
    from govopen_cli import messages as msg
    from govopen_cli.render.tables import tasks_table

    loaded = load(data, doc)
    unit_name = resolve_unit(loaded.collection, unit) if unit else None
    views = _tasks(loaded.collection, section, unit_name, search)
    print_table(tasks_table(views, msg.list_title(len(views))), fmt, loaded)


@app.command("show")
def show_command(
    task_id: Annotated[
        str,
        typer.Argument(
            metavar=TASK,
            help="任务序号，集合中写 简称:序号",
            autocompletion=complete_task,
        ),
    ],
    data: DataOption = None,
    doc: DocOption = None,
    fmt: FormatOption = "table",
) -> None:
    """显示一项任务的全部内容。

    原文，以及工具读出的截止日期和各角色单位。
    """
    import json

    from govopen_cli.render.tables import detail_table, task_detail

    loaded = load(data, doc)
    catalog, view = task_ref(loaded, task_id)
    detail = task_detail(catalog, view)
    if fmt == "json":
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2) + "\n")
        note_data(loaded)
    else:
        table = detail_table(detail)
        if loaded.collection.several:
            table.title = f"{view.doc}:{table.title}"
        print_table(table, fmt, loaded)


@app.command("sections")
def sections_command(
    data: DataOption = None, doc: DocOption = None, fmt: FormatOption = "table"
) -> None:
    """列出章节及其任务。"""
    from govopen_cli.queries.collection import sections
    from govopen_cli.render.tables import sections_table

    loaded = load(data, doc)
    print_table(sections_table(sections(loaded.collection)), fmt, loaded)


@app.command("by-section")
def by_section_command(
    section: Annotated[
        str,
        typer.Argument(
            metavar=SECTION, help="章节编号，如 三 或 3", autocompletion=complete_section
        ),
    ],
    data: DataOption = None,
    doc: DocOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出一个章节的全部任务（集合中：每个任务表的这一章节）。"""
    from govopen_cli import messages as msg
    from govopen_cli.render.tables import tasks_table

    loaded = load(data, doc)
    views = _tasks(loaded.collection, section)
    chosen = views[0].section if views else None
    if loaded.one is not None:
        chosen = loaded.one.section(section)
    title = (
        msg.section_title(chosen.id, chosen.title, len(views))
        if chosen is not None and not loaded.collection.several
        else msg.list_title(len(views))
    )
    print_table(tasks_table(views, title), fmt, loaded)


@app.command("by-unit")
def by_unit_command(
    unit: Annotated[
        str,
        typer.Argument(metavar=UNIT, help="单位名称、简称或别名", autocompletion=complete_unit),
    ],
    data: DataOption = None,
    doc: DocOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出一个单位承担的任务和角色（责任、配合、指导）。

    也列出通过集合（如 各县（区）人民政府）承担的任务，并注明是哪个集合；
    数据是文件夹时，列出该单位在每个任务表中的任务，按任务表分组。
    """
    from govopen_cli.queries.collection import by_unit
    from govopen_cli.render.tables import unit_tasks_table

    loaded = load(data, doc)
    name = resolve_unit(loaded.collection, unit)
    print_table(unit_tasks_table(name, by_unit(loaded.collection, name)), fmt, loaded)


@app.command("units")
def units_command(
    data: DataOption = None, doc: DocOption = None, fmt: FormatOption = "table"
) -> None:
    """列出单位名录：类别、成员、承担的任务数（集合中：各任务表合计）。"""
    from govopen_cli.queries.collection import unit_summaries
    from govopen_cli.render.tables import units_table

    loaded = load(data, doc)
    print_table(units_table(unit_summaries(loaded.collection)), fmt, loaded)


@app.command("due")
def due_command(
    before: Annotated[
        dt.date | None, date_flag("--before", "截止日期不晚于这一天（含当天）")
    ] = None,
    after: Annotated[dt.date | None, date_flag("--after", "截止日期不早于这一天（含当天）")] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            min=0,
            callback=days_in_range,
            metavar=DAYS,
            help="从今天起若干天内到期（不给任何选项时为 30 天）",
            show_default=False,
        ),
    ] = None,
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出时间窗口内到期、仍有单位未完成的节点。

    按日期排序，显示剩余或逾期天数。

    窗口两端都包含在内：--before 2022-06-30 包括 6 月 30 日到期的节点。
    只给 --before 时不设起点；不给 --before 时，终点为今天起 --within 天（默认 30 天）。
    """
    from govopen_cli import messages as msg
    from govopen_cli.queries.collection import deadlines
    from govopen_cli.queries.questions import due_window
    from govopen_cli.render.tables import deadlines_table

    clock = make_clock(as_of)
    try:
        window = due_window(clock.as_of, before=before, after=after, within=within)
    except ValueError as exc:
        fail(str(exc), 2)
    loaded = load(data, doc)
    collection = loaded.collection
    unit_name = resolve_unit(collection, unit) if unit else None
    ledgers = load_progresses(loaded, progress, clock)
    start, end = window.start, window.end
    items = deadlines(collection, ledgers, as_of=clock.as_of, start=start, end=end, unit=unit_name)
    title = msg.due_title(start.isoformat() if start else None, end.isoformat())
    table = deadlines_table(items, title, clock.as_of, collection, ledgers, unit=unit_name)
    print_table(table, fmt, loaded)


@app.command("overdue")
def overdue_command(
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    doc: DocOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = "table",
) -> None:
    """列出已过截止日期、仍有责任单位未完成的节点。

    持续性工作（长期坚持等）不算逾期。
    没有进展台账时，不知道是否已完成：列出已过截止日期的节点，不称为逾期。
    --unit 为指导或配合单位时，列出它所指导或配合的任务中仍有责任单位未完成的节点。
    """
    from govopen_cli import messages as msg
    from govopen_cli.queries.collection import overdue
    from govopen_cli.render.tables import deadlines_table, ledger_coverage

    loaded = load(data, doc)
    collection = loaded.collection
    clock = make_clock(as_of)
    unit_name = resolve_unit(collection, unit) if unit else None
    ledgers = load_progresses(loaded, progress, clock)
    items = overdue(collection, ledgers, as_of=clock.as_of, unit=unit_name)
    # "overdue" only where a ledger says the work is not done
    title = {
        "all": msg.OVERDUE_TITLE,
        "some": msg.PAST_DUE_SOME_TITLE,
        "none": msg.PAST_DUE_TITLE,
    }[ledger_coverage(ledgers)]
    table = deadlines_table(items, title, clock.as_of, collection, ledgers, unit=unit_name)
    print_table(table, fmt, loaded)

"""The `govopen` command line: thin Typer commands over the library.

Only typer is imported at start-up; each command imports what it needs, so
`govopen --help` and every command start about as fast as a bare Typer app.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from govopen_cli.problems import Problem
    from govopen_cli.queries.status import Progress
    from govopen_cli.render.tables import Table
    from govopen_cli.table.catalog import Catalog
    from govopen_cli.table.model import ProgressReport
    from govopen_cli.table.records import SectionRecord

PROG_NAME = "govopen"
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(
    name=PROG_NAME,
    help="重点任务分工表：查询到期与逾期任务、按单位查看、校验数据文件。",
    no_args_is_help=True,
    **_SETTINGS,
)


class OutputFormat(str, Enum):
    """--format choices."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    plain = "plain"


def _date_option(value: str) -> dt.date:
    from govopen_cli.table.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _date_flag(name: str, help: str) -> Any:
    """An optional date option, read by `_date_option` and shown as DATE."""
    return typer.Option(name, parser=_date_option, metavar="DATE", help=help, show_default=False)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="数据文件；默认依次查找 $GOVOPEN_DATA、当前目录向上的 data/tasks.yaml、随包附带的文件",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="输出格式：table|json|csv|markdown|plain")
]
AsOfOption = Annotated[
    dt.date | None, _date_flag("--as-of", "把这一天当作今天（默认今天，或 $GOVOPEN_AS_OF）")
]


ProgressOption = Annotated[
    Path | None,
    typer.Option(
        "--progress",
        help="进展台账；默认为任务文件旁边的 progress.yaml",
        show_default=False,
    ),
]
SectionOption = Annotated[
    str | None, typer.Option("--section", "-s", help="章节：一…五 或 1…5", show_default=False)
]
UnitFilterOption = Annotated[
    str | None,
    typer.Option("--unit", "-u", help="只看这个单位（集合：其成员）", show_default=False),
]


def _fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"govopen: {message}\n")
    raise typer.Exit(code)


def _report_problems(problems: list[Problem]) -> NoReturn:
    from govopen_cli import messages as msg

    for p in problems:
        where = f"{p.location()}: " if p.path else "govopen: "
        sys.stderr.write(f"{where}{msg.LEVELS[p.level]}: {p.message}\n")
    if any(p.line for p in problems):
        sys.stderr.write(f"govopen: {msg.DATA_INVALID}\n")
    raise typer.Exit(1)


def _catalog(data: Path | None) -> Catalog:
    from govopen_cli.checks.open import open_catalog
    from govopen_cli.files.finding import find_data_file
    from govopen_cli.problems import DataError

    try:
        return open_catalog(find_data_file(data))
    except DataError as exc:
        _report_problems(exc.problems)


def _as_of(given: dt.date | None) -> dt.date:
    from govopen_cli.table.dates import as_of_date

    try:
        return as_of_date(given)
    except ValueError as exc:
        _fail(str(exc), 2)


def _ledger(catalog: Catalog, explicit: Path | None) -> list[ProgressReport]:
    from govopen_cli.files.finding import ledger_path
    from govopen_cli.problems import DataError

    assert catalog.path is not None
    path = ledger_path(catalog.path, explicit)
    if not path.exists():
        return []  # no ledger yet: nobody has reported (and the ledger code is not loaded)
    from govopen_cli.checks.ledger import open_ledger

    try:
        return open_ledger(catalog, path, dt.date.today())
    except DataError as exc:
        _report_problems(exc.problems)


def _progress(catalog: Catalog, explicit: Path | None, as_of: dt.date) -> Progress:
    from govopen_cli.queries.status import Progress

    return Progress(catalog, _ledger(catalog, explicit), as_of)


def _unit(catalog: Catalog, query: str) -> str:
    from govopen_cli.table.units import UnknownUnitError

    try:
        return catalog.registry.resolve(query).name
    except UnknownUnitError as exc:
        _fail(exc.message)


def _print(table: Table, fmt: OutputFormat) -> None:
    from govopen_cli.render.tables import render

    sys.stdout.write(render(table, fmt.value))


@app.command("list")
def list_command(
    section: SectionOption = None,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="单位（任一角色）", show_default=False)
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="在任务、进度、单位文字中查找", show_default=False),
    ] = None,
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出重点任务（可按章节、单位、文字筛选）。"""
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import list_tasks
    from govopen_cli.render.tables import tasks_table

    catalog = _catalog(data)
    chosen = _section(catalog, section) if section else None
    unit_name = _unit(catalog, unit) if unit else None
    views = list_tasks(catalog, section=chosen, unit=unit_name, search=search)
    _print(tasks_table(views, msg.list_title(len(views))), fmt)


def _section(catalog: Catalog, ref: str) -> SectionRecord:
    try:
        return catalog.section(ref)
    except LookupError as exc:
        _fail(str(exc))


@app.command("show")
def show_command(
    task_id: Annotated[int, typer.Argument(metavar="ID", help="任务序号")],
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """显示一项任务的全部内容：原文，以及工具读出的截止日期和单位。"""
    import json

    from govopen_cli.render.tables import detail_table, task_detail

    catalog = _catalog(data)
    try:
        view = catalog.task(task_id)
    except LookupError as exc:
        _fail(str(exc))
    detail = task_detail(catalog, view)
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(detail, ensure_ascii=False, indent=2) + "\n")
    else:
        _print(detail_table(detail), fmt)


@app.command("sections")
def sections_command(data: DataOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """列出章节及其任务。"""
    from govopen_cli.queries.questions import sections
    from govopen_cli.render.tables import sections_table

    _print(sections_table(sections(_catalog(data))), fmt)


@app.command("by-section")
def by_section_command(
    section: Annotated[str, typer.Argument(metavar="SECTION", help="章节：一…五 或 1…5")],
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出一个章节的全部任务。"""
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import list_tasks
    from govopen_cli.render.tables import tasks_table

    catalog = _catalog(data)
    chosen = _section(catalog, section)
    views = list_tasks(catalog, section=chosen)
    _print(tasks_table(views, msg.section_title(chosen.id, chosen.title, len(views))), fmt)


@app.command("by-unit")
def by_unit_command(
    unit: Annotated[str, typer.Argument(metavar="UNIT", help="单位名称、简称或别名")],
    data: DataOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出一个单位承担的任务、角色（责任/配合/指导）以及通过哪个集合承担。"""
    from govopen_cli.queries.questions import by_unit
    from govopen_cli.render.tables import unit_tasks_table

    catalog = _catalog(data)
    name = _unit(catalog, unit)
    _print(unit_tasks_table(name, by_unit(catalog, name)), fmt)


@app.command("units")
def units_command(data: DataOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """列出单位名录：类别、成员、承担的任务数。"""
    from govopen_cli.queries.questions import unit_summaries
    from govopen_cli.render.tables import units_table

    _print(units_table(unit_summaries(_catalog(data))), fmt)


@app.command("due")
def due_command(
    before: Annotated[
        dt.date | None, _date_flag("--before", "截止日期不晚于 DATE（含当天）")
    ] = None,
    after: Annotated[dt.date | None, _date_flag("--after", "截止日期不早于 DATE（含当天）")] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            min=0,
            metavar="DAYS",
            help="从今天起 DAYS 天内到期（不给任何选项时为 30 天）",
            show_default=False,
        ),
    ] = None,
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出时间窗口内到期、仍有责任单位未完成的节点，按日期排序，显示剩余或逾期天数。

    窗口两端都包含在内：--before 2022-06-30 包括 6 月 30 日到期的节点。
    只给 --before 时不设起点；不给 --before 时，终点为今天起 --within 天（默认 30 天）。
    """
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import deadlines
    from govopen_cli.render.tables import deadlines_table

    catalog = _catalog(data)
    today = _as_of(as_of)
    start = after
    if start is None and before is None:
        start = today
    end = before
    if end is None:
        end = today + dt.timedelta(days=within if within is not None else 30)
    if within is not None and before is not None:
        _fail(msg.WITHIN_AND_BEFORE, 2)
    if start is not None and start > end:
        _fail(msg.EMPTY_WINDOW.format(start=start, end=end), 2)
    unit_name = _unit(catalog, unit) if unit else None
    ledger = _progress(catalog, progress, today)
    items = deadlines(catalog, as_of=today, start=start, end=end, progress=ledger, unit=unit_name)
    title = msg.due_title(start.isoformat() if start else None, end.isoformat())
    _print(deadlines_table(items, title, today, catalog), fmt)


@app.command("overdue")
def overdue_command(
    unit: UnitFilterOption = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出截止日期在今天之前、仍有责任单位未完成的节点（持续性工作不算逾期）。"""
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import overdue
    from govopen_cli.render.tables import deadlines_table

    catalog = _catalog(data)
    today = _as_of(as_of)
    unit_name = _unit(catalog, unit) if unit else None
    ledger = _progress(catalog, progress, today)
    items = overdue(catalog, as_of=today, progress=ledger, unit=unit_name)
    _print(deadlines_table(items, msg.OVERDUE_TITLE, today, catalog), fmt)


progress_app = typer.Typer(help="进展台账：登记和查看各责任单位的进展报送。", no_args_is_help=True)
app.add_typer(progress_app, name="progress")


@progress_app.command("add")
def progress_add_command(
    task_id: Annotated[int, typer.Argument(metavar="TASK", help="任务序号")],
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
    date: Annotated[dt.date | None, _date_flag("--date", "报送日期（默认今天）")] = None,
    note: Annotated[str | None, typer.Option("--note", help="说明", show_default=False)] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="佐证：网址或文号", show_default=False)
    ] = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """登记一条进展：先检查任务、单位、节点、日期和状态，再追加到台账。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.ledger import add_report, new_report
    from govopen_cli.files.finding import is_shipped, ledger_path
    from govopen_cli.files.ledger import ReportRefused
    from govopen_cli.problems import DataError

    catalog = _catalog(data)
    assert catalog.path is not None
    if progress is None and is_shipped(catalog.path):
        _fail(msg.LEDGER_FROM_SHIPPED)
    path = ledger_path(catalog.path, progress)
    today = _as_of(None)
    try:
        entry = new_report(
            catalog,
            task=task_id,
            unit=unit,
            status=status,
            date=date or today,
            today=today,
            milestone=milestone,
            note=note,
            evidence=evidence,
        )
        add_report(catalog, path, entry)
    except ReportRefused as exc:
        _fail(str(exc))
    except DataError as exc:
        _report_problems(exc.problems)
    except OSError as exc:
        _fail(msg.FILE_OS_ERROR.format(reason=exc.strerror or exc))
    where = msg.MILESTONE_LABEL.format(n=entry.milestone) if entry.milestone else ""
    status_label = msg.STATUS_LABELS[entry.status]
    sys.stdout.write(
        msg.REPORT_ADDED.format(
            task=entry.task,
            milestone=where,
            unit=entry.unit,
            status=status_label,
            date=entry.date,
            path=path,
        )
        + "\n"
    )


@progress_app.command("list")
def progress_list_command(
    task_id: Annotated[
        int | None, typer.Option("--task", "-t", help="只看这项任务", show_default=False)
    ] = None,
    unit: UnitFilterOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """列出台账中的进展报送，按日期排序。"""
    from govopen_cli.render.tables import reports_table

    catalog = _catalog(data)
    if task_id is not None:
        try:
            catalog.task(task_id)
        except LookupError as exc:
            _fail(str(exc))
    unit_name = _unit(catalog, unit) if unit else None
    wanted = set(catalog.registry.members(unit_name) or [unit_name]) if unit_name else None
    reports = [
        r
        for r in _ledger(catalog, progress)
        if (task_id is None or r.task == task_id) and (wanted is None or r.unit in wanted)
    ]
    reports.sort(key=lambda r: r.date)
    _print(reports_table(reports, catalog), fmt)


@app.command("board")
def board_command(
    section: SectionOption = None,
    warn_days: Annotated[
        int, typer.Option("--warn-days", min=0, help="截止前多少天标为“临近”")
    ] = 30,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """督查看板：任务 × 责任单位，每格标出完成、逾期、临近等状态（红 / 黄 / 绿）。"""
    from govopen_cli.queries.questions import list_tasks
    from govopen_cli.render.tables import board_table

    catalog = _catalog(data)
    today = _as_of(as_of)
    chosen = _section(catalog, section) if section else None
    ledger = _progress(catalog, progress, today)
    _print(board_table(ledger, list_tasks(catalog, section=chosen), warn_days), fmt)


@app.command("stats")
def stats_command(
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """完成情况统计：每个责任单位、每个章节的应完成、按时完成、逾期完成、逾期未完成和完成率。"""
    from govopen_cli.render.tables import stats_table

    catalog = _catalog(data)
    today = _as_of(as_of)
    ledger = _progress(catalog, progress, today)
    _print(stats_table(ledger), fmt)


class ReportFormatChoice(str, Enum):
    """validate --format choices."""

    text = "text"
    json = "json"
    github = "github"


class ExportFormatOption(str, Enum):
    """export --format choices."""

    csv = "csv"
    xlsx = "xlsx"
    ics = "ics"
    markdown = "markdown"
    json = "json"


class RowsOption(str, Enum):
    """export --rows choices."""

    tasks = "tasks"
    milestones = "milestones"


def _write_file(path: Path, data: str | bytes) -> None:
    from govopen_cli import messages as msg
    from govopen_cli.files.atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        _fail(msg.EXPORT_OS_ERROR.format(path=path, reason=exc.strerror or exc))


@app.command("export")
def export_command(
    fmt: Annotated[
        ExportFormatOption,
        typer.Option("--format", "-f", help="导出格式：csv|xlsx|ics|markdown|json"),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="保存到文件（xlsx 必须给出；其他格式默认输出到屏幕）"),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", "-u", help="只导出这个单位承担的任务（任一角色）", show_default=False
        ),
    ] = None,
    section: SectionOption = None,
    rows: Annotated[
        RowsOption,
        typer.Option(
            "--rows", help="csv/json/markdown：tasks 每项任务一行，milestones 每个节点一行"
        ),
    ] = RowsOption.tasks,
    remind_days: Annotated[
        int, typer.Option("--remind-days", min=0, help="ics：截止前多少天提醒")
    ] = 7,
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """导出分工表：csv（带 BOM，Excel 可直接打开）、xlsx、ics 日历、markdown、json。"""
    from govopen_cli import messages as msg
    from govopen_cli.queries.questions import list_tasks
    from govopen_cli.render.exports import export

    if fmt is ExportFormatOption.xlsx and out is None:
        _fail(msg.XLSX_NEEDS_OUT, 2)
    catalog = _catalog(data)
    today = _as_of(as_of)
    chosen = _section(catalog, section) if section else None
    unit_name = _unit(catalog, unit) if unit else None
    reports = _ledger(catalog, progress)
    ledger = _progress_from(catalog, reports, today)
    views = list_tasks(catalog, section=chosen, unit=unit_name)
    ids = {v.id for v in views}
    wanted = set(catalog.registry.members(unit_name) or [unit_name]) if unit_name else None
    reports = [r for r in reports if r.task in ids and (wanted is None or r.unit in wanted)]
    result = export(
        fmt.value,
        ledger,
        views,
        reports,
        rows=rows.value,
        unit=unit_name,
        remind_days=remind_days,
    )
    if out is None:
        text = result.decode("utf-8") if isinstance(result, bytes) else result
        sys.stdout.write(text)
        return
    _write_file(out, result)
    sys.stderr.write(msg.EXPORT_WRITTEN.format(path=out) + "\n")


def _progress_from(catalog: Catalog, reports: list[ProgressReport], as_of: dt.date) -> Progress:
    from govopen_cli.queries.status import Progress

    return Progress(catalog, reports, as_of)


@app.command("publish")
def publish_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录（写入其中的 index.html）")],
    as_of: AsOfOption = None,
    data: DataOption = None,
    progress: ProgressOption = None,
) -> None:
    """生成公开页面：一个自带样式和脚本的 index.html，可直接放到政府网站。"""
    from govopen_cli import messages as msg
    from govopen_cli.render.page import render_page

    catalog = _catalog(data)
    today = _as_of(as_of)
    ledger = _progress(catalog, progress, today)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(msg.EXPORT_OS_ERROR.format(path=out, reason=exc.strerror or exc))
    target = out / "index.html"
    _write_file(target, render_page(ledger))
    sys.stderr.write(msg.PUBLISH_WRITTEN.format(path=target) + "\n")


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="要校验的文件（默认为找到的数据文件）；任务文件旁的 progress.yaml 一并校验",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormatChoice | None,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：text|json|github（在 GitHub Actions 中默认 github，否则 text）",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也以退出码 1 结束")] = False,
) -> None:
    """校验数据文件：列出所有问题（文件:行:列），有错误时退出码为 1。"""
    import os

    from govopen_cli.checks.validate import validate_paths
    from govopen_cli.files.finding import find_data_file
    from govopen_cli.problems import DataError
    from govopen_cli.render.problems import as_github, as_json, write_text

    if not paths:
        try:
            paths = [find_data_file(None)]
        except DataError as exc:
            _report_problems(exc.problems)
    today = _as_of(None)
    reports = validate_paths(paths, today)
    problems = [p for report in reports for p in report.problems]
    if fmt is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        fmt = ReportFormatChoice.github if github else ReportFormatChoice.text
    if fmt is ReportFormatChoice.json:
        sys.stdout.write(as_json(problems) + "\n")
    elif fmt is ReportFormatChoice.github:
        sys.stdout.write(as_github(problems, len(reports)) + "\n")
    else:
        write_text(problems, len(reports), sys.stdout)
    errors = any(p.level == "error" for p in problems)
    if errors or (strict and problems):
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """输出数据文件的 JSON Schema（供编辑器在录入时校验）。"""
    from govopen_cli.table.json_schema import schema_text

    sys.stdout.write(schema_text())


@app.command("import")
def import_command(
    source: Annotated[
        Path, typer.Argument(metavar="SOURCE", help="任务分工表：.docx、.xlsx 或文本")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="输出文件（默认：与 SOURCE 同目录的 <文件名>.yaml）",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示摘要，不写文件")] = False,
) -> None:
    """把一份任务分工表（Word、Excel 或从 PDF 复制的文本）转成带注释的 tasks.yaml。"""
    from govopen_cli import messages as msg
    from govopen_cli.checks.validate import validate_file
    from govopen_cli.files.atomic import write_atomic
    from govopen_cli.importing.tables import SourceError, import_source, render_yaml

    target = output if output is not None else source.with_suffix(".yaml")
    if output is None and target.resolve() == source.resolve():
        _fail(msg.IMPORT_NEEDS_OUTPUT.format(path=target))
    if target.exists() and not force and not dry_run:
        _fail(msg.IMPORT_EXISTS.format(path=target))
    try:
        result = import_source(source)
    except SourceError as exc:
        _fail(str(exc))
    table = result.table
    groups = sum(kind == "group" for kind, _ in result.units.values())
    lines = [
        msg.import_summary(
            len(table.sections), len(table.tasks), len(result.units), groups, result.milestones
        ),
        *table.notes,
    ]
    if result.not_understood:
        lines.append(msg.IMPORT_NOT_UNDERSTOOD_HEAD.format(count=len(result.not_understood)))
        lines += [
            msg.IMPORT_NOT_UNDERSTOOD_ROW.format(id=t.id, place=t.place, message=m)
            for t, m in result.not_understood
        ]
    sys.stdout.write("\n".join(lines) + "\n")
    if dry_run:
        sys.stdout.write(msg.IMPORT_DRY_RUN.format(path=target) + "\n")
        return
    write_atomic(target, render_yaml(result, source.name))
    sys.stdout.write(msg.IMPORT_WRITTEN.format(path=target) + "\n")
    problems = [p for p in validate_file(target).problems if p.level == "error"]
    if not problems:
        sys.stdout.write(msg.IMPORT_VALID.format(path=target) + "\n")
        return
    sys.stderr.write(msg.IMPORT_INVALID.format(path=target, count=len(problems)) + "\n")
    for p in problems:
        sys.stderr.write(f"{p.location()}: {p.message} [{p.rule}]\n")
    raise typer.Exit(1)


def app_for(args: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The app to run for these arguments, the arguments it takes, and its program name.

    For `govopen NAME …` where NAME is a plain command, an app of that one command
    with the arguments after NAME: Typer prepares every command's parameters before
    it runs one (about 10 ms for all of ours, at every start-up), and a command run
    needs only its own. Anything else (no command, an option first, a command group
    such as `progress`, a misspelt name) gets the whole app.
    """
    if args:
        for info in app.registered_commands:
            if info.name == args[0]:
                single = typer.Typer(**_SETTINGS)
                single.registered_commands.append(info)
                return single, args[1:], f"{PROG_NAME} {info.name}"
    return app, args, PROG_NAME


def main() -> None:
    """Console-script entry point."""
    try:
        chosen, args, prog_name = app_for(sys.argv[1:])
        chosen(args=args, prog_name=prog_name)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)

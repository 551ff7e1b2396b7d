"""What every command shares: the Typer app, the common options, and failing with one message."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from govopen_cli.render.formats import TableFormat

if TYPE_CHECKING:
    from govopen_cli.checks.ledger import LedgerRead
    from govopen_cli.problems import Problem
    from govopen_cli.queries.status import Progress
    from govopen_cli.render.tables import Table
    from govopen_cli.table.catalog import Catalog
    from govopen_cli.table.dates import Clock
    from govopen_cli.table.model import ProgressReport
    from govopen_cli.table.records import SectionRecord

PROG_NAME = "govopen"
SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(
    name=PROG_NAME,
    help="重点任务分工表：查询到期与逾期任务、按单位查看、校验数据文件。",
    no_args_is_help=True,
    **SETTINGS,
)


def date_option(value: str) -> dt.date:
    from govopen_cli.table.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def date_flag(name: str, help: str) -> Any:
    """An optional date option, read by `date_option` and shown as DATE."""
    return typer.Option(name, parser=date_option, metavar="DATE", help=help, show_default=False)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="数据文件；默认依次查找 $GOVOPEN_DATA、当前目录向上的 data/tasks.yaml、随包附带的文件",
        show_default=False,
    ),
]
FormatOption = Annotated[
    TableFormat,
    typer.Option("--format", "-f", help="输出格式"),
]
AsOfOption = Annotated[
    dt.date | None, date_flag("--as-of", "把这一天当作今天（默认今天，或 $GOVOPEN_AS_OF）")
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


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"govopen: {message}\n")
    raise typer.Exit(code)


def fail_with_problems(problems: list[Problem]) -> NoReturn:
    from govopen_cli import messages as msg

    for p in problems:
        where = f"{p.location()}: " if p.path else "govopen: "
        sys.stderr.write(f"{where}{msg.LEVELS[p.level]}: {p.message}\n")
    if any(p.line for p in problems):
        sys.stderr.write(f"govopen: {msg.DATA_INVALID}\n")
    raise typer.Exit(1)


def load_catalog(data: Path | None) -> Catalog:
    from govopen_cli.checks.open import open_catalog
    from govopen_cli.files.finding import find_data_file
    from govopen_cli.problems import DataError

    try:
        return open_catalog(find_data_file(data))
    except DataError as exc:
        fail_with_problems(exc.problems)


def make_clock(as_of: dt.date | None) -> Clock:
    """The run's clock, built once per command: the real today and the as-of date."""
    from govopen_cli.table.dates import Clock

    try:
        return Clock.real(as_of)
    except ValueError as exc:
        fail(str(exc), 2)


def read_checked_ledger(catalog: Catalog, explicit: Path | None, clock: Clock) -> LedgerRead | None:
    """The ledger, checked against the table; None when there is none beside the task file.

    No ledger beside the task file means progress is not recorded (unknown, not "nothing
    done"); a `--progress` file that does not exist is a mistake and fails.
    """
    from govopen_cli.files.finding import ledger_path
    from govopen_cli.problems import errors_only

    assert catalog.path is not None
    path = ledger_path(catalog.path, explicit)
    if not path.exists():
        if explicit is not None:
            from govopen_cli import messages as msg

            fail(msg.LEDGER_MISSING.format(path=path))
        return None  # no ledger: progress unknown (and the ledger code is not loaded)
    from govopen_cli.checks.ledger import read_ledger

    read = read_ledger(path, catalog, clock)
    errors = errors_only(read.problems)
    if errors:
        fail_with_problems(errors)
    return read


def load_ledger(
    catalog: Catalog, explicit: Path | None, clock: Clock
) -> list[ProgressReport] | None:
    """The ledger's counting reports (retracted ones left out); None when there is no ledger."""
    read = read_checked_ledger(catalog, explicit, clock)
    return None if read is None else read.reports


def load_progress(catalog: Catalog, explicit: Path | None, clock: Clock) -> Progress:
    from govopen_cli.queries.status import Progress

    reports = load_ledger(catalog, explicit, clock)
    return Progress(catalog, reports or [], clock.as_of, recorded=reports is not None)


def resolve_unit(catalog: Catalog, query: str) -> str:
    from govopen_cli.table.units import UnknownUnitError

    try:
        return catalog.registry.resolve(query).name
    except UnknownUnitError as exc:
        fail(exc.message)


def print_table(table: Table, fmt: TableFormat) -> None:
    from govopen_cli.render.tables import render

    sys.stdout.write(render(table, fmt))
    if fmt not in ("table", "markdown"):
        for note in table.notes:  # a script's stdout stays data; the person still reads it
            sys.stderr.write(f"govopen: {note}\n")


def write_file(path: Path, data: str | bytes) -> None:
    from govopen_cli import messages as msg
    from govopen_cli.files.atomic import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        fail(msg.EXPORT_OS_ERROR.format(path=path, reason=exc.strerror or exc))


def resolve_section(catalog: Catalog, ref: str) -> SectionRecord:
    try:
        return catalog.section(ref)
    except LookupError as exc:
        fail(str(exc))

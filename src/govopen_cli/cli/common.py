"""What every command shares: the Typer app, the common options, and failing with one message."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar, get_args

import typer
from typer.core import TyperCommand, TyperGroup

from govopen_cli.cli.completion import (
    complete_section,
    complete_unit,
    install_completion,
    register_shells,
    show_completion,
    show_version,
    take_shell_name,
)
from govopen_cli.cli.language import use_chinese
from govopen_cli.record import record
from govopen_cli.render.formats import TableFormat

if TYPE_CHECKING:
    import click

    from govopen_cli.checks.ledger import LedgerRead
    from govopen_cli.files.finding import DataSource
    from govopen_cli.problems import Problem
    from govopen_cli.queries.status import Progress
    from govopen_cli.render.tables import Table
    from govopen_cli.table.catalog import Catalog, TaskView
    from govopen_cli.table.collection import Collection
    from govopen_cli.table.dates import Clock
    from govopen_cli.table.model import ProgressReport
    from govopen_cli.table.records import SectionRecord

use_chinese()  # before any help or usage error: Click's and Typer's words in Chinese
register_shells()  # Typer's completion scripts, for --show-completion and the Tab key

PROG_NAME = "govopen"
CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


class Command(TyperCommand):
    """A govopen command: its help wraps Chinese text instead of cutting it (`cli.help_layout`)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from govopen_cli.cli.help_layout import wrap_chinese_help

        wrap_chinese_help()
        super().format_help(ctx, formatter)


class Group(TyperGroup):
    """A govopen command group: help that wraps, and `--install-completion SHELL`."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from govopen_cli.cli.help_layout import wrap_chinese_help

        wrap_chinese_help()
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, take_shell_name(ctx, args))


class App(typer.Typer):
    """typer.Typer whose commands are govopen `Command`s unless they name another class."""

    def command(
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[CommandFunction], CommandFunction]:
        return super().command(name, cls=cls or Command, **kwargs)


GROUP_SETTINGS: dict[str, Any] = {
    "cls": Group,  # typer.Typer(cls=…)
    "options_metavar": "[选项]",  # the usage line: govopen due [选项]
    "subcommand_metavar": "命令 [参数]...",
}
SETTINGS: dict[str, Any] = {
    **GROUP_SETTINGS,
    "add_completion": False,  # ours are in `root`, with Chinese help
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = App(
    name=PROG_NAME,
    help="重点任务分工表：查询到期与逾期任务、按单位查看、校验数据文件。",
    no_args_is_help=True,
    **SETTINGS,
)


# Metavars a person reads in the help (Click would show TEXT, INTEGER, PATH).
FILE = "文件"
FOLDER = "目录"
DATE = "日期"
DAYS = "天数"
MAX_DAYS = 36_500
"""The largest number of days an option takes (--within, --warn-days, --remind-days): 100 years,
so that no date sum overflows (dates themselves lie in table.dates.EARLIEST … LATEST)."""
UNIT = "单位"
SECTION = "章节"
TASK = "序号"
NUMBER = "编号"
TEXT = "文字"
STATUS = "状态"
FORMAT = "格式"


def choices(kind: Any) -> str:
    """A choice option's values for its help, spaced so that the help wraps between them.

    (The option's metavar is a word, 格式: the list of choices as a metavar would take a
    third of an 80-column help screen.)
    """
    return " | ".join(get_args(kind))


def date_option(value: str) -> dt.date:
    from govopen_cli.table.dates import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def days_in_range(value: int | None) -> int | None:
    """At most MAX_DAYS, else a usage error (Click parses the number and refuses one below 0)."""
    if value is not None and not 0 <= value <= MAX_DAYS:
        from govopen_cli import messages as msg

        raise typer.BadParameter(msg.DAYS_OUT_OF_RANGE.format(limit=MAX_DAYS, value=value))
    return value


def days_flag(name: str, help: str) -> Any:
    """A number-of-days option, checked by `days_in_range` as it is read."""
    return typer.Option(name, min=0, callback=days_in_range, metavar=DAYS, help=help)


def date_flag(name: str, help: str) -> Any:
    """An optional date option, read by `date_option` and shown as 日期."""
    return typer.Option(name, parser=date_option, metavar=DATE, help=help, show_default=False)


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        readable=False,  # an unreadable file gets our one Chinese message, not click's
        metavar=FILE,
        help="数据文件或文件夹。不给时依次找 $GOVOPEN_DATA、当前目录的任务表、"
        "向上各级的 data 目录、随包附带的示例",
        show_default=False,
    ),
]
DocOption = Annotated[
    str | None,
    typer.Option(
        "--doc",
        metavar="KEY",
        help="只看集合中的这个任务表 KEY（文件名去掉扩展名）",
        show_default=False,
    ),
]
FormatOption = Annotated[
    TableFormat,
    typer.Option("--format", "-f", metavar=FORMAT, help=f"输出格式：{choices(TableFormat)}"),
]
AsOfOption = Annotated[
    dt.date | None, date_flag("--as-of", "把这一天当作今天（默认今天，或 $GOVOPEN_AS_OF）")
]


ProgressOption = Annotated[
    Path | None,
    typer.Option(
        "--progress",
        readable=False,
        metavar=FILE,
        help="进展台账；默认为任务文件旁边的 progress.yaml",
        show_default=False,
    ),
]
SectionOption = Annotated[
    str | None,
    typer.Option(
        "--section",
        "-s",
        metavar=SECTION,
        help="章节编号，如 三 或 3",
        show_default=False,
        autocompletion=complete_section,
    ),
]
UnitFilterOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar=UNIT,
        help="只看这个单位（集合：其成员）",
        show_default=False,
        autocompletion=complete_unit,
    ),
]


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=show_version,
            is_eager=True,
            expose_value=False,
            help="显示版本号并退出",
        ),
    ] = False,
    install: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=install_completion,
            is_eager=True,
            expose_value=False,
            help="为当前 shell 安装命令补全（Tab 补全任务序号、单位、章节、格式）；"
            "也可写明 shell，如 --install-completion zsh",
        ),
    ] = False,
    show: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=show_completion,
            is_eager=True,
            expose_value=False,
            help="显示当前 shell（或写明的 bash、zsh、fish）的补全脚本，可复制或自行安装",
        ),
    ] = False,
) -> None:
    """重点任务分工表：查询到期与逾期任务、按单位查看、校验数据文件。"""


def fail(message: str, code: int = 1) -> NoReturn:
    from govopen_cli.render.terminal import printable  # what the user typed may hold escapes

    sys.stderr.write(f"govopen: {printable(message)}\n")
    raise typer.Exit(code)


def fail_with_problems(problems: list[Problem], folder: Path | None = None) -> NoReturn:
    """The problems on stderr, one a line, and exit 1 (`folder`: a collection's, for a hint)."""
    from govopen_cli import messages as msg
    from govopen_cli.render.terminal import printable

    for p in problems:
        where = f"{p.location()}: " if p.path else "govopen: "
        sys.stderr.write(f"{where}{msg.LEVELS[p.level]}: {printable(p.message)}\n")
    if any(p.line for p in problems):
        sys.stderr.write(f"govopen: {msg.DATA_INVALID}\n")
    from govopen_cli.files.finding import is_dir

    if folder is not None and is_dir(folder):
        broken = len({p.path for p in problems if p.path})
        hint = msg.COLLECTION_INVALID_HINT.format(n=broken, folder=_shown(folder))
        sys.stderr.write(f"govopen: {hint}\n")
    raise typer.Exit(1)


@record
class Loaded:
    """The tables a command asks, and where they were found (for the footer that says so)."""

    collection: Collection
    source: DataSource

    @property
    def one(self) -> Catalog | None:
        """The only table, when there is one."""
        return self.collection.only()


def load(data: Path | None, doc: str | None = None) -> Loaded:
    """The data a command asks: a task file or a folder of them, narrowed to `doc`.

    Using the example shipped in the package prints a notice on stderr: the answer is
    about Meishan's table, not the clerk's own.
    """
    from govopen_cli import messages as msg
    from govopen_cli.checks.open import open_collection
    from govopen_cli.files.finding import find_data
    from govopen_cli.gc_pause import paused_gc
    from govopen_cli.problems import DataError

    try:
        source = find_data(data)
    except DataError as exc:
        fail_with_problems(exc.problems)
    # building a province's tables would set off full collections again and again; they
    # live until the command ends, so no collection need scan them afterwards either
    with paused_gc(freeze=True):
        try:
            collection = open_collection(source.path, doc)
        except DataError as exc:
            fail_with_problems(exc.problems, source.path)
        except LookupError as exc:
            fail(str(exc))
    if source.bundled:
        only = collection.only()
        title = only.document.title if only is not None else ""
        sys.stderr.write(msg.BUNDLED_NOTICE.format(title=title) + "\n")
    return Loaded(collection, source)


def load_catalog(data: Path | None, doc: str | None = None) -> Catalog:
    """The one table a command asks (a collection of several needs --doc)."""
    return one_catalog(load(data, doc))


def one_catalog(loaded: Loaded) -> Catalog:
    """The only table, or a usage error asking for --doc."""
    from govopen_cli import messages as msg

    only = loaded.one
    if only is None:
        collection = loaded.collection
        fail(msg.NEEDS_DOC.format(n=len(collection), keys=collection.keys_text()), 2)
    return only


def data_label(loaded: Loaded) -> str:
    """Which file(s) an answer used: `data/tasks.yaml`, or `data/ 中的 2 个任务表（a、b）`."""
    from govopen_cli import messages as msg

    collection = loaded.collection
    how = msg.DATA_HOW[loaded.source.how]
    only = collection.only()
    if only is not None and only.path is not None:
        return f"{_shown(only.path)}{how}"
    keys = collection.keys
    folder = _shown(collection.folder or loaded.source.path).rstrip("/") + "/"
    template = msg.DATA_FILES if len(keys) <= 5 else msg.DATA_FILES_MANY
    return template.format(folder=folder, n=len(keys), keys="、".join(keys[:5])) + how


def note_data(loaded: Loaded) -> None:
    """For output meant for scripts: which data was used, on stderr, unless the user named it."""
    from govopen_cli import messages as msg

    if not loaded.source.explicit:
        sys.stderr.write(msg.DATA_NOTE.format(what=data_label(loaded)) + "\n")


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def make_clock(as_of: dt.date | None) -> Clock:
    """The run's clock, built once per command: the real today and the as-of date."""
    from govopen_cli.table.dates import Clock

    try:
        return Clock.real(as_of)
    except ValueError as exc:
        fail(str(exc), 2)


def read_checked_ledger(
    catalog: Catalog, explicit: Path | None, clock: Clock, listed: Container[str] | None = None
) -> LedgerRead | None:
    """The ledger, checked against the table; None when there is none beside the task file.

    No ledger beside the task file means progress is not recorded (unknown, not "nothing
    done"); a `--progress` file that does not exist is a mistake and fails. `listed`: the
    names in the task file's folder when it was listed (no system call per table then).
    """
    from govopen_cli.files.finding import ledger_name

    assert catalog.path is not None
    if explicit is None and listed is not None and ledger_name(catalog.path.name) not in listed:
        return None  # (the rest is imported only for a table that has a ledger)
    import os

    from govopen_cli.files.finding import ledger_path
    from govopen_cli.problems import errors_only

    path = ledger_path(catalog.path, explicit)
    if not os.path.lexists(path):  # a folder, a broken link or a loop there is read and refused
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
    catalog: Catalog, explicit: Path | None, clock: Clock, listed: Container[str] | None = None
) -> list[ProgressReport] | None:
    """The ledger's counting reports (retracted ones left out); None when there is no ledger."""
    read = read_checked_ledger(catalog, explicit, clock, listed)
    return None if read is None else read.reports


def load_progresses(loaded: Loaded, explicit: Path | None, clock: Clock) -> dict[str, Progress]:
    """Each table's progress by key, from the ledger beside it (--progress: one table only)."""
    from govopen_cli import messages as msg

    if explicit is not None and loaded.collection.several:
        fail(msg.PROGRESS_NEEDS_DOC.format(n=len(loaded.collection)), 2)
    collection = loaded.collection
    return {c.key: load_progress(c, explicit, clock, collection.listed) for c in collection}


def load_progress(
    catalog: Catalog, explicit: Path | None, clock: Clock, listed: Container[str] | None = None
) -> Progress:
    from govopen_cli.queries.status import Progress

    reports = load_ledger(catalog, explicit, clock, listed)
    return Progress(catalog, reports or [], clock.as_of, recorded=reports is not None)


def resolve_unit(catalog: Catalog | Collection, query: str) -> str:
    """A unit's canonical name from what the user typed (in a table or a whole collection)."""
    from govopen_cli.table.units import UnknownUnitError

    try:
        return catalog.registry.resolve(query).name
    except UnknownUnitError as exc:
        fail(exc.message)


def print_table(table: Table, fmt: TableFormat, loaded: Loaded | None = None) -> None:
    """The table in its format; with `loaded`, says which data it used.

    A terminal table ends with a line naming the data file(s); other formats
    (meant for scripts) say it on stderr, and only when the data was not named
    with --data or $GOVOPEN_DATA. Over several tables, rows get a column naming theirs.
    """
    from govopen_cli import messages as msg
    from govopen_cli.render.tables import Column, render

    if loaded is not None and loaded.collection.several and table.rows and "doc" in table.rows[0]:
        table.columns = [Column("doc", msg.H_DOC), *table.columns]
    sys.stdout.write(render(table, fmt))
    if fmt not in ("table", "markdown"):
        for note in table.notes:  # a script's stdout stays data; the person still reads it
            sys.stderr.write(f"govopen: {note}\n")
    if loaded is None:
        return
    if fmt == "table":
        sys.stdout.write(msg.DATA_FOOTER.format(what=data_label(loaded)) + "\n")
    else:
        note_data(loaded)


def write_file(
    path: Path, data: str | bytes, *, force: bool, inputs: Iterable[tuple[Path, str]] = ()
) -> None:
    """Write a file the user named, by the one rule (`files.atomic.check_output`); fail if not."""
    from govopen_cli import messages as msg
    from govopen_cli.files.atomic import OutputRefused, check_output, write_output

    try:
        check_output(path, inputs, force=force)
        write_output(path, data, force=force)
    except OutputRefused as exc:
        fail(str(exc))
    except OSError as exc:
        fail(msg.WRITE_FAILED.format(path=path, reason=exc.strerror or exc))


def read_inputs(catalogs: Iterable[Catalog], progress: Path | None) -> list[tuple[Path, str]]:
    """The files a command reads, which no output of it may replace: task files and ledgers."""
    from govopen_cli import messages as msg
    from govopen_cli.files.finding import ledger_path

    inputs = []
    for catalog in catalogs:
        assert catalog.path is not None
        inputs.append((catalog.path, msg.INPUT_TASK_FILE))
        inputs.append((ledger_path(catalog.path, progress), msg.INPUT_LEDGER))
    return inputs


ForceOption = Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")]


def task_ref(loaded: Loaded, ref: str) -> tuple[Catalog, TaskView]:
    """A task from `KEY:ID` or a bare ID; exit 1 with the reason if there is none."""
    try:
        return loaded.collection.task(ref)
    except LookupError as exc:
        fail(str(exc))


def resolve_section(catalog: Catalog, ref: str) -> SectionRecord:
    try:
        return catalog.section(ref)
    except LookupError as exc:
        fail(str(exc))

"""Is the file correct: validate, and the JSON Schema for editors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import (
    FILE,
    FORMAT,
    DataOption,
    app,
    choices,
    fail_with_problems,
    make_clock,
)
from govopen_cli.render.formats import ProblemFormat

if TYPE_CHECKING:
    pass


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar=f"[{FILE}]...",
            readable=False,
            help="要校验的文件或文件夹，默认为找到的数据；- 表示标准输入；旁边的台账一并校验",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    fmt: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar=FORMAT,
            help=f"输出格式：{choices(ProblemFormat)}"
            "（在 GitHub Actions 中默认 github，否则 text）",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也以退出码 1 结束")] = False,
) -> None:
    """校验数据文件，列出所有问题（文件:行:列）。

    有错误时退出码为 1。
    """
    import os

    from govopen_cli import messages as msg
    from govopen_cli.checks.validate import validate_paths
    from govopen_cli.files.finding import find_data, is_dir
    from govopen_cli.problems import DataError
    from govopen_cli.render.problems import as_github, as_json, write_text

    paths = [*(files or []), *([data] if data is not None else [])]
    named = bool(paths) and not any(is_dir(p) for p in paths)
    if not paths:
        try:
            source = find_data(None)
        except DataError as exc:
            fail_with_problems(exc.problems)
        if source.bundled:
            sys.stderr.write(msg.BUNDLED_NOTICE.format(title=msg.BUNDLED_TITLE) + "\n")
        paths = [source.path]
    clock = make_clock(None)
    checks = validate_paths(paths, clock)
    problems = [p for checked in checks for p in checked.problems]
    if fmt is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        fmt = "github" if github else "text"
    if fmt == "json":
        sys.stdout.write(as_json(problems) + "\n")
    elif fmt == "github":
        sys.stdout.write(as_github(problems, len(checks)) + "\n")
    else:
        if not named:  # found by looking around, or a folder's files: say which were checked
            sys.stdout.write(checked_line([c.path for c in checks]) + "\n")
        write_text(problems, len(checks), sys.stdout)
    errors = any(p.level == "error" for p in problems)
    if errors or (strict and problems):
        raise typer.Exit(1)


@app.command("schema")
def schema_command() -> None:
    """输出数据文件的 JSON Schema（供编辑器在录入时校验）。"""
    from govopen_cli.table.json_schema import schema_text

    sys.stdout.write(schema_text())


def checked_line(paths: list[Path]) -> str:
    """`已检查：a.yaml、progress.yaml`; over five files, counted per folder and kind."""
    from govopen_cli import messages as msg
    from govopen_cli.cli.common import _shown
    from govopen_cli.files.finding import UNITS_NAME, is_ledger

    if len(paths) <= 5:
        return msg.CHECKED_FILES.format(files="、".join(_shown(p) for p in paths))
    folders = list(dict.fromkeys(p.parent for p in paths))
    parts = []
    for folder in folders:
        inside = [p for p in paths if p.parent == folder]
        ledgers = sum(is_ledger(p) for p in inside)
        units = any(p.name == UNITS_NAME for p in inside)
        parts.append(
            msg.CHECKED_MANY.format(
                folder=_shown(folder).rstrip("/") + "/",
                tasks=len(inside) - ledgers - units,
                ledgers=ledgers,
                units=msg.CHECKED_UNITS if units else "",
            )
        )
    return "；".join(parts)

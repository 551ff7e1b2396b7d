"""Import a published table into a task file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govopen_cli.cli.common import FILE, FOLDER, TEXT, app, fail, fail_with_problems, write_file

if TYPE_CHECKING:
    from govopen_cli.table.model import Unit


@app.command("import")
def import_command(
    source: Annotated[
        Path, typer.Argument(metavar=FILE, readable=False, help="任务分工表：.docx、.xlsx 或文本")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar=FILE,
            readable=False,
            help="输出文件（默认：分工表旁边的同名 .yaml 文件）",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar=FILE, readable=False, hidden=True, show_default=False),
    ] = None,  # the name before --out was the rule everywhere; still understood
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar=TEXT,
            help="发文地区，如 眉山市（默认从标题读出），用来补全 各县（区）人民政府 等集合",
            show_default=False,
        ),
    ] = None,
    table: Annotated[
        int | None,
        typer.Option(
            "--table",
            min=1,
            metavar="序号",
            help="文件中有多个任务表时，导入第几个（从 1 数）",
            show_default=False,
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            metavar=FOLDER,
            readable=False,
            help="写入这个集合文件夹，沿用其中 units.yaml 已登记的单位",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示摘要，不写文件")] = False,
) -> None:
    """把一份任务分工表转成带注释的 tasks.yaml。

    来源可以是 Word、Excel，或从 PDF 复制的文本。
    """
    from govopen_cli import messages as msg
    from govopen_cli.checks.validate import validate_file
    from govopen_cli.files.atomic import OutputRefused, check_output
    from govopen_cli.importing.importer import SourceError, import_source
    from govopen_cli.importing.writer import render_yaml

    output = out if out is not None else output
    if into is not None and output is not None:
        fail(msg.IMPORT_INTO_AND_OUTPUT, 2)
    if into is not None:
        target = into / f"{source.stem}.yaml"
    else:
        target = output if output is not None else source.with_suffix(".yaml")
    if target.resolve() == source.resolve():
        fail(msg.IMPORT_NEEDS_OUTPUT.format(path=target))
    inputs = [(source, msg.INPUT_SOURCE)]
    if not dry_run:
        try:
            check_output(target, inputs, force=force)
        except OutputRefused as exc:
            fail(str(exc))
    shared = shared_units(target.parent)
    known = None
    if shared:
        from govopen_cli.table.units import Registry

        known = Registry(shared)
    try:
        result = import_source(source, region=region, table=table, known=known)
    except SourceError as exc:
        fail(str(exc))
    found = result.table
    open_groups = sum(entry.unfilled for entry in result.units)
    lines = [
        msg.import_summary(
            len(found.sections), len(found.tasks), len(result.units), open_groups, result.milestones
        ),
        *found.notes,
        *result.others,
    ]
    if result.shared:
        lines.append(
            msg.IMPORT_INTO_SHARED.format(n=len(result.shared), path=target.parent / "units.yaml")
        )
    review = result.review()
    if review:
        lines.append(msg.IMPORT_REVIEW_HEAD.format(count=len(review)))
        lines += [f"  {line}" for line in review]
    if result.not_understood:
        lines.append(msg.IMPORT_NOT_UNDERSTOOD_HEAD.format(count=len(result.not_understood)))
        lines += [
            msg.IMPORT_NOT_UNDERSTOOD_ROW.format(id=t.id, place=t.place, message=m)
            for t, m in result.not_understood
        ]
    from govopen_cli.render.terminal import printable  # the source's text may hold escapes

    sys.stdout.write(printable("\n".join(lines)) + "\n")
    if dry_run:
        sys.stdout.write(msg.IMPORT_DRY_RUN.format(path=target) + "\n")
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(msg.WRITE_FAILED.format(path=target.parent, reason=exc.strerror or exc))
    write_file(target, render_yaml(result, source.name), force=force, inputs=inputs)
    sys.stdout.write(msg.IMPORT_WRITTEN.format(path=target) + "\n")
    problems = [p for p in validate_file(target, shared).problems if p.level == "error"]
    if not problems:
        sys.stdout.write(msg.IMPORT_VALID.format(path=target) + "\n")
        return
    sys.stderr.write(msg.IMPORT_INVALID.format(path=target, count=len(problems)) + "\n")
    for p in problems:
        sys.stderr.write(f"{p.location()}: {printable(p.message)} [{p.rule}]\n")
    raise typer.Exit(1)


def shared_units(folder: Path) -> list[Unit]:
    """The units of the folder's units.yaml (none if there is none); its errors end the import."""
    from govopen_cli.checks.validate import validate_units_file
    from govopen_cli.files.finding import units_file

    found = units_file(folder)
    if found is None:
        return []
    checked = validate_units_file(found)
    errors = [p for p in checked.problems if p.level == "error"]
    if errors or checked.units_file is None:
        fail_with_problems(errors)
    return list(checked.units_file.units)

"""The YAML file an import writes, in the shipped file's style, with comments for review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from govopen_cli import messages as msg

if TYPE_CHECKING:
    from govopen_cli.importing.importer import ImportResult

__all__ = ["render_yaml"]


def _scalar(value: Any) -> str:
    if value == "":
        return '""'
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def render_yaml(result: ImportResult, source: str) -> str:
    """The commented data file."""
    table = result.table
    out: list[str] = [
        f"# {table.title}" + (f"（{table.attachment}）" if table.attachment else ""),
        "#",
        *(
            f"# {line}" if line else "#"
            for line in msg.IMPORT_FILE_HEADER.format(source=source).splitlines()
        ),
        "",
        "document:",
        f"  title: {_scalar(table.title or source)}",
    ]
    if table.attachment:
        out.append(f"  attachment: {_scalar(table.attachment)}")
    if result.region_name:
        out.append(f"  region: {_scalar(result.region_name)}")
    if result.year is not None:
        comment = f"  # {msg.IMPORT_YEAR_COMMENT}" if result.year_guessed else ""
        out.append(f"  year: {result.year}{comment}")
    out += ["", "sections:"]
    for section_id, title in table.sections:
        out += [f"  - id: {_scalar(section_id)}", f"    title: {_scalar(title)}"]
    out += ["", *_units(result), "", "tasks:"]
    titles = dict(table.sections)
    current = ""
    problems = {id(t): m for t, m in result.not_understood}
    for task in table.tasks:
        if task.section != current:
            current = task.section
            if task is not table.tasks[0]:
                out.append("")
            out.append(f"  # ── {current}、{titles[current]} ──")
        out += [
            f"  - id: {task.id}",
            f"    section: {_scalar(task.section)}",
            f"    text: {_scalar(task.text)}",
        ]
        if id(task) in problems:
            out.append(f"    # {msg.IMPORT_SCHEDULE_COMMENT}")
        out += [f"    schedule: {_scalar(task.schedule)}", f"    units: {_scalar(task.units)}"]
        notes = [task.note] if task.note else []
        if task.same_as is not None:
            out += [
                f"    # {msg.IMPORT_SAME_AS_COMMENT.format(id=task.same_as)}",
                f"    same_as: {task.same_as}",
            ]
            notes.append(msg.IMPORT_SAME_AS_NOTE.format(id=task.same_as))
        if notes:
            out.append(f"    note: {_scalar('；'.join(notes))}")
    return "\n".join(out) + "\n"


def _units(result: ImportResult) -> list[str]:
    blocks: list[tuple[str, list[str]]] = [
        (msg.IMPORT_UNITS_LEAD, []),
        (msg.IMPORT_UNITS_SUPPORT, []),
        (msg.IMPORT_UNITS_GUIDE, []),
        (msg.IMPORT_UNITS_OPEN, []),
    ]
    for entry in result.units:
        index = 3 if entry.kind == "open_group" else ("lead", "support", "guide").index(entry.role)
        lines = blocks[index][1]
        if entry.filled:
            region = result.region_name or ""
            lines.append(f"  # {msg.IMPORT_GROUP_FILLED_COMMENT.format(region=region)}")
        if entry.unfilled:
            lines.append(f"  # {msg.IMPORT_GROUP_OPEN_COMMENT}")
        lines += [f"  - name: {_scalar(entry.name)}", f"    kind: {entry.kind}"]
        if entry.short:
            lines.append(f"    short: {_scalar(entry.short)}")
        if entry.members:
            lines.append("    members:")
            lines += [f"      - {_scalar(m)}" for m in entry.members]
    out = ["units:"]
    for comment, lines in blocks:
        if lines:
            out += ([] if len(out) == 1 else [""]) + [f"  # {comment}", *lines]
    return out if len(out) > 1 else ["units: []"]

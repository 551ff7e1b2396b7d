"""Import a published task table (text, .docx, .xlsx) into a commented `tasks.yaml`.

Reading is in three steps: a reader turns the source into raw rows (cells, a place
for messages, which cells continue a vertical merge); `build_table` finds the header
and reads section and task rows; `render_yaml` writes the file in the shipped style.

Decisions where the published tables are silent:

* Text: a tab starts a cell, a line without a tab continues the cell before it (a
  line break inside a cell is not a separator), a blank line ends a row. A line
  without tabs but with runs of two or more spaces is the PDF-extracted form: one
  row per line, cells split on the runs; surplus cells (a schedule broken by the
  extraction, "202 1 年底前   建立制度") are joined into the 工作进度 column.
* A second copy of the table in the same source (a new title and header, numbers
  restarting at 1; the PDF-extracted part of Meishan's text) is not imported twice:
  its rows are checked against the first copy and differences are reported.
  A header repeated with numbering that goes on (a new page) is skipped.
* A task whose 工作进度 and 责任单位 are both blank or both continue a vertical merge
  becomes `same_as` the task where the merge starts (Meishan's task 7).
* The document year is the earliest year written in a 工作进度 cell (marked for the
  clerk to check).
* Unit kinds: names starting with 各 are groups (members asked for in a comment,
  so the file fails validation until the clerk lists them); names starting with
  市级/县级/区级/省级 or containing 有关 are open groups; names ending in 人民政府,
  政府 or 管委会 are governments; the rest are departments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govopen_cli import messages as msg
from govopen_cli.table.schedule import parse_schedule
from govopen_cli.table.text import join_wrapped, squeeze, unit_key
from govopen_cli.table.units import Role, parse_units

__all__ = [
    "ImportResult",
    "RawRow",
    "SourceError",
    "SourceTable",
    "TaskRow",
    "build_table",
    "import_source",
    "read_rows",
    "render_yaml",
]

_HEADERS = {
    "序号": "id",
    "重点任务": "text",
    "工作进度": "schedule",
    "完成时限": "schedule",
    "责任单位": "units",
    "牵头单位": "lead",
    "配合单位": "support",
}
_SECTION = re.compile(r"^([一二三四五六七八九十]+)[、.．]\s*(.+)$")
_ATTACHMENT = re.compile(r"^(附件\s*[0-9０-９]*)")
_REGION = re.compile(r"^(.{2,5}?(?:省|市|州|盟|县|区))")
_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
_SPACES = re.compile(r" {2,}|\u3000+")


class SourceError(Exception):
    """A source that cannot be imported; the message (Chinese) names the place."""


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row of the source: its cells, where it is, which cells continue a merge."""

    cells: tuple[str, ...]
    place: str
    merged: tuple[bool, ...] = ()

    def is_merged(self, index: int) -> bool:
        return index < len(self.merged) and self.merged[index]


@dataclass(slots=True)
class TaskRow:
    """One task as read from the table."""

    id: int
    section: str
    text: str
    schedule: str
    units: str
    place: str
    same_as: int | None = None


@dataclass(slots=True)
class SourceTable:
    """A table read from a source: title, sections, tasks, and notes for the clerk."""

    title: str = ""
    attachment: str | None = None
    sections: list[tuple[str, str]] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- readers ------------------------------------------------------------------------


def read_rows(path: Path) -> list[RawRow]:
    """Raw rows of a .docx, .xlsx or text source."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return _docx_rows(path)
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_rows(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc.strerror)) from exc
    except Exception as exc:  # a corrupt .docx/.xlsx: zip or XML errors of many kinds
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc)) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return text_rows(raw.decode(encoding), path.name)
        except UnicodeDecodeError:
            continue
    raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=msg.IMPORT_ENCODING))


def text_rows(text: str, name: str) -> list[RawRow]:
    """Rows of text copied from a table (tab-led cells, or the PDF-extracted form)."""
    rows: list[RawRow] = []
    cells: list[list[str]] = []
    start = 0
    tabbed = False

    def flush() -> None:
        if cells:
            rows.append(RawRow(tuple(join_wrapped("\n".join(c)) for c in cells), f"{name}:{start}"))
            cells.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() and "\t" not in line:
            flush()
        elif "\t" in line:
            if cells and not tabbed:
                flush()  # a title line just before the table
            if not cells:
                start = number
            tabbed = True
            head, *rest = line.split("\t")
            if head.strip() and cells:
                cells[-1].append(head)
            elif head.strip():
                cells.append([head])
            cells.extend([part] for part in rest)
        elif _SPACES.search(line.strip()):
            flush()
            parts = [p.strip() for p in _SPACES.split(line.strip()) if p.strip()]
            rows.append(RawRow(tuple(parts), f"{name}:{number}"))
        elif cells:
            cells[-1].append(line)
        else:
            start, tabbed = number, False
            cells.append([line])
    flush()
    return rows


def _docx_rows(path: Path) -> list[RawRow]:
    import docx
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    rows: list[RawRow] = []
    t_index = number = 0
    for block in document.iter_inner_content():
        if not isinstance(block, DocxTable):
            number += 1
            if block.text.strip():
                place = f"{path.name}:" + msg.IMPORT_PARAGRAPH_PLACE.format(number=number)
                rows.append(RawRow((block.text.strip(),), place))
            continue
        t_index += 1
        above: list[Any] = []
        for r_index, row in enumerate(block.rows, start=1):
            tcs: list[Any] = []
            texts: list[str] = []
            merged: list[bool] = []
            for cell in row.cells:
                if tcs and cell._tc is tcs[-1]:
                    continue  # a horizontal merge repeats the cell
                merged.append(len(tcs) < len(above) and cell._tc is above[len(tcs)])
                tcs.append(cell._tc)
                texts.append(join_wrapped(cell.text))
            above = tcs
            place = f"{path.name}:" + msg.IMPORT_DOCX_PLACE.format(table=t_index, row=r_index)
            rows.append(RawRow(tuple(texts), place, tuple(merged)))
    return rows


def _xlsx_rows(path: Path) -> list[RawRow]:
    import openpyxl

    book = openpyxl.load_workbook(str(path), read_only=False, data_only=True)
    sheet = book.active
    if sheet is None:
        return []
    continued: set[tuple[int, int]] = set()
    spanned: set[tuple[int, int]] = set()
    for merged_range in sheet.merged_cells.ranges:
        for row in range(merged_range.min_row, merged_range.max_row + 1):
            for col in range(merged_range.min_col, merged_range.max_col + 1):
                if row > merged_range.min_row:
                    continued.add((row, col))
                elif col > merged_range.min_col:
                    spanned.add((row, col))
    rows: list[RawRow] = []
    for r_index, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        texts: list[str] = []
        merged: list[bool] = []
        for c_index, value in enumerate(cells, start=1):
            if (r_index, c_index) in spanned:
                continue
            texts.append("" if value is None else join_wrapped(str(value)))
            merged.append((r_index, c_index) in continued)
        place = f"{path.name}:" + msg.IMPORT_XLSX_PLACE.format(sheet=sheet.title, row=r_index)
        rows.append(RawRow(tuple(texts), place, tuple(merged)))
    while rows and not any(c.strip() for c in rows[-1].cells):
        rows.pop()
    return rows


# --- the table ---------------------------------------------------------------------


def _header(row: RawRow) -> dict[str, int] | None:
    """Column of each field if the row is a header row, else None."""
    keys = [squeeze(c) for c in row.cells]
    if "序号" not in keys:
        return None
    columns = {_HEADERS[k]: i for i, k in enumerate(keys) if k in _HEADERS}
    missing = [
        label
        for fields, label in (
            (("text",), "重点任务"),
            (("schedule",), "工作进度（或完成时限）"),
            (("units", "lead"), "责任单位（或牵头单位）"),
        )
        if not any(f in columns for f in fields)
    ]
    if missing:
        raise SourceError(msg.IMPORT_BAD_HEADER.format(place=row.place, missing="、".join(missing)))
    return columns


def build_table(rows: list[RawRow]) -> SourceTable:
    """Read title, sections and tasks from raw rows; SourceError for a broken table."""
    copies = _copies(rows)
    if not copies:
        raise SourceError(msg.IMPORT_NO_TABLE)
    table = _read_copy(*copies[0])
    for preamble, columns, body in copies[1:]:
        if not columns:
            table.notes.append(msg.IMPORT_TRAILING.format(place=preamble[0].place))
            continue
        other = _read_copy(preamble, columns, body)
        table.notes.extend(_compare(table, other, body[0].place if body else ""))
    return table


def _copies(rows: list[RawRow]) -> list[tuple[list[RawRow], dict[str, int], list[RawRow]]]:
    """Split rows into copies of the table: (title rows, header columns, body rows).

    A header after title lines starts a new copy; a header right after table rows is
    the header repeated on a new page and is skipped.
    """
    copies: list[tuple[list[RawRow], dict[str, int], list[RawRow]]] = []
    pending: list[RawRow] = []
    for row in rows:
        columns = _header(row)
        if columns is not None:
            if not copies or pending:
                copies.append((pending, columns, []))
                pending = []
            continue
        if not copies:
            pending.append(row)
            continue
        id_column = copies[-1][1]["id"]
        number = squeeze(row.cells[id_column]) if id_column < len(row.cells) else ""
        table_row = (
            (number.isdigit() and len(row.cells) > 1)
            or _section(row) is not None
            or not any(c.strip() for c in row.cells)
        )
        if table_row:
            copies[-1][2].extend(pending)
            pending = []
            copies[-1][2].append(row)
        else:
            pending.append(row)  # a title line, perhaps of a second copy
    if copies and pending:
        copies.append((pending, {}, []))  # text after the table: kept only to be reported
    return copies


def _section(row: RawRow) -> tuple[str, str] | None:
    filled = [c for c in row.cells if c.strip()]
    if len(filled) != 1:
        return None
    match = _SECTION.match(squeeze(filled[0]))
    return (match.group(1), match.group(2)) if match else None


def _read_copy(preamble: list[RawRow], columns: dict[str, int], body: list[RawRow]) -> SourceTable:
    table = SourceTable()
    heading = "".join(squeeze(c) for row in preamble for c in row.cells)
    match = _ATTACHMENT.match(heading)
    if match:
        table.attachment = squeeze(match.group(1))
        heading = heading[match.end() :]
    table.title = heading
    section = ""
    merge_start: dict[str, int] = {}
    for row in body:
        found = _section(row)
        if found is not None:
            section = found[0]
            table.sections.append(found)
            continue
        if not any(c.strip() for c in row.cells):
            raise SourceError(msg.IMPORT_EMPTY_ROW.format(place=row.place))
        number = squeeze(row.cells[columns["id"]]) if columns["id"] < len(row.cells) else ""
        if not number.isdigit():
            raise SourceError(msg.IMPORT_NOT_A_TASK.format(place=row.place, text=row.cells[0]))
        expected = table.tasks[-1].id + 1 if table.tasks else 1
        if int(number) != expected:
            raise SourceError(
                msg.IMPORT_OUT_OF_SEQUENCE.format(place=row.place, id=number, expected=expected)
            )
        if not section:
            raise SourceError(msg.IMPORT_NO_SECTION.format(place=row.place))
        table.tasks.append(_task(row, columns, section, merge_start))
    if not table.tasks:
        raise SourceError(msg.IMPORT_NO_TASKS)
    return table


def _cells(row: RawRow, columns: dict[str, int]) -> dict[str, str]:
    cells = list(row.cells)
    width = max(columns.values()) + 1
    if len(cells) > width and "schedule" in columns:
        at = columns["schedule"]
        surplus = len(cells) - width
        cells[at : at + surplus + 1] = ["".join(cells[at : at + surplus + 1])]
    if len(cells) < width:
        raise SourceError(
            msg.IMPORT_TOO_FEW_CELLS.format(place=row.place, found=len(cells), width=width)
        )
    return {key: squeeze(cells[i]) for key, i in columns.items()}


def _task(
    row: RawRow, columns: dict[str, int], section: str, merge_start: dict[str, int]
) -> TaskRow:
    values = _cells(row, columns)
    task_id = int(values["id"])
    shared = [k for k in ("schedule", "units", "lead", "support") if k in columns]
    if "units" not in columns:
        values["units"] = _labelled(values["lead"], values.get("support", ""))
    task = TaskRow(task_id, section, values["text"], values["schedule"], values["units"], row.place)
    if merge_start and all(row.is_merged(columns[k]) or not values[k] for k in shared):
        task.schedule = task.units = ""
        task.same_as = merge_start["start"]
        return task
    merge_start["start"] = task_id
    return task


def _labelled(lead: str, support: str) -> str:
    if not support:
        return lead
    return f"{msg.IMPORT_LEAD_LABEL}{lead}；{msg.IMPORT_SUPPORT_LABEL}{support}"


def _compare(first: SourceTable, other: SourceTable, place: str) -> Iterator[str]:
    by_id = {t.id: t for t in first.tasks}
    same = 0
    for task in other.tasks:
        mine = by_id.get(task.id)
        fields = ("text", "schedule", "units")
        if mine is not None and all(
            unit_key(getattr(mine, f)) == unit_key(getattr(task, f)) for f in fields
        ):
            same += 1
        else:
            yield msg.IMPORT_COPY_DIFFERS.format(place=task.place, id=task.id)
    yield msg.IMPORT_COPY_CHECKED.format(place=place, count=len(other.tasks), same=same)


# --- registry, schedules, summary --------------------------------------------------


@dataclass(slots=True)
class ImportResult:
    """What an import found: the table, its year, units with roles, schedule problems."""

    table: SourceTable
    year: int | None
    units: dict[str, tuple[str, Role]]
    milestones: int
    not_understood: list[tuple[TaskRow, str]]


def unit_kind(name: str) -> str:
    """The registry kind the importer guesses from a unit's name."""
    if name.startswith("各"):
        return "group"
    if re.match("^(?:市级|县级|区级|省级)", name) or "有关" in name:
        return "open_group"
    if name.endswith(("人民政府", "政府", "管委会")):
        return "government"
    return "department"


def analyse(table: SourceTable) -> ImportResult:
    """Year, unit registry (first role each unit is named in) and schedule phrases."""
    years = [int(y) for t in table.tasks for y in _YEAR.findall(t.schedule)]
    year = min(years) if years else None
    units: dict[str, tuple[str, Role]] = {}
    keys: set[str] = set()
    milestones = 0
    not_understood: list[tuple[TaskRow, str]] = []
    for task in table.tasks:
        for mention in parse_units(task.units):
            if unit_key(mention.name) not in keys:
                keys.add(unit_key(mention.name))
                units[mention.name] = (unit_kind(mention.name), mention.role)
        if task.same_as is not None:
            continue
        try:
            schedule = parse_schedule(task.schedule, year=year)
        except ValueError as exc:
            not_understood.append((task, str(exc)))
            continue
        milestones += len(schedule.milestones) + len(schedule.recurring)
        if not schedule.understood:
            not_understood.append((task, msg.schedule_not_understood(task.schedule)))
    return ImportResult(table, year, units, milestones, not_understood)


def import_source(path: Path) -> ImportResult:
    """Read and analyse one source file."""
    return analyse(build_table(read_rows(path)))


# --- the YAML file -----------------------------------------------------------------


def _scalar(value: Any) -> str:
    if value == "":
        return '""'
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def render_yaml(result: ImportResult, source: str) -> str:
    """The commented data file, in the shipped file's style."""
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
    region = _REGION.match(table.title)
    if region:
        out.append(f"  region: {_scalar(region.group(1))}")
    if result.year is not None:
        out.append(f"  year: {result.year}  # {msg.IMPORT_YEAR_COMMENT}")
    out += ["", "sections:"]
    for section_id, title in table.sections:
        out += [f"  - id: {_scalar(section_id)}", f"    title: {_scalar(title)}"]
    out += ["", "units:"]
    blocks: list[tuple[str, list[str]]] = [
        (msg.IMPORT_UNITS_LEAD, []),
        (msg.IMPORT_UNITS_SUPPORT, []),
        (msg.IMPORT_UNITS_GUIDE, []),
        (msg.IMPORT_UNITS_OPEN, []),
    ]
    for name, (kind, role) in result.units.items():
        index = 3 if kind == "open_group" else ("lead", "support", "guide").index(role)
        lines = blocks[index][1]
        if kind == "group":
            lines.append(f"  # {msg.IMPORT_GROUP_COMMENT}")
        lines += [f"  - name: {_scalar(name)}", f"    kind: {kind}"]
        if kind == "group":
            lines.append("    members: []")
    first = True
    for comment, lines in blocks:
        if lines:
            out += ([] if first else [""]) + [f"  # {comment}", *lines]
            first = False
    if not result.units:
        out[-1] = "units: []"
    out += ["", "tasks:"]
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
        if task.same_as is not None:
            out += [
                f"    # {msg.IMPORT_SAME_AS_COMMENT.format(id=task.same_as)}",
                f"    same_as: {task.same_as}",
                f"    note: {_scalar(msg.IMPORT_SAME_AS_NOTE.format(id=task.same_as))}",
            ]
    return "\n".join(out) + "\n"

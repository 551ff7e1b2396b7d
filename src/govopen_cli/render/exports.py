"""Exports for the places clerks already look: CSV, Excel, calendars, Markdown, JSON.

Every export is built from the catalog and the ledger (`completion.Progress`);
states come from `Progress.mark` / `Progress.milestone_mark`, never worked out
again here. Text formats are returned as `str`, binary ones as `bytes`; the
caller writes them (through `files.write_atomic`).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from govopen_cli import messages as msg
from govopen_cli.queries.questions import unit_role
from govopen_cli.queries.status import Mark, Progress, board_units
from govopen_cli.record import record
from govopen_cli.render.formats import ExportFormat, RowKind
from govopen_cli.render.marks import LOOKS, SEVERITY
from govopen_cli.render.tables import Column, Table, render, reports_table, task_row, to_csv
from govopen_cli.table.catalog import Catalog, TaskView

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from govopen_cli.table.model import ProgressReport

WARN_DAYS = 30
"""Days before a deadline that count as 临近 (the board's default)."""


# --- what a milestone looks like to everyone ------------------------------------------------


@record
class Badge:
    """A milestone's (or an undated task's) state across its lead units."""

    mark: Mark
    done: int
    total: int


def badge(progress: Progress, view: TaskView, number: int | None, warn_days: int) -> Badge:
    """The worst unit mark on a milestone (number None: the task-level mark of an undated task)."""
    marks: list[Mark] = []
    for unit in view.owners:
        found = (
            progress.mark(view, unit, warn_days)
            if number is None
            else progress.milestone_mark(view, number, unit, warn_days)
        )
        if found is not None:
            marks.append(found)
    if not marks:
        return Badge("ongoing" if view.schedule.ongoing else "not_due", 0, 0)
    worst = min(marks, key=SEVERITY.index)
    done = sum(m in ("done", "done_late") for m in marks)
    return Badge(worst, done, len(marks))


def milestone_title(view: TaskView, number: int) -> str:
    """What a milestone is called: its deliverable, with the task's first clause if it is terse.

    "县级政务服务场所建成政务公开专区" says enough; "建立制度" needs its task beside it.
    """
    deliverable = view.schedule.milestones[number - 1].deliverable
    if len(deliverable) >= TERSE:
        return deliverable
    return f"{task_brief(view)}（{deliverable}）" if deliverable else task_brief(view)


TERSE = 8
"""A deliverable shorter than this many characters is named together with its task."""


def task_brief(view: TaskView) -> str:
    """A task's first clause, at most 30 characters: a name for it in a narrow cell."""
    first = re.split(r"[，。；：,;]", view.text, maxsplit=1)[0]
    return first if len(first) <= 30 else first[:29] + "…"


def milestone_uid(catalog: Catalog, task_id: int, number: int | str) -> str:
    """A calendar UID that is the same in every export: document, task and milestone number."""
    doc = catalog.document
    key = f"govopen:{doc.region or ''}:{doc.title}:{doc.attachment or ''}:{task_id}:{number}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, key)}@govopen"


def recurrence_uid(catalog: Catalog, task_id: int, number: int) -> str:
    """The UID of a task's `number`-th recurring deadline (1-based), stable like milestone_uid."""
    return milestone_uid(catalog, task_id, f"every-{number}")


# --- tables: the four source columns, and one row per milestone ------------------------------


_SOURCE_KEYS = ("doc", "id", "section", "text", "schedule", "units", "same_as")


def _source_row(view: TaskView) -> dict[str, Any]:
    """The task row of `output.task_row`, narrowed to the source table's own columns."""
    row = task_row(view)
    return {key: row[key] for key in _SOURCE_KEYS}


SOURCE_COLUMNS = (
    Column("id", msg.H_SOURCE_ID),
    Column("text", msg.H_SOURCE_TEXT),
    Column("schedule", msg.H_SOURCE_SCHEDULE),
    Column("units", msg.H_SOURCE_UNITS),
)


ROLE_COLUMN = Column("role", msg.H_ROLE, lambda r: msg.ROLE_LABELS[r["role"]])


def source_table(
    views: Sequence[TaskView], catalog: Catalog | None = None, unit: str | None = None
) -> Table:
    """序号 / 重点任务 / 工作进度 / 责任单位 (a merged cell's text given in each row it covers).

    With a unit (and its catalog), each row also carries the unit's `role` (角色).
    """
    rows = [_source_row(v) for v in views]
    if catalog is None or unit is None:
        return Table("", SOURCE_COLUMNS, rows)
    for row, view in zip(rows, views, strict=True):
        row["role"] = unit_role(catalog, view, unit)
    return Table("", (*SOURCE_COLUMNS, ROLE_COLUMN), rows)


def milestone_table(
    progress: Progress, views: Sequence[TaskView], warn_days: int, unit: str | None = None
) -> Table:
    """One row per dated milestone, with the lead units and those still owing it.

    Without a ledger `outstanding` is null: who has finished is unknown. With a unit, rows
    carry its `role`.
    """
    catalog = progress.catalog
    rows = []
    for view in views:
        role = unit_role(catalog, view, unit) if unit else None
        for number, milestone in enumerate(view.schedule.milestones, start=1):
            state = badge(progress, view, number, warn_days)
            rows.append(
                {
                    "doc": view.doc,
                    "task": view.id,
                    "milestone": number,
                    "due": milestone.due.isoformat(),
                    "deliverable": milestone.deliverable,
                    "owners": list(view.owners),
                    "outstanding": (
                        list(progress.outstanding(view, number)) if progress.recorded else None
                    ),
                    "status": state.mark,
                    "text": view.text,
                    **({"role": role} if unit else {}),
                }
            )

    def names(key: str) -> Any:
        return lambda r: (
            msg.NOT_RECORDED if r[key] is None else "、".join(catalog.short_name(n) for n in r[key])
        )

    columns = (
        Column("task", msg.H_SOURCE_ID),
        Column("milestone", msg.H_MILESTONE),
        Column("due", msg.H_DUE),
        Column("deliverable", msg.H_DELIVERABLE),
        Column("owners", msg.H_LEAD_UNITS, names("owners")),
        Column("outstanding", msg.H_OUTSTANDING, names("outstanding")),
        Column("status", msg.H_STATUS, lambda r: LOOKS[r["status"]].meaning),
        Column("text", msg.H_SOURCE_TEXT),
        *([ROLE_COLUMN] if unit else []),
    )
    return Table("", columns, rows)


def to_json(table: Table) -> str:
    """The rows as a JSON list."""
    return render(table, "json")


def to_markdown(views: Sequence[TaskView]) -> str:
    """The table as published: section rows between the tasks, the four source columns."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    heads = (msg.H_SOURCE_ID, msg.H_SOURCE_TEXT, msg.H_SOURCE_SCHEDULE, msg.H_SOURCE_UNITS)
    lines = ["| " + " | ".join(heads) + " |", "|---|---|---|---|"]
    section = None
    for view in views:
        if view.section.id != section:
            section = view.section.id
            lines.append(f"| **{section}** | **{cell(view.section.title)}** |  |  |")
        row = _source_row(view)
        lines.append(
            f"| {view.id} | {cell(row['text'])} | {cell(row['schedule'])} | {cell(row['units'])} |"
        )
    return "\n".join(lines) + "\n"


# --- calendar ------------------------------------------------------------------------------------


def to_ics(
    progress: Progress,
    views: Sequence[TaskView],
    *,
    remind_days: int = 7,
    unit: str | None = None,
) -> bytes:
    """One all-day event per dated milestone, an alarm `remind_days` before, stable UIDs.

    A recurring deadline (每季度末 …) is one event with its RRULE, starting at its first
    occurrence in the document's year (else on or after as-of), so a calendar shows every
    occurrence to come rather than a fixed list.
    """
    return to_ics_many([Part(progress, views, unit)], remind_days=remind_days)


@record
class Part:
    """One table's share of an export over a collection: its progress, tasks and unit."""

    progress: Progress
    views: Sequence[TaskView]
    unit: str | None = None
    """The unit exported for, as this table names it (None: every unit)."""
    reports: Sequence[ProgressReport] = ()


def to_ics_many(parts: Sequence[Part], *, remind_days: int = 7) -> bytes:
    """One calendar of the milestones of one or several tables (summaries say KEY:ID then)."""
    from icalendar import Alarm, Calendar, Event, vRecur

    first_catalog = parts[0].progress.catalog
    several = len(parts) > 1
    calendar = Calendar()
    calendar.add("prodid", "-//govopen//govopen//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    unit = parts[0].unit
    who = first_catalog.short_name(unit) if unit else msg.ICS_ALL_UNITS
    title = msg.ICS_MANY.format(n=len(parts)) if several else first_catalog.document.title
    calendar.add("x-wr-calname", msg.ICS_CALENDAR_NAME.format(title=title, who=who))
    stamp = dt.datetime.combine(parts[0].progress.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc)

    def alarm_for(summary: str) -> Alarm:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -dt.timedelta(days=remind_days))
        alarm.add("description", msg.ICS_ALARM.format(days=remind_days, summary=summary))
        return alarm

    for part in parts:
        progress, catalog, unit = part.progress, part.progress.catalog, part.unit
        for view in part.views:
            task = f"{view.doc}:{view.id}" if several else view.id
            role = unit_role(catalog, view, unit) if unit else None
            role_line = ""
            if role is not None:
                template = msg.ICS_ROLE if role == "lead" else msg.ICS_ROLE_NOT_OWED
                role_line = template.format(role=msg.ROLE_LABELS[role]) + "\n"
            for number, milestone in enumerate(view.schedule.milestones, start=1):
                summary = msg.ICS_SUMMARY.format(task=task, what=milestone_title(view, number))
                owing = progress.outstanding(view, number)
                owing_text = (
                    "、".join(catalog.short_name(n) for n in owing) or msg.ICS_NONE
                    if progress.recorded
                    else msg.NOT_RECORDED
                )
                event = Event()
                event.add("uid", milestone_uid(catalog, view.id, number))
                event.add("dtstamp", stamp)
                event.add("dtstart", milestone.due)
                event.add("dtend", milestone.due + dt.timedelta(days=1))
                event.add("summary", summary)
                event.add(
                    "description",
                    role_line
                    + msg.ICS_DESCRIPTION.format(
                        due=milestone.due.isoformat(),
                        deliverable=milestone.deliverable or msg.ICS_NONE,
                        units=view.units_text,
                        owing=owing_text,
                        text=view.text,
                        schedule=view.schedule_text,
                    ),
                )
                event.add("transp", "TRANSPARENT")
                event.add_component(alarm_for(summary))
                calendar.add_component(event)
            for number, recurrence in enumerate(view.schedule.recurring, start=1):
                what = recurrence.phrase + (recurrence.deliverable or f"：{task_brief(view)}")
                summary = msg.ICS_SUMMARY.format(task=task, what=what)
                begin = (
                    dt.date(catalog.document.year, 1, 1)
                    if catalog.document.year
                    else progress.as_of
                )
                first = recurrence.occurrences(begin, begin.replace(year=begin.year + 1))[0]
                event = Event()
                event.add("uid", recurrence_uid(catalog, view.id, number))
                event.add("dtstamp", stamp)
                event.add("dtstart", first)
                event.add("dtend", first + dt.timedelta(days=1))
                event.add("rrule", vRecur.from_ical(recurrence.rrule))
                event.add("summary", summary)
                event.add(
                    "description",
                    role_line
                    + msg.ICS_RECURRING_DESCRIPTION.format(
                        phrase=recurrence.phrase,
                        deliverable=recurrence.deliverable or msg.ICS_NONE,
                        units=view.units_text,
                        text=view.text,
                        schedule=view.schedule_text,
                    ),
                )
                event.add("transp", "TRANSPARENT")
                event.add_component(alarm_for(summary))
                calendar.add_component(event)
    return bytes(calendar.to_ical())


# --- Excel ---------------------------------------------------------------------------------------


def _display_width(text: str) -> float:
    """Column units a text takes in a spreadsheet cell: a CJK character about 1.62 units."""
    return sum(1.62 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """A row height (points) that shows every wrapped line of the row."""
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        needed = sum(
            max(1, math.ceil(_display_width(part) / max(width - 1.0, 1.0)))
            for part in text.split("\n")
        )
        lines = max(lines, needed)
    return round(lines * 15.0 + 6.0, 1)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.horizontalCentered = True


TABLE_WIDTHS = (6.0, 62.0, 34.0, 34.0)
ROLE_WIDTH = 8.0


def to_xlsx(
    progress: Progress,
    views: Sequence[TaskView],
    reports: Sequence[ProgressReport],
    *,
    warn_days: int = WARN_DAYS,
    unit: str | None = None,
) -> bytes:
    """Three sheets: the table as published, milestones × lead units, and the ledger.

    With a unit, the table gains a 角色 column: the unit's role in each task.
    """
    from openpyxl import Workbook

    book = Workbook()
    table_sheet = book.active
    assert table_sheet is not None
    _table_sheet(table_sheet, progress.catalog, views, unit)
    _board_sheet(book.create_sheet(msg.XLSX_BOARD_SHEET), progress, views, warn_days)
    counting = [r for r in reports if r.date <= progress.as_of]
    _ledger_sheet(book.create_sheet(msg.XLSX_LEDGER_SHEET), progress.catalog, counting)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an .xlsx cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): shown as \\xNN."""


def _put(sheet: Worksheet, row: int, col: int, value: Any = None) -> Cell:
    """A cell, with `value` if given, where text is always text.

    openpyxl makes any text beginning with "=" a live formula (task text, a unit's
    name in a header, a note in the ledger could then run `=HYPERLINK(…)`); every
    cell of an export is written here, and none is ever a formula.
    """
    if isinstance(value, str) and _ILLEGAL.search(value):  # openpyxl would refuse the text
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    cell: Cell = sheet.cell(row, col, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "middle": Alignment(vertical="center", wrap_text=True),
        "centre": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "head_fill": PatternFill("solid", fgColor="D9D9D9"),
        "section_fill": PatternFill("solid", fgColor="F2F2F2"),
    }


def _table_sheet(
    sheet: Worksheet, catalog: Catalog, views: Sequence[TaskView], unit: str | None = None
) -> None:
    from openpyxl.utils import get_column_letter

    style = _styles()
    widths = (*TABLE_WIDTHS, *((ROLE_WIDTH,) if unit else ()))
    last = len(widths)
    sheet.title = msg.XLSX_TABLE_SHEET
    doc = catalog.document
    title = f"{doc.attachment}  {doc.title}" if doc.attachment else doc.title
    _put(sheet, 1, 1, title).font = style["title"]
    _put(sheet, 1, 1).alignment = style["centre"]
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.row_dimensions[1].height = 28
    heads = [msg.H_SOURCE_ID, msg.H_SOURCE_TEXT, msg.H_SOURCE_SCHEDULE, msg.H_SOURCE_UNITS]
    heads += [msg.H_ROLE] if unit else []
    for col, head in enumerate(heads, start=1):
        cell = _put(sheet, 2, col, head)
        cell.font, cell.alignment = style["bold"], style["centre"]
        cell.fill, cell.border = style["head_fill"], style["border"]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    row = 3
    section = None
    row_of: dict[int, int] = {}
    for view in views:
        if view.section.id != section:
            section = view.section.id
            cell = _put(sheet, row, 1, f"{view.section.id}、{view.section.title}")
            cell.font, cell.fill = style["bold"], style["section_fill"]
            for col in range(1, last + 1):
                _put(sheet, row, col).border = style["border"]
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            sheet.row_dimensions[row].height = 21
            row += 1
        shared = view.same_as
        merged = shared is not None and row_of.get(shared) == row - 1
        values: list[Any] = [view.id, view.text, view.schedule_text, view.units_text]
        if unit:
            role = unit_role(catalog, view, unit)
            values.append(msg.ROLE_LABELS[role] if role else "")
        for col, value in enumerate(values, start=1):
            body = _put(sheet, row, col, None if merged and col in (3, 4) else value)
            body.alignment = style["centre"] if col == 1 else style["wrap"]
            body.border = style["border"]
        if merged:  # the source merges these cells across the two rows
            for col in (3, 4):
                sheet.merge_cells(start_row=row - 1, start_column=col, end_row=row, end_column=col)
            texts = [str(values[1]), "", ""]
        else:
            texts = [str(v) for v in values[1:4]]
        sheet.row_dimensions[row].height = _row_height(texts, TABLE_WIDTHS[1:])
        row_of[view.id] = row
        row += 1
    sheet.auto_filter.ref = f"A2:{get_column_letter(last)}{max(row - 1, 2)}"
    sheet.freeze_panes = "A3"
    _print_setup(sheet, "2:2")


def _mark_cell(sheet: Worksheet, row: int, col: int, mark: Mark) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    look = LOOKS[mark]
    cell = _put(sheet, row, col, look.text)
    cell.fill = PatternFill("solid", fgColor=look.colours.bg)
    cell.font = Font(color=look.colours.fg, bold=look.bold)
    cell.alignment = Alignment(horizontal="center", vertical="center")


def _board_sheet(
    sheet: Worksheet, progress: Progress, views: Sequence[TaskView], warn_days: int
) -> None:
    from openpyxl.utils import get_column_letter

    from govopen_cli.queries.status import possible_marks

    style = _styles()
    catalog = progress.catalog
    units = board_units(catalog, views)
    title = msg.XLSX_BOARD_TITLE.format(date=progress.as_of.isoformat())
    _put(sheet, 1, 1, title).font = style["title"]
    heads = [msg.H_SOURCE_ID, msg.H_MILESTONE, msg.H_DUE, msg.H_DELIVERABLE]
    heads += [catalog.short_name(u) for u in units]
    for col, head in enumerate(heads, start=1):
        cell = _put(sheet, 2, col, head)
        cell.font, cell.alignment = style["bold"], style["centre"]
        cell.fill, cell.border = style["head_fill"], style["border"]
    widths = [6.0, 6.0, 12.0, 50.0] + [10.0] * len(units)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    row = 3
    for view in views:
        numbers: list[int | None] = list(range(1, len(view.schedule.milestones) + 1)) or [None]
        for number in numbers:
            if number is None:
                fixed: list[Any] = [
                    view.id,
                    "—",
                    "—",
                    msg.XLSX_NO_MILESTONE.format(task=task_brief(view)),
                ]
            else:
                milestone = view.schedule.milestones[number - 1]
                fixed = [view.id, number, milestone.due, milestone_title(view, number)]
            for col, value in enumerate(fixed, start=1):
                cell = _put(sheet, row, col, value)
                cell.border = style["border"]
                cell.alignment = style["middle"] if col == 4 else style["centre"]
                if col == 3 and number is not None:
                    cell.number_format = "yyyy-mm-dd"
            for col, unit in enumerate(units, start=5):
                mark = (
                    progress.mark(view, unit, warn_days)
                    if number is None
                    else progress.milestone_mark(view, number, unit, warn_days)
                )
                if mark is not None:
                    _mark_cell(sheet, row, col, mark)
                _put(sheet, row, col).border = style["border"]
            sheet.row_dimensions[row].height = _row_height([str(fixed[3])], [widths[3]])
            row += 1
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(heads))}{max(row - 1, 2)}"
    row += 1
    _put(sheet, row, 1, msg.XLSX_LEGEND).font = style["bold"]
    for mark in possible_marks(progress.recorded):
        row += 1
        _mark_cell(sheet, row, 2, mark)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        _put(sheet, row, 4, LOOKS[mark].meaning)
    sheet.freeze_panes = "E3"
    _print_setup(sheet, "2:2")


def _ledger_sheet(sheet: Worksheet, catalog: Catalog, reports: Sequence[ProgressReport]) -> None:
    from openpyxl.utils import get_column_letter

    style = _styles()
    table = reports_table(sorted(reports, key=lambda r: r.date), catalog)
    widths = {"date": 12.0, "task": 6.0, "milestone": 6.0, "unit": 12.0, "status": 8.0}
    for col, column in enumerate(table.columns, start=1):
        cell = _put(sheet, 1, col, column.header)
        cell.font, cell.alignment = style["bold"], style["centre"]
        cell.fill, cell.border = style["head_fill"], style["border"]
        sheet.column_dimensions[get_column_letter(col)].width = widths.get(column.key, 40.0)
    for row, data in enumerate(table.rows, start=2):
        for col, column in enumerate(table.columns, start=1):
            value: Any = column.cell(data)
            if column.key == "task":
                value = data["task"]
            elif column.key == "date":
                value = dt.date.fromisoformat(data["date"])
            cell = _put(sheet, row, col, value)
            cell.border, cell.alignment = style["border"], style["wrap"]
            if column.key == "date":
                cell.number_format = "yyyy-mm-dd"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows) + 1, 1)}"
    sheet.freeze_panes = "A2"
    _print_setup(sheet, "1:1")


# --- one entry point for the command -------------------------------------------------------------


def export(
    fmt: ExportFormat,
    progress: Progress,
    views: Sequence[TaskView],
    reports: Sequence[ProgressReport],
    *,
    rows: RowKind = "tasks",
    unit: str | None = None,
    remind_days: int = 7,
    warn_days: int = WARN_DAYS,
) -> str | bytes:
    """The selected tasks in one format (xlsx and ics as bytes, the others as text)."""
    if fmt == "xlsx":
        return to_xlsx(progress, views, reports, warn_days=warn_days, unit=unit)
    if fmt == "ics":
        return to_ics(progress, views, remind_days=remind_days, unit=unit)
    if fmt == "markdown" and rows == "tasks":
        return to_markdown(views)
    table = (
        source_table(views, progress.catalog, unit)
        if rows == "tasks"
        else milestone_table(progress, views, warn_days, unit)
    )
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    return render(table, "markdown")


def export_many(
    fmt: ExportFormat,
    parts: Sequence[Part],
    *,
    rows: RowKind = "tasks",
    remind_days: int = 7,
    warn_days: int = WARN_DAYS,
) -> str | bytes:
    """Several tables' tasks in one file: rows say their table (`doc`); the Markdown source
    layout gives one table under each document's title; ics one calendar (xlsx: one table only).
    """
    if fmt == "ics":
        return to_ics_many(parts, remind_days=remind_days)
    if fmt == "markdown" and rows == "tasks":
        return "\n".join(
            f"**{p.progress.catalog.document.title}**（{p.progress.catalog.key}）\n\n"
            + to_markdown(p.views)
            for p in parts
        )
    tables = [
        source_table(p.views)
        if rows == "tasks"
        else milestone_table(p.progress, p.views, warn_days)
        for p in parts
    ]
    table = Table(
        "",
        [Column("doc", msg.H_DOC), *tables[0].columns],
        [row for t in tables for row in t.rows],
    )
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    return render(table, "markdown")

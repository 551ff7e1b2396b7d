"""Turning query results into text: one Table shape, one small renderer per format.

Rows are JSON-ready dicts (the JSON output is a stable contract: task rows carry
`id`, milestone rows carry `task` and `due`); columns say how a row reads in a
table, CSV, Markdown or plain text; `terminal.py` draws the table.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from govopen_cli import messages as msg
from govopen_cli.queries.questions import (
    DueItem,
    SectionSummary,
    UnitSummary,
    UnitTask,
    unit_role,
    unit_roles,
)
from govopen_cli.queries.status import MARKS, Progress, board_units
from govopen_cli.record import record
from govopen_cli.render.formats import TABLE_FORMATS, TableFormat
from govopen_cli.render.marks import LOOKS
from govopen_cli.render.terminal import printable
from govopen_cli.table.catalog import Catalog, TaskView
from govopen_cli.table.collection import Collection
from govopen_cli.table.units import ROLES, Role

if TYPE_CHECKING:
    from govopen_cli.table.model import ProgressReport


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v) for v in value)
    return str(value)


@record
class Column:
    """A column: the row key it shows, its Chinese header, and how it reads as text."""

    key: str
    header: str
    show: Callable[[dict[str, Any]], str] | None = None
    wide: bool = False
    """A long text column: takes the spare width and wraps."""
    wrap: bool = False
    """A medium text column that may wrap; other narrow columns never do."""
    brief: int | None = None
    """In a terminal table only, cut the text to this many characters (…)."""
    style_of: Callable[[dict[str, Any]], str | None] | None = None
    """In a terminal table only, a colour for one cell of a row."""

    def cell(self, row: dict[str, Any]) -> str:
        """The cell's text."""
        return self.show(row) if self.show else _text(row.get(self.key))


@dataclass(slots=True)
class Table:
    """Rows to print, with their columns, a title and per-row styles for the terminal."""

    title: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    styles: list[str | None] = field(default_factory=list)
    caption: str | None = None
    notes: list[str] = field(default_factory=list)
    """What the reader must know to read the rows right (no ledger; a unit that owes nothing):
    under the table in a terminal and in Markdown, on stderr for the other formats."""


# --- renderers ---------------------------------------------------------------------


def render(table: Table, fmt: TableFormat, width: int | None = None) -> str:
    """The table in one format, as text ending in a newline (empty JSON list for no rows)."""
    if fmt == "table":
        return _terminal(table, width)
    return RENDERERS[fmt](table)


def _json(table: Table) -> str:
    from govopen_cli.render.json_text import dumps

    return dumps(table.rows, default=_json_default) + "\n"


def _plain(table: Table) -> str:
    return "".join(
        "\t".join(_one_line(c.cell(row)) for c in table.columns) + "\n" for row in table.rows
    )


# --- CSV: one rule for every CSV the tool writes ---------------------------------------

CSV_BOM = "\ufeff"
"""Every CSV starts with a byte-order mark, so Excel reads the Chinese as UTF-8."""
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell beginning so is read by spreadsheets as a formula (CSV injection, OWASP)."""
_PLAIN_NUMBER = r"[+-]?\d+(\.\d+)?"


def csv_cell(text: str) -> str:
    """A cell as written: a leading `'` when a spreadsheet would read it as a formula.

    A plain number (-3, +1.5) is left alone: it cannot be a formula.
    """
    import re

    if text.startswith(CSV_FORMULA_START) and not re.fullmatch(_PLAIN_NUMBER, text):
        return "'" + text
    return text


def to_csv(table: Table) -> str:
    """RFC 4180 CSV (CRLF rows; a cell with a comma, quote, CR or LF quoted), BOM first.

    Headers and cells alike pass through `csv_cell`. This is the only CSV writer:
    `--format csv` on every command and `export --format csv` both come here.
    """
    import csv
    import io

    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_cell(c.header) for c in table.columns)
    writer.writerows([csv_cell(c.cell(row)) for c in table.columns] for row in table.rows)
    return buffer.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _one_line(text: str) -> str:
    """One line of printable text: line breaks and tabs as spaces, controls escaped."""
    return printable(text.replace("\t", " ").replace("\r", " ").replace("\n", " "))


def _markdown(table: Table) -> str:
    def cell(text: str) -> str:
        return _one_line(text).replace("|", "\\|")

    lines = [f"**{cell(table.title)}**", ""] if table.title else []
    lines.append("| " + " | ".join(cell(c.header) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines.extend(
        "| " + " | ".join(cell(c.cell(r)) for c in table.columns) + " |" for r in table.rows
    )
    if table.caption:
        lines.extend(["", _one_line(table.caption)])
    for note in table.notes:
        lines.extend(["", _one_line(note)])
    return "\n".join(lines) + "\n"


RENDERERS: dict[TableFormat, Callable[[Table], str]] = {
    "table": lambda table: _terminal(table, None),
    "json": _json,
    "csv": to_csv,
    "markdown": _markdown,
    "plain": _plain,
}
"""One renderer per format of render/formats.TABLE_FORMATS (a terminal table: `render`)."""
assert tuple(RENDERERS) == TABLE_FORMATS


def _terminal(table: Table, width: int | None) -> str:
    """The table drawn for a terminal (coloured only when stdout is one), or its records."""
    from govopen_cli.render.terminal import Cell, draw, terminal_width, wants_colour

    rows = [
        [
            Cell(_brief(c, c.cell(row)), c.style_of(row) if c.style_of else None)
            for c in table.columns
        ]
        for row in table.rows
    ]
    return draw(
        table.title or None,
        [c.header for c in table.columns],
        ["wide" if c.wide else "wrap" if c.wrap else "fixed" for c in table.columns],
        rows,
        table.styles or [None] * len(rows),
        _caption(table),
        width or terminal_width(),
        wants_colour(sys.stdout),
    )


def _caption(table: Table) -> str | None:
    """The lines under a terminal table: its caption (or "no rows"), then its notes."""
    lines = [table.caption if table.rows else msg.NO_ROWS, *table.notes]
    return "\n".join(line for line in lines if line) or None


def _brief(column: Column, text: str) -> str:
    if column.brief is None or len(text) <= column.brief:
        return text
    return text[: column.brief - 1] + "…"


# --- rows of each kind -------------------------------------------------------------


def task_row(view: TaskView) -> dict[str, Any]:
    """A task as a JSON-ready row (`doc`: the key of its table)."""
    return {
        "doc": view.doc,
        "id": view.id,
        "section": view.section.id,
        "text": view.text,
        "schedule": view.schedule_text,
        "units": view.units_text,
        "lead": view.named("lead"),
        "support": view.named("support"),
        "guide": view.named("guide"),
        "same_as": view.same_as,
    }


def _units_cell(row: dict[str, Any]) -> str:
    if row.get("same_as") is not None and row["units"]:
        return f"{row['units']}（{msg.SAME_AS_SHORT.format(id=row['same_as'])}）"
    return _text(row["units"])


def _schedule_cell(row: dict[str, Any]) -> str:
    if row.get("same_as") is not None and row["schedule"]:
        return f"{row['schedule']}（{msg.SAME_AS_SHORT.format(id=row['same_as'])}）"
    return _text(row["schedule"])


TASK_COLUMNS = (
    Column("id", msg.H_ID),
    Column("section", msg.H_SECTION),
    Column("text", msg.H_TEXT, wide=True),
    Column("schedule", msg.H_SCHEDULE, _schedule_cell, wrap=True),
    Column("units", msg.H_UNITS, _units_cell, wrap=True),
)


def tasks_table(views: Sequence[TaskView], title: str) -> Table:
    """Tasks with the four source columns (and the section)."""
    return Table(title, TASK_COLUMNS, [task_row(v) for v in views])


def unit_tasks_table(unit: str, items: Sequence[UnitTask]) -> Table:
    """`by-unit`: one row per task and role, with the group the role comes through.

    Over several tables, rows come grouped by table and the caption counts each table's tasks.
    """
    rows = []
    for item in items:
        for holding in item.holdings:
            rows.append(
                {
                    **task_row(item.view),
                    "unit": unit,
                    "role": holding.role,
                    "role_label": msg.ROLE_LABELS[holding.role],
                    "via": holding.via,
                }
            )
    columns = (
        Column("id", msg.H_ID),
        Column("role_label", msg.H_ROLE),
        Column("via", msg.H_VIA),
        Column("text", msg.H_TEXT, wide=True),
        Column("schedule", msg.H_SCHEDULE, _schedule_cell, wrap=True),
    )
    per_doc: dict[str, int] = {}
    for item in items:
        per_doc[item.view.doc] = per_doc.get(item.view.doc, 0) + 1
    if len(per_doc) > 1:
        title = msg.by_unit_collection_title(unit, len(items), len(per_doc))
        return Table(title, columns, rows, caption=msg.by_unit_docs_caption(list(per_doc.items())))
    return Table(msg.by_unit_title(unit, len(items)), columns, rows)


def sections_table(summaries: Sequence[SectionSummary]) -> Table:
    """`sections`: each section with its number of tasks and their ids."""
    rows = [
        {"doc": s.doc, "id": s.section.id, "title": s.section.title, "tasks": list(s.task_ids)}
        for s in summaries
    ]
    columns = (
        Column("id", msg.H_SECTION),
        Column("title", msg.H_TITLE, wide=True),
        Column("count", msg.H_COUNT, lambda r: str(len(r["tasks"]))),
        Column("tasks", msg.H_IDS, lambda r: _id_span(r["tasks"])),
    )
    return Table(msg.SECTIONS_TITLE, columns, rows)


def _id_span(ids: Sequence[int]) -> str:
    """1、2、3、4 → 1–4; gaps kept: 1–3、5."""
    parts: list[str] = []
    start = prev = None
    for i in [*ids, None]:
        if start is not None and prev is not None and (i is None or i != prev + 1):
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if i is not None and start is None:
            start = i
        prev = i
    return "、".join(parts)


def units_table(summaries: Sequence[UnitSummary]) -> Table:
    """`units`: the registry with kinds, members (by short name) and counts of tasks per role."""
    short = {s.unit.name: s.unit.short for s in summaries if s.unit.short}
    rows = [
        {
            "name": s.unit.name,
            "kind": s.unit.kind,
            "kind_label": msg.KIND_LABELS.get(s.unit.kind, s.unit.kind),
            "short": s.unit.short,
            "aliases": list(s.unit.aliases),
            "members": list(s.unit.members),
            "groups": list(s.groups),
            "lead": s.counts["lead"],
            "support": s.counts["support"],
            "guide": s.counts["guide"],
        }
        for s in summaries
    ]
    columns = (
        Column("name", msg.H_UNIT),
        Column("kind_label", msg.H_KIND),
        Column(
            "short",
            msg.H_ALSO,
            lambda r: _text([*([r["short"]] if r["short"] else []), *r["aliases"]]),
        ),
        Column(
            "members",
            msg.H_MEMBERS,
            lambda r: _text([short.get(m, m) for m in r["members"]]),
            wide=True,
        ),
        Column("lead", msg.H_LEADS),
        Column("guide", msg.H_GUIDES),
    )
    return Table(msg.units_title(len(rows)), columns, rows)


def days_label(days_left: int, recorded: bool = True) -> str:
    """还剩 N 天 / 今天到期 / 逾期 N 天 (已过 N 天 when no ledger says whether it is done)."""
    if days_left > 0:
        return msg.DAYS_LEFT.format(n=days_left)
    if days_left == 0:
        return msg.DUE_TODAY
    return (msg.DAYS_OVERDUE if recorded else msg.DAYS_PAST).format(n=-days_left)


Coverage = Literal["all", "some", "none"]


def ledger_coverage(by_doc: Mapping[str, Progress]) -> Coverage:
    """Whether all, some or none of the tables asked have a progress ledger."""
    recorded = [progress.recorded for progress in by_doc.values()]
    return "all" if all(recorded) else "some" if any(recorded) else "none"


def ledger_notes(by_doc: Mapping[str, Progress]) -> list[str]:
    """What an answer cannot know: whether the tables without a progress ledger are done."""
    missing = [key for key, progress in by_doc.items() if not progress.recorded]
    return [msg.no_ledger_note(missing, len(by_doc))] if missing else []


def role_notes(catalog: Catalog | Collection, unit: str, roles: set[Role]) -> list[str]:
    """Why a unit owes nothing in some or all of the rows: its role there is not lead."""
    other = [msg.ROLE_LABELS[r] for r in ROLES if r in roles and r != "lead"]
    if not other:
        return []
    name = catalog.short_name(unit)
    if "lead" not in roles:
        return [msg.UNIT_OWES_NOTHING.format(unit=name, roles="、".join(other))]
    return [msg.UNIT_SOME_ROLES.format(unit=name, roles="、".join(other))]


def deadlines_table(
    items: Sequence[DueItem],
    title: str,
    as_of: dt.date,
    catalog: Catalog | Collection,
    ledgers: Mapping[str, Progress],
    *,
    unit: str | None = None,
) -> Table:
    """`due` / `overdue`: one row per milestone, by date, with days left and who still owes it.

    With `unit`, rows carry the unit's `role` and a note says why a guide or support unit
    owes nothing. `ledgers`: each table's progress by key. A row of a table without a
    ledger has `outstanding` null (unknown) and the column lists its lead units instead.
    `catalog`: the table, or the collection.
    """
    leads: dict[int, list[str]] = {}  # per 责任单位 cell: tasks share them, rows only read them
    known = {key: progress.recorded for key, progress in ledgers.items()}
    rows, styles = [], []
    for item in items:
        view = item.view
        lead = leads.get(id(view.mentions))
        if lead is None:
            lead = leads[id(view.mentions)] = view.named("lead")
        recorded = known[view.doc]
        row = {
            "doc": view.doc,
            "task": view.id,
            "milestone": item.number,
            "due": item.due.isoformat(),
            "days_left": item.days_left,
            "deliverable": item.deliverable,
            "outstanding": list(item.outstanding) if recorded else None,
            "lead": lead,
            "text": view.text,
        }
        if unit:
            row["role"] = item.role
        rows.append(row)
        styles.append(_urgency(item.days_left, recorded))

    def owing(row: dict[str, Any]) -> str:
        task_owners = _task(catalog, row).owners
        names = row["outstanding"] if row["outstanding"] is not None else list(task_owners)
        if len(names) > 2 and len(names) == len(task_owners):
            return msg.ALL_OWE.format(n=len(names))
        return _text([catalog.short_name(n) for n in names])

    owing_head = {
        "all": msg.H_OUTSTANDING,
        "some": msg.H_OUTSTANDING_OR_UNITS,
        "none": msg.H_PAST_DUE_UNITS,
    }[ledger_coverage(ledgers)]
    columns = (
        Column("task", msg.H_ID),
        *([Column("role", msg.H_ROLE, lambda r: msg.ROLE_LABELS[r["role"]])] if unit else []),
        Column("due", msg.H_DUE),
        Column(
            "days_left",
            msg.H_DAYS,
            lambda r: days_label(r["days_left"], r["outstanding"] is not None),
        ),
        Column("deliverable", msg.H_DELIVERABLE, lambda r: r["deliverable"] or "—", wrap=True),
        Column("outstanding", owing_head, owing, wrap=True),
        Column("text", msg.H_TEXT, wide=True, brief=40),
    )
    caption = msg.AS_OF_CAPTION.format(date=as_of.isoformat(), n=len(rows))
    notes = ledger_notes(ledgers)
    if unit:
        notes += role_notes(catalog, unit, _roles(catalog, unit))
    return Table(title, columns, rows, styles, caption, notes)


def _task(catalog: Catalog | Collection, row: dict[str, Any]) -> TaskView:
    """The task a row is about (in the table, or in its document of the collection)."""
    one = catalog if isinstance(catalog, Catalog) else catalog.documents[row["doc"]]
    return one.task(row["task"])


def _roles(catalog: Catalog | Collection, unit: str) -> set[Role]:
    """Every role a unit holds in a table, or in every table of a collection that names it."""
    if isinstance(catalog, Catalog):
        return unit_roles(catalog, unit)
    roles: set[Role] = set()
    for one in catalog:
        name = catalog.unit_in(one, unit)
        if name is not None:
            roles |= unit_roles(one, name)
    return roles


def _urgency(days_left: int, recorded: bool = True) -> str | None:
    if days_left < 0:
        return "red" if recorded else "magenta"
    if days_left <= 30:
        return "yellow"
    return None


# --- one task in full (`show`) ---------------------------------------------------------


def task_detail(catalog: Catalog, view: TaskView) -> dict[str, Any]:
    """Everything about one task, JSON-ready: texts and what the tool understood."""
    schedule = view.schedule

    def units(role: str) -> list[dict[str, Any]]:
        return [
            {"name": name, "members": catalog.registry.members(name)}
            for name in view.named(role)  # type: ignore[arg-type]
        ]

    return {
        "doc": view.doc,
        "id": view.id,
        "section": {"id": view.section.id, "title": view.section.title},
        "text": view.text,
        "schedule": {
            "text": view.schedule_text,
            "milestones": [
                {
                    "doc": view.doc,
                    "task": view.id,
                    "milestone": n,
                    "due": m.due.isoformat(),
                    "deliverable": m.deliverable,
                }
                for n, m in enumerate(schedule.milestones, start=1)
            ],
            "recurring": [
                {"kind": r.kind, "month": r.month, "day": r.day, "deliverable": r.deliverable}
                for r in schedule.recurring
            ],
            "ongoing": schedule.ongoing,
            "explicit": view.explicit,
        },
        "units": {
            "text": view.units_text,
            "lead": units("lead"),
            "support": units("support"),
            "guide": units("guide"),
        },
        "same_as": view.same_as,
        "note": view.note,
    }


def detail_table(detail: dict[str, Any]) -> Table:
    """`show` as label/value rows, for every format but JSON."""
    pairs: list[tuple[str, str]] = [
        (msg.H_ID, str(detail["id"])),
        (msg.H_SECTION, f"{detail['section']['id']}、{detail['section']['title']}"),
        (msg.H_TEXT, detail["text"]),
    ]
    same = msg.SAME_AS_SHORT.format(id=detail["same_as"]) if detail["same_as"] else ""
    schedule = detail["schedule"]
    pairs.append((msg.H_SCHEDULE, schedule["text"] + (f"（{same}）" if same else "")))
    for m in schedule["milestones"]:
        label = msg.MILESTONE_LABEL.format(n=m["milestone"])
        pairs.append((label, f"{m['due']}  {m['deliverable'] or '—'}"))
    for r in schedule["recurring"]:
        pairs.append(
            (msg.RECURRING_LABEL, f"{msg.RECURRENCE_KINDS[r['kind']]}  {r['deliverable']}")
        )
    pairs.append((msg.ONGOING_LABEL, msg.YES if schedule["ongoing"] else msg.NO))
    if schedule["explicit"]:
        pairs.append(("", msg.EXPLICIT_NOTE))
    pairs.append((msg.H_UNITS, detail["units"]["text"] + (f"（{same}）" if same else "")))
    for role in ("lead", "support", "guide"):
        for unit in detail["units"][role]:
            members = f"（{'、'.join(unit['members'])}）" if unit["members"] else ""
            pairs.append((msg.ROLE_LABELS[role], unit["name"] + members))
    if detail["note"]:
        pairs.append((msg.H_NOTE, detail["note"]))
    columns = (Column("label", msg.H_FIELD), Column("value", msg.H_CONTENT, wide=True))
    rows = [{"label": label, "value": value} for label, value in pairs]
    return Table(msg.show_title(detail["id"]), columns, rows)


# --- progress: the ledger, the board, the statistics ------------------------------------


def reports_table(
    reports: Sequence[ProgressReport],
    catalog: Catalog | Collection,
    *,
    numbers: Sequence[int] | None = None,
    retracted: Mapping[int, str] | None = None,
    docs: Sequence[str] | None = None,
) -> Table:
    """`progress list`: the ledger's reports by date.

    With `numbers` (each report's 1-based entry number in the ledger), rows carry `entry`
    and a 条 column; `retracted` maps an entry number to why it no longer counts.
    `docs`: each report's table key (a collection's ledgers); else the one table's.
    """
    gone = retracted or {}
    keys = docs if docs is not None else [getattr(catalog, "key", "")] * len(reports)
    rows = []
    for i, r in enumerate(reports):
        number = numbers[i] if numbers is not None else None
        row: dict[str, Any] = {
            "doc": keys[i],
            "date": r.date.isoformat(),
            "task": r.task,
            "milestone": r.milestone,
            "unit": r.unit,
            "status": r.status,
            "note": r.note,
            "evidence": r.evidence,
        }
        if number is not None:
            row = {"entry": number, **row, "retracted": number in gone}
            if number in gone:
                row["note"] = "；".join(filter(None, [gone[number], r.note]))
        rows.append(row)

    def status(r: dict[str, Any]) -> str:
        label = msg.STATUS_LABELS[r["status"]]
        return f"{msg.RETRACTED_LABEL}（{label}）" if r.get("retracted") else label

    columns = (
        *([Column("entry", msg.H_ENTRY)] if numbers is not None else []),
        Column("date", msg.H_REPORT_DATE),
        Column("task", msg.H_ID),
        Column("milestone", msg.H_MILESTONE, lambda r: str(r["milestone"] or msg.WHOLE_TASK)),
        Column("unit", msg.H_UNIT, lambda r: catalog.short_name(r["unit"])),
        Column(
            "status",
            msg.H_STATUS,
            status,
            style_of=lambda r: "dim" if r.get("retracted") else LOOKS[r["status"]].style,
        ),
        Column("note", msg.H_NOTE, wide=True),
        Column("evidence", msg.H_EVIDENCE, wrap=True),
    )
    return Table(msg.reports_title(len(rows)), columns, rows)


def board_table(
    progress: Progress | Mapping[str, Progress],
    views: Sequence[TaskView],
    warn_days: int,
    *,
    unit: str | None = None,
    names: Collection | None = None,
) -> Table:
    """`board`: tasks × lead units, one mark per cell, with a legend of the marks shown.

    With `unit`: its own column(s) when it is a lead unit of some of these tasks, else every
    lead unit's (a guide unit watches them), and a role column and note say what it owes.
    Over a collection, `progress` is each table's by key and `names` the collection.
    """
    by_doc = _by_doc(progress)
    first = next(iter(by_doc.values()))
    catalog: Catalog | Collection = names if names is not None else first.catalog
    units = list(dict.fromkeys(u for p in by_doc.values() for u in board_units(p.catalog, views)))
    if unit is not None:
        wanted = {
            m
            for p in by_doc.values()
            for m in p.catalog.registry.expand(_in(catalog, p.catalog, unit) or unit)
        }
        units = [u for u in units if u in wanted] or units
    rows = []
    for view in views:
        one = by_doc[view.doc]
        row: dict[str, Any] = {"doc": view.doc, "task": view.id, "text": view.text, "marks": {}}
        if unit is not None:
            name = _in(catalog, one.catalog, unit)
            row["role"] = unit_role(one.catalog, view, name) if name else None
        for name in units:
            mark = one.mark(view, name, warn_days)
            if mark is not None:
                row["marks"][name] = mark
        rows.append(row)

    def cell(unit: str) -> Callable[[dict[str, Any]], str]:
        return lambda r: LOOKS[r["marks"][unit]].text if unit in r["marks"] else ""

    def colour(unit: str) -> Callable[[dict[str, Any]], str | None]:
        return lambda r: LOOKS[r["marks"][unit]].style if unit in r["marks"] else None

    role_column = Column(
        "role", msg.H_ROLE, lambda r: msg.ROLE_LABELS[r["role"]] if r["role"] else ""
    )
    columns = [
        Column("task", msg.H_ID),
        *([role_column] if unit is not None else []),
        Column("text", msg.H_TEXT, wide=True, brief=14),
        *(Column(u, catalog.short_name(u), cell(u), style_of=colour(u)) for u in units),
    ]
    shown = {m for r in rows for m in r["marks"].values()}
    # a no-break space inside each entry: a line of the legend never parts a mark from its meaning
    legend = "  ".join(f"{LOOKS[m].text}\u00a0{LOOKS[m].meaning}" for m in MARKS if m in shown)
    caption = msg.BOARD_CAPTION.format(date=first.as_of.isoformat(), legend=legend)
    notes = ledger_notes(by_doc)
    if unit is not None:
        notes += role_notes(catalog, unit, _roles(catalog, unit))
    return Table(msg.BOARD_TITLE, columns, rows, caption=caption.rstrip(), notes=notes)


def _in(names: Catalog | Collection, catalog: Catalog, unit: str) -> str | None:
    """The name a table registers a unit under (a collection's unit may be spelled per table)."""
    return names.unit_in(catalog, unit) if isinstance(names, Collection) else unit


def _by_doc(progress: Progress | Mapping[str, Progress]) -> Mapping[str, Progress]:
    if isinstance(progress, Progress):
        return {progress.catalog.key: progress}
    return progress


def stats_table(
    progress: Progress | Mapping[str, Progress], names: Collection | None = None
) -> Table:
    """`stats`: per lead unit, then per section, those furthest behind first.

    Over a collection (each table's progress by key): units summed over the tables,
    sections per table.
    """
    from govopen_cli.queries.collection import collection_stats

    by_doc = _by_doc(progress)
    first = next(iter(by_doc.values()))
    catalog: Catalog | Collection = names if names is not None else first.catalog
    rows = []
    for by in ("unit", "section"):
        for counted in collection_stats(by_doc, by):
            tally = counted.tally
            rows.append(
                {
                    "doc": counted.doc,
                    "by": by,
                    "name": tally.name,
                    "tasks": tally.tasks,
                    "due": tally.due,
                    # without a ledger, what is done is unknown: null, not 0
                    "on_time": tally.on_time if tally.recorded else None,
                    "late": tally.late if tally.recorded else None,
                    "overdue": tally.overdue if tally.recorded else None,
                    "rate": None if tally.rate is None else round(tally.rate, 4),
                }
            )

    def name(row: dict[str, Any]) -> str:
        if row["by"] == "section":
            return f"{row['name']}、{by_doc[row['doc']].catalog.section(row['name']).title}"
        return catalog.short_name(row["name"])

    columns = (
        Column("by", msg.H_BY, lambda r: msg.BY_LABELS[r["by"]]),
        Column("name", msg.H_NAME, name, wrap=True),
        Column("tasks", msg.H_TASKS),
        Column("due", msg.H_DUE_SO_FAR),
        Column("on_time", msg.H_ON_TIME, lambda r: _count(r["on_time"])),
        Column("late", msg.H_LATE, lambda r: _count(r["late"])),
        Column(
            "overdue",
            msg.H_OVERDUE,
            lambda r: _count(r["overdue"]),
            style_of=lambda r: "bold red" if r["overdue"] else None,
        ),
        Column("rate", msg.H_RATE, lambda r: "—" if r["rate"] is None else f"{r['rate']:.0%}"),
    )
    caption = msg.STATS_CAPTION.format(date=first.as_of.isoformat())
    notes = ledger_notes(by_doc)
    return Table(msg.STATS_TITLE, columns, rows, caption=caption, notes=notes)


def _count(value: int | None) -> str:
    """A count, or — when it is unknown (no ledger)."""
    return "—" if value is None else str(value)

"""Layout: raw rows → task tables (title, sections, tasks), whatever the table's shape.

Decisions where the published tables are silent:

* A table starts at a header row (see `header`): a task column and a unit column are
  needed; without a time column the tasks are imported with an empty 工作进度 (said in
  the summary: they never appear in due/overdue); the rows above it since the last table
  are its title (附件N, the title, a notice's body text). A header row repeated with the
  same columns (a new page, or a table continued as a second Word table with its header)
  is skipped; a Word table with no header right after a task table, with the same width
  and no text between, continues it.
* A second copy of the same table (same title and columns: the PDF-extracted part of
  Meishan's text) is not imported twice: its rows are checked against the first copy.
  Any other table with a task header is another task table (the caller asks which).
  A table without a task header (a blank report form, 附件2) is reported, not imported.
* Sections: a row with one cell "一、…" (or "第一部分…"); "（一）…" rows under "一、" rows
  become sections "一（一）" titled "top——sub"; a vertically merged 类别 column gives
  sections numbered in order; in a two-level table without section rows, each upper-level
  cell (重点工作) is a section; with section rows, it goes into the task's note.
  A table without any of these has one section named after the table.
* The document year is the year in the title, else the earliest year in a time cell, else
  the first year written above the table (the summary asks the clerk to check a guess).
* 序号: the 序号 column, else a number opening the text ("1." "1、" "（1）"), else the
  row's place in order (said in the summary); a 序号 cell merged down over several rows
  numbers the upper level, so the tasks are numbered in order (said in the summary).
  Numbering that restarts at 1 in a new section is renumbered through (said in the
  summary); any other gap is an error.
* A row "注：…" ends the table; blank rows at the end are dropped; a blank row followed
  by more tasks is an error (a task whose cells were lost).
* A task whose time and unit cells all continue a vertical merge (or are blank right
  under a task) is `same_as` the task where the merge starts (Meishan's task 7); when only
  some do, the merged cell's text is copied and the note says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from govopen_cli import messages as msg
from govopen_cli.importing.budget import SourceError
from govopen_cli.importing.header import (
    Header,
    header_words,
    is_header_row,
    is_subheader,
    read_header,
)
from govopen_cli.importing.readers import TEXT, RawRow
from govopen_cli.table.text import join_wrapped, squeeze, unit_key

__all__ = ["SourceTable", "TaskRow", "build_tables", "join_units"]

_CN = "一二三四五六七八九十"
_SECTION = re.compile(rf"^(?:第([{_CN}]+)(?:部分|章|节)[、.．:：]?|([{_CN}]+)[、.．])\s*(.*)$")
_SUBSECTION = re.compile(rf"^[（(]([{_CN}]+)[）)]\s*(.+)$")
_ATTACHMENT = re.compile(r"^(附件\s*[0-9０-９]{0,2})(?![0-9０-９])")
_NUMBER_IN_TEXT = re.compile(r"^\s*(?:(\d{1,4})\s*[.、．]|[（(](\d{1,4})[）)])")
_NOTE_ROW = re.compile(r"^(?:注|备注|说明)\s*[:：]")
_UNIT_LABELS = {"units": "责任单位", "lead": "牵头单位", "support": "配合单位", "guide": "指导单位"}
_UNIT_FIELDS = ("lead", "units", "support", "guide")
_LABEL_START = re.compile(r"^(?:牵头|责任|配合|协助|协办|参与|指导)(?:单位|部门)?[:：]")
_CONTINUED = re.compile(r"^[（(]?续表?[）)]?$")


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
    note: str | None = None


@dataclass(slots=True)
class SourceTable:
    """A task table read from a source: title, sections, tasks, and what to tell the clerk."""

    header: Header
    title: str = ""
    attachment: str | None = None
    preamble: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    @property
    def place(self) -> str:
        return self.header.place


@dataclass(slots=True)
class _Candidate:
    header: Header
    preamble: list[RawRow]
    body: list[RawRow] = field(default_factory=list)
    grid: int = 0
    tail: list[str] = field(default_factory=list)


def _is_section(row: RawRow) -> bool:
    filled = row.filled()
    if len(filled) != 1:
        return False
    text = squeeze(filled[0])
    return bool(_SECTION.match(text) or _SUBSECTION.match(text))


def _header_rows(rows: list[RawRow], start: int) -> int:
    """How many rows the header starting at `start` takes (1, or 2-3 with sub-headers)."""
    end = start + 1
    while end < len(rows) and end - start < 3 and rows[end].grid == rows[start].grid:
        if not is_subheader(rows[end]) or (is_header_row(rows[end]) and end > start + 1):
            break
        end += 1
    return end - start


def _split(rows: list[RawRow]) -> tuple[list[_Candidate], list[str]]:
    """Candidates (a header and the rows under it), and notes on other tables."""
    candidates: list[_Candidate] = []
    pending: list[RawRow] = []
    others: list[str] = []
    current: _Candidate | None = None
    last_grid = 0
    index = 0
    while index < len(rows):
        row = rows[index]
        if is_header_row(row):
            taken = _header_rows(rows, index)
            header_rows = rows[index : index + taken]
            sample = [r for r in rows[index + taken : index + taken + 12] if not _is_section(r)]
            header = read_header(header_rows, sample)
            index += taken
            quiet = all(_CONTINUED.match(squeeze(" ".join(r.cells))) for r in pending)
            if current is not None and header.key() == current.header.key() and quiet:
                current.grid, pending = row.grid, []
                continue  # the header repeated on a new page
            if current is not None:
                current.tail = [r.place for r in pending]
            current = _Candidate(header, pending, grid=row.grid)
            candidates.append(current)
            pending = []
            continue
        index += 1
        if current is None:
            pending.append(row)
            continue
        if row.grid == TEXT:  # a text source: a table row by its content
            if _table_row(current, row):
                current.body.extend(pending)
                pending = []
                current.body.append(row)
            else:
                pending.append(row)
            continue
        if row.grid == current.grid and row.grid:
            current.body.append(row)
            continue
        quiet = all(_CONTINUED.match(squeeze(" ".join(r.cells))) for r in pending)
        fresh = row.grid and row.grid != last_grid and quiet
        if fresh and len(row.cells) == current.header.width and _looks_like_task(current, row):
            current.grid, pending = row.grid, []  # a Word table continued as another
            current.body.append(row)
        else:
            if row.grid and row.grid != last_grid and row.grid != current.grid:
                others.append(msg.IMPORT_OTHER_TABLE.format(place=row.place, first=_first(row)))
            pending.append(row)
        last_grid = row.grid or last_grid
    if current is not None and pending:
        current.tail = [r.place for r in pending]
    return candidates, others


def _first(row: RawRow) -> str:
    return "、".join(squeeze(c) for c in row.filled()[:4])[:60]


def _table_row(candidate: _Candidate, row: RawRow) -> bool:
    return _looks_like_task(candidate, row) or _is_section(row) or not row.filled()


def _looks_like_task(candidate: _Candidate, row: RawRow) -> bool:
    column = candidate.header.columns.get("id")
    if column is not None:
        number = squeeze(row.cells[column]) if column < len(row.cells) else ""
        return number.isdigit() and len(row.cells) > 1
    return len(row.filled()) >= 2 or _is_section(row)


def build_tables(rows: list[RawRow]) -> tuple[list[SourceTable], list[str]]:
    """Every task table in the rows (copies merged), and notes on what was left out."""
    candidates, others = _split(rows)
    if not candidates:
        bad = [
            r
            for r in rows
            if len(r.filled()) >= 2 and not r.filled()[0].isdigit() and header_words(r) >= 2
        ]
        if bad:
            raise SourceError(_bad_header_message(bad[0], None))
        raise SourceError(msg.IMPORT_NO_TABLE.format(found=_found(rows)))
    tables: list[SourceTable] = []
    for candidate in candidates:
        table = _read(candidate)
        copy_of = next(
            (t for t in tables if t.title == table.title and t.header.key() == table.header.key()),
            None,
        )
        if copy_of is not None:
            copy_of.notes.extend(_compare(copy_of, table))
            continue
        tables.append(table)
    return tables, others


def _found(rows: list[RawRow]) -> str:
    grids = sorted({r.grid for r in rows if r.grid > 0})
    if not grids:
        return msg.IMPORT_FOUND_NO_GRID.format(count=len(rows))
    firsts = []
    for grid in grids[:3]:
        first = next(r for r in rows if r.grid == grid and r.filled())
        firsts.append(msg.IMPORT_FOUND_GRID.format(place=first.place, cells=_first(first)))
    return "；".join(firsts)


def _bad_header_message(row: RawRow, header: Header | None) -> str:
    seen = "、".join(squeeze(c) for c in row.filled()) or "—"
    missing = []
    columns = header.columns if header is not None else {}
    if "text" not in columns:
        missing.append(msg.IMPORT_EXPECT_TEXT)
    if not any(k in columns for k in _UNIT_FIELDS):
        missing.append(msg.IMPORT_EXPECT_UNITS)
    return msg.IMPORT_BAD_HEADER.format(place=row.place, seen=seen, missing="；".join(missing))


def _read(candidate: _Candidate) -> SourceTable:
    header = candidate.header
    columns = header.columns
    if "text" not in columns or not any(k in columns for k in _UNIT_FIELDS):
        raise SourceError(_bad_header_message(header.rows[0], header))
    table = SourceTable(header)
    if "schedule" not in columns:
        table.review.append(msg.IMPORT_REVIEW_NO_SCHEDULE)
    heading_rows = [squeeze(" ".join(r.cells)) for r in candidate.preamble]
    heading_rows = [h for h in heading_rows if h and not _CONTINUED.match(h)]
    table.preamble = "".join(heading_rows)
    title: list[str] = []
    for line in _title_lines(heading_rows):
        match = _ATTACHMENT.match(line)
        if match and not title:
            table.attachment = squeeze(match.group(1))
            line = line[match.end() :].lstrip(":：")
        title.append(line)
    table.title = "".join(title)
    table.notes.append(msg.IMPORT_COLUMNS.format(place=header.place, columns=_columns(header)))
    _Reader(table, candidate).run()
    if candidate.tail:
        table.notes.append(msg.IMPORT_TRAILING.format(place=candidate.tail[0]))
    return table


def _title_lines(lines: list[str]) -> list[str]:
    """The title: the last lines above the table (附件N and the title), not a notice's body."""
    if not lines:
        return []
    kept: list[str] = []
    for line in reversed(lines):
        long_sentence = len(line) > 60 or line.endswith(("。", "：", ":"))
        if long_sentence or len(kept) >= 3:
            break
        kept.insert(0, line)
        if _ATTACHMENT.match(line):
            break
    return kept


def _columns(header: Header) -> str:
    parts = []
    for label, taken in header.describe():
        if label or taken:
            parts.append(f"{label or '（无表头）'}→{taken or msg.IMPORT_COLUMN_IGNORED}")
    return "，".join(parts)


def join_units(text: str) -> str:
    """A units cell's lines joined: a line break between names separates them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        depth = out.count("（") + out.count("(") - out.count("）") - out.count(")")
        if _LABEL_START.match(line):
            out += "；" + line
        elif depth > 0 or out.endswith(("、", "，", ",", "；", ";", "：", ":")):
            out += line
        else:
            out += "、" + line
    return squeeze(out)


class _Reader:
    """Reads the body rows of one table into sections and tasks."""

    def __init__(self, table: SourceTable, candidate: _Candidate) -> None:
        self.table = table
        self.candidate = candidate
        self.columns = candidate.header.columns
        self.section = ""
        self.top: tuple[str, str] | None = None
        self.area = ""
        self.category = ""
        self.previous: TaskRow | None = None
        self.merge_start: tuple[int, dict[str, str]] | None = None
        self.blank: RawRow | None = None
        self.renumber = False
        self.numbered_in_order = 0
        self.section_changed = False
        self.has_section_rows = any(_is_section(r) for r in candidate.body)
        id_column = self.columns.get("id")
        # 序号 merged down over several rows numbers the upper level (重点工作), not the tasks
        self.upper_numbers = id_column is not None and any(
            r.is_merged(id_column) for r in candidate.body
        )

    def run(self) -> None:
        for row in self.candidate.body:
            if self._note(row):
                break
            if not row.filled():
                self.blank = self.blank or row
                continue
            if _is_section(row):
                self._section_row(row)
                continue
            if self.blank is not None:
                raise SourceError(msg.IMPORT_EMPTY_ROW.format(place=self.blank.place))
            self._task(self._fit(row))
        if not self.table.tasks:
            raise SourceError(msg.IMPORT_NO_TASKS.format(place=self.table.place))
        before = next((t for t in self.table.tasks if not t.section), None)
        if before is not None and self.table.sections:
            raise SourceError(msg.IMPORT_NO_SECTION.format(place=before.place))
        if not self.table.sections:
            title = self.table.title or msg.IMPORT_WHOLE_TABLE
            self.table.sections.append(("一", title))
            for task in self.table.tasks:
                task.section = "一"
        if self.numbered_in_order:
            self.table.review.append(
                msg.IMPORT_REVIEW_NUMBERED.format(count=self.numbered_in_order)
            )
        if self.renumber:
            self.table.review.append(msg.IMPORT_REVIEW_RENUMBERED)
        if self.upper_numbers:
            self.table.review.append(msg.IMPORT_REVIEW_UPPER_NUMBERS)

    @staticmethod
    def _clean(row: RawRow, text: str) -> str:
        """A cell's text: wrapped lines joined; a text source's (PDF) stray spaces removed."""
        return squeeze(text) if row.grid == TEXT else join_wrapped(text)

    def _fit(self, row: RawRow) -> RawRow:
        """A PDF-extracted text row with surplus cells: the surplus belongs to the time column
        ("202 1 年底前   建立制度" is broken by the extraction)."""
        width = self.candidate.header.width
        at = self.columns.get("schedule")
        if row.grid != TEXT or len(row.cells) <= width or at is None:
            return row
        surplus = len(row.cells) - width
        cells = list(row.cells)
        cells[at : at + surplus + 1] = ["".join(cells[at : at + surplus + 1])]
        return RawRow(tuple(cells), row.place, grid=row.grid)

    def _note(self, row: RawRow) -> bool:
        filled = row.filled()
        if len(filled) == 1 and _NOTE_ROW.match(squeeze(filled[0])):
            self.table.notes.append(msg.IMPORT_NOTE_ROW.format(place=row.place))
            return True
        return False

    def _add_section(self, section_id: str, title: str) -> None:
        ids = {s for s, _ in self.table.sections}
        base, n = section_id, 2
        while section_id in ids:
            section_id, n = f"{base}-{n}", n + 1
        self.table.sections.append((section_id, title or section_id))
        self.section = section_id
        self.section_changed = True

    def _section_row(self, row: RawRow) -> None:
        text = squeeze(row.filled()[0])
        sub = _SUBSECTION.match(text)
        if sub and self.top is not None:
            self._add_section(f"{self.top[0]}（{sub.group(1)}）", f"{self.top[1]}——{sub.group(2)}")
            if self.table.sections[-2:-1] == [self.top] and not self._has_tasks(self.top[0]):
                self.table.sections.remove(self.top)
            return
        if sub:
            self._add_section(sub.group(1), sub.group(2))
            return
        top = _SECTION.match(text)
        assert top is not None
        self._add_section(top.group(1) or top.group(2), top.group(3))
        self.top = self.table.sections[-1]

    def _has_tasks(self, section_id: str) -> bool:
        return any(t.section == section_id for t in self.table.tasks)

    def _cell(self, row: RawRow, name: str) -> tuple[str, bool]:
        index = self.columns.get(name)
        if index is None or index >= len(row.cells):
            return "", False
        return row.cells[index], row.is_merged(index)

    def _carried(self, row: RawRow, name: str, current: str) -> str:
        text, merged = self._cell(row, name)
        text = join_wrapped(text)
        return current if (merged or not text) else text

    def _task(self, row: RawRow) -> None:
        category = (
            self._carried(row, "category", self.category) if "category" in self.columns else ""
        )
        if category and category != self.category:
            self.category = category
            found = _SECTION.match(category)
            if found:
                self._add_section(found.group(1) or found.group(2), found.group(3))
            else:
                self._add_section(_cn_number(len(self.table.sections) + 1), category)
        note: list[str] = []
        if "area" in self.columns:
            area = self._carried(row, "area", self.area)
            if area != self.area and area:
                self.area = area
                if not self.has_section_rows and "category" not in self.columns:
                    found = _SECTION.match(area) or None
                    section_id = (found.group(1) or found.group(2)) if found else None
                    title = found.group(3) if found else area
                    self._add_section(section_id or _cn_number(len(self.table.sections) + 1), title)
            if self.area and (self.has_section_rows or "category" in self.columns):
                note.append(msg.IMPORT_AREA_NOTE.format(area=self.area))
        text = self._clean(row, self._cell(row, "text")[0])
        if not text:
            raise SourceError(msg.IMPORT_NO_TEXT.format(place=row.place))
        task_id = self._id(row, text)
        schedule, units, same_as, copied = self._shared(row, task_id)
        if copied:
            note.append(msg.IMPORT_COPIED_NOTE.format(id=copied))
        task = TaskRow(
            task_id,
            self.section,
            text,
            schedule,
            units,
            row.place,
            same_as,
            "；".join(note) or None,
        )
        self.table.tasks.append(task)
        self.previous = task
        self.section_changed = False

    def _id(self, row: RawRow, text: str) -> int:
        expected = self.previous.id + 1 if self.previous else 1
        written = squeeze(self._cell(row, "id")[0]) if not self.upper_numbers else ""
        if not written.isdigit():
            found = _NUMBER_IN_TEXT.match(text)
            written = (found.group(1) or found.group(2)) if found else ""
        if not written.isdigit():
            self.numbered_in_order += 1
            return expected
        number = int(written)
        if self.renumber:
            return expected
        if number == expected:
            return number
        if number == 1 and self.previous is not None and self.section_changed:
            self.renumber = True
            return expected
        raise SourceError(
            msg.IMPORT_OUT_OF_SEQUENCE.format(place=row.place, id=number, expected=expected)
        )

    def _shared(self, row: RawRow, task_id: int) -> tuple[str, str, int | None, int | None]:
        """Time and units text, the task this one is `same_as`, the task a cell was copied from."""
        fields = [f for f in ("schedule", *_UNIT_FIELDS) if f in self.columns]
        raw = {f: self._cell(row, f) for f in fields}
        start = self.merge_start
        if start is not None and all(merged or not text.strip() for text, merged in raw.values()):
            return "", "", start[0], None
        copied: int | None = None
        values: dict[str, str] = {}
        for name, (text, merged) in raw.items():
            if merged and start is not None:
                values[name] = start[1].get(name, "")
                copied = start[0]
            else:
                values[name] = self._clean(row, text) if name == "schedule" else join_units(text)
        if copied is None:
            self.merge_start = (task_id, values)
        schedule = values.get("schedule", "")
        parts = [(n, values[n]) for n in _UNIT_FIELDS if values.get(n)]
        if len(parts) == 1 and parts[0][0] in ("units", "lead"):
            units = parts[0][1]
        else:
            units = "；".join(f"{_UNIT_LABELS[n]}：{v}" for n, v in parts)
        return schedule, units, None, copied


def _cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一."""
    if n <= 10:
        return "〇一二三四五六七八九十"[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else "〇一二三四五六七八九"[tens]
    return head + "十" + ("" if ones == 0 else "〇一二三四五六七八九"[ones])


def _compare(first: SourceTable, other: SourceTable) -> Iterator[str]:
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
    place = other.tasks[0].place if other.tasks else other.place
    yield msg.IMPORT_COPY_CHECKED.format(place=place, count=len(other.tasks), same=same)

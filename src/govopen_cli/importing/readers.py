"""Readers: a text, .docx or .xlsx source → raw rows, within the bounds of `limits`.

Every row keeps the grid's columns (a horizontally merged cell leaves empty positions
marked `spanned`; a vertically merged one leaves empty positions marked `merged`), so
a two-row header and the rows under it line up. `grid` says which Word table or sheet a
row belongs to (0: text outside any table: a title, a paragraph, a text source).

* Text: a tab starts a cell, a line without a tab continues the cell before it (a line
  break inside a cell is not a separator), a blank line ends a row. A line without tabs
  but with runs of two or more spaces is the PDF-extracted form: one row per line, cells
  split on the runs.
* .docx: the WordprocessingML is read as a stream (lxml iterparse, no DTD, no entities,
  no network), one pass, so a 20,000-row vertical merge costs what 20,000 rows cost.
* .xlsx: openpyxl in read-only mode, every sheet in order; merged ranges are read from
  the sheet's XML first (openpyxl would make an object per merged position).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from govopen_cli import messages as msg
from govopen_cli.importing import limits
from govopen_cli.importing.budget import Package, SourceError, read_text_source
from govopen_cli.record import record
from govopen_cli.table.text import join_wrapped

__all__ = ["TEXT", "RawRow", "read_rows", "text_rows"]

TEXT = -1
"""The `grid` of every row of a text source: table rows are told apart by their content."""

_SPACES = re.compile(r" {2,}|\u3000+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@record
class RawRow:
    """One row of the source: cells (one per grid column), place, merge marks, grid."""

    cells: tuple[str, ...]
    place: str
    merged: tuple[bool, ...] = ()
    spanned: tuple[bool, ...] = ()
    grid: int = 0

    def is_merged(self, index: int) -> bool:
        """True when the cell continues a vertical merge from the row above."""
        return index < len(self.merged) and self.merged[index]

    def is_spanned(self, index: int) -> bool:
        """True when the cell continues a horizontal merge from the cell on its left."""
        return index < len(self.spanned) and self.spanned[index]

    def filled(self) -> list[str]:
        """The cell texts that are not blank."""
        return [c for c in self.cells if c.strip()]


class _Counter:
    """Rows and cells read so far, refused past the limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows = 0
        self.cells = 0

    def row(self, width: int) -> None:
        self.rows += 1
        self.cells += width
        if width > limits.MAX_COLUMNS:
            raise SourceError(
                msg.IMPORT_TOO_MANY.format(
                    path=self.path, what=msg.IMPORT_WHAT_COLUMNS, limit=limits.MAX_COLUMNS
                )
            )
        if self.rows > limits.MAX_ROWS:
            raise SourceError(
                msg.IMPORT_TOO_MANY.format(
                    path=self.path, what=msg.IMPORT_WHAT_ROWS, limit=limits.MAX_ROWS
                )
            )
        if self.cells > limits.MAX_CELLS:
            raise SourceError(
                msg.IMPORT_TOO_MANY.format(
                    path=self.path, what=msg.IMPORT_WHAT_CELLS, limit=limits.MAX_CELLS
                )
            )


def read_rows(path: Path) -> list[RawRow]:
    """Raw rows of a .docx, .xlsx or text source; SourceError past a bound or if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_rows(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    raw = read_text_source(path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=msg.IMPORT_UTF16))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text_rows(text, path.name, _Counter(path))
    raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=msg.IMPORT_ENCODING))


def text_rows(text: str, name: str, counter: _Counter | None = None) -> list[RawRow]:
    """Rows of text copied from a table (tab-led cells, or the PDF-extracted form)."""
    rows: list[RawRow] = _CountedRows(counter) if counter is not None else []
    cells: list[list[str]] = []
    start = 0
    tabbed = False

    def flush() -> None:
        if cells:
            texts = tuple(join_wrapped("\n".join(c)) for c in cells)
            rows.append(RawRow(texts, f"{name}:{start}", grid=TEXT))
            cells.clear()

    for number, line in enumerate(_lines(text), start=1):
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
            if counter is not None and len(cells) > limits.MAX_COLUMNS:
                counter.row(len(cells))
        elif _SPACES.search(line.strip()):
            flush()
            parts = [p.strip() for p in _SPACES.split(line.strip()) if p.strip()]
            rows.append(RawRow(tuple(parts), f"{name}:{number}", grid=TEXT))
        elif cells:
            cells[-1].append(line)
        else:
            start, tabbed = number, False
            cells.append([line])
    flush()
    return rows


def _lines(text: str) -> Iterator[str]:
    """The lines of a text one by one (splitlines would copy a 32 MiB source at once)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end].rstrip("\r")
        start = end + 1


class _CountedRows(list[RawRow]):
    """A list of rows that counts each row appended against the limits."""

    def __init__(self, counter: _Counter) -> None:
        super().__init__()
        self.counter = counter

    def append(self, row: RawRow) -> None:
        self.counter.row(len(row.cells))
        super().append(row)


# --- Word ------------------------------------------------------------------------------


def _paragraph_text(element: Any) -> str:
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs, one line each (nested tables' text included)."""
    return "\n".join(_paragraph_text(p) for p in tc.iter(f"{_W}p"))


def _int_value(node: Any, default: int) -> int:
    try:
        return max(0, int(node.get(f"{_W}val", default)))
    except ValueError:
        return default


def _cell_properties(tc: Any) -> tuple[int, bool]:
    """(columns the cell spans, True when it continues a vertical merge)."""
    span, continues = 1, False
    first = tc[0] if len(tc) else None
    if first is not None and first.tag == f"{_W}tcPr":
        for node in first:
            if node.tag == f"{_W}gridSpan":
                span = max(1, _int_value(node, 1))
            elif node.tag == f"{_W}vMerge":
                continues = node.get(f"{_W}val", "continue") == "continue"
    return span, continues


def _grid_before(tr: Any) -> int:
    first = tr[0] if len(tr) else None
    if first is not None and first.tag == f"{_W}trPr":
        for node in first:
            if node.tag == f"{_W}gridBefore":
                return _int_value(node, 0)
    return 0


def _release(element: Any) -> None:
    """Free a handled element and the siblings before it (iterparse keeps them otherwise)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _docx_rows(path: Path) -> list[RawRow]:
    from lxml import etree

    package = Package(path)
    try:
        stream = package.open("word/document.xml")
        return list(_docx_body(etree, stream, path, _Counter(path)))
    except etree.XMLSyntaxError as exc:
        last = exc.error_log.last_error if exc.error_log else None
        reason = f"word/document.xml:{last.line}:{last.column}: {last.message}" if last else exc
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=reason)) from exc
    finally:
        package.close()


def _docx_body(etree: Any, stream: Any, path: Path, counter: _Counter) -> Iterator[RawRow]:
    """Rows of the body's tables and paragraphs, in order, from one pass over the XML.

    Only end events of w:p, w:tr and w:tbl are asked for; a row is read when it ends (its
    cells are its children), then dropped, so memory stays that of one row.
    """
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=(f"{_W}tbl", f"{_W}tr", f"{_W}p"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    body = f"{_W}body"
    tables = paragraphs = row_number = 0
    current: Any = None  # the top-level table being read
    for _, element in events:
        parent = element.getparent()
        tag = element.tag
        if tag == f"{_W}p":
            if parent is None or parent.tag != body:
                continue  # a paragraph inside a cell: read with its row
            paragraphs += 1
            text = _paragraph_text(element).strip()
            _release(element)
            if text:
                counter.row(1)
                place = f"{path.name}:" + msg.IMPORT_PARAGRAPH_PLACE.format(number=paragraphs)
                yield RawRow((text,), place)
        elif tag == f"{_W}tr":
            if parent is None or parent.getparent() is None or parent.getparent().tag != body:
                continue  # a row of a table nested in a cell
            if parent is not current:
                current, tables, row_number = parent, tables + 1, 0
            row_number += 1
            texts, merged, spanned = _docx_row(element, counter)
            _release(element)
            counter.row(len(texts))
            place = f"{path.name}:" + msg.IMPORT_DOCX_PLACE.format(table=tables, row=row_number)
            yield RawRow(tuple(texts), place, tuple(merged), tuple(spanned), tables)
        elif parent is not None and parent.tag == body:
            _release(element)  # a finished top-level table


def _docx_row(tr: Any, counter: _Counter) -> tuple[list[str], list[bool], list[bool]]:
    """A Word row on the grid: texts, continues-a-vertical-merge, continues-a-span."""
    before = _grid_before(tr)
    texts: list[str] = [""] * before
    merged: list[bool] = [False] * before
    spanned: list[bool] = [False] * before
    for tc in tr.iterchildren(f"{_W}tc"):
        span, continues = _cell_properties(tc)
        if len(texts) + span > limits.MAX_COLUMNS:
            counter.row(len(texts) + span)
        text = "" if continues else _cell_text(tc)
        for i in range(span):
            texts.append(text if i == 0 else "")
            merged.append(continues)
            spanned.append(i > 0)
    return texts, merged, spanned


# --- Excel -----------------------------------------------------------------------------


def _merged_ranges(
    package: Package, part: str, path: Path
) -> dict[int, list[tuple[int, int, int]]]:
    """Merged ranges of one sheet by row: row → [(first col, last col, top row)]."""
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    by_row: dict[int, list[tuple[int, int, int]]] = {}
    area = 0
    with package.open(part) as stream:
        for _, element in etree.iterparse(
            stream,
            events=("end",),
            tag=f"{_S}mergeCell",
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        ):
            ref = element.get("ref", "")
            element.clear()
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if None in (min_col, min_row, max_col, max_row):
                continue
            assert min_col and min_row and max_col and max_row
            area += (max_col - min_col + 1) * (max_row - min_row + 1)
            if area > limits.MAX_MERGED_AREA:
                raise SourceError(
                    msg.IMPORT_MERGED_TOO_BIG.format(
                        path=path, ref=ref, limit=limits.MAX_MERGED_AREA
                    )
                )
            for row in range(min_row, max_row + 1):
                by_row.setdefault(row, []).append((min_col, max_col, min_row))
    return by_row


def _xlsx_rows(path: Path) -> list[RawRow]:
    package = Package(path)
    try:
        for name in list(package.infos):
            if name.endswith((".xml", ".rels")):
                with package.open(name) as stream:  # refuses DTDs, counts the budget
                    while stream.read(1 << 20):
                        pass
        package.spent = 0
        return _xlsx_sheets(path, package)
    finally:
        package.close()


def _xlsx_sheets(path: Path, package: Package) -> list[RawRow]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a corrupt workbook
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc)) from exc
    counter = _Counter(path)
    rows: list[RawRow] = []
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            part = getattr(sheet, "_worksheet_path", "")
            ranges = _merged_ranges(package, part, path) if package.has(part) else {}
            sheet_rows: list[RawRow] = []
            # a stated dimension A1:XFD1048576 would pad every row to 16,384 cells: at most
            # one column past the limit is read, enough to refuse a row that is too wide
            width = min(sheet.max_column or limits.MAX_COLUMNS + 1, limits.MAX_COLUMNS + 1)
            for r_index, values in enumerate(
                sheet.iter_rows(values_only=True, max_col=width), start=1
            ):
                cells = list(values)
                while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
                    cells.pop()
                for _, last, _ in ranges.get(r_index, ()):
                    if last > len(cells):
                        cells.extend([None] * (last - len(cells)))
                counter.row(len(cells))
                merged = [False] * len(cells)
                spanned = [False] * len(cells)
                for first, last, top in ranges.get(r_index, ()):
                    for col in range(first, min(last, len(cells)) + 1):
                        if r_index > top:
                            merged[col - 1] = True
                        elif col > first:
                            spanned[col - 1] = True
                texts = tuple("" if v is None else _excel_text(v) for v in cells)
                place = f"{path.name}:" + msg.IMPORT_XLSX_PLACE.format(
                    sheet=sheet.title, row=r_index
                )
                sheet_rows.append(RawRow(texts, place, tuple(merged), tuple(spanned), number))
            while sheet_rows and not sheet_rows[-1].filled():
                sheet_rows.pop()
            rows.extend(sheet_rows)
    except SourceError:
        raise
    except Exception as exc:  # a corrupt sheet: openpyxl and its XML parser raise many kinds
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc)) from exc
    finally:
        book.close()
    return rows


def _excel_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return f"{value.year}年{value.month}月{value.day}日"  # a date typed as a date
    return str(value).replace("\r\n", "\n").strip("\n")

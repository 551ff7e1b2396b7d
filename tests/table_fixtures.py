"""Build Word and Excel task tables for the import tests and the README example."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

Row = list[str]


def build_docx(
    path: Path,
    title: list[str],
    pages: list[list[Row]],
    merges: Sequence[tuple[int, int, int, int]] = (),
) -> Path:
    """A .docx with title paragraphs and one table per page (each page starts with its header).

    A row of one cell is a section row spanning the table; merges are
    (page, first row, last row, column) vertical merges, rows counted from 0 on the page.
    """
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for line in title:
        document.add_paragraph(line)
    width = len(pages[0][0])
    for number, page in enumerate(pages):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = document.add_table(rows=len(page), cols=width)
        for r, row in enumerate(page):
            if len(row) == 1:
                cell = table.cell(r, 0).merge(table.cell(r, width - 1))
                cell.text = row[0]
                continue
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for page_no, first, last, column in merges:
            if page_no == number:
                table.cell(first, column).merge(table.cell(last, column))
    document.save(str(path))
    return path


def build_xlsx(
    path: Path,
    rows: list[Row],
    merges: Sequence[str] = (),
) -> Path:
    """A .xlsx with these rows from A1 (a one-cell row spans the header's width)."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    width = max(len(r) for r in rows)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=int(text) if text.isdigit() else (text or None))
        if len(row) == 1 and r > 1 and width > 1:
            sheet.merge_cells(f"A{r}:{get_column_letter(width)}{r}")
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(str(path))
    return path


def docx_document(path: Path, blocks: list[object]) -> Path:
    """A .docx from blocks: a str is a paragraph ("<PAGE>" a page break); a dict is a table.

    A table is {"rows": [[cell, …], …], "h": [(row, first col, last col)], "v": [(col,
    first row, last row)]}: cells merged across (h) or down (v); the merged-away cells are
    written empty, as Word leaves them.
    """
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            if block == "<PAGE>":
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            else:
                document.add_paragraph(block)
            continue
        assert isinstance(block, dict)
        rows: list[Row] = block["rows"]
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    lines = text.split("\n")
                    cell = table.cell(r, c)
                    cell.text = lines[0]
                    for line in lines[1:]:
                        cell.add_paragraph(line)
        for r, first, last in block.get("h", []):
            table.cell(r, first).merge(table.cell(r, last))
        for c, first, last in block.get("v", []):
            table.cell(first, c).merge(table.cell(last, c))
    document.save(str(path))
    return path


def xlsx_book(path: Path, sheets: list[tuple[str, list[Row], list[str]]]) -> Path:
    """A .xlsx with these sheets: (title, rows from A1, merged ranges such as "A3:A5")."""
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows, merges in sheets:
        sheet = book.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row, start=1):
                value: object = int(text) if text.isdigit() else (text or None)
                sheet.cell(row=r, column=c, value=value)
        for cells in merges:
            sheet.merge_cells(cells)
    book.save(str(path))
    return path

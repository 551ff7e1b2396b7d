"""Reading a filled 进展报送表 back: its identity and its rows, within fixed bounds.

A form may come back renamed, re-saved by WPS or LibreOffice (which may reorder or
add sheets, drop the hidden sheet's state, turn date cells into numbers), or be a
hostile file. Before openpyxl sees it the zip is measured (file size, members, their
unpacked sizes and ratios); a file beyond the bounds is refused with one message.
Columns are found by their headers, not their positions. Checking the rows is
`checks.forms`.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govopen_cli import messages as msg
from govopen_cli.checks.forms import (
    CELL_TYPES,
    FORM_HEADS,
    IDENTITY_NAME,
    IDENTITY_SHEET,
    Cell,
    FilledForm,
    FormIdentity,
    FormRefused,
    FormRow,
)

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
"""A member unpacking to more than this many times its packed size (and over 1 MB) is a bomb."""
MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_SHEETS = 50
HEAD_SEARCH_ROWS = 20


def read_form(path: Path) -> FilledForm:
    """A form's identity and data rows; FormRefused (one message) if it cannot be read."""
    _check_bounds(path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise FormRefused(msg.FORM_UNREADABLE.format(reason=type(exc).__name__)) from None
    try:
        return _read(book, path)
    except FormRefused:
        raise
    except Exception as exc:
        raise FormRefused(msg.FORM_UNREADABLE.format(reason=type(exc).__name__)) from None
    finally:
        book.close()


def _check_bounds(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise FormRefused(msg.FORM_UNREADABLE.format(reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):  # a folder, a pipe or a device: never opened
        raise FormRefused(msg.FORM_NOT_XLSX)
    if info.st_size > MAX_FILE_BYTES:
        raise FormRefused(msg.FORM_TOO_BIG.format(what=msg.FORM_BOUND_FILE))
    if not zipfile.is_zipfile(path):
        raise FormRefused(msg.FORM_NOT_XLSX)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FormRefused(msg.FORM_NOT_XLSX) from None
    if len(members) > MAX_MEMBERS:
        raise FormRefused(msg.FORM_TOO_BIG.format(what=msg.FORM_BOUND_MEMBERS))
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if (
            member.file_size > MAX_MEMBER_BYTES
            or total > MAX_UNPACKED_BYTES
            or (member.file_size > 1024 * 1024 and member.file_size / packed > MAX_RATIO)
        ):
            raise FormRefused(msg.FORM_TOO_BIG.format(what=msg.FORM_BOUND_UNPACKED))


def _read(book: Workbook, path: Path) -> FilledForm:
    if len(book.sheetnames) > MAX_SHEETS:
        raise FormRefused(msg.FORM_TOO_BIG.format(what=msg.FORM_BOUND_SHEETS))
    identity = _identity(book)
    for sheet in book.worksheets:
        if sheet.title == IDENTITY_SHEET:
            continue
        found = _data_rows(sheet)
        if found is not None:
            return FilledForm(path.name, sheet.title, identity, tuple(found))
    raise FormRefused(msg.FORM_NO_TABLE)


def _identity(book: Workbook) -> FormIdentity | None:
    """The identity from the hidden sheet (by name, else any sheet's A1), else the defined name."""
    first = [IDENTITY_SHEET] if IDENTITY_SHEET in book.sheetnames else []
    for name in first + [n for n in book.sheetnames if n != IDENTITY_SHEET]:
        sheet: Any = book[name]
        if not hasattr(sheet, "iter_rows"):
            continue  # a chart sheet
        for row in sheet.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True):
            if row and isinstance(row[0], str):
                found = FormIdentity.parse(row[0])
                if found is not None:
                    return found
    defined = book.defined_names.get(IDENTITY_NAME)
    if defined is not None and defined.attr_text:
        text = defined.attr_text.strip()
        if text.startswith("="):
            text = text[1:]
        if len(text) >= 2 and text[0] == text[-1] == '"':
            return FormIdentity.parse(text[1:-1].replace('""', '"'))
    return None


def _data_rows(sheet: Any) -> list[FormRow] | None:
    """The rows under the form's header row, columns found by header; None if no header."""
    heads: dict[str, int] | None = None
    rows: list[FormRow] = []
    count = 0
    for number, values in enumerate(
        sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
    ):
        if heads is None:
            if number > HEAD_SEARCH_ROWS:
                return None
            texts = [str(v).strip() if v is not None else "" for v in values]
            if all(h in texts for h in FORM_HEADS):
                heads = {h: texts.index(h) for h in FORM_HEADS}
            continue
        count += 1
        if count > MAX_ROWS:
            raise FormRefused(msg.FORM_TOO_BIG.format(what=msg.FORM_BOUND_ROWS))
        cells = [_cell(values, heads[h]) for h in FORM_HEADS]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        task, milestone, _, _, _, _, status, date, note, evidence = cells
        rows.append(FormRow(number, task, milestone, status, date, note, evidence))
    return rows if heads is not None else None


def _cell(values: tuple[Any, ...], index: int) -> Cell:
    value = values[index] if index < len(values) else None
    return value if value is None or isinstance(value, CELL_TYPES) else str(value)

"""The 进展报送表 (reporting form): one xlsx per lead unit, listing what it owes.

The task columns are locked (the sheet is protected without a password, so a unit can
still resize columns); the unit fills 完成情况 (a drop-down), 日期, 说明 and 佐证. The
form carries its table's identity (`checks.forms.FormIdentity`) in a hidden sheet and
in a defined name, so it is recognised on return even after WPS or LibreOffice saved
it again. Printable on A4 landscape like the other xlsx exports.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from govopen_cli import messages as msg
from govopen_cli.checks.forms import (
    FORM_HEADS,
    IDENTITY_NAME,
    IDENTITY_SHEET,
    WHOLE_TASK,
    FormIdentity,
)
from govopen_cli.queries.round import UnitDue
from govopen_cli.render.exports import _print_setup, _row_height, _styles, milestone_title
from govopen_cli.table.catalog import Catalog

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEAD_ROW = 4
"""The header row; data rows follow it."""
FORM_WIDTHS = (6.0, 6.0, 11.0, 30.0, 40.0, 11.0, 10.0, 12.0, 24.0, 22.0)
FILLED_FROM = 7
"""The first column (1-based) the unit fills: 完成情况, 日期, 说明, 佐证."""
FILL_COLOUR = "FFF2CC"


def form_xlsx(catalog: Catalog, owed: UnitDue, identity: FormIdentity, as_of: dt.date) -> bytes:
    """One unit's form as xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.workbook.defined_name import DefinedName

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = msg.FORM_SHEET
    _form_sheet(sheet, catalog, owed, as_of)
    hidden = book.create_sheet(IDENTITY_SHEET)
    hidden["A1"] = identity.text()
    hidden["A2"] = msg.FORM_IDENTITY_NOTE
    hidden.sheet_state = "hidden"
    quoted = identity.text().replace('"', '""')
    book.defined_names[IDENTITY_NAME] = DefinedName(IDENTITY_NAME, attr_text=f'"{quoted}"')
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _form_sheet(sheet: Worksheet, catalog: Catalog, owed: UnitDue, as_of: dt.date) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    style = _styles()
    doc = catalog.document
    last = get_column_letter(len(FORM_HEADS))
    sheet["A1"] = msg.FORM_TITLE.format(unit=owed.unit)
    sheet["A1"].font, sheet["A1"].alignment = style["title"], style["centre"]
    sheet.merge_cells(f"A1:{last}1")
    sheet.row_dimensions[1].height = 28
    title = f"{doc.title}（{doc.attachment}）" if doc.attachment else doc.title
    sheet["A2"] = msg.FORM_SUBTITLE.format(title=title, date=as_of.isoformat())
    sheet.merge_cells(f"A2:{last}2")
    sheet["A3"] = msg.FORM_HOW_TO
    sheet["A3"].alignment = style["wrap"]
    sheet.merge_cells(f"A3:{last}3")
    sheet.row_dimensions[3].height = 48
    for col, (head, width) in enumerate(zip(FORM_HEADS, FORM_WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEAD_ROW, col, head)
        cell.font, cell.alignment = style["bold"], style["centre"]
        cell.fill, cell.border = style["head_fill"], style["border"]
        sheet.column_dimensions[get_column_letter(col)].width = width
    fill = PatternFill("solid", fgColor=FILL_COLOUR)
    open_cell = Protection(locked=False)
    row = HEAD_ROW
    for item in owed.items:
        row += 1
        view = item.view
        what = milestone_title(view, item.number) if item.number else item.deliverable
        state = (
            msg.FORM_STATE_OVERDUE.format(days=-item.days_left)
            if item.days_left < 0
            else msg.FORM_STATE_LEFT.format(days=item.days_left)
        )
        reported = owed.reported.get((view.id, item.number))
        if reported is not None:
            state += msg.NOTICE_REPORTED.format(status=msg.STATUS_LABELS[reported])
        values: list[Any] = [
            view.id,
            item.number or WHOLE_TASK,
            item.due,
            what or view.schedule_text,
            view.text,
            state,
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col, value)
            cell.border = style["border"]
            cell.alignment = style["wrap"] if col in (4, 5) else style["centre"]
            if col == 3:
                cell.number_format = "yyyy-mm-dd"
        for col in range(FILLED_FROM, len(FORM_HEADS) + 1):
            blank = sheet.cell(row, col)
            blank.border, blank.fill, blank.protection = style["border"], fill, open_cell
            blank.alignment = Alignment(vertical="top", wrap_text=True)
            if col == FILLED_FROM + 1:
                blank.number_format = "yyyy-mm-dd"
        sheet.row_dimensions[row].height = _row_height(
            [str(values[3]), str(values[4])], FORM_WIDTHS[3:5]
        )
    if row > HEAD_ROW:
        status_col = get_column_letter(FILLED_FROM)
        date_col = get_column_letter(FILLED_FROM + 1)
        labels = ",".join(msg.STATUS_LABELS.values())
        choose = DataValidation(
            type="list", formula1=f'"{labels}"', allow_blank=True, showErrorMessage=True
        )
        choose.error, choose.errorTitle = msg.FORM_STATUS_ERROR, msg.FORM_H_STATUS
        choose.add(f"{status_col}{HEAD_ROW + 1}:{status_col}{row}")
        dated = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="36526",  # 2000-01-01
            allow_blank=True,
            showErrorMessage=True,
        )
        dated.error, dated.errorTitle = msg.FORM_DATE_ERROR, msg.FORM_H_DATE
        dated.add(f"{date_col}{HEAD_ROW + 1}:{date_col}{row}")
        sheet.add_data_validation(choose)
        sheet.add_data_validation(dated)
    sheet.freeze_panes = f"A{HEAD_ROW + 1}"
    _print_setup(sheet, f"{HEAD_ROW}:{HEAD_ROW}")
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False

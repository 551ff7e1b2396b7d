"""The 督办通知 (notice to a late unit): a .docx, or plain text for e-mail or a messaging app.

A notice states its basis. With a ledger it says what the ledger shows: milestones
not reported done by their deadline. Without one it accuses nobody: it says that no
progress has been recorded and asks the unit to report on the milestones the table
sets (`has_ledger`).
"""

from __future__ import annotations

import datetime as dt
import io

from govopen_cli import messages as msg
from govopen_cli.queries.questions import DueItem
from govopen_cli.queries.round import UnitDue
from govopen_cli.record import record
from govopen_cli.render.exports import milestone_title
from govopen_cli.table.catalog import Catalog


@record
class NoticeInfo:
    """What every notice of one run shares."""

    as_of: dt.date
    reply_by: dt.date
    warn_days: int
    office: str | None
    contact: str | None
    has_ledger: bool


def chinese_date(day: dt.date) -> str:
    """2022年4月1日, as official documents write dates."""
    return f"{day.year}年{day.month}月{day.day}日"


def _source(catalog: Catalog) -> str:
    doc = catalog.document
    return f"《{doc.title}》（{doc.attachment}）" if doc.attachment else f"《{doc.title}》"


def _state(item: DueItem, has_ledger: bool, reported: str | None = None) -> str:
    if item.days_left < 0:
        label = msg.NOTICE_OVERDUE if has_ledger else msg.NOTICE_PAST_DUE
        text = label.format(days=-item.days_left)
    else:
        text = msg.NOTICE_DAYS_LEFT.format(days=item.days_left)
    if reported is not None:
        text += msg.NOTICE_REPORTED.format(status=msg.STATUS_LABELS[reported])
    return text


def notice_paragraphs(catalog: Catalog, owed: UnitDue, info: NoticeInfo) -> list[str]:
    """The notice's body paragraphs (the table of milestones goes after the first)."""
    source = _source(catalog)
    office = info.office or msg.NOTICE_OFFICE_BLANK
    if info.has_ledger:
        counts = []
        if owed.overdue:
            counts.append(msg.NOTICE_BODY_OVERDUE.format(count=len(owed.overdue)))
        if owed.due_soon:
            counts.append(
                msg.NOTICE_BODY_SOON.format(count=len(owed.due_soon), days=info.warn_days)
            )
        opening = msg.NOTICE_BODY.format(
            source=source, date=chinese_date(info.as_of), counts="，".join(counts)
        )
    else:
        opening = msg.NOTICE_BODY_NO_LEDGER.format(
            source=source, date=chinese_date(info.as_of), count=len(owed.items)
        )
    request = msg.NOTICE_REQUEST.format(reply_by=chinese_date(info.reply_by), office=office)
    return [opening, request]


def notice_rows(owed: UnitDue, has_ledger: bool) -> list[tuple[str, str, str, str, str]]:
    """序号 / 节点 / 截止日期 / 节点内容 / 情况: one row per milestone, most overdue first."""
    return [
        (
            str(item.view.id),
            str(item.number) if item.number and len(item.view.schedule.milestones) > 1 else "",
            item.due.isoformat(),
            milestone_title(item.view, item.number) if item.number else item.deliverable,
            _state(item, has_ledger, owed.reported.get((item.view.id, item.number))),
        )
        for item in sorted(owed.items, key=lambda i: (i.due, i.view.id, i.number or 0))
    ]


NOTICE_HEADS = (
    msg.H_SOURCE_ID,
    msg.FORM_H_MILESTONE,
    msg.FORM_H_DUE,
    msg.FORM_H_WHAT,
    msg.NOTICE_H_STATE,
)


def notice_text(catalog: Catalog, owed: UnitDue, info: NoticeInfo) -> str:
    """The notice as plain text: paste it into an e-mail or a messaging app."""
    opening, request = notice_paragraphs(catalog, owed, info)
    lines = [msg.NOTICE_TITLE, "", f"{owed.unit}：", "", f"    {opening}", ""]
    for task, number, due, what, state in notice_rows(owed, info.has_ledger):
        where = msg.MILESTONE_LABEL.format(n=number) if number else ""
        lines.append(
            msg.NOTICE_TEXT_ROW.format(task=task, where=where, due=due, what=what, state=state)
        )
    lines += ["", f"    {request}", ""]
    lines += _signature(info)
    return "\n".join(lines) + "\n"


def _signature(info: NoticeInfo) -> list[str]:
    lines = [info.office or msg.NOTICE_OFFICE_BLANK, chinese_date(info.as_of)]
    if info.contact:
        lines.append(msg.NOTICE_CONTACT.format(contact=info.contact))
    return lines


def notice_docx(catalog: Catalog, owed: UnitDue, info: NoticeInfo) -> bytes:
    """The notice as a Word document: title, addressee, body, table, request, signature."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    normal = document.styles["Normal"]
    normal.font.name = "FangSong"
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(msg.NOTICE_TITLE)
    run.bold = True
    run.font.size = Pt(22)
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")

    document.add_paragraph(f"{owed.unit}：")
    opening, request = notice_paragraphs(catalog, owed, info)
    body = document.add_paragraph(opening)
    body.paragraph_format.first_line_indent = Pt(28)

    rows = notice_rows(owed, info.has_ledger)
    table = document.add_table(rows=1, cols=len(NOTICE_HEADS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(1.4), Cm(1.4), Cm(3.0), Cm(7.0), Cm(3.0))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, head, width in zip(table.rows[0].cells, NOTICE_HEADS, widths, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(head)
        run.bold = True
        run.font.size = Pt(12)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = width
    for values in rows:
        cells = table.add_row().cells
        for i, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(value)
            run.font.size = Pt(12)
            run.bold = i == 4 and value.startswith(msg.NOTICE_OVERDUE.split("{")[0])
            if i != 3:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.width = width

    ask = document.add_paragraph(request)
    ask.paragraph_format.first_line_indent = Pt(28)
    ask.paragraph_format.space_before = Pt(12)
    for i, line in enumerate(_signature(info)):
        signed = document.add_paragraph(line)
        signed.alignment = WD_ALIGN_PARAGRAPH.RIGHT if i < 2 else WD_ALIGN_PARAGRAPH.LEFT
        if i == 0:
            signed.paragraph_format.space_before = Pt(24)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

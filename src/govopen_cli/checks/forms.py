"""A 进展报送表 (reporting form) coming back: whose table it is, and every filled row checked.

A form carries its table's identity: the document key (the task file's stem), its
title and a checksum of the task file's bytes, plus the unit it was made for. A form
from another table, or made from an older version of the task file, is refused as a
whole. Each filled row becomes a report by exactly the rules of `progress add`
(`checks.ledger.new_report`); empty rows are skipped. Reading the xlsx is
`importing.forms`; this module knows nothing of spreadsheets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from govopen_cli import messages as msg
from govopen_cli.checks.ledger import new_report
from govopen_cli.files.ledger import ReportRefused
from govopen_cli.record import record
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.dates import Clock

if TYPE_CHECKING:
    from govopen_cli.table.model import ProgressReport

FORM_MARK = "govopen-form/1"
"""What an identity text starts with: the kind of file and the version of its layout."""
WHOLE_TASK = "整项"
"""The 节点 cell of a row about a whole task (a recurring deadline), not one milestone."""
IDENTITY_SHEET = "govopen"
"""The hidden sheet whose A1 holds the identity text."""
IDENTITY_NAME = "govopen_form"
"""The defined name that holds the identity text too (it survives a sheet's loss)."""
FORM_HEADS = (
    msg.H_SOURCE_ID,
    msg.FORM_H_MILESTONE,
    msg.FORM_H_DUE,
    msg.FORM_H_WHAT,
    msg.H_SOURCE_TEXT,
    msg.FORM_H_STATE,
    msg.FORM_H_STATUS,
    msg.FORM_H_DATE,
    msg.FORM_H_NOTE,
    msg.FORM_H_EVIDENCE,
)
"""The form's columns: six the form fills (locked), four the unit fills. Found by header."""

Cell = str | int | float | dt.date | dt.datetime | bool | None
CELL_TYPES = (str, int, float, dt.date, dt.datetime, bool)


class FormRefused(ValueError):
    """A whole form that is not imported (other table, outdated, unreadable); says why."""


@record
class FormIdentity:
    """Whose form this is: the table (key, title, checksum of the task file) and the unit."""

    key: str
    title: str
    checksum: str
    unit: str
    as_of: str = ""

    def text(self) -> str:
        """The identity as one line of text (kept in a hidden sheet and a defined name)."""
        fields = {
            "key": self.key,
            "title": self.title,
            "sha256": self.checksum,
            "unit": self.unit,
            "as_of": self.as_of,
        }
        return f"{FORM_MARK};{urlencode(fields)}"

    @classmethod
    def parse(cls, text: str) -> FormIdentity | None:
        """The identity an identity text holds; None if it is not one."""
        mark, _, query = text.strip().partition(";")
        if mark != FORM_MARK:
            return None
        fields = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if not all(fields.get(k) for k in ("key", "title", "sha256", "unit")):
            return None
        return cls(
            fields["key"],
            fields["title"],
            fields["sha256"],
            fields["unit"],
            fields.get("as_of", ""),
        )


def document_key(catalog: Catalog) -> str:
    """The table's short key: its file's stem (`2022-yaodian.yaml` → `2022-yaodian`)."""
    return catalog.key


def file_checksum(path: Path) -> str:
    """SHA-256 of the task file's bytes: any edit to the file makes its old forms outdated."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_identity(catalog: Catalog, unit: str, as_of: dt.date | None = None) -> FormIdentity:
    """The identity a form for `unit` carries, from the catalog's task file."""
    assert catalog.path is not None
    return FormIdentity(
        document_key(catalog),
        catalog.document.title,
        file_checksum(catalog.path),
        unit,
        as_of.isoformat() if as_of else "",
    )


def check_identity(catalog: Catalog, found: FormIdentity | None) -> None:
    """FormRefused unless the form was made from this very task file."""
    if found is None:
        raise FormRefused(msg.FORM_NO_IDENTITY)
    assert catalog.path is not None
    if found.title != catalog.document.title or found.key != document_key(catalog):
        raise FormRefused(msg.FORM_OTHER_TABLE.format(title=found.title, key=found.key))
    if found.checksum != file_checksum(catalog.path):
        raise FormRefused(msg.FORM_OUTDATED.format(as_of=found.as_of or "?"))


# --- rows -----------------------------------------------------------------------------------


@record
class FormRow:
    """One data row of a form as read: the sheet row number and its cells' values."""

    row: int
    task: Cell
    milestone: Cell
    status: Cell
    date: Cell
    note: Cell
    evidence: Cell

    def is_empty(self) -> bool:
        """Nothing filled in by the unit (the task columns are the form's own)."""
        return all(_blank(v) for v in (self.status, self.date, self.note, self.evidence))


@record
class FilledForm:
    """A form as read from its file."""

    name: str
    sheet: str
    identity: FormIdentity | None
    rows: tuple[FormRow, ...]


@record
class Accepted:
    """A row that became a report; `undated` when the date was left blank (today's taken)."""

    row: int
    entry: ProgressReport
    undated: bool


@dataclass(slots=True)
class FormCheck:
    """What a form's rows gave: reports, refusals (row, reason) and empty rows skipped."""

    form: FilledForm
    unit: str
    accepted: list[Accepted] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    empty: int = 0


STATUS_BY_LABEL = {label: code for code, label in msg.STATUS_LABELS.items()}


def check_form(catalog: Catalog, form: FilledForm, clock: Clock) -> FormCheck:
    """Every filled row checked as `progress add` checks it; FormRefused if the form is wrong.

    A report is never dated after the clock's real today, whatever as-of says; an undated
    row is dated as `progress add` dates one (the clock's as-of).
    """
    check_identity(catalog, form.identity)
    assert form.identity is not None
    unit = catalog.registry.lookup(form.identity.unit)
    if unit is None:
        raise FormRefused(msg.unit_unknown(form.identity.unit, []))
    result = FormCheck(form, unit.name)
    for row in form.rows:
        if row.is_empty():
            result.empty += 1
            continue
        try:
            entry, undated = _row_report(catalog, unit.name, row, clock)
        except ReportRefused as exc:
            result.refused.append((row.row, str(exc)))
            continue
        result.accepted.append(Accepted(row.row, entry, undated))
    return result


def _row_report(
    catalog: Catalog, unit: str, row: FormRow, clock: Clock
) -> tuple[ProgressReport, bool]:
    task = _integer(row.task)
    if task is None:
        raise ReportRefused(msg.FORM_ROW_NO_TASK)
    milestone: int | None = None
    if not _blank(row.milestone) and _text(row.milestone) != WHOLE_TASK:
        milestone = _integer(row.milestone)
        if milestone is None:
            raise ReportRefused(msg.FORM_ROW_BAD_MILESTONE.format(value=_text(row.milestone)))
    if _blank(row.status):
        raise ReportRefused(msg.FORM_ROW_NO_STATUS)
    label = _text(row.status)
    status = STATUS_BY_LABEL.get(label, label)
    date = _date(row.date)
    return (
        new_report(
            catalog,
            task=task,
            unit=unit,
            status=status,
            clock=clock,
            date=date,
            milestone=milestone,
            note=_text(row.note) or None,
            evidence=_text(row.evidence) or None,
        ),
        date is None,
    )


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _integer(value: Cell) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value)
    return int(text) if text.isdigit() else None


EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of spreadsheet date serials (a date cell that lost its format reads as a number)."""


def _date(value: Cell) -> dt.date | None:
    """A date cell, a date serial or a typed date text; ReportRefused if it is none of them."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 1900-01-01 … 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ReportRefused(msg.FORM_ROW_BAD_DATE.format(value=_text(value)))
    from govopen_cli.table.dates import parse_date

    text = _text(value)
    try:
        return parse_date(text.split(" ")[0] if "-" in text else text)
    except ValueError as exc:
        raise ReportRefused(str(exc)) from None

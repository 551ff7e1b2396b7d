"""A valid file's document, sections and units as plain frozen dataclasses.

`model.py` (pydantic) says what a file may contain and checks it; once a file is
valid, the catalog keeps these plain copies instead. They are what queries read
and what the cache stores, so a cached query never imports or rebuilds pydantic
models (unpickling 100,000 pydantic objects costs more than the query itself).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from govopen_cli.record import record

if TYPE_CHECKING:
    from govopen_cli.table import model


@record
class DocumentRecord:
    """The published document: title, attachment, region, year, publisher, source, date;
    the supervising office and its contact (they sign the round's notices)."""

    title: str
    attachment: str | None
    region: str | None
    year: int | None
    publisher: str | None = None
    source: str | None = None
    date: dt.date | None = None
    office: str | None = None
    contact: str | None = None

    @classmethod
    def of(cls, document: model.DocumentInfo) -> DocumentRecord:
        """The plain copy of a validated `document:` block."""
        return cls(
            document.title,
            document.attachment,
            document.region,
            document.year,
            document.publisher,
            document.source,
            document.date,
            document.office,
            document.contact,
        )


@record
class SectionRecord:
    """A section row (一、…): its id and title."""

    id: str
    title: str

    @classmethod
    def of(cls, section: model.Section) -> SectionRecord:
        """The plain copy of a validated section."""
        return cls(section.id, section.title)


@record
class UnitRecord:
    """One entry of the unit registry."""

    name: str
    kind: model.UnitKind
    short: str | None
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    note: str | None

    @classmethod
    def of(cls, unit: model.Unit) -> UnitRecord:
        """The plain copy of a validated unit."""
        return cls(
            unit.name, unit.kind, unit.short, tuple(unit.aliases), tuple(unit.members), unit.note
        )

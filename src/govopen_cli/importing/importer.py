"""One import: read a source, choose its task table, understand it, list what to review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from govopen_cli import messages as msg
from govopen_cli.importing.budget import SourceError
from govopen_cli.importing.gazetteer import Division, find_region, lookup
from govopen_cli.importing.layout import SourceTable, TaskRow, build_tables
from govopen_cli.importing.readers import read_rows
from govopen_cli.importing.registry import UnitEntry, build_registry
from govopen_cli.table.schedule import parse_schedule
from govopen_cli.table.units import Registry

__all__ = ["ImportResult", "SourceError", "analyse", "import_source", "read_tables"]

_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")


@dataclass(slots=True)
class ImportResult:
    """What an import found and what the clerk should still review."""

    table: SourceTable
    year: int | None
    year_guessed: bool
    region_name: str | None
    region: Division | None
    units: list[UnitEntry]
    milestones: int
    not_understood: list[tuple[TaskRow, str]]
    guessed: list[tuple[int, str]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    """Units a collection's shared registry (units.yaml) knows already: not registered again."""

    def review(self) -> list[str]:
        """Lines the summary and --dry-run show: what to check before trusting the file."""
        lines = list(self.table.review)
        for entry in self.units:
            if entry.filled:
                lines.append(
                    msg.IMPORT_REVIEW_FILLED.format(
                        name=entry.name, count=len(entry.members), region=self.region_name
                    )
                )
            elif entry.unfilled:
                lines.append(msg.IMPORT_REVIEW_OPEN.format(name=entry.name))
        for task_id, name in self.guessed:
            lines.append(msg.IMPORT_REVIEW_GUESSED.format(id=task_id, name=name))
        if self.year_guessed and self.year is not None:
            lines.append(msg.IMPORT_REVIEW_YEAR.format(year=self.year))
        return lines


def read_tables(path: Path) -> tuple[list[SourceTable], list[str]]:
    """The task tables of a source, and notes on the other tables in it."""
    return build_tables(read_rows(path))


def import_source(
    path: Path,
    *,
    region: str | None = None,
    table: int | None = None,
    known: Registry | None = None,
) -> ImportResult:
    """Read and analyse one source; `table` (from 1) chooses among several task tables.

    `known`: a collection's shared registry; the units it knows are left out of the file's own.
    """
    tables, others = read_tables(path)
    if table is not None:
        if not 1 <= table <= len(tables):
            raise SourceError(msg.IMPORT_NO_SUCH_TABLE.format(number=table, count=len(tables)))
        chosen = tables[table - 1]
    elif len(tables) > 1:
        listing = "；".join(
            msg.IMPORT_TABLE_ITEM.format(
                number=i, title=t.title or "—", place=t.place, count=len(t.tasks)
            )
            for i, t in enumerate(tables, start=1)
        )
        raise SourceError(msg.IMPORT_MANY_TABLES.format(count=len(tables), tables=listing))
    else:
        chosen = tables[0]
    result = analyse(chosen, region)
    result.others = others
    if known is not None:
        own = [e for e in result.units if known.lookup(e.name) is None]
        found = [known.lookup(e.name) for e in result.units if known.lookup(e.name) is not None]
        result.shared = list(dict.fromkeys(u.name for u in found if u is not None))
        result.units = own
    return result


def _region(table: SourceTable, given: str | None) -> tuple[str | None, Division | None]:
    if given is not None:
        found = lookup(given)
        if not found:
            raise SourceError(msg.IMPORT_NO_REGION.format(region=given))
        if len(found) > 1:
            raise SourceError(msg.IMPORT_UNKNOWN_REGION.format(region=given, count=len(found)))
        return found[0].name, found[0]
    division = find_region(table.title) or find_region(table.preamble)
    return (division.name, division) if division is not None else (None, None)


def analyse(table: SourceTable, region: str | None = None) -> ImportResult:
    """Year, region, unit registry and schedule phrases of one table."""
    years = [int(y) for t in table.tasks for y in _YEAR.findall(t.schedule)]
    in_title = _YEAR.findall(table.title)
    year_guessed = not in_title
    if in_title:
        year: int | None = int(in_title[0])
    elif years:
        year = min(years)
    else:
        written = _YEAR.findall(table.preamble)
        year = int(written[0]) if written else None
    region_name, division = _region(table, region)
    units, guessed = build_registry(table, division)
    milestones = 0
    not_understood: list[tuple[TaskRow, str]] = []
    for task in table.tasks:
        if task.same_as is not None:
            continue
        try:
            schedule = parse_schedule(task.schedule, year=year)
        except ValueError as exc:
            not_understood.append((task, str(exc)))
            continue
        milestones += len(schedule.milestones) + len(schedule.recurring)
        if not schedule.understood:
            not_understood.append((task, msg.schedule_not_understood(task.schedule)))
    return ImportResult(
        table, year, year_guessed, region_name, division, units, milestones, not_understood, guessed
    )

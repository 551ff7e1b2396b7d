"""Checking the progress ledger (进展报送台账): its schema, and every report against the table.

`progress.yaml` sits beside the task file (or is named with --progress). A report
names a task, a lead unit that owes it, a milestone that exists and a date not in
the future; `files.ledger` appends it once these checks pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govopen_cli import messages as msg
from govopen_cli.files.ledger import ReportRefused, append_report, append_reports
from govopen_cli.problems import DataError, Problem, errors_only
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.dates import Clock

if TYPE_CHECKING:  # the YAML reader and the models are imported only when a ledger exists
    from govopen_cli.files.yaml_reader import SourceMap
    from govopen_cli.table.model import ProgressReport, ReportStatus

STATUSES: tuple[ReportStatus, ...] = ("done", "in_progress", "blocked")


# --- reading and checking ----------------------------------------------------------------


@dataclass(slots=True)
class LedgerRead:
    """A ledger as read: its reports, its source map and its problems."""

    path: Path
    reports: list[ProgressReport] = field(default_factory=list)
    source: SourceMap | None = None
    problems: list[Problem] = field(default_factory=list)


def read_ledger(
    path: Path, catalog: Catalog | None = None, clock: Clock | None = None
) -> LedgerRead:
    """Read a ledger (a missing file is an empty ledger); with a catalog, cross-check it.

    Report dates are checked against the clock's real today (never its as-of).
    """
    read = LedgerRead(path)
    if not path.exists():
        return read
    from pydantic import ValidationError

    from govopen_cli.checks.validate import schema_problems
    from govopen_cli.files.yaml_reader import read_yaml
    from govopen_cli.table.model import Ledger

    try:
        data, source = read_yaml(path)
    except DataError as exc:
        if all(p.rule == "empty" for p in exc.problems):
            return read
        read.problems = exc.problems
        return read
    read.source = source
    if not isinstance(data, dict):
        read.problems = [source.problem((), "top-level", msg.LEDGER_NOT_MAPPING)]
        return read
    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as exc:
        read.problems = schema_problems(exc, source, Ledger)
        return read
    read.reports = list(ledger.reports or [])
    if catalog is not None:
        today = (clock or Clock.real()).today
        read.problems = check_reports(catalog, read.reports, source, today)
    return read


def check_reports(
    catalog: Catalog, reports: list[ProgressReport], source: SourceMap, today: dt.date
) -> list[Problem]:
    """References, roles and dates of every report, each placed at its line."""
    problems = []
    for i, entry in enumerate(reports):
        try:
            _check_entry(catalog, entry, today, exact_unit=True)
        except ReportRefused as exc:
            problems.append(source.problem(("reports", i), "ledger-entry", str(exc)))
    return problems


def open_ledger(catalog: Catalog, path: Path, clock: Clock) -> list[ProgressReport]:
    """The ledger's reports; DataError if the ledger has errors."""
    read = read_ledger(path, catalog, clock)
    errors = errors_only(read.problems)
    if errors:
        raise DataError(errors)
    return read.reports


def _check_entry(
    catalog: Catalog, entry: ProgressReport, today: dt.date, *, exact_unit: bool
) -> ProgressReport:
    """The entry with its unit made canonical, or ReportRefused saying what is wrong."""
    try:
        view = catalog.task(entry.task)
    except LookupError as exc:
        raise ReportRefused(str(exc)) from None
    if exact_unit:
        unit = catalog.registry.lookup(entry.unit)
        if unit is None:
            suggestions = catalog.registry.suggest(entry.unit)
            raise ReportRefused(msg.unit_unknown(entry.unit, suggestions))
        name = unit.name
    else:
        from govopen_cli.table.units import UnknownUnitError

        try:
            name = catalog.registry.resolve(entry.unit).name
        except UnknownUnitError as exc:
            raise ReportRefused(exc.message) from None
    if name not in view.owners:
        raise ReportRefused(_not_owner_message(catalog, view.id, name))
    count = len(view.schedule.milestones)
    if entry.milestone is not None and entry.milestone > count:
        raise ReportRefused(msg.no_such_milestone(view.id, entry.milestone, count))
    if entry.date > today:
        raise ReportRefused(msg.REPORT_IN_FUTURE.format(date=entry.date, today=today))
    return entry.model_copy(update={"unit": name})


def _not_owner_message(catalog: Catalog, task_id: int, name: str) -> str:

    view = catalog.task(task_id)
    roles = {h.role for h in catalog.holdings(view, name)}
    owners = "、".join(catalog.short_name(o) for o in view.owners)
    if catalog.registry.members(name):
        return msg.REPORT_BY_GROUP.format(unit=name, task=task_id)
    if roles:
        label = "、".join(msg.ROLE_LABELS[r] for r in sorted(roles))
        return msg.REPORT_NOT_LEAD_ROLE.format(unit=name, task=task_id, role=label, owners=owners)
    return msg.REPORT_NOT_LEAD.format(unit=name, task=task_id, owners=owners)


# --- appending -----------------------------------------------------------------------------


def new_report(
    catalog: Catalog,
    *,
    task: int,
    unit: str,
    status: str,
    clock: Clock,
    date: dt.date | None = None,
    milestone: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
) -> ProgressReport:
    """A checked report, its unit resolved as `by-unit` does; ReportRefused if it is wrong.

    Undated, it is dated the clock's as-of; its date may not be after the real today.
    """
    if status not in STATUSES:
        raise ReportRefused(msg.bad_status(status))
    if milestone is not None and milestone < 1:
        raise ReportRefused(msg.no_such_milestone(task, milestone, 0))
    from govopen_cli.table.model import ProgressReport

    entry = ProgressReport.model_construct(
        task=task,
        unit=unit,
        status=status,
        date=date or clock.as_of,
        milestone=milestone,
        note=note or None,
        evidence=evidence or None,
    )
    return _check_entry(catalog, entry, clock.today, exact_unit=False)


def add_report(catalog: Catalog, path: Path, entry: ProgressReport, clock: Clock) -> None:
    """Append a checked report; the ledger is checked under the same lock as the append.

    Ledger dates are checked against the clock's real today, whatever as-of says.
    """

    def ledger_is_sound() -> None:
        existing = read_ledger(path, catalog, clock)
        if existing.problems:
            raise DataError(existing.problems)

    append_report(path, entry, check=ledger_is_sound)


def add_reports(
    catalog: Catalog,
    path: Path,
    entries: Sequence[ProgressReport],
    clock: Clock,
    *,
    undated: Sequence[bool] = (),
) -> tuple[list[ProgressReport], list[ProgressReport]]:
    """Append checked reports in ONE atomic write under the ledger lock.

    Returns (appended, already in the ledger): a report identical to one the ledger
    holds is not appended again, so importing the same form twice adds nothing.
    `undated[i]` True means entry i was given no date (it took the clock's), and
    matches a report of any date.
    """
    present: list[ProgressReport] = []

    def ledger_is_sound() -> None:
        existing = read_ledger(path, catalog, clock)
        if existing.problems:
            raise DataError(existing.problems)

    def fresh(existing: list[ProgressReport]) -> list[ProgressReport]:
        new, seen = split_known(entries, existing, undated)
        present.extend(seen)
        return new

    added = append_reports(path, entries, check=ledger_is_sound, fresh=fresh)
    return added, present


def split_known(
    entries: Sequence[ProgressReport],
    existing: Sequence[ProgressReport],
    undated: Sequence[bool] = (),
) -> tuple[list[ProgressReport], list[ProgressReport]]:
    """(entries the ledger lacks, entries it already holds); repeats in `entries` count once."""
    new: list[ProgressReport] = []
    known: list[ProgressReport] = []
    for i, entry in enumerate(entries):
        any_date = i < len(undated) and undated[i]
        if any(says_the_same(entry, r, any_date=any_date) for r in [*existing, *new]):
            known.append(entry)
        else:
            new.append(entry)
    return new, known


def says_the_same(a: ProgressReport, b: ProgressReport, *, any_date: bool = False) -> bool:
    """Identical reports: the same task, milestone, unit, status and date (any date if
    `any_date`); a note or evidence worded differently does not make a new report."""
    return (a.task, a.milestone, a.unit, a.status) == (b.task, b.milestone, b.unit, b.status) and (
        any_date or a.date == b.date
    )

"""Checking the progress ledger (进展报送台账): its schema, and every report against the table.

`progress.yaml` sits beside the task file (or is named with --progress). A report
names a task, a lead unit that owes it, a milestone that exists and a date neither
in the future nor before the document's year; `files.ledger` appends it once these
checks pass, and refuses a report the ledger already holds.

The ledger is append-only. A correction is a retraction entry
(`{retracts: N, date: …, note: …}`) naming an earlier entry by its 1-based number
in `reports` (the number `progress list` shows); a retracted report no longer counts
anywhere, whatever the as-of date, and both entries stay in the file.
"""

from __future__ import annotations

import datetime as dt
import os
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
    from govopen_cli.table.model import LedgerEntry, ProgressReport, ReportStatus, Retraction

STATUSES: tuple[ReportStatus, ...] = ("done", "in_progress", "blocked")


# --- reading and checking ----------------------------------------------------------------


class DuplicateReport(ReportRefused):
    """A report the ledger already holds: every field the same (a rerun of the same command)."""

    def __init__(self, message: str, number: int) -> None:
        super().__init__(message)
        self.number = number
        """The 1-based number of the entry that already says it."""


@dataclass(slots=True)
class LedgerRead:
    """A ledger as read: its counting reports, every entry, its source map and its problems."""

    path: Path
    reports: list[ProgressReport] = field(default_factory=list)
    """The reports that count: retracted ones left out."""
    source: SourceMap | None = None
    problems: list[Problem] = field(default_factory=list)
    entries: list[LedgerEntry] = field(default_factory=list)
    """Every entry as written, reports and retractions; entry N is entries[N - 1]."""


def retractions(entries: list[LedgerEntry]) -> dict[int, tuple[int, Retraction]]:
    """Retracted entry number → (number of the retraction, the retraction)."""
    from govopen_cli.table.model import Retraction

    found: dict[int, tuple[int, Retraction]] = {}
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, Retraction):
            found.setdefault(entry.retracts, (number, entry))
    return found


def counting(entries: list[LedgerEntry]) -> list[ProgressReport]:
    """The reports that count: every report entry not retracted, in the ledger's order."""
    from govopen_cli.table.model import ProgressReport

    gone = retractions(entries)
    return [
        entry
        for number, entry in enumerate(entries, start=1)
        if isinstance(entry, ProgressReport) and number not in gone
    ]


def read_ledger(
    path: Path,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    *,
    required: bool = False,
) -> LedgerRead:
    """Read a ledger; with a catalog, cross-check it.

    Report dates are checked against the clock's real today (never its as-of). A path
    where nothing is (no file, no link) is an empty ledger unless `required`; a folder,
    a dangling link or a symlink loop there is a problem, as for a task file.
    """
    read = LedgerRead(path)
    if not required and not os.path.lexists(path):
        return read
    from govopen_cli.checks.validate import validate_model
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
    ledger, problems = validate_model(Ledger, data, source)
    if ledger is None:
        read.problems = problems
        return read
    read.entries = list(ledger.reports or [])
    read.reports = counting(read.entries)
    if catalog is not None:
        today = (clock or Clock.real()).today
        read.problems = check_reports(catalog, read.entries, source, today)
    return read


def check_reports(
    catalog: Catalog, entries: list[LedgerEntry], source: SourceMap, today: dt.date
) -> list[Problem]:
    """References, roles and dates of every entry, each placed at its line."""
    from govopen_cli.table.model import Retraction

    problems = []
    for i, entry in enumerate(entries):
        try:
            if isinstance(entry, Retraction):
                check_retraction(entries[:i], entry, today)
            else:
                _check_entry(catalog, entry, today, exact_unit=True)
        except ReportRefused as exc:
            problems.append(source.problem(("reports", i), "ledger-entry", str(exc)))
    return problems


def check_retraction(earlier: list[LedgerEntry], entry: Retraction, today: dt.date) -> None:
    """A retraction names an earlier report not yet retracted, and is dated after it."""
    from govopen_cli.table.model import Retraction

    number = entry.retracts
    if number > len(earlier):
        raise ReportRefused(msg.RETRACT_NO_ENTRY.format(number=number, count=len(earlier)))
    target = earlier[number - 1]
    if isinstance(target, Retraction):
        raise ReportRefused(msg.RETRACT_A_RETRACTION.format(number=number))
    already = retractions(earlier).get(number)
    if already is not None:
        raise ReportRefused(msg.RETRACT_TWICE.format(number=number, by=already[0]))
    if entry.date > today:
        raise ReportRefused(msg.REPORT_IN_FUTURE.format(date=entry.date, today=today))
    if entry.date < target.date:
        raise ReportRefused(
            msg.RETRACT_BEFORE_REPORT.format(date=entry.date, number=number, reported=target.date)
        )


def open_ledger(catalog: Catalog, path: Path, clock: Clock) -> list[ProgressReport]:
    """The ledger's counting reports; DataError if the ledger has errors."""
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
    year = catalog.document.year
    if year is not None and entry.date.year < year:
        raise ReportRefused(msg.REPORT_BEFORE_YEAR.format(date=entry.date, year=year))
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

    Undated, it is dated the clock's as-of; its date may not be after the real today
    nor before the document's year.
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


def same_report(entries: list[LedgerEntry], entry: ProgressReport) -> int | None:
    """The number of a counting report identical to `entry` in every field, or None.

    Reports that differ only in their note or evidence are two reports (a second piece
    of evidence is news); the same command run twice is not.
    """
    from govopen_cli.table.model import ProgressReport

    gone = retractions(entries)
    for number, old in enumerate(entries, start=1):
        if isinstance(old, ProgressReport) and number not in gone and old == entry:
            return number
    return None


def add_report(catalog: Catalog, path: Path, entry: ProgressReport, clock: Clock) -> None:
    """Append a checked report; the ledger is checked under the same lock as the append.

    Ledger dates are checked against the clock's real today, whatever as-of says. A report
    the ledger already holds is refused (DuplicateReport, which says its number).
    """

    def ledger_is_sound() -> None:
        existing = read_ledger(path, catalog, clock)
        if existing.problems:
            raise DataError(existing.problems)
        number = same_report(existing.entries, entry)
        if number is not None:
            raise DuplicateReport(_duplicate_message(entry, number), number)

    append_report(path, entry, check=ledger_is_sound)


def _duplicate_message(entry: ProgressReport, number: int) -> str:
    where = msg.MILESTONE_LABEL.format(n=entry.milestone) if entry.milestone else ""
    return msg.REPORT_DUPLICATE.format(
        number=number,
        task=entry.task,
        milestone=where,
        unit=entry.unit,
        status=msg.STATUS_LABELS[entry.status],
        date=entry.date,
    )


def retract_entry(
    catalog: Catalog,
    path: Path,
    number: int,
    *,
    note: str,
    clock: Clock,
    date: dt.date | None = None,
) -> ProgressReport:
    """Append a retraction of entry `number` (1-based); return the report it retracts.

    Checked under the ledger's lock: the ledger is sound, the entry is an earlier report
    not yet retracted, the date (default: the clock's as-of) is neither after the real
    today nor before that report's date.
    """
    from govopen_cli.table.model import ProgressReport, Retraction

    if not note.strip():
        raise ReportRefused(msg.RETRACT_NOTE_NEEDED)
    if number < 1:
        raise ReportRefused(msg.RETRACT_NO_ENTRY.format(number=number, count="?"))
    retraction = Retraction(retracts=number, date=date or clock.as_of, note=note.strip())
    found: list[ProgressReport] = []

    def ledger_allows() -> None:
        existing = read_ledger(path, catalog, clock)
        if existing.problems:
            raise DataError(existing.problems)
        check_retraction(existing.entries, retraction, clock.today)
        target = existing.entries[number - 1]
        assert isinstance(target, ProgressReport)
        found.append(target)

    if not path.exists():
        raise ReportRefused(msg.RETRACT_NO_ENTRY.format(number=number, count=0))
    append_report(path, retraction, check=ledger_allows)
    return found[0]


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
    holds is not appended again, so importing the same form twice adds nothing. A
    retracted report counts as held: importing its form again does not bring it back.
    `undated[i]` True means entry i was given no date (it took the clock's), and
    matches a report of any date.
    """
    present: list[ProgressReport] = []

    def ledger_is_sound() -> None:
        existing = read_ledger(path, catalog, clock)
        if existing.problems:
            raise DataError(existing.problems)

    appended: list[ProgressReport] = []

    def fresh(existing: list[LedgerEntry]) -> list[LedgerEntry]:
        new, seen = split_known(entries, existing, undated)
        present.extend(seen)
        appended.extend(new)
        return list(new)

    append_reports(path, entries, check=ledger_is_sound, fresh=fresh)
    return appended, present


def split_known(
    entries: Sequence[ProgressReport],
    existing: Sequence[LedgerEntry],
    undated: Sequence[bool] = (),
) -> tuple[list[ProgressReport], list[ProgressReport]]:
    """(entries the ledger lacks, entries it already holds, retracted or not); repeats in
    `entries` count once."""
    from govopen_cli.table.model import ProgressReport

    held = [e for e in existing if isinstance(e, ProgressReport)]
    new: list[ProgressReport] = []
    known: list[ProgressReport] = []
    for i, entry in enumerate(entries):
        any_date = i < len(undated) and undated[i]
        if any(says_the_same(entry, r, any_date=any_date) for r in [*held, *new]):
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

"""The progress ledger (进展报送台账): reading, checking and appending reports.

`progress.yaml` sits beside the task file (or is named with --progress). It is
append-only: `govopen progress add` checks a report against the task file,
then appends it as text — comments and earlier entries stay byte-identical —
under a lock, through an atomic write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govopen_cli import messages as msg
from govopen_cli.catalog import Catalog
from govopen_cli.problems import DataError, Problem, errors_only

if TYPE_CHECKING:  # the YAML reader and the models are imported only when a ledger exists
    from govopen_cli.loading import SourceMap
    from govopen_cli.model import ProgressReport, ReportStatus

STATUSES: tuple[ReportStatus, ...] = ("done", "in_progress", "blocked")
LOCK_TIMEOUT_SECONDS = 30.0


class ReportRefused(ValueError):
    """A report that `progress add` will not append; the message says why, in Chinese."""


# --- where the ledger is ---------------------------------------------------------------


def is_shipped(data_path: Path) -> bool:
    """True when the task file is the read-only copy inside the installed package."""
    from govopen_cli.datafile import shipped_data_file

    package_data = Path(__file__).resolve().parent / "data"
    return data_path.resolve().parent == package_data and shipped_data_file() == data_path


# --- reading and checking ----------------------------------------------------------------


@dataclass(slots=True)
class LedgerReport:
    """A ledger as read: its reports, its source map and its problems."""

    path: Path
    reports: list[ProgressReport] = field(default_factory=list)
    source: SourceMap | None = None
    problems: list[Problem] = field(default_factory=list)


def read_ledger(
    path: Path, catalog: Catalog | None = None, today: dt.date | None = None
) -> LedgerReport:
    """Read a ledger (a missing file is an empty ledger); with a catalog, cross-check it."""
    report = LedgerReport(path)
    if not path.exists():
        return report
    from pydantic import ValidationError

    from govopen_cli.loading import read_yaml
    from govopen_cli.model import Ledger
    from govopen_cli.validation import schema_problems

    try:
        data, source = read_yaml(path)
    except DataError as exc:
        if all(p.rule == "empty" for p in exc.problems):
            return report
        report.problems = exc.problems
        return report
    report.source = source
    if not isinstance(data, dict):
        report.problems = [source.problem((), "top-level", msg.LEDGER_NOT_MAPPING)]
        return report
    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as exc:
        report.problems = schema_problems(exc, source, Ledger)
        return report
    report.reports = list(ledger.reports or [])
    if catalog is not None:
        report.problems = check_reports(catalog, report.reports, source, today or dt.date.today())
    return report


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


def open_ledger(catalog: Catalog, path: Path, today: dt.date) -> list[ProgressReport]:
    """The ledger's reports; DataError if the ledger has errors."""
    report = read_ledger(path, catalog, today)
    errors = errors_only(report.problems)
    if errors:
        raise DataError(errors)
    return report.reports


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
        from govopen_cli.units import UnknownUnitError

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
    from govopen_cli.queries import holdings

    view = catalog.task(task_id)
    roles = {h.role for h in holdings(catalog, view, name)}
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
    date: dt.date,
    today: dt.date,
    milestone: int | None = None,
    note: str | None = None,
    evidence: str | None = None,
) -> ProgressReport:
    """A checked report, its unit resolved as `by-unit` does; ReportRefused if it is wrong."""
    if status not in STATUSES:
        raise ReportRefused(msg.bad_status(status))
    if milestone is not None and milestone < 1:
        raise ReportRefused(msg.no_such_milestone(task, milestone, 0))
    from govopen_cli.model import ProgressReport

    entry = ProgressReport.model_construct(
        task=task,
        unit=unit,
        status=status,
        date=date,
        milestone=milestone,
        note=note or None,
        evidence=evidence or None,
    )
    return _check_entry(catalog, entry, today, exact_unit=False)


def append_report(path: Path, entry: ProgressReport) -> None:
    """Append one report to the ledger, under a lock, atomically; the old text is kept as is."""
    from govopen_cli.files import write_atomic

    with locked(path):
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        existing, has_key = _read_existing(path, old)
        base = old if old.strip() else msg.LEDGER_HEADER
        if not base.endswith("\n"):
            base += "\n"
        if not has_key:
            base += "reports:\n"
        text = base + entry_text(entry)
        try:
            after, _ = _read_existing(path, text)
        except ReportRefused:
            after = []
        if after != [*existing, entry]:
            raise ReportRefused(msg.LEDGER_NOT_APPENDABLE.format(path=path))
        write_atomic(path, text)


def entry_text(entry: ProgressReport) -> str:
    """One report as a YAML list item (strings quoted as JSON, which YAML reads as is)."""
    lines = [
        f"  - task: {entry.task}",
        f"    unit: {_scalar(entry.unit)}",
        f"    status: {entry.status}",
        f"    date: {entry.date.isoformat()}",
    ]
    if entry.milestone is not None:
        lines.append(f"    milestone: {entry.milestone}")
    if entry.note:
        lines.append(f"    note: {json.dumps(entry.note, ensure_ascii=False)}")
    if entry.evidence:
        lines.append(f"    evidence: {json.dumps(entry.evidence, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """A unit name as a plain YAML scalar when that is safe, else JSON-quoted."""
    return text if re.fullmatch(_PLAIN_NAME, text) else json.dumps(text, ensure_ascii=False)


_PLAIN_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff\w（）、·]*"  # compiled on first use


def _read_existing(path: Path, text: str) -> tuple[list[ProgressReport], bool]:
    """The reports a ledger text holds and whether it has a `reports` key; refuse if broken."""
    from pydantic import ValidationError

    from govopen_cli.loading import build_values, compose
    from govopen_cli.model import Ledger

    if not text.strip():
        return [], False
    try:
        root = compose(text, str(path))
        data: Any = build_values(root, str(path)) if root is not None else {}
        if not isinstance(data, dict):
            raise ReportRefused(msg.LEDGER_BROKEN.format(path=path))
        ledger = Ledger.model_validate(data)
    except (DataError, ValidationError):
        raise ReportRefused(msg.LEDGER_BROKEN.format(path=path)) from None
    return list(ledger.reports or []), "reports" in data


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `.NAME.lock` beside the ledger, held while it is rewritten."""
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+b") as handle:
        _acquire(handle)
        try:
            yield
        finally:
            _release(handle)


def _acquire(handle: IO[bytes]) -> None:
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        import msvcrt

        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise ReportRefused(msg.LEDGER_LOCKED) from None
                time.sleep(0.05)
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _release(handle: IO[bytes]) -> None:
    if os.name == "nt":  # pragma: no cover
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

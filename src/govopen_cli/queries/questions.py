"""The questions people ask of a task table, answered from a Catalog.

Every function takes the catalog and plain values (dates, canonical unit
names) and returns plain records; nothing here knows about the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import TYPE_CHECKING

from govopen_cli.queries.status import Progress
from govopen_cli.record import record
from govopen_cli.table.catalog import Catalog, TaskView
from govopen_cli.table.records import SectionRecord, UnitRecord
from govopen_cli.table.text import fold_width, squeeze
from govopen_cli.table.units import ROLES, Holding, Mention, Role

if TYPE_CHECKING:
    from govopen_cli.table.model import ProgressReport


@record
class UnitTask:
    """A task as seen by one unit."""

    view: TaskView
    holdings: tuple[Holding, ...]


@dataclass(slots=True)
class DueItem:
    """One deadline of one task (read-only by convention).

    Not frozen: a frozen dataclass is built field by field through object.__setattr__,
    and a province's `due` makes tens of thousands of them.
    """

    view: TaskView
    number: int | None
    """1-based position among the task's fixed milestones; None for a recurring deadline."""
    due: dt.date
    deliverable: str
    days_left: int
    """Days from the as-of date to the deadline; negative when it has passed."""
    outstanding: tuple[str, ...] = ()
    """The lead units that still owe it (canonical names)."""
    role: Role | None = None
    """With a unit asked for: its role in the task (lead owes completion; guide, support do not)."""


@record
class UnitSummary:
    """One registry entry with the groups that list it and its count of tasks in each role."""

    unit: UnitRecord
    groups: tuple[str, ...]
    counts: dict[Role, int]


@record
class SectionSummary:
    """A section with the ids of its tasks."""

    section: SectionRecord
    task_ids: tuple[int, ...]
    doc: str = ""
    """The key of the table the section belongs to."""


def _matches(view: TaskView, needle: str) -> bool:
    haystack = fold_width(squeeze(f"{view.text}{view.schedule_text}{view.units_text}"))
    return needle in haystack.casefold()


def unit_role(catalog: Catalog, view: TaskView, unit: str) -> Role | None:
    """A unit's role in a task (directly or through a group): lead before support before guide."""
    return _strongest(catalog.holdings(view, unit))


def _strongest(held: tuple[Holding, ...]) -> Role | None:
    roles = {h.role for h in held}
    return next((role for role in ROLES if role in roles), None)


def unit_roles(catalog: Catalog, unit: str) -> set[Role]:
    """Every role a unit holds in the catalog's tasks."""
    holdings = catalog.registry.holdings
    return {h.role for mentions, _ in catalog.cells for h in holdings(mentions, unit)}


def list_tasks(
    catalog: Catalog,
    *,
    section: SectionRecord | None = None,
    unit: str | None = None,
    search: str | None = None,
) -> list[TaskView]:
    """Tasks in file order, narrowed to a section, a unit (any role) and/or a text."""
    needle = fold_width(squeeze(search)).casefold() if search else ""
    return [
        view
        for view in catalog.tasks
        if (section is None or view.section.id == section.id)
        and (unit is None or catalog.holdings(view, unit))
        and (not needle or _matches(view, needle))
    ]


def by_unit(catalog: Catalog, unit: str) -> list[UnitTask]:
    """The tasks a unit holds, with its role in each and the group it holds it through."""
    result = []
    for view in catalog.tasks:
        held = catalog.holdings(view, unit)
        if held:
            result.append(UnitTask(view, held))
    return result


def sections(catalog: Catalog) -> list[SectionSummary]:
    """Every section with its tasks' ids, in the file's order."""
    return [
        SectionSummary(s, tuple(v.id for v in catalog.tasks if v.section.id == s.id), catalog.key)
        for s in catalog.sections
    ]


def unit_summaries(catalog: Catalog) -> list[UnitSummary]:
    """The registry in file order, each unit with its counts of tasks per role."""
    result = []
    for unit in catalog.registry.units.values():
        counts: dict[Role, int] = dict.fromkeys(ROLES, 0)
        for view in catalog.tasks:
            for role in {h.role for h in catalog.holdings(view, unit.name)}:
                counts[role] += 1
        result.append(UnitSummary(unit, tuple(catalog.registry.groups_of(unit.name)), counts))
    return result


@dataclass(slots=True)
class DeadlineMemo:
    """What `deadlines` works out once per distinct schedule and 责任单位 cell, kept across
    the documents of one query (a folder's snapshot stores equal schedules and cells once,
    so a province's 100,000 tasks have a few dozen of each).

    Keyed by the objects' ids: valid for one query over tables that stay alive meanwhile.
    """

    windows: dict[dt.date, dict[int, list[tuple[int | None, dt.date, str]]]] = field(
        default_factory=dict
    )
    """Per first day, per schedule: its (number, due date, deliverable) in the window."""
    roles: dict[tuple[int, int, str], Role | None] = field(default_factory=dict)
    """Per (registry, cell, unit): the unit's role in tasks with that 责任单位 cell."""


def _role_in_cell(
    catalog: Catalog,
    mentions: tuple[Mention, ...],
    unit: str,
    roles: dict[tuple[int, int, str], Role | None],
) -> Role | None:
    """A unit's role in the tasks of one 责任单位 cell (lead before support before guide)."""
    key = (id(catalog.registry), id(mentions), unit)
    if key not in roles:
        roles[key] = _strongest(catalog.registry.holdings(mentions, unit))
    return roles[key]


def deadlines(
    catalog: Catalog,
    *,
    as_of: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    recurring: bool = True,
    progress: Progress | None = None,
    unit: str | None = None,
    memo: DeadlineMemo | None = None,
) -> list[DueItem]:
    """Every deadline in [start, end] (both inclusive; None = unbounded) still owed, by date.

    Fixed milestones come with their 1-based number. Recurring deadlines (每季度末…)
    are expanded into their occurrences in the window; with no start, from 1 January
    of the document's year (or of the as-of year). A deadline is left out when no lead
    unit owes it any more (per the ledger in `progress`).

    `unit` narrows to the tasks the unit holds, in any role, each item carrying the role:
    as a lead unit (a group: its members) it sees what it still owes itself; as a guide
    or support unit, which owes nothing, it sees which lead units still owe the deadline.
    `memo`: shared by the calls of one query over several tables (same window, unit).
    """
    wanted = set(catalog.registry.expand(unit)) if unit else None
    first = start or dt.date(catalog.document.year or as_of.year, 1, 1)
    last = end or max(as_of, first)
    memo = memo if memo is not None else DeadlineMemo()
    windows, roles = memo.windows.setdefault(first, {}), memo.roles
    # (position, role) of each task asked; a task's view is made only if it has a deadline
    schedules = catalog.schedules()
    asked: Iterable[tuple[int, Role | None]]
    if not unit:
        asked = zip(range(len(schedules)), repeat(None))
    else:
        asked = [
            (position, role)
            for mentions, at in catalog.cells
            if (role := _role_in_cell(catalog, mentions, unit, roles)) is not None
            for position in at
        ]
    items = []
    for position, role in asked:
        schedule = schedules[position]
        due_dates = windows.get(id(schedule))
        if due_dates is None:
            due_dates = [
                (number, m.due, m.deliverable)
                for number, m in enumerate(schedule.milestones, start=1)
                if (start is None or m.due >= start) and (end is None or m.due <= end)
            ]
            if recurring:
                for recurrence in schedule.recurring:
                    due_dates.extend(
                        (None, due, recurrence.deliverable)
                        for due in recurrence.occurrences(first, last)
                    )
            windows[id(schedule)] = due_dates
        if not due_dates:
            continue
        view = catalog.task_at(position)
        for number, due, what in due_dates:
            owing = view.owners if progress is None else progress.outstanding(view, number)
            if wanted is not None and role == "lead":
                owing = tuple(u for u in owing if u in wanted)
            if owing:
                items.append(DueItem(view, number, due, what, (due - as_of).days, owing, role))
    return sorted(items, key=lambda i: (i.due, i.view.id, i.number or 0))


def overdue(
    catalog: Catalog,
    *,
    as_of: dt.date,
    progress: Progress | None = None,
    unit: str | None = None,
) -> list[DueItem]:
    """Fixed milestones due before the as-of date that a lead unit still owes.

    Ongoing work and recurring deadlines are never overdue.
    """
    end = as_of - dt.timedelta(days=1)
    return deadlines(catalog, as_of=as_of, end=end, recurring=False, progress=progress, unit=unit)


# --- the due-date window and what an export or a report list selects ------------------------

DEFAULT_WITHIN_DAYS = 30
"""`due` with no window option: the deadlines of the next 30 days."""


@record
class Window:
    """Deadlines from `start` (None: no lower bound) to `end`, both days included."""

    start: dt.date | None
    end: dt.date


def due_window(
    as_of: dt.date,
    *,
    before: dt.date | None = None,
    after: dt.date | None = None,
    within: int | None = None,
) -> Window:
    """The window `due` asks about; ValueError (a Chinese message) for one that makes no sense.

    `before` alone sets no start; without `before` the window ends `within` days (default 30)
    after as-of; with no option at all it starts at as-of.
    """
    from govopen_cli import messages as msg

    if within is not None and before is not None:
        raise ValueError(msg.WITHIN_AND_BEFORE)
    start = as_of if after is None and before is None else after
    if before is not None:
        end = before
    else:
        end = as_of + dt.timedelta(days=within if within is not None else DEFAULT_WITHIN_DAYS)
    if start is not None and start > end:
        raise ValueError(msg.EMPTY_WINDOW.format(start=start, end=end))
    return Window(start, end)


def select_reports(
    catalog: Catalog,
    reports: Iterable[ProgressReport],
    *,
    tasks: Iterable[int] | None = None,
    unit: str | None = None,
) -> list[ProgressReport]:
    """Ledger reports on these tasks (None: any) by this unit or, for a group, its members."""
    ids = None if tasks is None else set(tasks)
    units = None if unit is None else set(catalog.registry.expand(unit))
    return [
        r for r in reports if (ids is None or r.task in ids) and (units is None or r.unit in units)
    ]


@record
class Selection:
    """What an export holds: the chosen tasks and the ledger reports about them."""

    views: list[TaskView]
    reports: list[ProgressReport]


def select_for_export(
    catalog: Catalog,
    reports: Iterable[ProgressReport],
    *,
    section: SectionRecord | None = None,
    unit: str | None = None,
) -> Selection:
    """The tasks of a section and/or a unit (any role), and their reports by that unit."""
    views = list_tasks(catalog, section=section, unit=unit)
    chosen = select_reports(catalog, reports, tasks=[v.id for v in views], unit=unit)
    return Selection(views, chosen)

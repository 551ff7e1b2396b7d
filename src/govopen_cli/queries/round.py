"""The reporting round: what each lead unit owes in a period (its form), what it is late on
(its notice).

Both read the ledger through `Progress` and the deadlines through `questions.deadlines`,
so a form, a notice, `due` and `overdue` never disagree about who owes what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from govopen_cli.queries.questions import DueItem, deadlines
from govopen_cli.queries.status import Progress, board_units
from govopen_cli.record import record
from govopen_cli.table.catalog import Catalog


@record
class UnitDue:
    """One lead unit and the deadlines it owes (a form's rows, or a notice's)."""

    unit: str
    items: tuple[DueItem, ...]
    reported: dict[tuple[int, int | None], str] = field(default_factory=dict)
    """The status of the unit's latest counting report on an item (task, number), if any."""

    @property
    def overdue(self) -> tuple[DueItem, ...]:
        """The items due before the as-of date."""
        return tuple(i for i in self.items if i.days_left < 0)

    @property
    def due_soon(self) -> tuple[DueItem, ...]:
        """The items due on or after the as-of date."""
        return tuple(i for i in self.items if i.days_left >= 0)


def lead_units(catalog: Catalog, unit: str | None = None) -> list[str]:
    """The units that owe completion (registry order); `unit` narrows to it (a group: members)."""
    owners = board_units(catalog, catalog.tasks)
    if unit is None:
        return owners
    wanted = set(catalog.registry.members(unit) or [unit])
    return [u for u in owners if u in wanted]


def form_items(progress: Progress, unit: str, within: int) -> UnitDue:
    """A unit's form: the fixed milestones it still owes that are due by as-of + `within`
    days (those already overdue included), and the recurring deadlines falling in
    [as-of, as-of + `within`] (one row per task: a recurring report is about the task).
    """
    as_of = progress.as_of
    end = as_of + dt.timedelta(days=within)
    catalog = progress.catalog
    fixed = deadlines(catalog, as_of=as_of, end=end, recurring=False, progress=progress, unit=unit)
    recurring = [
        item
        for item in deadlines(
            catalog, as_of=as_of, start=as_of, end=end, progress=progress, unit=unit
        )
        if item.number is None
    ]
    fixed = [i for i in fixed if i.role == "lead"]
    first: dict[int, DueItem] = {}
    for item in recurring:
        if item.role != "lead":
            continue
        first.setdefault(item.view.id, item)
    items = sorted([*fixed, *first.values()], key=lambda i: (i.view.id, i.number or 0, i.due))
    return UnitDue(unit, tuple(items))


def forms(progress: Progress, units: list[str], within: int) -> list[UnitDue]:
    """Each unit's form rows; units that owe nothing in the period are left out."""
    found = [form_items(progress, unit, within) for unit in units]
    return [f for f in found if f.items]


def late_units(progress: Progress, units: list[str], warn_days: int) -> list[UnitDue]:
    """Each unit's overdue and soon-due fixed milestones (the board's warn days), worst first
    within a unit; units that owe nothing overdue or soon are left out.
    """
    end = progress.as_of + dt.timedelta(days=warn_days)
    result = []
    for unit in units:
        items = deadlines(
            progress.catalog,
            as_of=progress.as_of,
            end=end,
            recurring=False,
            progress=progress,
            unit=unit,
        )
        items = [i for i in items if i.role == "lead"]  # a guide or support unit owes nothing
        if items:
            result.append(UnitDue(unit, tuple(items), _reported(progress, unit, items)))
    return result


def _reported(
    progress: Progress, unit: str, items: list[DueItem]
) -> dict[tuple[int, int | None], str]:
    found: dict[tuple[int, int | None], str] = {}
    for item in items:
        reports = progress.reports(item.view.id, unit, item.number)
        if reports:
            found[(item.view.id, item.number)] = reports[-1].status
    return found

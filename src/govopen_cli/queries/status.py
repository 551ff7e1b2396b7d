"""Who has done what, as of a date: the ledger applied to the task table.

Completion is per lead unit (a group lead means each member). A milestone is
done for a unit when that unit's latest report dated on or before the as-of
date, for that milestone or for the whole task, says `done`. Reports dated
after the as-of date do not count yet, so `--as-of` replays history.

Without a ledger (`recorded=False`) nobody knows what is done: a deadline that has
passed is `past_due` (已过截止日期, a neutral fact), never `overdue` (a failure).
Retracted reports never reach this module: `checks.ledger` leaves them out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from govopen_cli.record import record
from govopen_cli.table.catalog import Catalog, TaskView

if TYPE_CHECKING:
    from govopen_cli.table.model import ProgressReport
    from govopen_cli.table.schedule import Schedule

Mark = Literal[
    "done",
    "done_late",
    "overdue",
    "past_due",
    "blocked",
    "in_progress",
    "due_soon",
    "not_due",
    "ongoing",
]
MARKS: tuple[Mark, ...] = (
    "done",
    "done_late",
    "in_progress",
    "due_soon",
    "not_due",
    "ongoing",
    "blocked",
    "past_due",
    "overdue",
)


def possible_marks(recorded: bool) -> tuple[Mark, ...]:
    """The marks a legend lists: with a ledger never `past_due`; without one, only date marks."""
    if recorded:
        return tuple(m for m in MARKS if m != "past_due")
    return tuple(m for m in MARKS if m in ("due_soon", "not_due", "ongoing", "past_due"))


@record
class UnitMilestone:
    """One lead unit on one milestone."""

    unit: str
    due: dt.date
    done_on: dt.date | None
    """The date the unit reported it done (the first of its latest run of `done`), or None."""

    @property
    def done(self) -> bool:
        """Reported done as of the as-of date."""
        return self.done_on is not None

    @property
    def late(self) -> bool:
        """Done, but reported after the due date."""
        return self.done_on is not None and self.done_on > self.due


_NONE: frozenset[int] = frozenset()


class Progress:
    """The ledger as of one date, answering per task, milestone and unit."""

    def __init__(
        self,
        catalog: Catalog,
        reports: Iterable[ProgressReport],
        as_of: dt.date,
        *,
        recorded: bool = True,
    ) -> None:
        self.catalog = catalog
        self.as_of = as_of
        self.recorded = recorded
        """False when there is no ledger: completion is unknown, not "nothing done"."""
        self._by_task_unit: dict[tuple[int, str], list[ProgressReport]] = defaultdict(list)
        self.reported_tasks: frozenset[int] = _NONE
        """The ids of the tasks with a counting report (as of the as-of date)."""
        if not reports:  # (a province's tables mostly have no ledger yet)
            return
        ordered = sorted(
            (r for r in reports if r.date <= as_of), key=lambda r: r.date
        )  # sorted() is stable: same-day reports keep the ledger's order
        for report in ordered:
            self._by_task_unit[(report.task, report.unit)].append(report)
        self.reported_tasks = frozenset(task for task, _ in self._by_task_unit)

    def reports(self, task: int, unit: str, milestone: int | None) -> list[ProgressReport]:
        """A unit's counting reports on a milestone (or whole-task ones), oldest first."""
        return [
            r
            for r in self._by_task_unit.get((task, unit), [])
            if milestone is None or r.milestone in (None, milestone)
        ]

    def latest(self, task: int, unit: str) -> ProgressReport | None:
        """A unit's latest counting report on a task, any milestone."""
        found = self._by_task_unit.get((task, unit))
        return found[-1] if found else None

    @property
    def reported_pairs(self) -> Container[tuple[int, str]]:
        """The (task, unit) pairs with a counting report (as of the as-of date)."""
        return self._by_task_unit.keys()

    def milestone_state(self, view: TaskView, number: int, unit: str) -> UnitMilestone:
        """Whether and when `unit` finished milestone `number` (1-based) of a task."""
        due = view.schedule.milestones[number - 1].due
        relevant = self.reports(view.id, unit, number)
        done_on = None
        for report in reversed(relevant):
            if report.status != "done":
                break
            done_on = report.date
        return UnitMilestone(unit, due, done_on)

    def outstanding(self, view: TaskView, number: int | None) -> tuple[str, ...]:
        """The lead units that still owe a milestone (all of them for a recurring deadline,
        or when nobody reported on the task: then the task's own tuple, not a copy)."""
        if number is None or view.id not in self.reported_tasks:
            return view.owners
        return tuple(
            u
            for u in view.owners
            if (view.id, u) not in self._by_task_unit
            or not self.milestone_state(view, number, u).done
        )

    def mark(self, view: TaskView, unit: str, warn_days: int) -> Mark | None:
        """The board's mark for one task and one lead unit (None if the unit does not owe it)."""
        if unit not in view.owners:
            return None
        latest = self.latest(view.id, unit)
        states = [
            self.milestone_state(view, n, unit) for n in range(1, len(view.schedule.milestones) + 1)
        ]
        if not states:
            if latest is not None and latest.status == "blocked":
                return "blocked"
            if latest is not None and latest.status == "done" and not view.schedule.ongoing:
                return "done"
            return "ongoing" if view.schedule.ongoing else "not_due"
        return _judge(states, latest, self.as_of, warn_days, self.recorded)

    def milestone_mark(self, view: TaskView, number: int, unit: str, warn_days: int) -> Mark | None:
        """The board's mark for one milestone and one lead unit, by the same rules as `mark`."""
        if unit not in view.owners:
            return None
        relevant = self.reports(view.id, unit, number)
        latest = relevant[-1] if relevant else None
        state = self.milestone_state(view, number, unit)
        return _judge([state], latest, self.as_of, warn_days, self.recorded)


def _judge(
    states: list[UnitMilestone],
    latest: ProgressReport | None,
    as_of: dt.date,
    warn_days: int,
    recorded: bool = True,
) -> Mark:
    """The mark for a unit's dated milestones (all of a task's, or one)."""
    open_states = [s for s in states if not s.done]
    if any(s.due < as_of for s in open_states):
        return "overdue" if recorded else "past_due"
    if not open_states:
        return "done_late" if any(s.late for s in states) else "done"
    if latest is not None and latest.status == "blocked":
        return "blocked"
    if any((s.due - as_of).days <= warn_days for s in open_states):
        return "due_soon"
    if latest is not None and latest.status == "in_progress":
        return "in_progress"
    return "not_due"


@dataclass(slots=True)
class Tally:
    """Counts for one unit or one section, as of a date."""

    name: str
    tasks: int = 0
    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    recorded: bool = True
    """False without a ledger: done and overdue are unknown (counted as 0, shown as —)."""

    @property
    def rate(self) -> float | None:
        """Share of the milestones due so far that are done (None when none is due or unknown)."""
        if not self.recorded:
            return None
        return (self.on_time + self.late) / self.due if self.due else None

    def add(self, state: UnitMilestone, as_of: dt.date) -> None:
        """Count one unit's milestone, if it is due by the as-of date."""
        if state.due > as_of:
            return
        self.due += 1
        if state.done:
            if state.late:
                self.late += 1
            else:
                self.on_time += 1
        elif state.due < as_of and self.recorded:
            self.overdue += 1


def stats(progress: Progress, by: Literal["unit", "section"]) -> list[Tally]:
    """Per lead unit or per section: tasks, milestones due so far, on time, late, overdue.

    Sorted so that those furthest behind come first: most overdue, then lowest rate.
    """
    catalog = progress.catalog
    tallies: dict[str, Tally] = {}
    counted: dict[int, tuple[int, int]] = {}
    reported = progress.reported_pairs
    recorded = progress.recorded
    for view in catalog.tasks:
        keys = view.owners if by == "unit" else (view.section.id,)
        for key in keys:
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = Tally(key, recorded=recorded)
            tally.tasks += 1
        due, past = _counts(view.schedule, progress.as_of, counted)
        if not recorded:
            past = 0  # without a ledger nothing is known to be overdue
        for unit in view.owners:
            tally = tallies[unit if by == "unit" else view.section.id]
            if (view.id, unit) not in reported:  # nothing reported: every one is undone
                tally.due += due
                tally.overdue += past
                continue
            for number in range(1, len(view.schedule.milestones) + 1):
                tally.add(progress.milestone_state(view, number, unit), progress.as_of)
    order = list(tallies)
    return sorted(
        tallies.values(),
        key=lambda t: (-t.overdue, t.rate if t.rate is not None else 2.0, order.index(t.name)),
    )


def _counts(
    schedule: Schedule, as_of: dt.date, counted: dict[int, tuple[int, int]]
) -> tuple[int, int]:
    """A schedule's milestones due by the as-of date, and those of them already past it
    (what `Tally.add` counts for a unit that has done none), worked out once per schedule."""
    found = counted.get(id(schedule))
    if found is None:
        dues = [m.due for m in schedule.milestones if m.due <= as_of]
        found = counted[id(schedule)] = (len(dues), sum(1 for d in dues if d < as_of))
    return found


def board_units(catalog: Catalog, tasks: Iterable[TaskView]) -> list[str]:
    """The lead units of these tasks, in registry order: the board's columns."""
    owners = {u for view in tasks for u in view.owners}
    return [name for name in catalog.registry.units if name in owners]

"""A valid data file, understood: each task's effective schedule and units.

Structure the tool derives (milestones from 工作进度, lead/guide units from
责任单位, task 7's cells from task 6) is computed here once, never typed twice.
A Catalog holds plain dataclasses only (no pydantic model), so that the cache
can store it and a cached query loads it quickly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

from govopen_cli import messages as msg
from govopen_cli.gc_pause import paused_gc
from govopen_cli.table.records import DocumentRecord, SectionRecord
from govopen_cli.table.schedule import Milestone, Schedule, parse_schedule
from govopen_cli.table.units import Holding, Mention, Registry, Role, parse_units

if TYPE_CHECKING:
    from govopen_cli.table.model import Task, TaskFile, Unit


_Part = TypeVar("_Part")


class TaskView(NamedTuple):
    """One task with what the tool understood from its cells (immutable).

    A named tuple, not a dataclass: the cache stores a table's tasks as one flat tuple of
    their fields, which loads in a fraction of the time, and a view is made of a task's
    slice of it only when the task is asked (`Catalog.tasks`, `Catalog.task_at`).
    """

    id: int
    """The task's 序号."""
    text: str
    """The 重点任务 text."""
    section: SectionRecord
    schedule: Schedule
    mentions: tuple[Mention, ...]
    cells_from: int
    """The id of the task whose 工作进度/责任单位 cells apply (task 7 → 6)."""
    schedule_text: str
    """The 工作进度 text that applies (the merged cell's, for a same_as task)."""
    units_text: str
    """The 责任单位 text that applies."""
    owners: tuple[str, ...]
    """The units that owe completion: lead units, each group replaced by its members."""
    same_as: int | None = None
    """The task whose merged cells this one shares, as the file says (None if none)."""
    note: str | None = None
    """The file's note on the task."""
    explicit: bool = False
    """True when the milestones were typed by hand (`milestones:`), not read from 工作进度."""
    doc: str = ""
    """The key of the document (table) the task belongs to: its file's stem."""

    def named(self, role: Role) -> list[str]:
        """The unit names the cell gives in a role, as canonical registry names."""
        return [m.name for m in self.mentions if m.role == role]


class Catalog:
    """A validated task file with derived views, the input of every query."""

    def __init__(
        self, task_file: TaskFile, path: Path | None = None, shared: Sequence[Unit] = ()
    ) -> None:
        self.document = DocumentRecord.of(task_file.document)
        self.path = path
        self.key = path.stem if path is not None else "tasks"
        """The document's short key (its file's stem), as `KEY:ID` and JSON's `doc` name it."""
        # the file's own units first: a file may say more about a unit than units.yaml does
        self.registry = Registry([*task_file.units, *shared])
        self.shares_registry = not task_file.units and bool(shared)
        """Its registry is the folder's units.yaml alone (so the cache need not keep a copy)."""
        self.sections = [SectionRecord.of(s) for s in task_file.sections]
        by_id = {t.id: t for t in task_file.tasks}
        section_by_id = {s.id: s for s in self.sections}
        tasks: list[TaskView] = []
        # each distinct 责任单位 cell is understood once (a province repeats them a lot),
        # and equal cell texts are one string, stored once in the cache
        understood: dict[str, tuple[str, tuple[Mention, ...], tuple[str, ...]]] = {}
        schedules: dict[str, str] = {}
        for task in task_file.tasks:
            source = by_id[task.same_as] if task.same_as is not None else task
            if source.units not in understood:
                found = self._mentions(source.units)
                understood[source.units] = (source.units, found, self._owners(found))
            units_text, mentions, owners = understood[source.units]
            tasks.append(
                TaskView(
                    id=task.id,
                    text=task.text,
                    section=section_by_id[task.section],
                    schedule=self._schedule(task, source),
                    mentions=mentions,
                    cells_from=source.id,
                    schedule_text=schedules.setdefault(source.schedule, source.schedule),
                    units_text=units_text,
                    owners=owners,
                    same_as=task.same_as,
                    note=task.note,
                    explicit=task.milestones is not None or source.milestones is not None,
                    doc=self.key,
                )
            )
        self._tasks: list[TaskView] | None = tasks
        self._stored: tuple[Any, ...] = ()
        """The tasks' fields one after another, as the cache keeps them (until `_tasks` is made)."""
        self._by_id: dict[int, TaskView] | None = None
        self.cells = _cells(tasks)
        """Each distinct 责任单位 cell (as understood) with the positions of its tasks in
        `tasks`: a unit's role, the same in every task of a cell, is asked once per cell."""

    def _schedule(self, task: Task, source: Task) -> Schedule:
        parsed = parse_schedule(source.schedule, year=self.document.year)
        explicit = task.milestones if task.milestones is not None else source.milestones
        ongoing = task.ongoing if task.ongoing is not None else source.ongoing
        if explicit is not None:
            milestones = tuple(Milestone(m.due, m.deliverable, m.due.isoformat()) for m in explicit)
            parsed = dataclasses.replace(parsed, milestones=milestones, recurring=())
        if ongoing is not None:
            parsed = dataclasses.replace(parsed, ongoing=ongoing)
        return parsed

    def _mentions(self, cell: str) -> tuple[Mention, ...]:
        """The cell's units with names made canonical (validation guarantees they resolve)."""
        mentions = []
        for mention in parse_units(cell):
            unit = self.registry.lookup(mention.name)
            name = unit.name if unit is not None else mention.name
            mentions.append(Mention(name, mention.role))
        return tuple(mentions)

    def _owners(self, mentions: tuple[Mention, ...]) -> tuple[str, ...]:
        owners: list[str] = []
        for mention in mentions:
            if mention.role == "lead":
                owners.extend(self.registry.expand(mention.name))
        return tuple(dict.fromkeys(owners))

    def holdings(self, view: TaskView, unit: str) -> tuple[Holding, ...]:
        """The roles `unit` (a canonical name) holds in a task, directly or via a group."""
        return self.registry.holdings(view.mentions, unit)

    def short_name(self, name: str) -> str:
        """A unit's registered short form, else its name."""
        unit = self.registry.units.get(name)
        return unit.short if unit is not None and unit.short else name

    @property
    def tasks(self) -> list[TaskView]:
        """The tasks in the file's order (made from the cache's fields when first asked)."""
        if self._tasks is None:
            # tuple.__new__ through partial: no Python frame per task (TaskView._make has one).
            # The views live as long as their table, which `load` froze out of the collector's
            # sight: so are they (else a province's views, made table by table, would set off
            # full collections scanning every view made before)
            rows = zip(*[iter(self._stored)] * _WIDTH, strict=True)
            with paused_gc(freeze=True):
                self._tasks = list(map(partial(tuple.__new__, TaskView), rows))
            self._stored = ()
        return self._tasks

    @tasks.setter
    def tasks(self, views: list[TaskView]) -> None:
        self._tasks, self._stored, self._by_id = views, (), None

    def task_at(self, position: int) -> TaskView:
        """The task at a position of `tasks` (without making the others' views)."""
        if self._tasks is not None:
            return self._tasks[position]
        start = position * _WIDTH
        return tuple.__new__(TaskView, self._stored[start : start + _WIDTH])

    def schedules(self) -> Sequence[Schedule]:
        """Every task's schedule, in order (without making views: a query over a province
        asks every task's schedule, and makes views only of the tasks it answers)."""
        if self._tasks is not None:
            return [view.schedule for view in self._tasks]
        return cast("tuple[Schedule, ...]", self._stored[_SCHEDULE::_WIDTH])

    def __getstate__(self) -> dict[str, object]:
        """For the cache: a registry shared with the folder is left out (`open_catalog` puts
        the folder's one registry back, the same object for every table); the tasks are
        kept as one flat tuple of their fields (few objects to load) and their views and
        the index by 序号 are made again when first asked."""
        state = self.__dict__.copy()
        if self.shares_registry:
            state["registry"] = None
        if self._tasks is not None:
            state["_stored"] = tuple(chain.from_iterable(self._tasks))
        state["_tasks"] = None
        state["_by_id"] = None
        return state

    @property
    def ids(self) -> dict[int, TaskView]:
        """The tasks by 序号 (`id in catalog.ids` asks whether the table has a task)."""
        if self._by_id is None:
            self._by_id = {view.id: view for view in self.tasks}
        return self._by_id

    def task(self, task_id: int) -> TaskView:
        """One task by 序号; LookupError with a Chinese message if there is none."""
        try:
            return self.ids[task_id]
        except KeyError:
            ids = sorted(self.ids)
            span = f"{ids[0]}–{ids[-1]}" if ids else "无"
            message = msg.NO_SUCH_TASK.format(id=task_id, count=len(ids), span=span)
            raise LookupError(message) from None

    def section(self, ref: str) -> SectionRecord:
        """A section by its id (一) or its number (1); LookupError if none."""
        ref = ref.strip().rstrip("、.")
        for section in self.sections:
            if ref == section.id:
                return section
        if ref.isdigit() and 1 <= int(ref) <= len(self.sections):
            return self.sections[int(ref) - 1]
        ids = "、".join(s.id for s in self.sections)
        raise LookupError(msg.NO_SUCH_SECTION.format(ref=ref, ids=ids))


_WIDTH = len(TaskView._fields)
"""How many fields a task has in the cache's flat tuple."""
_SCHEDULE = TaskView._fields.index("schedule")


def _cells(tasks: list[TaskView]) -> list[tuple[tuple[Mention, ...], tuple[int, ...]]]:
    """The distinct 责任单位 cells of these tasks (by identity), each with its tasks' positions."""
    grouped: dict[int, tuple[tuple[Mention, ...], list[int]]] = {}
    for position, view in enumerate(tasks):
        grouped.setdefault(id(view.mentions), (view.mentions, []))[1].append(position)
    return [(mentions, tuple(at)) for mentions, at in grouped.values()]


def share_equal_parts(catalogs: Sequence[Catalog]) -> None:
    """Make the equal, immutable parts of several tables one object each.

    A province's tables repeat schedules (长期坚持, 2022年6月底前), unit cells and
    sections; once they are one object, a pickle of the whole collection stores each
    once, and loading it makes far fewer objects. Nothing changes for a reader: the
    parts are immutable and compare equal.
    """
    seen: dict[object, object] = {}

    def one(value: _Part) -> _Part:
        return cast(_Part, seen.setdefault(value, value))

    for catalog in catalogs:
        catalog.sections = [one(s) for s in catalog.sections]
        catalog.tasks = [
            view._replace(
                section=one(view.section),
                schedule=one(view.schedule),
                mentions=one(view.mentions),
                owners=one(view.owners),
                schedule_text=one(view.schedule_text),
                units_text=one(view.units_text),
                text=one(view.text),
                doc=one(view.doc),
            )
            for view in catalog.tasks
        ]
        catalog.cells = [(one(mentions), one(at)) for mentions, at in catalog.cells]

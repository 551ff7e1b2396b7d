"""The same questions asked of every table in a collection at once.

Each function asks `questions.py` of each document and puts the answers
together: tasks in document order, deadlines by date across documents. A unit
is found once for the whole collection (`Collection.resolve_unit`) and then
under the name each document registers it by; a document that does not name the
unit has nothing for it. Progress is per document (each has its own ledger).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from operator import attrgetter

from govopen_cli import messages as msg
from govopen_cli.queries import questions
from govopen_cli.queries.questions import DueItem, SectionSummary, UnitSummary, UnitTask
from govopen_cli.queries.status import Progress, Tally, stats
from govopen_cli.record import record
from govopen_cli.table.catalog import Catalog, TaskView
from govopen_cli.table.collection import Collection
from govopen_cli.table.units import ROLES, Role


def _sections(collection: Collection, ref: str | None) -> dict[str, str | None]:
    """Per document key, the id of the section `ref` names there (all when ref is None).

    LookupError when no document has it (one document: that document's own message).
    """
    if ref is None:
        return {c.key: None for c in collection}
    found: dict[str, str | None] = {}
    error: LookupError | None = None
    for catalog in collection:
        try:
            found[catalog.key] = catalog.section(ref).id
        except LookupError as exc:
            error = exc
    if not found:
        if collection.several:
            raise LookupError(msg.SECTION_IN_NONE.format(ref=ref))
        assert error is not None
        raise error
    return found


def list_tasks(
    collection: Collection,
    *,
    section: str | None = None,
    unit: str | None = None,
    search: str | None = None,
) -> list[TaskView]:
    """Tasks in document then file order, narrowed as `questions.list_tasks` narrows one table.

    `section` is a section reference (一 or 1); `unit` a canonical name in the collection.
    """
    chosen = _sections(collection, section)
    views: list[TaskView] = []
    for catalog in collection:
        if catalog.key not in chosen:
            continue
        name = collection.unit_in(catalog, unit) if unit else None
        if unit and name is None:
            continue
        section_id = chosen[catalog.key]
        record = catalog.section(section_id) if section_id else None
        views += questions.list_tasks(catalog, section=record, unit=name, search=search)
    return views


def by_unit(collection: Collection, unit: str) -> list[UnitTask]:
    """A unit's tasks in every document that names it, grouped by document."""
    items: list[UnitTask] = []
    for catalog in collection:
        name = collection.unit_in(catalog, unit)
        if name is not None:
            items += questions.by_unit(catalog, name)
    return items


def sections(collection: Collection) -> list[SectionSummary]:
    """Every document's sections, in order."""
    return [s for catalog in collection for s in questions.sections(catalog)]


def unit_summaries(collection: Collection) -> list[UnitSummary]:
    """Every unit of the collection with its tasks per role summed over the documents."""
    if not collection.several:
        only = collection.only()
        assert only is not None
        return questions.unit_summaries(only)
    totals: dict[str, dict[Role, int]] = {}
    groups: dict[str, dict[str, None]] = {}
    for catalog in collection:
        for summary in questions.unit_summaries(catalog):
            name = summary.unit.name
            counts = totals.setdefault(name, dict.fromkeys(ROLES, 0))
            for role in ROLES:
                counts[role] += summary.counts[role]
            groups.setdefault(name, {}).update(dict.fromkeys(summary.groups))
    registry = collection.registry
    return [
        UnitSummary(registry.units[name], tuple(groups[name]), counts)
        for name, counts in totals.items()
        if name in registry.units
    ]


def documents_of(collection: Collection, unit: str) -> list[str]:
    """The keys of the documents that name a unit."""
    return [c.key for c in collection if collection.unit_in(c, unit) is not None]


def deadlines(
    collection: Collection,
    progress: Mapping[str, Progress],
    *,
    as_of: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    recurring: bool = True,
    unit: str | None = None,
) -> list[DueItem]:
    """Every document's deadlines in [start, end] still owed, by date (see questions.deadlines).

    Same-day deadlines keep the documents' order, then each document's (task, milestone).
    """
    items: list[DueItem] = []
    memo = questions.DeadlineMemo()
    for catalog in collection:
        name = collection.unit_in(catalog, unit) if unit else None
        if unit and name is None:
            continue
        items += questions.deadlines(
            catalog,
            as_of=as_of,
            start=start,
            end=end,
            recurring=recurring,
            progress=progress.get(catalog.key),
            unit=name,
            memo=memo,
        )
    if not collection.several:
        return items
    # each document's items come by (date, task, milestone), the documents in order:
    # a stable sort by date alone leaves same-day items in that order
    return sorted(items, key=attrgetter("due"))


def overdue(
    collection: Collection,
    progress: Mapping[str, Progress],
    *,
    as_of: dt.date,
    unit: str | None = None,
) -> list[DueItem]:
    """Fixed milestones due before the as-of date still owed, in every document, by date."""
    end = as_of - dt.timedelta(days=1)
    return deadlines(collection, progress, as_of=as_of, end=end, recurring=False, unit=unit)


@record
class DocTally:
    """A tally (per unit or per section) and the document it counts (None: all of them)."""

    doc: str | None
    tally: Tally


def collection_stats(progress: Mapping[str, Progress], by: str) -> list[DocTally]:
    """Per lead unit summed over the documents, or per section of each document.

    Furthest behind first, as `status.stats` orders one table.
    """
    if by == "section" or len(progress) == 1:
        rows = []
        for key, one in progress.items():
            rows += [DocTally(key, t) for t in stats(one, "section" if by == "section" else "unit")]
        if by == "section" and len(progress) > 1:
            rows.sort(key=lambda r: (-r.tally.overdue, _rate(r.tally)))
        return rows
    summed: dict[str, Tally] = {}
    for one in progress.values():
        for tally in stats(one, "unit"):
            total = summed.setdefault(tally.name, Tally(tally.name))
            total.recorded = total.recorded and tally.recorded  # one table unknown: sum unknown
            total.tasks += tally.tasks
            total.due += tally.due
            total.on_time += tally.on_time
            total.late += tally.late
            total.overdue += tally.overdue
    order = list(summed)
    ranked = sorted(summed.values(), key=lambda t: (-t.overdue, _rate(t), order.index(t.name)))
    return [DocTally(None, t) for t in ranked]


def _rate(tally: Tally) -> float:
    return tally.rate if tally.rate is not None else 2.0


def catalog_of(collection: Collection, view: TaskView) -> Catalog:
    """The document a task comes from."""
    return collection.documents[view.doc]

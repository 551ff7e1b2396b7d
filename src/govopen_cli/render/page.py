"""The public progress page: one self-contained, escaped HTML file from a jinja2 template.

Everything the page shows is in its HTML (the table reads without script); the
inline script only filters rows, and the timeline with them. Nothing is fetched:
CSS, script and the timeline (inline SVG, and a month list for narrow screens)
are in the file, and a Content-Security-Policy forbids any request.

Under 640 px the table's rows become cards (number, task, schedule with status,
units) and the filters stack: a phone never scrolls sideways. The header names
the publisher, the source document and the date of the data from the data
file's `document:` fields, and says so where the file does not give them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govopen_cli.record import record

if TYPE_CHECKING:
    from jinja2 import Environment

from govopen_cli import messages as msg
from govopen_cli.queries.questions import unit_role
from govopen_cli.queries.status import Progress, possible_marks
from govopen_cli.render.exports import WARN_DAYS, Badge, badge, milestone_title
from govopen_cli.render.marks import LOOKS, PAGE_COLOURS
from govopen_cli.table.catalog import TaskView

TEMPLATE = "publish.html.j2"


@record
class PageMilestone:
    """One dated milestone as the page shows it."""

    task: int
    number: int
    due: dt.date
    title: str
    badge: Badge


@dataclass(slots=True)
class PageTask:
    """One task row."""

    view: TaskView
    units: list[str]
    roles: list[str] = field(default_factory=list)
    """Each of `units` with its role, as NAME:ROLE, for the unit filter."""
    search: str = ""
    """Every name the task's units go by (members of a group too): what the search box reads."""
    milestones: list[PageMilestone] = field(default_factory=list)
    standing: Badge | None = None
    """For a task without dated milestones: its state across lead units."""


def _task(progress: Progress, view: TaskView, unit_names: list[str], warn_days: int) -> PageTask:
    catalog = progress.catalog
    units = [u for u in unit_names if catalog.holdings(view, u)]
    roles = [f"{u}:{unit_role(catalog, view, u)}" for u in units]
    spellings = [
        spelling
        for u in units
        for spelling in catalog.registry.spellings(catalog.registry.units[u])
    ]
    row = PageTask(view, units, roles, " ".join(dict.fromkeys(spellings)))
    for number, milestone in enumerate(view.schedule.milestones, start=1):
        row.milestones.append(
            PageMilestone(
                view.id,
                number,
                milestone.due,
                milestone_title(view, number),
                badge(progress, view, number, warn_days),
            )
        )
    if not row.milestones:
        row.standing = badge(progress, view, None, warn_days)
    return row


@record
class Dot:
    """A milestone on the timeline."""

    x: int
    y: int
    milestone: PageMilestone


def timeline(milestones: list[PageMilestone]) -> dict[str, Any]:
    """Month columns from the first milestone to the last, a dot per milestone."""
    if not milestones:
        return {"months": [], "dots": [], "width": 0, "height": 0, "first_y": 0, "step": 0}
    first = min(m.due for m in milestones)
    last = max(m.due for m in milestones)
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    column, top, step = 58, 24, 28
    stacks: dict[tuple[int, int], int] = {}
    dots = []
    for item in sorted(milestones, key=lambda m: (m.due, m.task, m.number)):
        key = (item.due.year, item.due.month)
        index = months.index(key)
        stacks[key] = stacks.get(key, 0) + 1
        x = 40 + index * column + column // 2
        y = top + (stacks[key] - 1) * step + 14
        dots.append(Dot(x, y, item))
    deepest = max(stacks.values())
    axis_y = top + deepest * step + 10
    labels = [
        {
            "x": 40 + i * column + column // 2,
            "month": f"{m}月",
            "year": f"{y}年" if i == 0 or m == 1 else "",
        }
        for i, (y, m) in enumerate(months)
    ]
    return {
        "months": labels,
        "dots": dots,
        "width": 40 + len(months) * column + 20,
        "height": axis_y + 44,
        "axis_y": axis_y,
        "left": 40,
        "right": 40 + len(months) * column,
        "first_y": top + 14,
        "step": step,
    }


def months(milestones: list[PageMilestone]) -> list[dict[str, Any]]:
    """The timeline as a list for narrow screens: each month with its milestones."""
    found: dict[tuple[int, int], list[PageMilestone]] = {}
    for item in sorted(milestones, key=lambda m: (m.due, m.task, m.number)):
        found.setdefault((item.due.year, item.due.month), []).append(item)
    return [
        {"label": msg.PAGE_MONTH.format(year=y, month=m), "milestones": items}
        for (y, m), items in found.items()
    ]


def _unit_note(progress: Progress, name: str, tasks: list[PageTask]) -> str:
    """For the unit filter: why a unit owes nothing in some tasks (guide or support there)."""
    catalog = progress.catalog
    held = [unit_role(catalog, t.view, name) for t in tasks if name in t.units]
    other = [role for role in held if role not in ("lead", None)]
    if not other:
        return ""
    labels = "、".join(label for role, label in msg.ROLE_LABELS.items() if role in other)
    return msg.PAGE_ROLE_NOTE.format(unit=catalog.short_name(name), n=len(other), roles=labels)


def page_context(
    progress: Progress, warn_days: int = WARN_DAYS, back: str | None = None
) -> dict[str, Any]:
    """Everything the template needs, as plain values (escaping is the template's job)."""
    catalog = progress.catalog
    unit_names = list(catalog.registry.units)
    tasks = [_task(progress, view, unit_names, warn_days) for view in catalog.tasks]
    used = {u for t in tasks for u in t.units}
    sections = [
        {"section": section, "tasks": [t for t in tasks if t.view.section.id == section.id]}
        for section in catalog.sections
    ]
    milestones = [m for t in tasks for m in t.milestones]
    shown = {m.badge.mark for m in milestones} | {t.standing.mark for t in tasks if t.standing}
    return {
        "msg": msg,
        "document": catalog.document,
        "as_of": progress.as_of.isoformat(),
        "recorded": progress.recorded,
        "sections": sections,
        "units": [
            (name, catalog.short_name(name), _unit_note(progress, name, tasks))
            for name in unit_names
            if name in used
        ],
        "role_labels": msg.ROLE_LABELS,
        "total": len(tasks),
        "timeline": timeline(milestones),
        "months": months(milestones),
        "marks": [m for m in possible_marks(progress.recorded) if m in shown],
        "all_marks": list(LOOKS),
        "looks": LOOKS,
        "colours": PAGE_COLOURS,
        "back": back,
    }


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("govopen_cli.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(progress: Progress, warn_days: int = WARN_DAYS, back: str | None = None) -> str:
    """The page as HTML text (`back`: a link to the collection's index page)."""
    return _environment().get_template(TEMPLATE).render(page_context(progress, warn_days, back))


# --- a collection: an index page, and one page per document -----------------------------------

INDEX_TEMPLATE = "index.html.j2"


@record
class IndexRow:
    """One document on the index page: where its page is and how far along it is."""

    key: str
    page: str
    title: str
    region: str | None
    attachment: str | None
    tasks: int
    due: int
    done: int
    overdue: int
    has_ledger: bool

    @property
    def rate(self) -> str:
        """Share of due milestones done, as 40%; — when none is due yet."""
        return f"{self.done / self.due:.0%}" if self.due else "—"


def page_name(key: str) -> str:
    """The file name of a document's page in the published folder."""
    return f"{key}.html"


def index_row(progress: Progress, has_ledger: bool) -> IndexRow:
    """A document's line on the index: tasks, and unit × milestone counts as `stats` counts."""
    from govopen_cli.queries.status import stats

    catalog = progress.catalog
    tallies = stats(progress, "unit")
    document = catalog.document
    return IndexRow(
        catalog.key,
        page_name(catalog.key),
        document.title,
        document.region,
        document.attachment,
        len(catalog.tasks),
        sum(t.due for t in tallies),
        sum(t.on_time + t.late for t in tallies),
        sum(t.overdue for t in tallies),
        has_ledger,
    )


def render_index(rows: list[IndexRow], as_of: dt.date) -> str:
    """The collection's index page: every document with its progress, linking to its page."""
    context = {"msg": msg, "rows": rows, "as_of": as_of.isoformat(), "colours": PAGE_COLOURS}
    return _environment().get_template(INDEX_TEMPLATE).render(context)

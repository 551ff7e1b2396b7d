"""The public progress page: one self-contained, escaped HTML file from a jinja2 template.

Everything the page shows is in its HTML (the table reads without script); the
inline script only filters rows. Nothing is fetched: CSS, script and the
timeline (inline SVG) are in the file, and a Content-Security-Policy forbids
any request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from govopen_cli import messages as msg
from govopen_cli.queries.status import MARKS, Progress
from govopen_cli.render.exports import WARN_DAYS, Badge, badge, milestone_title
from govopen_cli.render.marks import LOOKS, PAGE_COLOURS
from govopen_cli.table.catalog import TaskView

TEMPLATE = "publish.html.j2"


@dataclass(frozen=True, slots=True)
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
    milestones: list[PageMilestone] = field(default_factory=list)
    standing: Badge | None = None
    """For a task without dated milestones: its state across lead units."""


def _task(progress: Progress, view: TaskView, unit_names: list[str], warn_days: int) -> PageTask:
    catalog = progress.catalog
    units = [u for u in unit_names if catalog.holdings(view, u)]
    row = PageTask(view, units)
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


@dataclass(frozen=True, slots=True)
class Dot:
    """A milestone on the timeline."""

    x: int
    y: int
    milestone: PageMilestone


def timeline(milestones: list[PageMilestone]) -> dict[str, Any]:
    """Month columns from the first milestone to the last, a dot per milestone."""
    if not milestones:
        return {"months": [], "dots": [], "width": 0, "height": 0}
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
    }


def page_context(progress: Progress, warn_days: int = WARN_DAYS) -> dict[str, Any]:
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
    return {
        "msg": msg,
        "document": catalog.document,
        "as_of": progress.as_of.isoformat(),
        "sections": sections,
        "units": [(name, catalog.short_name(name)) for name in unit_names if name in used],
        "total": len(tasks),
        "timeline": timeline(milestones),
        "marks": MARKS,
        "looks": LOOKS,
        "colours": PAGE_COLOURS,
    }


def render_page(progress: Progress, warn_days: int = WARN_DAYS) -> str:
    """The page as HTML text."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("govopen_cli.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(page_context(progress, warn_days))

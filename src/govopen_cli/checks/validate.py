"""Checking a data file: schema, then cross-checks between its parts.

load → check → print are separate steps (as in check-jsonschema): this module
returns Problem records and never prints. Every problem carries the line and
column of the node it is about.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from govopen_cli import messages as msg
from govopen_cli.files.gc_pause import paused_gc
from govopen_cli.files.yaml_reader import STDIN, SourceMap, read_yaml
from govopen_cli.problems import DataError, Problem
from govopen_cli.table.dates import Clock
from govopen_cli.table.model import Task, TaskFile
from govopen_cli.table.schedule import parse_schedule
from govopen_cli.table.text import unit_key
from govopen_cli.table.units import Registry, parse_units


@dataclass(slots=True)
class FileCheck:
    """The outcome of checking one file: the file if it could be read, and its problems."""

    path: Path
    task_file: TaskFile | None = None
    source: SourceMap | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return all(p.level != "error" for p in self.problems)


def validate_file(path: Path) -> FileCheck:
    """Read, schema-check and cross-check one data file."""
    checked = FileCheck(path)
    try:
        data, source = read_yaml(path)
    except DataError as exc:
        checked.problems = exc.problems
        return checked
    checked.source = source
    if not isinstance(data, dict):
        checked.problems = [source.problem((), "top-level", msg.TOP_LEVEL_NOT_MAPPING)]
        return checked
    try:
        with paused_gc():
            checked.task_file = TaskFile.model_validate(data)
    except ValidationError as exc:
        checked.problems = schema_problems(exc, source)
        return checked
    checked.problems = sorted(
        check_task_file(checked.task_file, source), key=lambda p: (p.line, p.column)
    )
    return checked


def validate_paths(paths: list[Path], clock: Clock) -> list[FileCheck]:
    """Task files with the ledger beside each; a `progress.yaml` given alone is read as a ledger."""
    from govopen_cli.files.finding import LEDGER_NAME

    checks: list[FileCheck] = []
    seen: set[Path] = set()

    def once(path: Path) -> bool:
        key = path.resolve() if path.exists() else path.absolute()
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in paths:
        if path.name == LEDGER_NAME:
            if once(path):
                checks.append(validate_ledger(path, None, clock))
            continue
        if not once(path):
            continue
        checked = validate_file(path)
        checks.append(checked)
        if path == STDIN:
            continue  # standard input has no folder, so no ledger beside it
        beside = path.parent / LEDGER_NAME
        if beside.is_file() and once(beside):
            checks.append(validate_ledger(beside, checked, clock))
    return checks


def validate_ledger(path: Path, task_check: FileCheck | None, clock: Clock) -> FileCheck:
    """A progress ledger: schema always; references, roles and dates when its task file is valid.

    Without `task_check`, the task file is the `tasks.yaml` in the same folder, if any.
    """
    from govopen_cli.checks.ledger import read_ledger
    from govopen_cli.table.catalog import Catalog

    if task_check is None:
        sibling = path.parent / "tasks.yaml"
        task_check = validate_file(sibling) if sibling.is_file() else None
    catalog = None
    if task_check is not None and task_check.task_file is not None and task_check.ok:
        catalog = Catalog(task_check.task_file, task_check.path)
    ledger = read_ledger(path, catalog, clock)
    return FileCheck(path, None, ledger.source, sorted(ledger.problems, key=_place))


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


# --- schema errors in Chinese --------------------------------------------------------


def schema_problems(
    exc: ValidationError, source: SourceMap, root: type[BaseModel] = TaskFile
) -> list[Problem]:
    """pydantic's errors as problems placed at the offending node, in Chinese."""
    from govopen_cli.table.model import ENTRY_TAGS

    problems = []
    for error in exc.errors(include_url=False):
        # a ledger entry's location carries the tag of its kind (report/retraction): not a key
        raw = tuple(error["loc"])
        loc = tuple(step for step in raw if step not in ENTRY_TAGS)
        kind = error["type"]
        if kind == "missing":
            problem = source.problem(loc[:-1], "missing-key", msg.schema_missing(str(loc[-1])))
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            known = sorted(_model_at(raw[:-1], root).model_fields)
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            message = msg.schema_unknown_key(key, close[0] if close else None, known)
            problem = source.problem(loc, "unknown-key", message, key=True)
        else:
            message = msg.schema_error(
                str(loc[-1]) if loc else "", kind, error.get("ctx") or {}, error.get("input")
            )
            problem = source.problem(loc, "schema", message)
        problems.append(problem)
    return sorted(set(problems) - _misspelt_missing(exc, source), key=lambda p: (p.line, p.column))


def _misspelt_missing(exc: ValidationError, source: SourceMap) -> set[Problem]:
    """`missing` errors already explained by an unknown key that is its misspelling."""
    from govopen_cli.table.model import ENTRY_TAGS

    errors = [
        (e["type"], tuple(s for s in e["loc"] if s not in ENTRY_TAGS))
        for e in exc.errors(include_url=False)
    ]
    extra = {(loc[:-1], str(loc[-1])) for kind, loc in errors if kind == "extra_forbidden"}
    found = set()
    for kind, loc in errors:
        if kind != "missing":
            continue
        field = str(loc[-1])
        siblings = [key for parent, key in extra if parent == loc[:-1]]
        if difflib.get_close_matches(field, siblings, n=1, cutoff=0.5):
            found.add(source.problem(loc[:-1], "missing-key", msg.schema_missing(field)))
    return found


def _model_at(loc: tuple[int | str, ...], root: type[BaseModel]) -> type[BaseModel]:
    """The model class that the mapping at `loc` is checked against."""
    from govopen_cli.table.model import ENTRY_TAGS

    model = root
    for step in loc:
        if isinstance(step, str) and step in ENTRY_TAGS:
            model = ENTRY_TAGS[step]
            continue
        if isinstance(step, int) or step not in model.model_fields:
            continue
        inner = _find_model(model.model_fields[step].annotation)
        if inner is None:
            break
        model = inner
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


# --- cross-checks ---------------------------------------------------------------------


def check_task_file(tf: TaskFile, source: SourceMap) -> list[Problem]:
    """Everything the schema alone cannot see."""
    registry = Registry(tf.units)
    return [
        *_check_sections(tf, source),
        *_check_registry(tf, source),
        *_check_tasks(tf, source, registry),
        *_check_suspicious(tf, source, registry),
    ]


def _check_suspicious(tf: TaskFile, source: SourceMap, registry: Registry) -> Iterator[Problem]:
    """Warnings: legal, but probably a slip of the clerk's hand."""
    ids = sorted({t.id for t in tf.tasks})
    first_index = {t.id: i for i, t in reversed(list(enumerate(tf.tasks)))}
    previous = 0
    for task_id in ids:
        if task_id > previous + 1:
            yield source.problem(
                ("tasks", first_index[task_id], "id"),
                "id-gap",
                msg.id_gap(previous, task_id),
            )
        previous = task_id
    used_sections = {t.section for t in tf.tasks}
    known_sections = {s.id for s in tf.sections}
    # a task in an unknown section (an error already) may be the one an empty section misses
    for i, section in enumerate(tf.sections):
        if section.id not in used_sections and used_sections <= known_sections:
            yield source.problem(
                ("sections", i, "id"),
                "section-empty",
                msg.SECTION_EMPTY.format(id=section.id),
            )
    used = _used_units(tf, registry)
    for i, unit in enumerate(tf.units):
        if unit.name not in used:
            yield source.problem(
                ("units", i, "name"),
                "unit-unused",
                msg.UNIT_UNUSED.format(name=unit.name),
            )


def _used_units(tf: TaskFile, registry: Registry) -> set[str]:
    """Units a task names (leading or guiding), and the members of every group so named.

    A misspelt mention (already an unknown-unit error) counts as using its closest
    registered unit, so one slip is not reported twice.
    """
    named: set[str] = set()
    for task in tf.tasks:
        for mention in parse_units(task.units):
            unit = registry.lookup(mention.name)
            if unit is not None:
                named.add(unit.name)
            else:
                named.update(registry.suggest(mention.name, limit=1))
    used = set(named)
    pending = list(named)
    while pending:
        for member in registry.members(pending.pop()):
            if member not in used:
                used.add(member)
                pending.append(member)
    return used


def _check_sections(tf: TaskFile, source: SourceMap) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, section in enumerate(tf.sections):
        if section.id in seen:
            yield source.problem(
                ("sections", i, "id"),
                "duplicate-section",
                msg.DUPLICATE_SECTION.format(id=section.id),
            )
        seen.add(section.id)


def _check_registry(tf: TaskFile, source: SourceMap) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    names = {u.name for u in tf.units}
    for i, unit in enumerate(tf.units):
        for spelling in dict.fromkeys(Registry.spellings(unit)):
            key = unit_key(spelling)
            if key in owner:
                message = msg.DUPLICATE_UNIT.format(name=spelling, other=owner[key])
                yield source.problem(("units", i), "duplicate-unit", message)
            else:
                owner[key] = unit.name
        if unit.kind == "group" and not unit.members:
            yield source.problem(("units", i, "name"), "group-members", msg.GROUP_WITHOUT_MEMBERS)
        if unit.kind != "group" and unit.members:
            yield source.problem(
                ("units", i, "members"), "group-members", msg.MEMBERS_NOT_GROUP, key=True
            )
        for j, member in enumerate(unit.members):
            if member not in names:
                yield source.problem(
                    ("units", i, "members", j),
                    "unknown-member",
                    msg.unknown_member(member, _close(member, names)),
                )


def _check_tasks(tf: TaskFile, source: SourceMap, registry: Registry) -> Iterator[Problem]:
    sections = [s.id for s in tf.sections]
    by_id: dict[int, Task] = {}
    for i, task in enumerate(tf.tasks):
        if task.id in by_id:
            yield source.problem(
                ("tasks", i, "id"), "duplicate-id", msg.DUPLICATE_TASK_ID.format(id=task.id)
            )
        by_id.setdefault(task.id, task)
        if task.section not in sections:
            yield source.problem(
                ("tasks", i, "section"),
                "unknown-section",
                msg.unknown_section(task.section, _close(task.section, sections), sections),
            )
    year = tf.document.year
    for i, task in enumerate(tf.tasks):
        yield from _check_same_as(task, i, by_id, source)
        if task.same_as is None and not task.units.strip():
            yield source.problem(("tasks", i), "no-units", msg.TASK_WITHOUT_UNITS)
        for mention in parse_units(task.units):
            if registry.lookup(mention.name) is None:
                yield source.problem(
                    ("tasks", i, "units"),
                    "unknown-unit",
                    msg.unit_unknown(mention.name, registry.suggest(mention.name)),
                    needle=mention.name,
                )
        try:
            schedule = parse_schedule(task.schedule, year=year)
        except ValueError as exc:
            yield source.problem(("tasks", i, "schedule"), "schedule-invalid", str(exc))
            continue
        if task.milestones is not None:
            yield source.problem(
                ("tasks", i, "milestones"),
                "schedule-explicit",
                msg.SCHEDULE_EXPLICIT,
                key=True,
            )
        elif task.same_as is None and task.ongoing is None and not schedule.understood:
            yield source.problem(
                ("tasks", i, "schedule"),
                "schedule-not-understood",
                msg.schedule_not_understood(task.schedule),
            )


def _check_same_as(
    task: Any, i: int, by_id: dict[int, Any], source: SourceMap
) -> Iterator[Problem]:
    if task.same_as is None:
        return
    loc = ("tasks", i, "same_as")
    target = by_id.get(task.same_as)
    if task.same_as == task.id:
        yield source.problem(loc, "same-as", msg.SAME_AS_SELF)
    elif target is None:
        yield source.problem(loc, "same-as", msg.SAME_AS_MISSING.format(id=task.same_as))
    elif target.same_as is not None:
        yield source.problem(loc, "same-as", msg.SAME_AS_CHAIN.format(id=task.same_as))
    if task.schedule.strip() or task.units.strip():
        yield source.problem(loc, "same-as", msg.SAME_AS_WITH_TEXT, key=True)


def _close(word: str, options: Any) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=3, cutoff=0.5)

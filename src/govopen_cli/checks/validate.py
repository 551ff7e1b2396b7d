"""Checking a data file: schema, then cross-checks between its parts.

load → check → print are separate steps (as in check-jsonschema): this module
returns Problem records and never prints. Every problem carries the line and
column of the node it is about.
"""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from govopen_cli import messages as msg
from govopen_cli.files.limits import (
    MAX_HINT_WORK,
    MAX_ITEM_NODES,
    MAX_SCHEMA_PROBLEMS,
)
from govopen_cli.files.yaml_reader import STDIN, SourceMap, read_yaml
from govopen_cli.gc_pause import paused_gc
from govopen_cli.problems import DataError, Problem
from govopen_cli.table.dates import EARLIEST, LATEST, Clock
from govopen_cli.table.model import Task, TaskFile, Unit, UnitsFile
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
    used_units: set[str] | None = None
    """The units the tasks name, groups' members included (once the file is cross-checked)."""

    @property
    def ok(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return all(p.level != "error" for p in self.problems)


def validate_file(path: Path, shared: Sequence[Unit] = ()) -> FileCheck:
    """Read, schema-check and cross-check one data file.

    `shared`: the units of the folder's units.yaml, which the file's tasks may name too.
    """
    checked = FileCheck(path)
    read = _read_as(checked, TaskFile, msg.TOP_LEVEL_NOT_MAPPING)
    if read is not None:
        checked.task_file, source = read
        problems, checked.used_units = _cross_check(checked.task_file, source, shared)
        checked.problems = sorted(problems, key=_place)
    return checked


def _read_as(checked: FileCheck, model: type[M], not_mapping: str) -> tuple[M, SourceMap] | None:
    """Read the checked file and check it against `model` (its source kept in `checked`);
    None, with the problems in `checked`, when it cannot be read or does not fit."""
    try:
        data, source = read_yaml(checked.path)
    except DataError as exc:
        checked.problems = exc.problems
        return None
    checked.source = source
    if not isinstance(data, dict):
        checked.problems = [source.problem((), "top-level", not_mapping)]
        return None
    with paused_gc():
        found, problems = validate_model(model, data, source)
    if found is None:
        checked.problems = problems
        return None
    return found, source


def validate_paths(paths: list[Path], clock: Clock) -> list[FileCheck]:
    """Task files with the ledger beside each; a ledger given alone is read as a ledger.

    A folder is a collection: every task file in it, its units.yaml, and the rules
    between files (see `validate_collection`).
    """
    from govopen_cli.files.finding import is_dir, is_ledger, ledger_for

    checks: list[FileCheck] = []
    seen: set[Path] = set()

    def once(path: Path) -> bool:
        try:  # a folder that cannot be entered or a symlink loop is reported when read
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path.absolute()
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in paths:
        if is_dir(path):
            if once(path):
                with paused_gc(freeze=True):  # once for the folder, not once per file
                    found = validate_collection(path, clock)
                checks.extend(c for c in found if c.path == path or once(c.path))
            continue
        if is_ledger(path):
            if once(path):
                checks.append(validate_ledger(path, None, clock, named=True))
            continue
        if not once(path):
            continue
        shared, shared_check = shared_units_beside(path) if path != STDIN else ([], None)
        if shared_check is not None and once(shared_check.path):
            checks.append(shared_check)
        checked = validate_file(path, shared)
        checks.append(checked)
        if path == STDIN:
            continue  # standard input has no folder, so no ledger beside it
        beside = ledger_for(path)
        if os.path.lexists(beside) and once(beside):  # a folder or a broken link there: say so
            checks.append(validate_ledger(beside, checked, clock))
    return checks


def shared_units_beside(path: Path) -> tuple[list[Unit], FileCheck | None]:
    """The units of the units.yaml beside a task file (none if it is missing or invalid),
    and that file's check (None if there is no units.yaml)."""
    from govopen_cli.files.finding import units_file

    found = units_file(path.parent)
    if found is None:
        return [], None
    checked = validate_units_file(found)
    units = list(checked.units_file.units) if checked.units_file and checked.ok else []
    return units, checked


@dataclass(slots=True)
class UnitsCheck(FileCheck):
    """A units.yaml as checked: its units if it could be read."""

    units_file: UnitsFile | None = None


def validate_units_file(path: Path) -> UnitsCheck:
    """A folder's shared unit registry: schema, duplicate spellings, group members."""
    checked = UnitsCheck(path)
    read = _read_as(checked, UnitsFile, msg.UNITS_NOT_MAPPING)
    if read is not None:
        checked.units_file, source = read
        checked.problems = sorted(_check_units(checked.units_file.units, source), key=_place)
    return checked


def validate_collection(folder: Path, clock: Clock) -> list[FileCheck]:
    """Every task file of a folder with its ledger, the shared units.yaml, and the rules
    between files: two documents with one key, one unit named two ways in two files,
    a shared unit that no table names."""
    from govopen_cli.files.finding import (
        doc_key,
        ledger_for,
        task_files,
        units_file,
        unlisted_folder,
    )

    checks: list[FileCheck] = []
    shared: list[Unit] = []
    shared_check = None
    found = units_file(folder)
    if found is not None:
        shared_check = validate_units_file(found)
        checks.append(shared_check)
        if shared_check.units_file is not None and shared_check.ok:
            shared = list(shared_check.units_file.units)
    files = task_files(folder)
    if not files:
        problem = unlisted_folder(folder) or Problem(str(folder), 0, 0, "io", msg.NO_TASK_FILES_IN)
        checks.append(FileCheck(folder, problems=[problem]))
        return checks
    keys: dict[str, Path] = {}
    task_checks = []
    for path in files:
        checked = validate_file(path, shared)
        key = doc_key(path).casefold()
        if key in keys:
            message = msg.DUPLICATE_DOC.format(key=doc_key(path), other=keys[key].name)
            checked.problems.insert(0, Problem(str(path), 0, 0, "duplicate-doc", message))
        keys.setdefault(key, path)
        checks.append(checked)
        task_checks.append(checked)
        beside = ledger_for(path)
        if os.path.lexists(beside):  # a folder, a FIFO or a broken link there: say so
            checks.append(validate_ledger(beside, checked, clock))
    named = [c for c in task_checks if c.task_file is not None]
    _flag_two_names(shared_check, named)
    if shared_check is not None and shared_check.units_file is not None:
        shared_check.problems.extend(_shared_unused(shared_check, named))
    return checks


def _flag_two_names(shared: UnitsCheck | None, files: list[FileCheck]) -> None:
    """Warn where a spelling means one unit in one file and another unit in another file."""
    registries: list[tuple[FileCheck, Sequence[Unit]]] = []
    if shared is not None and shared.units_file is not None:
        registries.append((shared, shared.units_file.units))
    registries += [(c, c.task_file.units) for c in files if c.task_file is not None]
    first: dict[str, tuple[str, FileCheck]] = {}
    flagged: set[tuple[str, str]] = set()
    for checked, units in registries:
        for i, unit in enumerate(units):
            for spelling in dict.fromkeys(Registry.spellings(unit)):
                key = unit_key(spelling)
                name, where = first.setdefault(key, (unit.name, checked))
                if name == unit.name or where is checked or (name, unit.name) in flagged:
                    continue
                flagged.add((name, unit.name))
                message = msg.UNIT_TWO_NAMES.format(
                    spelling=spelling, name=unit.name, other=name, file=where.path.name
                )
                assert checked.source is not None
                checked.problems.append(
                    checked.source.problem(("units", i), "unit-two-names", message)
                )


def _shared_unused(shared: UnitsCheck, files: list[FileCheck]) -> list[Problem]:
    """Warnings for units of units.yaml that no table of the folder names."""
    assert shared.units_file is not None and shared.source is not None
    used: set[str] = set()
    for checked in files:
        assert checked.task_file is not None
        if checked.used_units is None:
            registry = Registry([*checked.task_file.units, *shared.units_file.units])
            checked.used_units = _used_units(checked.task_file, _Hints(registry))
        used |= checked.used_units
    return [
        shared.source.problem(
            ("units", i, "name"), "unit-unused", msg.SHARED_UNIT_UNUSED.format(name=unit.name)
        )
        for i, unit in enumerate(shared.units_file.units)
        if unit.name not in used
    ]


def validate_ledger(
    path: Path, task_check: FileCheck | None, clock: Clock, *, named: bool = False
) -> FileCheck:
    """A progress ledger: schema always; references, roles and dates when its task file is valid.

    Without `task_check`, the task file is the one the ledger is named after
    (`KEY.progress.yaml` → `KEY.yaml`; `progress.yaml` → `tasks.yaml`), if it exists.
    A ledger the user `named` must exist; one found beside a task file may be absent.
    """
    from govopen_cli.checks.ledger import read_ledger
    from govopen_cli.files.finding import task_file_for_ledger
    from govopen_cli.table.catalog import Catalog

    shared: list[Unit] = []
    if task_check is None:
        try:
            sibling = task_file_for_ledger(path)
        except OSError:  # a folder that cannot be entered: the ledger's own read says so
            sibling = None
        if sibling is not None:
            shared, _ = shared_units_beside(sibling)
            task_check = validate_file(sibling, shared)
    elif task_check.task_file is not None:
        shared, _ = shared_units_beside(task_check.path)
    catalog = None
    if task_check is not None and task_check.task_file is not None and task_check.ok:
        catalog = Catalog(task_check.task_file, task_check.path, shared)
    ledger = read_ledger(path, catalog, clock, required=named)
    return FileCheck(path, None, ledger.source, sorted(ledger.problems, key=_place))


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


# --- the schema, checked in bounded batches ----------------------------------------------

M = TypeVar("M", bound=BaseModel)


def validate_model(
    model: type[M], data: dict[Any, Any], source: SourceMap
) -> tuple[M | None, list[Problem]]:
    """The model pydantic makes of `data`, or the problems it finds, in bounded work.

    pydantic lists every error at once (a million empty tasks: three million errors,
    gigabytes); so each top-level list (tasks, units, …) is checked in batches of at
    most MAX_ITEM_NODES nodes, the rest of the file apart, and the check stops once
    MAX_SCHEMA_PROBLEMS are found. An item (or the rest) over that size is refused.
    """
    lists: dict[str, list[Any]] = {}
    for name, value in data.items():
        if isinstance(value, list) and value and isinstance(name, str):
            annotation = _list_annotation(model, name)
            if annotation is not None:
                lists[name] = value
    sizes = {name: source.item_sizes((name,)) for name in lists}
    if source.nodes - sum(sum(s) for s in sizes.values()) > MAX_ITEM_NODES:
        return None, [_too_big(source, ())]
    errors: list[Any] = []
    try:
        model.model_validate({k: [] if k in lists else v for k, v in data.items()})
    except ValidationError as exc:
        # the lists stand in as []: what that alone breaks (sections' min_length=1) is not
        # true of the real, non-empty lists
        errors.extend(
            e for e in exc.errors(include_url=False) if not e["loc"] or e["loc"][0] not in lists
        )
    checked: dict[str, list[Any]] = {}
    fields_sets: dict[frozenset[str], set[str]] = {}
    for name, items in lists.items():
        adapter = _list_adapter(model, name)
        checked[name] = []
        start = 0
        while start < len(items) and len(errors) <= MAX_SCHEMA_PROBLEMS:
            end, total = start, 0
            while end < len(items) and total + sizes[name][end] <= MAX_ITEM_NODES:
                total += sizes[name][end]
                end += 1
            if end == start:  # one item alone is over the limit
                return None, [_too_big(source, (name, start))]
            try:
                batch = adapter.validate_python(items[start:end])
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    error["loc"] = (name, start + int(error["loc"][0]), *error["loc"][1:])
                    errors.append(error)
            else:
                checked[name].extend(_share_fields_sets(batch, fields_sets))
            start = end
    if errors:
        problems = schema_problems(errors[:MAX_SCHEMA_PROBLEMS], source, model)
        if len(errors) > MAX_SCHEMA_PROBLEMS:
            message = msg.TOO_MANY_CHECKED.format(limit=msg.count_words(MAX_SCHEMA_PROBLEMS))
            problems.append(Problem(source.name, 0, 0, "too-large", message))
        return None, problems
    base = model.model_validate({k: v[:1] if k in lists else v for k, v in data.items()})
    return base.model_copy(update=checked), []


def _share_fields_sets(models: list[Any], shared: dict[frozenset[str], set[str]]) -> list[Any]:
    """The models, those that had the same keys now sharing one set of them.

    pydantic gives each model its own set of the field names it was given
    (`__pydantic_fields_set__`, 728 bytes for a task's five): 145 MB for 200,000
    tasks, more than the tasks' text. The models are frozen, so nothing changes that
    set in place (`model_copy` copies it); one set per distinct set of keys is kept.
    """
    for one in models:
        if isinstance(one, BaseModel):
            names = one.__pydantic_fields_set__
            same = shared.setdefault(frozenset(names), names)
            if same is not names:
                object.__setattr__(one, "__pydantic_fields_set__", same)
    return models


@lru_cache(maxsize=16)
def _list_adapter(model: type[BaseModel], name: str) -> TypeAdapter[list[Any]]:
    """The validator of a model's list field, built once (a folder checks thousands of files)."""
    from pydantic import TypeAdapter

    return TypeAdapter(_list_annotation(model, name))


def _list_annotation(model: type[BaseModel], name: str) -> Any:
    """`list[X]` when the model's field `name` takes a list (maybe or None), else None."""
    field_info = model.model_fields.get(name)
    if field_info is None:
        return None
    for candidate in (field_info.annotation, *get_args(field_info.annotation)):
        if get_origin(candidate) is list:
            return candidate
    return None


def _too_big(source: SourceMap, loc: tuple[int | str, ...]) -> Problem:
    message = msg.ITEM_TOO_BIG.format(limit=msg.count_words(MAX_ITEM_NODES))
    return source.problem(loc, "too-large", message)


# --- schema errors in Chinese --------------------------------------------------------


def schema_problems(
    errors: list[Any], source: SourceMap, root: type[BaseModel] = TaskFile
) -> list[Problem]:
    """pydantic's errors (`ValidationError.errors()`) as problems placed at their nodes."""
    from govopen_cli.table.model import ENTRY_TAGS

    problems = []
    for error in errors:
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
    return sorted(
        set(problems) - _misspelt_missing(errors, source), key=lambda p: (p.line, p.column)
    )


def _misspelt_missing(errors: list[Any], source: SourceMap) -> set[Problem]:
    """`missing` errors already explained by an unknown key that is its misspelling."""
    from govopen_cli.table.model import ENTRY_TAGS

    located = [(e["type"], tuple(s for s in e["loc"] if s not in ENTRY_TAGS)) for e in errors]
    extra: dict[tuple[int | str, ...], set[str]] = {}
    for kind, loc in located:
        if kind == "extra_forbidden":
            extra.setdefault(loc[:-1], set()).add(str(loc[-1]))
    found = set()
    for kind, loc in located:
        if kind != "missing":
            continue
        field = str(loc[-1])
        siblings = sorted(extra.get(loc[:-1], ()))
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


class _Hints:
    """Unit lookups and "did you mean" hints, each computed once per name, within a budget.

    A hostile file naming 100,000 unknown units against a registry of 10,000 would
    otherwise compare every pair (hours); past MAX_HINT_WORK comparisons the
    problems are still reported, without a hint.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.spellings = sum(len(Registry.spellings(u)) for u in registry.units.values())
        self.work = 0
        self.found: dict[str, Any] = {}
        self.suggested: dict[str, list[str]] = {}
        self.closest: dict[tuple[str, int], list[str]] = {}

    def lookup(self, name: str) -> Any:
        """The registered unit `name` means, or None (memoized)."""
        try:
            return self.found[name]
        except KeyError:
            unit = self.found[name] = self.registry.lookup(name)
            return unit

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Registry.suggest, memoized and within the budget."""
        if name not in self.suggested:
            self.work += self.spellings
            within = self.work <= MAX_HINT_WORK
            self.suggested[name] = self.registry.suggest(name, 3) if within else []
        return self.suggested[name][:limit]  # the best first, whatever the limit

    def close(self, word: str, options: list[str]) -> list[str]:
        """Up to three options close to `word`, memoized and within the budget."""
        key = (word, id(options))
        if key not in self.closest:
            self.work += len(options)
            within = self.work <= MAX_HINT_WORK
            self.closest[key] = _close(word, options) if within else []
        return self.closest[key]


def check_task_file(tf: TaskFile, source: SourceMap, shared: Sequence[Unit] = ()) -> list[Problem]:
    """Everything the schema alone cannot see (`shared`: the folder's units.yaml)."""
    return _cross_check(tf, source, shared)[0]


def _cross_check(
    tf: TaskFile, source: SourceMap, shared: Sequence[Unit]
) -> tuple[list[Problem], set[str] | None]:
    """check_task_file's problems, and the units the tasks name (a folder's check of its
    units.yaml asks them again; None when the problems stopped at their limit before
    they were worked out: `_shared_unused` then works them out)."""
    registry = Registry([*tf.units, *shared])
    hints = _Hints(registry)
    used: list[set[str]] = []

    def suspicious() -> Iterator[Problem]:
        used.append(_used_units(tf, hints))
        yield from _check_suspicious(tf, source, used[0])

    found = itertools.chain(
        _check_sections(tf, source),
        _check_units(tf.units, source, {u.name for u in shared}, hints),
        _check_tasks(tf, source, hints),
        suspicious(),
    )
    problems = list(itertools.islice(found, MAX_SCHEMA_PROBLEMS))
    if next(found, None) is not None:  # the summary has no place: it comes first
        message = msg.TOO_MANY_CHECKED.format(limit=msg.count_words(MAX_SCHEMA_PROBLEMS))
        problems.append(Problem(source.name, 0, 0, "too-large", message))
    return problems, used[0] if used else None


def _check_suspicious(tf: TaskFile, source: SourceMap, used: set[str]) -> Iterator[Problem]:
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
    for i, unit in enumerate(tf.units):
        if unit.name not in used:
            yield source.problem(
                ("units", i, "name"),
                "unit-unused",
                msg.UNIT_UNUSED.format(name=unit.name),
            )


def _used_units(tf: TaskFile, hints: _Hints) -> set[str]:
    """Units a task names (leading or guiding), and the members of every group so named.

    A misspelt mention (already an unknown-unit error) counts as using its closest
    registered unit, so one slip is not reported twice.
    """
    named: set[str] = set()
    for task in tf.tasks:
        for mention in parse_units(task.units):
            unit = hints.lookup(mention.name)
            if unit is not None:
                named.add(unit.name)
            else:
                named.update(hints.suggest(mention.name, limit=1))
    used = set(named)
    pending = list(named)
    while pending:
        for member in hints.registry.members(pending.pop()):
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


def _check_units(
    units: Sequence[Unit],
    source: SourceMap,
    shared_names: Iterable[str] = (),
    hints: _Hints | None = None,
) -> Iterator[Problem]:
    """A registry's own entries: spellings once each, groups with members that exist."""
    owner: dict[str, str] = {}
    names = {u.name for u in units} | set(shared_names)
    name_list = sorted(names)
    hints = hints or _Hints(Registry(list(units)))
    for i, unit in enumerate(units):
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
                    msg.unknown_member(member, hints.close(member, name_list)),
                )


def _check_tasks(tf: TaskFile, source: SourceMap, hints: _Hints) -> Iterator[Problem]:
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
                msg.unknown_section(task.section, hints.close(task.section, sections), sections),
            )
    year = tf.document.year
    for i, task in enumerate(tf.tasks):
        yield from _check_same_as(task, i, by_id, source)
        mentions = parse_units(task.units)
        if task.same_as is None and not task.units.strip():
            yield source.problem(("tasks", i), "no-units", msg.TASK_WITHOUT_UNITS)
        elif mentions and all(m.role != "lead" for m in mentions):
            yield source.problem(("tasks", i, "units"), "no-lead-unit", msg.NO_LEAD_UNIT)
        for j, explicit in enumerate(task.milestones or []):
            if not EARLIEST <= explicit.due <= LATEST:
                yield source.problem(
                    ("tasks", i, "milestones", j, "due"),
                    "schedule-invalid",
                    msg.DUE_OUT_OF_RANGE.format(
                        date=explicit.due, earliest=EARLIEST, latest=LATEST
                    ),
                )
        for mention in mentions:
            if hints.lookup(mention.name) is None:
                yield source.problem(
                    ("tasks", i, "units"),
                    "unknown-unit",
                    msg.unit_unknown(mention.name, hints.suggest(mention.name)),
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

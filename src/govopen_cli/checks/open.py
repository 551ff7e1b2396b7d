"""Opening task files for queries: checked, understood tables (from the cache when unchanged).

One file gives a Catalog; a folder gives a Collection of every task file in it.
The folder's shared units.yaml (if any) is read as bytes for the cache key and
parsed only when a file has to be understood again, so a query on a collection
whose files are all cached never loads pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from time import time_ns
from typing import TYPE_CHECKING

from govopen_cli.files import cache
from govopen_cli.gc_pause import paused_gc
from govopen_cli.problems import DataError, Problem, errors_only
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.collection import Collection

if TYPE_CHECKING:
    from govopen_cli.table.model import Unit
    from govopen_cli.table.records import UnitRecord
    from govopen_cli.table.units import Registry


@dataclass(slots=True)
class SharedUnits:
    """A folder's units.yaml: its bytes (part of every cache key) and, once needed, its units."""

    path: Path | None
    raw: bytes = b""
    _units: list[Unit] | None = field(default=None)
    _registry: Registry | None = field(default=None)
    _records: list[UnitRecord] | None = field(default=None)

    @classmethod
    def beside(cls, folder: Path) -> SharedUnits:
        """The units.yaml in `folder` (an empty registry if there is none)."""
        from govopen_cli.files.finding import units_file

        path = units_file(folder)
        if path is None:
            return cls(None)
        from govopen_cli.files.finding import read_regular

        raw = read_regular(path)  # None: a FIFO, a device, too large; units() then says so
        return cls(path, b"\0unreadable" if raw is None else raw)

    @property
    def salt(self) -> bytes:
        """What the cache key adds for this registry (nothing when there is none)."""
        return b"" if self.path is None else b"\0units.yaml\0" + self.raw

    def units(self) -> list[Unit]:
        """The shared units, checked; DataError if units.yaml is invalid.

        When the cache holds its records (these bytes were checked by this code), the
        units are made from them without checking the file again.
        """
        if self.path is None:
            return []
        if self._units is None and self._records is None:
            self._records = cache.load_units(self.path, self.raw)
        if self._units is None and self._records is not None:
            from govopen_cli.table.model import Unit

            self._units = [
                Unit.model_construct(
                    name=r.name,
                    kind=r.kind,
                    short=r.short,
                    aliases=list(r.aliases),
                    members=list(r.members),
                    note=r.note,
                )
                for r in self._records
            ]
        if self._units is None:
            from govopen_cli.checks.validate import validate_units_file

            report = validate_units_file(self.path)
            errors = errors_only(report.problems)
            if errors or report.units_file is None:
                raise DataError(errors)
            self._units = list(report.units_file.units)
            if self._records is None:  # checked now: the next query need not check it again
                from govopen_cli.table.records import UnitRecord

                self._records = [UnitRecord.of(u) for u in self._units]
                cache.store_units(self.path, self.raw, self._records)
        return self._units

    def registry(self) -> Registry:
        """The shared units as a registry: one object for every table that names only them.

        Read from the cache when units.yaml is unchanged (no pydantic), else checked.
        """
        if self._registry is None:
            from govopen_cli.table.units import Registry

            records = self._records
            if records is None and self.path is not None:
                records = cache.load_units(self.path, self.raw)
            if records is None:
                self.units()  # checks units.yaml, and keeps (and caches) its records
                records = self._records or []
            self._registry = Registry.of_records(records)
        return self._registry


def open_catalog(
    path: Path, shared: SharedUnits | None = None, raw: bytes | None = None
) -> Catalog:
    """Validate a data file and understand it; DataError lists the errors if it is invalid.

    A valid file's Catalog is kept in the user's cache (see `cache.py`), keyed by
    the file's bytes (and its folder's units.yaml) and the code, so an unchanged
    file is not read twice.
    """
    if shared is None:
        shared = SharedUnits.beside(path.parent)
    cached, key = cache.load(path, shared.salt, raw)
    if cached is not None:
        if cached.registry is None:  # kept out of the entry: the folder's units.yaml alone
            cached.registry = shared.registry()
        return cached
    from govopen_cli.checks.validate import validate_file  # pydantic: only when not cached

    units = shared.units()
    checked = validate_file(path, units)
    errors = errors_only(checked.problems)
    if errors or checked.task_file is None:
        raise DataError(errors)
    with paused_gc():
        catalog = Catalog(checked.task_file, path, units)
    cache.store(path, key, catalog, shared.salt)
    return catalog


def open_collection(path: Path, doc: str | None = None) -> Collection:
    """A folder's task files (or one file) as a Collection; `doc` opens only that document.

    Every invalid file's errors are raised together (DataError): an answer that
    silently left a table out would look complete.
    """
    from govopen_cli.files.finding import candidates, doc_key, is_dir

    if not is_dir(path):
        catalog = open_catalog(path)
        collection = Collection([catalog])
        if doc is not None:
            collection.document(doc)  # LookupError unless it is this file's key
        return collection
    shared = SharedUnits.beside(path)
    catalogs: list[Catalog] = []
    problems: list[Problem] = []
    keys: dict[str, str] = {}  # each document key (casefolded) → the file that has it
    listed: set[str] = set()
    found = candidates(path, listed)
    if doc is not None:
        found = [p for p in found if doc_key(p).casefold() == doc.casefold()]
    whole = doc is None
    with paused_gc():  # once for all files: resuming after each would scan the tables so far
        snapshot = cache.load_snapshot(path, shared.salt) if whole else None
        reading = _Reading(shared, snapshot, now_ns=time_ns())
        for file in found:
            _open_one(file, reading, keys, catalogs, problems)
        if problems:
            raise DataError(problems)
        if whole and reading.snapshot_stale(len(found)):
            cache.store_snapshot(path, shared.salt, reading.seen)
    if not catalogs:
        from govopen_cli import messages as msg

        if doc is not None:
            everything = open_collection(path)
            raise LookupError(msg.NO_SUCH_DOC.format(key=doc, keys=everything.keys_text()))
        from govopen_cli.files.finding import unlisted_folder

        unlisted = unlisted_folder(path)
        if unlisted is not None:
            raise DataError([unlisted])
        raise DataError([Problem(str(path), 0, 0, "no-data", msg.NO_TASK_FILES_IN)])
    return Collection(catalogs, path, frozenset(listed))


SNAPSHOT_REWRITE_SHARE = 20
"""A large folder's snapshot is written again when more than 1 in 20 of its files (and
more than 8) had to be read: until then a changed file costs only itself (its own entry)."""
SNAPSHOT_SMALL = 64
"""A folder of at most this many files has its snapshot written again whenever a file
had to be read (that costs little, and the next query then reads nothing)."""


@dataclass(slots=True)
class _Reading:
    """One reading of a folder: the shared units, the snapshot found, and what was seen now."""

    shared: SharedUnits
    snapshot: dict[str, cache.Seen] | None
    seen: dict[str, cache.Seen] = field(default_factory=dict)
    read: int = 0
    """Files that were read (not taken from the snapshot on their stat alone)."""
    now_ns: int = 0
    """When the files' stats are taken (a stat taken too soon after a change is not trusted)."""

    def snapshot_stale(self, files: int) -> bool:
        """Whether the snapshot is worth writing again (missing, or too many files read)."""
        if not cache.enabled():
            return False
        if self.snapshot is None or (self.read and files <= SNAPSHOT_SMALL):
            return True
        return self.read > max(8, files // SNAPSHOT_REWRITE_SHARE)


def _open_one(
    file: Path,
    reading: _Reading,
    keys: dict[str, str],
    catalogs: list[Catalog],
    problems: list[Problem],
) -> None:
    """One file of a folder: skipped if it is no task file, else opened (or its problems kept).

    A file whose stat is unchanged since the snapshot (and was trusted then) is not read;
    one whose bytes have the key the snapshot recorded is not understood again.
    """
    from govopen_cli.files.finding import doc_key, looks_like_task_file, read_regular

    name = file.name
    stat = cache.file_stat(file)  # before reading: a change after it makes the stat differ
    known = reading.snapshot.get(name) if reading.snapshot is not None else None
    if known is not None and known.trusted and stat == known.stat:
        # unchanged since the snapshot: what it knows stands as it is (no Seen made again)
        reading.seen[name] = known
        if known.catalog is not None and _claim(known.catalog.key, file, keys, problems):
            _add(known.catalog, file, reading, catalogs)
        return
    reading.read += 1
    raw = read_regular(file)  # None: not read here (FIFO, device, too large); the reader says
    if raw is not None and not looks_like_task_file(raw):
        if stat is not None:
            trusted = cache.stat_trusted(stat, reading.now_ns)
            reading.seen[name] = cache.Seen(stat, b"", trusted, None)
        return
    if not _claim(doc_key(file), file, keys, problems):
        return
    # the key is what a snapshot records (none is kept when the cache is off)
    key = cache.key_for(raw, reading.shared.salt) if raw and cache.enabled() else b""
    catalog = known.catalog if known is not None and key and known.key == key else None
    if catalog is None:
        try:
            catalog = open_catalog(file, reading.shared, raw)
        except DataError as exc:
            problems.extend(exc.problems)
            return
    _add(catalog, file, reading, catalogs)
    if stat is not None and key:
        trusted = cache.stat_trusted(stat, reading.now_ns)
        reading.seen[name] = cache.Seen(stat, key, trusted, catalog)


def _claim(key: str, file: Path, keys: dict[str, str], problems: list[Problem]) -> bool:
    """Take a document key for a file; False (and a problem naming the other file) if taken."""
    folded = key.casefold()
    other = keys.setdefault(folded, file.name)
    if other != file.name:
        from govopen_cli import messages as msg

        message = msg.DUPLICATE_DOC.format(key=key, other=other)
        problems.append(Problem(str(file), 0, 0, "duplicate-doc", message))
        return False
    return True


def _add(catalog: Catalog, file: Path, reading: _Reading, catalogs: list[Catalog]) -> None:
    """A file's table joins the collection, with its path and the folder's registry."""
    catalog.path = file
    if catalog.registry is None:  # kept out of the snapshot: the folder's units.yaml alone
        catalog.registry = reading.shared.registry()
    catalogs.append(catalog)

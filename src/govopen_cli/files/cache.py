"""A cache of understood data files, so a repeated query skips YAML, pydantic and parsing.

One entry per data file (named after its absolute path) in the user's cache folder
as platformdirs names it (Linux: `$XDG_CACHE_HOME/govopen`, else `~/.cache/govopen`;
macOS: `~/Library/Caches/govopen`; Windows: `%LOCALAPPDATA%\\govopen\\Cache`). An
entry starts with a key line: the SHA-256 of the file's bytes together with a
fingerprint of the code that understood them (the tool's version, the path, size
and modification time of every module of the package, the Python version, and
pydantic's installed version file, read without importing pydantic). The entry is
used only when the key matches the bytes being read now, so it cannot be stale; a
new version, an edited module, or one changed byte of the file makes a fresh result.
A collection is a folder of files, each with its own entry (keyed also by the folder's
shared units.yaml, which the file's units come from): editing one table rebuilds only that one.

Only valid files are cached (the `Catalog` that queries read); `validate` never
reads the cache. The payload is a pickle: it is read only from a folder of the
user's own (created 0700, entries must belong to the user and not be writable by
anyone else), the same trust as the user's own shell start-up files. A cache that
is missing, corrupt, unreadable or unwritable (read-only home, CI) is silently
not used. `GOVOPEN_NO_CACHE=1` turns it off; deleting the folder clears it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govopen_cli.gc_pause import paused_gc

if TYPE_CHECKING:
    from govopen_cli.table.catalog import Catalog
    from govopen_cli.table.records import UnitRecord

if TYPE_CHECKING:
    from hashlib import sha256
else:  # CPython's own SHA-256, a built-in module: `hashlib` first loads OpenSSL (~5 ms a run)
    try:
        if sys.version_info >= (3, 12):
            from _sha2 import sha256
        else:
            from _sha256 import sha256
    except ImportError:  # a Python built without them
        from hashlib import sha256

DISABLE_ENV = "GOVOPEN_NO_CACHE"
_FORMAT = b"govopen-cache-1"


def cache_dir() -> Path:
    """Where entries live: platformdirs' user cache folder for govopen (honours XDG on Linux)."""
    return _cache_dir(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=4)
def _cache_dir(xdg: str | None, home: str | None) -> Path:
    """Once per environment: a collection asks for it once per file.

    On Linux, with an absolute $XDG_CACHE_HOME, or none and an absolute $HOME, the answer
    is the XDG rule's, which every platformdirs release gives (tests/test_cache.py checks
    it against platformdirs): importing platformdirs would cost every command ~5 ms.
    Anything else is platformdirs' to decide.
    """
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel"):
        if xdg and os.path.isabs(xdg):
            return Path(xdg) / "govopen"
        if not xdg and home and os.path.isabs(home):
            return Path(home) / ".cache" / "govopen"
    from platformdirs import user_cache_path

    return user_cache_path("govopen", appauthor=False)


def enabled() -> bool:
    """False when $GOVOPEN_NO_CACHE is set to anything but empty or 0."""
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """Changes whenever the code that turns a file into a Catalog may have changed.

    Each module of the package counts by its path, size and modification time (stat,
    not read: editing or reinstalling a module changes them, and a run pays one
    `scandir` per folder instead of reading ~100 sources). pydantic is not imported
    (a cached query never needs it): its installed `version.py` is read as bytes.
    """
    from govopen_cli import __version__

    digest = sha256(_FORMAT)
    for part in (__version__, sys.version):
        digest.update(part.encode() + b"\0")
    digest.update(_installed_bytes("pydantic", "version.py") + b"\0")
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for relative, size, mtime_ns in sorted(_sources(package, "")):
        digest.update(f"{relative}\0{size}\0{mtime_ns}\0".encode())
    return digest.digest()


def _sources(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    """Every .py file under `folder`: (path relative to it, size, mtime_ns)."""
    found: list[tuple[str, int, int]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found.extend(_sources(entry.path, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".py"):
                info = entry.stat()
                found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
    return found


def _installed_bytes(package: str, name: str) -> bytes:
    """A file of an installed package, found without importing it (b"" if absent)."""
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return b""
    for folder in spec.submodule_search_locations:
        with contextlib.suppress(OSError):
            return (Path(folder) / name).read_bytes()
    return b""


def key_for(*parts: bytes) -> bytes:
    """The entry key for a file's bytes (and what else it is read with), as hex ASCII.

    The parts are hashed one after the other: a 37 MB file is not copied to be hashed.
    """
    digest = sha256(code_fingerprint())
    for part in parts:
        digest.update(part)
    return digest.hexdigest().encode("ascii")


class _Pickler(pickle.Pickler):
    """Pickles frozen dataclasses as constructor calls: unpickling is then ~3× faster.

    (The default for slotted dataclasses calls `dataclasses.fields()` per object.)
    """

    def reducer_override(self, obj: Any) -> Any:
        names = _init_fields(type(obj))
        if names is None:
            return NotImplemented
        return type(obj), tuple(getattr(obj, name) for name in names)


_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """A dataclass's fields if its constructor takes them all, else None (memoized)."""
    if cls not in _INIT_FIELDS:
        fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        ok = bool(fields) and all(f.init for f in fields)
        _INIT_FIELDS[cls] = tuple(f.name for f in fields) if ok else None
    return _INIT_FIELDS[cls]


def _entry(path: Path) -> Path:
    # abspath, not resolve(): no system call per file (a collection opens thousands)
    name = sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:32]
    return cache_dir() / f"{name}.pickle"


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None for anything the reader would refuse to read (see read_regular)."""
    from govopen_cli.files.finding import read_regular

    return read_regular(path)


def load(
    path: Path, salt: bytes = b"", raw: bytes | None = None
) -> tuple[Catalog | None, bytes | None]:
    """The cached Catalog for the file as it is now (or None), and the key of its bytes.

    `salt`: the bytes of what else the Catalog is built from (the folder's units.yaml);
    `raw`: the file's bytes when the caller has read them already.
    """
    if not enabled():
        return None, None
    if raw is None:
        raw = _read_bytes(path)
    if raw is None:
        return None, None
    key = key_for(raw, salt)
    catalog = _load_entry(_entry(path), key)
    from govopen_cli.table.catalog import Catalog

    if not isinstance(catalog, Catalog) or catalog.key != path.stem:
        return None, key  # (or the same file reached through a link of another name)
    catalog.path = path
    return catalog, key


def _load_entry(entry: Path, key: bytes) -> Any:
    """The object stored under `key` in an entry of the user's own, or None."""
    try:
        with entry.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                return None
            if handle.readline().rstrip(b"\n") != key:
                return None
            with paused_gc():
                return pickle.load(handle)
    except Exception:  # a missing, unreadable or corrupt entry is simply not used
        return None


def store(path: Path, key: bytes | None, catalog: Catalog, salt: bytes = b"") -> None:
    """Save the Catalog under `key` if the file still has those bytes; never fails."""
    if key is None or not enabled():
        return
    raw = _read_bytes(path)
    if raw is None or key_for(raw, salt) != key:
        return  # the file changed while it was being read: cache nothing
    saved_path, catalog.path = catalog.path, None
    try:
        _store_entry(_entry(path), key, catalog)
    finally:
        catalog.path = saved_path


def _store_entry(entry: Path, key: bytes, value: Any) -> None:
    from govopen_cli.files.atomic import write_atomic

    with contextlib.suppress(Exception):
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        buffer = io.BytesIO()
        buffer.write(key + b"\n")
        with paused_gc():
            _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        write_atomic(entry, buffer.getvalue())
        os.chmod(entry, 0o600)


# --- a folder's shared units.yaml: its units as plain records, so no query needs pydantic ---


def _units_key(raw: bytes) -> bytes:
    return key_for(b"units.yaml\0", raw)


def load_units(path: Path, raw: bytes) -> list[UnitRecord] | None:
    """The cached records of a units.yaml with these bytes, or None."""
    if not enabled():
        return None
    found = _load_entry(_entry(path), _units_key(raw))
    from govopen_cli.table.records import UnitRecord

    if not isinstance(found, list) or not all(isinstance(u, UnitRecord) for u in found):
        return None
    return found


def store_units(path: Path, raw: bytes, records: list[UnitRecord]) -> None:
    """Keep a valid units.yaml's records under the key of its bytes; never fails."""
    if enabled():
        _store_entry(_entry(path), _units_key(raw), records)


# --- a folder: one snapshot of all its tables, each trusted while its stat is unchanged ---

STAT_SLACK_NS = 2_000_000_000
"""A file changed less than 2 s before its stat was taken may change again within the same
timestamp tick without its stat changing (coarse clocks, FAT): such a stat is not trusted,
and the file is read and hashed as usual (the "racy clean" case of git's index)."""


@dataclasses.dataclass(slots=True)
class Seen:
    """What a folder's snapshot knows of one file when it was written."""

    stat: tuple[int, ...]
    """Size, mtime, ctime (ns), inode and device; any write changes the ctime."""
    key: bytes
    """The entry key of its bytes (with the folder's units.yaml), as `load` computes it."""
    trusted: bool
    """The stat was taken long enough after the file's last change to stand for its bytes."""
    catalog: Catalog | None
    """Its table (None: the file is not a task file)."""


def file_stat(path: Path) -> tuple[int, ...] | None:
    """The stat a snapshot compares (None if the path cannot be looked at)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def stat_trusted(stat: tuple[int, ...], now_ns: int) -> bool:
    """True when the file's last change is far enough before `now_ns` (see STAT_SLACK_NS)."""
    return now_ns - max(stat[1], stat[2]) > STAT_SLACK_NS


def _snapshot_key(folder: Path, salt: bytes) -> bytes:
    return key_for(b"folder\0" + os.fsencode(os.path.abspath(folder)) + b"\0" + salt)


def _snapshot_entry(folder: Path) -> Path:
    name = sha256(b"folder\0" + os.fsencode(os.path.abspath(folder))).hexdigest()[:32]
    return cache_dir() / f"{name}.folder.pickle"


def load_snapshot(folder: Path, salt: bytes) -> dict[str, Seen] | None:
    """The folder's snapshot (file name → Seen), or None when there is none for this code
    and units.yaml. A file is taken from it only if its stat is trusted and unchanged, or
    its bytes still have the recorded key."""
    if not enabled():
        return None
    found = _load_entry(_snapshot_entry(folder), _snapshot_key(folder, salt))
    if not isinstance(found, dict):
        return None
    return found


def store_snapshot(folder: Path, salt: bytes, seen: dict[str, Seen]) -> None:
    """Keep the folder's snapshot (written whole, atomically); never fails.

    Paths are left out (a catalog's path is put back from the folder it is read in) and
    equal parts of the tables are stored once (see `share_equal_parts`).
    """
    if not enabled():
        return
    from govopen_cli.table.catalog import share_equal_parts

    catalogs = [s.catalog for s in seen.values() if s.catalog is not None]
    share_equal_parts(catalogs)
    paths = [c.path for c in catalogs]
    for catalog in catalogs:
        catalog.path = None
    try:
        _store_entry(_snapshot_entry(folder), _snapshot_key(folder, salt), seen)
    finally:
        for catalog, path in zip(catalogs, paths, strict=True):
            catalog.path = path

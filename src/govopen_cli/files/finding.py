"""Finding the data: one task file or a folder of them (a collection), and each file's ledger.

No YAML is imported here (start-up matters): a file is told to be a task file by a
top-level `tasks:` line, which every task file has (the key is a fixed point of the format).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from govopen_cli import messages as msg
from govopen_cli.problems import DataError, Problem
from govopen_cli.record import record

DATA_ENV = "GOVOPEN_DATA"
DATA_FOLDER = "data"
DEFAULT_RELATIVE = Path(DATA_FOLDER) / "tasks.yaml"
LEGACY_TASKS = "tasks.yaml"
LEDGER_NAME = "progress.yaml"
LEDGER_SUFFIX = ".progress.yaml"
UNITS_NAME = "units.yaml"
"""The registry of units shared by the tables of a folder."""
SUFFIXES = (".yaml", ".yml")

How = Literal["option", "env", "here", "upward", "bundled"]
"""Where the data came from: --data, $GOVOPEN_DATA, the current folder, a data/ folder upward,
or the example shipped inside the package."""

_TASKS_LINE = rb"^(?:\xef\xbb\xbf)?[\"']?tasks[\"']?[ \t]*:"


@record
class DataSource:
    """The task file or folder a command uses, and how it was found."""

    path: Path
    how: How

    @property
    def explicit(self) -> bool:
        """Named by the user (--data or $GOVOPEN_DATA), not found by looking around."""
        return self.how in ("option", "env")

    @property
    def bundled(self) -> bool:
        """The example table shipped inside the package (Meishan's), not the user's own."""
        return self.how == "bundled"


def shipped_data_file() -> Path:
    """The copy of data/tasks.yaml shipped inside the wheel (or, in a source checkout, the file)."""
    inside = Path(__file__).parents[1] / "data" / "tasks.yaml"
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[3] / DEFAULT_RELATIVE


def looks_like_task_file(raw: bytes) -> bool:
    """True when the bytes have a top-level `tasks:` key (a task file, valid or not)."""
    return re.search(_TASKS_LINE, raw, re.M) is not None


def candidates(folder: Path, listed: set[str] | None = None) -> list[Path]:
    """The YAML files of a folder that may be task files (not ledgers, not units.yaml), by name.

    `listed`, when given, receives the name of every entry in the folder (ledgers too):
    whether a ledger is there is then known without a system call per table.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        name = entry.name
        if listed is not None:
            listed.add(name)
        if (
            name.startswith(".")
            or not name.endswith(SUFFIXES)
            or name in (LEDGER_NAME, UNITS_NAME)
            or name.endswith(LEDGER_SUFFIX)
        ):
            continue
        try:
            if entry.is_file():
                found.append(name)
        except OSError:
            continue
    # sorted as names, then joined (a path made from one name is parsed in a third of the time)
    return [folder / name for name in sorted(found)]


def read_regular(path: Path) -> bytes | None:
    """A regular file's bytes if it is within MAX_FILE_BYTES, else None (never blocks).

    A FIFO would block and a device never end: they, a file too large or one that
    cannot be read give None, and the YAML reader then says what is wrong.
    """
    import os
    import stat

    from govopen_cli.files.limits import MAX_FILE_BYTES

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return None
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _read(path: Path) -> bytes:
    return read_regular(path) or b""


def task_files(folder: Path) -> list[Path]:
    """The task files of a folder (each read to see its `tasks:` key), by name.

    A candidate that cannot be read here (no permission, too large) counts as one, as
    queries count it (`open_collection`): reading it then says what is wrong.
    """
    found = []
    for path in candidates(folder):
        raw = read_regular(path)
        if raw is None or looks_like_task_file(raw):
            found.append(path)
    return found


def unlisted_folder(folder: Path) -> Problem | None:
    """Why a folder's files cannot be listed (no permission …), or None if they can."""
    try:
        with os.scandir(folder):
            return None
    except PermissionError:
        return Problem(str(folder), 0, 0, "io", msg.FOLDER_UNREADABLE)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return Problem(str(folder), 0, 0, "io", msg.FILE_OS_ERROR.format(reason=reason))


def _folder_or_file(folder: Path) -> Path | None:
    """The folder's only task file, the folder if it holds several, None if it holds none."""
    files = candidates(folder)
    if len(files) == 1 and files[0].name == LEGACY_TASKS:
        return files[0]  # data/tasks.yaml, as before collections: not even read here
    found = []
    for path in files:
        if looks_like_task_file(_read(path)):
            found.append(path)
            if len(found) > 1:
                return folder
    return found[0] if found else None


def find_data(explicit: Path | None = None, cwd: Path | None = None) -> DataSource:
    """`--data`, then $GOVOPEN_DATA, then task files in the current folder, then a `data/`
    folder upward from it, then the example shipped inside the package.

    A file or a folder: a folder is a collection (a `data/` folder holding only
    `tasks.yaml` gives that file, as before collections).
    """
    if explicit is not None:
        return DataSource(explicit, "option")
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return DataSource(Path(from_env), "env")
    here = (cwd or Path.cwd()).resolve()
    found = _folder_or_file(here)
    if found is not None:
        return DataSource(found, "here")
    for folder in (here, *here.parents):
        data = folder / DATA_FOLDER
        if data.is_dir():
            found = _folder_or_file(data)
            if found is not None:
                return DataSource(found, "upward")
    shipped = shipped_data_file()
    if shipped.is_file():
        return DataSource(shipped, "bundled")
    raise DataError([Problem("", 0, 0, "no-data", msg.NO_DATA_FILE)])


def find_data_file(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """The data file or folder, found as `find_data` finds it."""
    return find_data(explicit, cwd).path


def doc_key(path: Path) -> str:
    """A document's short key: its file's stem (`2022-yaodian.yaml` → `2022-yaodian`)."""
    return path.stem


def ledger_for(task_path: Path) -> Path:
    """The ledger beside a task file: `KEY.progress.yaml` (`tasks.yaml` keeps `progress.yaml`)."""
    return task_path.parent / ledger_name(task_path.name)


def ledger_name(task_name: str) -> str:
    """The name of a task file's ledger (see ledger_for)."""
    if task_name == LEGACY_TASKS:
        return LEDGER_NAME
    stem, _, suffix = task_name.rpartition(".")  # Path.stem, without making a Path
    return f"{stem if stem and suffix else task_name}{LEDGER_SUFFIX}"


def task_file_for_ledger(ledger: Path) -> Path | None:
    """The task file a ledger belongs to, if it exists beside it."""
    if ledger.name == LEDGER_NAME:
        candidates_ = [ledger.parent / LEGACY_TASKS]
    elif ledger.name.endswith(LEDGER_SUFFIX):
        stem = ledger.name[: -len(LEDGER_SUFFIX)]
        candidates_ = [ledger.parent / f"{stem}{suffix}" for suffix in SUFFIXES]
    else:
        return None
    return next((p for p in candidates_ if p.is_file()), None)


def is_ledger(path: Path) -> bool:
    """A ledger's name: progress.yaml or KEY.progress.yaml."""
    return path.name == LEDGER_NAME or path.name.endswith(LEDGER_SUFFIX)


def ledger_path(data_path: Path, explicit: Path | None = None) -> Path:
    """--progress, else the ledger beside the task file."""
    return explicit if explicit is not None else ledger_for(data_path)


def units_file(folder: Path) -> Path | None:
    """The folder's shared unit registry (units.yaml), if there is one."""
    path = folder / UNITS_NAME
    return path if is_file(path) else None


def is_dir(path: Path) -> bool:
    """Path.is_dir, but False where the path cannot be looked at (reading it says why)."""
    try:
        return path.is_dir()
    except OSError:  # a folder that cannot be entered
        return False


def is_file(path: Path) -> bool:
    """Path.is_file, but False where the path cannot be looked at."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_shipped(data_path: Path) -> bool:
    """True when the task file is the read-only copy inside the installed package."""
    package_data = Path(__file__).resolve().parents[1] / "data"
    return data_path.resolve().parent == package_data and shipped_data_file() == data_path

"""Writing files safely: whole or not at all.

A file the tool writes goes to a temporary file in the same folder, is
flushed and fsync'd, then renamed over the target, so a crash or a full disk
never leaves half a file behind.

Every command that writes a file the user named first asks `check_output`:
an output never replaces an input being read (the task file, its ledger, an
import source) and never replaces an existing file without `--force`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

STALE_TEMP_SECONDS = 10 * 60
"""A temporary file of ours older than this is a leftover of a killed write."""


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = True) -> None:
    """Write `data` (text as UTF-8) to `path` atomically.

    With overwrite=False, FileExistsError if the path exists (checked again at the
    moment of the rename, with a hard link, so a file created meanwhile is not lost).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise FileExistsError(str(path))
    handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        if overwrite:
            os.replace(temp, path)
        else:
            _place_new(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(folder)


def append_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Turn the file's content from `old` into `new` in place: the same inode, every name kept.

    For a file with several names (hard links), where a rename would give the new text
    to one name only. Call it under the lock that serialises writes to `path`. When
    `new` begins with `old` (an append) only the rest is written, after the last byte,
    so the earlier bytes are never rewritten; else (`old` was blank) the file is
    rewritten. Then fsync'd. FileChanged, and nothing written, if the file is no longer
    `old` (written meanwhile through another name). If the write fails (a full disk), the file is
    truncated back to `old`. Weaker than `write_atomic` only against a crash of the
    machine itself during the write: the file may then end in part of the new text,
    which the next read reports at its line; what was there before stays.
    """
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        _lock_inode(fd)
        if os.lseek(fd, 0, os.SEEK_END) != len(old) or _read_all(fd, len(old)) != old:
            raise FileChanged(str(path))
        appended = new.startswith(old)
        start = len(old) if appended else 0
        try:
            if not appended:
                os.ftruncate(fd, 0)
            _write_all(fd, start, new[start:])
            os.fsync(fd)
        except OSError:
            with contextlib.suppress(OSError):
                if not appended:
                    _write_all(fd, 0, old)
                os.ftruncate(fd, len(old))
            raise
    finally:
        os.close(fd)


class FileChanged(Exception):
    """The file is not what was read: another program wrote it meanwhile."""


def _lock_inode(fd: int) -> None:
    """An exclusive lock on the file itself (released when it is closed), where POSIX has it.

    The lock file beside a name does not serialise writers that use another hard link
    to the same file; this lock does.
    """
    try:
        import fcntl
    except ImportError:  # Windows: the lock file beside the name is all there is
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _read_all(fd: int, size: int) -> bytes:
    """The first `size` bytes of the file."""
    os.lseek(fd, 0, os.SEEK_SET)
    parts: list[bytes] = []
    while size > 0:
        part = os.read(fd, size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _write_all(fd: int, offset: int, data: bytes) -> None:
    """Write all of `data` at `offset` (os.write may write less than asked)."""
    view = memoryview(data)
    os.lseek(fd, offset, os.SEEK_SET)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _place_new(temp: Path, path: Path) -> None:
    """Rename temp to path only if path does not exist (a hard link makes that atomic)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temp, path)
    else:
        temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- leftovers of killed writes ----------------------------------------------------------

TEMP_SUFFIX = ".tmp"


def remove_stale_temps(path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the temporary files a killed `write_atomic(path, …)` left beside `path`.

    Only regular files named as `write_atomic` names them (`.NAME.XXXXXXXX.tmp`),
    owned by this user and unchanged for `older_than` seconds; call it under the
    lock that serialises writes to `path`, so no live write can be removed.
    Returns what was removed; a folder that cannot be listed removes nothing.
    """
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}{re.escape(TEMP_SUFFIX)}")
    now = time.time()
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        temp = folder / name
        try:
            info = os.lstat(temp)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            temp.unlink()
        except OSError:
            continue
        removed.append(temp)
    return removed


# --- what a command may write ------------------------------------------------------------


class OutputRefused(ValueError):
    """An output path a command will not write; the message says why, in Chinese."""


def same_file(one: Path, other: Path) -> bool:
    """True when the two paths name one file: the same resolved path, or the same inode."""
    try:
        if os.path.samefile(one, other):
            return True
    except (OSError, ValueError):
        pass
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False


def check_output(target: Path, inputs: Iterable[tuple[Path, str]], *, force: bool) -> None:
    """Refuse `target` if it is one of the `inputs` (path, what it is) or exists without force.

    An input is refused even with --force: writing a CSV over the task file being
    read destroys the table. Whether `target` exists is checked again when it is
    written (`write_atomic(…, overwrite=force)`).
    """
    from govopen_cli import messages as msg

    for path, what in inputs:
        if same_file(target, path):
            raise OutputRefused(msg.OUTPUT_IS_INPUT.format(path=target, what=what))
    if force:
        return
    if os.path.lexists(target):
        raise OutputRefused(msg.OUTPUT_EXISTS.format(path=target))


def write_output(target: Path, data: str | bytes, *, force: bool) -> None:
    """Write a file the user named: atomically, never over a file that appeared meanwhile.

    OutputRefused if it exists and force is False; OSError (for "无法写入") otherwise.
    """
    from govopen_cli import messages as msg

    try:
        write_atomic(target, data, overwrite=force)
    except FileExistsError:
        raise OutputRefused(msg.OUTPUT_EXISTS.format(path=target)) from None

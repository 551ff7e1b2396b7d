"""The ledger file (进展报送台账) as text: appending entries under a lock, atomically.

The ledger is append-only: a new report (or a retraction of an earlier one) is
added as text, so comments and earlier entries stay byte-identical. The checks an
entry must pass live in `checks.ledger`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govopen_cli import messages as msg
from govopen_cli.problems import DataError

if TYPE_CHECKING:
    from govopen_cli.table.model import LedgerEntry

LOCK_TIMEOUT_SECONDS = 30.0


class ReportRefused(ValueError):
    """A report that `progress add` will not append; the message says why, in Chinese."""


def append_report(path: Path, entry: LedgerEntry, check: Callable[[], None] | None = None) -> None:
    """Append one entry (report or retraction) under a lock, atomically; old text kept as is.

    `check` runs under the same lock, before anything is read for the append, so a
    report checked against the ledger cannot race another process's append. A
    symlinked ledger stays a link: its target is written (the lock and the temporary
    file lie beside the target). A hard-linked ledger (more than one name) is appended
    in place, so every name sees the new entries (see `atomic.append_in_place`). A BOM
    and CRLF line ends are kept, so every earlier byte stays as it was. Temporary files
    a killed append left behind are removed.
    LedgerWriteFailed (an OSError) if the file cannot be written.
    """
    append_reports(path, [entry], check=check)


def append_reports(
    path: Path,
    entries: Sequence[LedgerEntry],
    check: Callable[[], None] | None = None,
    fresh: Callable[[list[LedgerEntry]], list[LedgerEntry]] | None = None,
) -> list[LedgerEntry]:
    """Append several entries in ONE atomic write under the lock; the entries appended.

    `check` runs first under the lock; `fresh`, given the ledger's entries as they are
    under the lock, chooses which entries to append (e.g. leaving out those already
    there). Nothing is written when nothing is left to append.
    """
    from govopen_cli.files.atomic import (
        FileChanged,
        append_in_place,
        remove_stale_temps,
        write_atomic,
    )

    try:
        target = write_target(path)
    except OSError as exc:  # a symlink loop, a folder that cannot be entered
        raise LedgerWriteFailed(exc.errno, exc.strerror or str(exc), str(path)) from None
    with locked(target):
        remove_stale_temps(target)
        if check is not None:
            check()
        raw = target.read_bytes() if target.exists() else b""
        bom = raw[: len(_BOM)] if raw.startswith(_BOM) else b""
        old = raw[len(bom) :].decode("utf-8")
        existing, has_key = _read_existing(path, old)
        chosen = list(entries) if fresh is None else fresh(existing)
        if not chosen:
            return []
        newline = _newline_of(old)
        header = msg.LEDGER_HEADER + msg.LEDGER_HEADER_RETRACT
        base = old if old.strip() else header.replace("\n", newline)
        if not base.endswith(("\n", "\r")):
            base += newline
        if not has_key:
            base += "reports:" + newline
        text = base + "".join(entry_text(entry) for entry in chosen).replace("\n", newline)
        try:
            after, _ = _read_existing(path, text)
        except ReportRefused:
            after = []
        if after != [*existing, *chosen]:
            raise ReportRefused(msg.LEDGER_NOT_APPENDABLE.format(path=path))
        try:
            if _hard_linked(target):  # a rename would leave the other names on the old text
                append_in_place(target, raw, bom + text.encode("utf-8"))
            else:
                write_atomic(target, bom + text.encode("utf-8"))
        except FileChanged:
            raise ReportRefused(msg.LEDGER_CHANGED_MEANWHILE.format(path=path)) from None
        except OSError as exc:
            raise LedgerWriteFailed(exc.errno, exc.strerror or str(exc), str(path)) from None
        return chosen


class LedgerWriteFailed(OSError):
    """The ledger could not be written (its `filename` is the ledger as the user named it)."""


_BOM = b"\xef\xbb\xbf"


def _newline_of(text: str) -> str:
    """The line end the text uses (its first one): CRLF, CR or LF; LF when it has none."""
    lf, cr = text.find("\n"), text.find("\r")
    if cr == -1 or -1 < lf < cr:
        return "\n"
    return "\r\n" if text.startswith("\n", cr + 1) else "\r"


def _hard_linked(path: Path) -> bool:
    """True when the ledger file has other names (hard links) that a rename would not update."""
    try:
        return os.stat(path).st_nlink > 1
    except OSError:  # not there yet: it is created by the atomic write
        return False


def write_target(path: Path) -> Path:
    """The file an append writes: the ledger, or the file its symlink (chain) points to.

    OSError (ELOOP) for a symlink loop. A dangling link is written through (its target
    is created), as a shell's `>>` would.
    """
    if not path.is_symlink():
        return path
    with contextlib.suppress(FileNotFoundError):  # dangling: realpath names the file to create
        os.stat(path)  # OSError (ELOOP) for a loop
    return Path(os.path.realpath(path))


def entry_text(entry: LedgerEntry) -> str:
    """One entry as a YAML list item (strings quoted as JSON, which YAML reads as is)."""
    from govopen_cli.table.model import Retraction

    if isinstance(entry, Retraction):
        return (
            f"  - retracts: {entry.retracts}\n"
            f"    date: {entry.date.isoformat()}\n"
            f"    note: {json.dumps(entry.note, ensure_ascii=False)}\n"
        )
    lines = [
        f"  - task: {entry.task}",
        f"    unit: {_scalar(entry.unit)}",
        f"    status: {entry.status}",
        f"    date: {entry.date.isoformat()}",
    ]
    if entry.milestone is not None:
        lines.append(f"    milestone: {entry.milestone}")
    if entry.note:
        lines.append(f"    note: {json.dumps(entry.note, ensure_ascii=False)}")
    if entry.evidence:
        lines.append(f"    evidence: {json.dumps(entry.evidence, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """A unit name as a plain YAML scalar when that is safe, else JSON-quoted."""
    return text if re.fullmatch(_PLAIN_NAME, text) else json.dumps(text, ensure_ascii=False)


_PLAIN_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff\w（）、·]*"  # compiled on first use


def _read_existing(path: Path, text: str) -> tuple[list[LedgerEntry], bool]:
    """The entries a ledger text holds and whether it has a `reports` key; refuse if broken."""
    from pydantic import ValidationError

    from govopen_cli.files.yaml_reader import parse_yaml
    from govopen_cli.table.model import Ledger

    if not text.strip():
        return [], False
    try:
        try:
            data: Any = parse_yaml(text, str(path))[0]
        except DataError as exc:
            if not all(p.rule == "empty" for p in exc.problems):
                raise
            data = {}  # comments only
        if not isinstance(data, dict):
            raise ReportRefused(msg.LEDGER_BROKEN.format(path=path))
        ledger = Ledger.model_validate(data)
    except (DataError, ValidationError):
        raise ReportRefused(msg.LEDGER_BROKEN.format(path=path)) from None
    return list(ledger.reports or []), "reports" in data


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `.NAME.lock` beside the ledger; ReportRefused after the timeout."""
    from filelock import FileLock, Timeout

    lock = FileLock(path.with_name(f".{path.name}.lock"), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise ReportRefused(msg.LEDGER_LOCKED) from None
    except OSError as exc:  # the folder is read-only, full, or not a folder
        raise LedgerWriteFailed(exc.errno, exc.strerror or str(exc), str(path)) from None
    try:
        yield
    finally:
        lock.release()

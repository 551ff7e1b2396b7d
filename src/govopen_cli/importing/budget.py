"""Reading with a counted budget: a source is refused as soon as it passes a bound."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import IO

from govopen_cli import messages as msg
from govopen_cli.importing import limits


class SourceError(Exception):
    """A source that cannot be imported; the message (Chinese) names the place."""


def check_regular(path: Path) -> int:
    """The size of a regular file; SourceError for a missing file, FIFO, device or folder."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc.strerror)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(msg.IMPORT_NOT_REGULAR.format(path=path))
    if info.st_size > limits.MAX_SOURCE_BYTES:
        raise SourceError(
            msg.IMPORT_TOO_BIG.format(
                path=path, size=_mib(info.st_size), limit=_mib(limits.MAX_SOURCE_BYTES)
            )
        )
    return info.st_size


def read_text_source(path: Path) -> bytes:
    """The bytes of a text source, at most MAX_SOURCE_BYTES (a file growing is cut off)."""
    check_regular(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc.strerror)) from exc
    if len(data) > limits.MAX_SOURCE_BYTES:
        raise SourceError(
            msg.IMPORT_TOO_BIG.format(
                path=path,
                size=">" + _mib(limits.MAX_SOURCE_BYTES),
                limit=_mib(limits.MAX_SOURCE_BYTES),
            )
        )
    return data


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class Package:
    """A .docx/.xlsx zip whose parts are read within the unpacked-bytes budget."""

    def __init__(self, path: Path) -> None:
        check_regular(path)
        self.path = path
        self.spent = 0
        try:
            self.zip = zipfile.ZipFile(path)
            self.infos = {info.filename: info for info in self.zip.infolist()}
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise SourceError(msg.IMPORT_UNREADABLE.format(path=path, reason=exc)) from exc
        for info in self.infos.values():
            self._check_sizes(info)

    def _check_sizes(self, info: zipfile.ZipInfo) -> None:
        too_big = info.file_size > limits.MAX_MEMBER_BYTES
        bomb = info.file_size > limits.RATIO_FROM_BYTES and info.file_size > limits.MAX_RATIO * max(
            info.compress_size, 1
        )
        if too_big or bomb:
            raise SourceError(
                msg.IMPORT_ZIP_BOMB.format(
                    path=self.path,
                    member=info.filename,
                    size=_mib(info.file_size),
                    packed=_mib(info.compress_size),
                    limit=_mib(limits.MAX_MEMBER_BYTES),
                    ratio=limits.MAX_RATIO,
                )
            )

    def has(self, name: str) -> bool:
        return name in self.infos

    def open(self, name: str) -> _Counted:
        """A part as a stream that counts what it unpacks against the budget."""
        info = self.infos.get(name)
        if info is None:
            raise SourceError(
                msg.IMPORT_UNREADABLE.format(
                    path=self.path, reason=msg.IMPORT_MISSING_PART.format(part=name)
                )
            )
        self.spent += info.file_size
        if self.spent > limits.MAX_UNPACKED_BYTES:
            raise SourceError(
                msg.IMPORT_UNPACKED_TOO_BIG.format(
                    path=self.path, limit=_mib(limits.MAX_UNPACKED_BYTES)
                )
            )
        try:
            stream = self.zip.open(info)
        except (OSError, zipfile.BadZipFile, ValueError, RuntimeError) as exc:
            raise SourceError(msg.IMPORT_UNREADABLE.format(path=self.path, reason=exc)) from exc
        return _Counted(stream, info.file_size, self.path, name)

    def read(self, name: str) -> bytes:
        with self.open(name) as stream:
            return stream.read()

    def close(self) -> None:
        self.zip.close()


class _Counted:
    """A part's stream that refuses more than the part declared, and any DTD or entity.

    Word and Excel never write a DOCTYPE; one in a part is an XXE or entity-bomb attempt,
    and an entity the parser would drop silently loses text (a unit's name): refused.
    Markup "<!" cannot occur inside text (it is escaped), so a plain scan is enough.
    """

    def __init__(self, stream: IO[bytes], declared: int, path: Path, name: str) -> None:
        self.stream = stream
        self.left = declared
        self.path = path
        self.name = name
        self.tail = b""

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.stream.read(size if size >= 0 else self.left + 1)
        except (OSError, zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise SourceError(msg.IMPORT_UNREADABLE.format(path=self.path, reason=exc)) from exc
        self.left -= len(data)
        if self.left < 0:
            raise SourceError(msg.IMPORT_UNREADABLE.format(path=self.path, reason="zip"))
        if _DOCTYPE.search(self.tail + data):
            raise SourceError(msg.IMPORT_DOCTYPE.format(path=self.path, member=self.name))
        self.tail = data[-16:]
        return data

    def close(self) -> None:
        self.stream.close()

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

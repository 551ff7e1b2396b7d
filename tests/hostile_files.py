"""Hostile .docx/.xlsx files, built in memory for the import tests and bench/imports.py.

Zip bombs are built without compressing their payload: a deflate block that ends in a full
flush refers to nothing before it, so one compressed 1 MiB block repeated 1024 times is a
valid 1 GiB member of a 1 MB file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from table_fixtures import docx_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def member(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def bomb(prefix: bytes, size: int, suffix: bytes) -> tuple[bytes, int, int]:
    """A deflated member of prefix + `size` bytes of "a" + suffix, made in milliseconds."""
    chunk = b"a" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.compress(suffix) + packer.flush()
    count = size // len(chunk)
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + block * count + tail, crc, len(prefix) + count * len(chunk) + len(suffix)


def rezip(template: Path, target: Path, replace: dict[str, tuple[bytes, int, int]]) -> Path:
    """The template's parts, some replaced by already-deflated ones, as a new zip file."""
    with zipfile.ZipFile(template) as archive:
        parts = {name: member(archive.read(name)) for name in archive.namelist()}
    parts.update(replace)
    out = bytearray()
    central = bytearray()
    for name, (data, crc, size) in parts.items():
        offset = len(out)
        raw = name.encode()
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0
        )
        out += raw + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += raw
    out += central
    out += struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        len(parts),
        len(parts),
        len(central),
        len(out) - len(central),
        0,
    )
    target.write_bytes(bytes(out))
    return target


def docx_with_body(tmp_path: Path, name: str, body: bytes) -> Path:
    template = docx_document(tmp_path / "template.docx", ["x"])
    document = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    document += b"<w:document " + W.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    return rezip(template, tmp_path / name, {"word/document.xml": member(document)})


def row(*cells: bytes) -> bytes:
    return b"<w:tr>" + b"".join(cells) + b"</w:tr>"


def tc(text: str = "", merge: str | None = None) -> bytes:
    props = b""
    if merge is not None:
        value = b' w:val="restart"' if merge == "restart" else b""
        props = b"<w:tcPr><w:vMerge" + value + b"/></w:tcPr>"
    return b"<w:tc>" + props + b"<w:p><w:r><w:t>" + text.encode() + b"</w:t></w:r></w:p></w:tc>"

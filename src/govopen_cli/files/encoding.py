"""Naming the encoding of a file that is not UTF-8 but UTF-16 or UTF-32 (Windows "Unicode").

Notepad and Excel save "Unicode text" as UTF-16; such a file is text, not binary,
and one `iconv` command converts it. Found by its byte-order mark, or without one
by where the zero bytes fall (the ASCII keys of a task file have a zero high byte).
"""

from __future__ import annotations

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_SAMPLE = 4096


def might_be_wide(raw: bytes) -> bool:
    """Cheap first look: a UTF-16/32 byte-order mark, or a zero byte near the start."""
    return raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or (
        raw.find(b"\x00", 0, _SAMPLE) != -1
    )


def wide_encoding(raw: bytes) -> str | None:
    """The file's wide encoding as `iconv -f NAME` names it, or None.

    UTF-16 or UTF-32 with a byte-order mark; UTF-16LE/BE or UTF-32LE/BE without one.
    None unless the whole file decodes so.
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name if _decodes(raw, name) else None
    guess = _by_zeros(raw[: len(raw[:_SAMPLE]) // 4 * 4])
    return guess if guess is not None and _decodes(raw, guess) else None


def _by_zeros(sample: bytes) -> str | None:
    """Guess from where the zero bytes fall in each group of four."""
    quads = len(sample) // 4
    if not quads:
        return None
    zeros = [sample[k::4].count(0) for k in range(4)]
    if zeros[2] == zeros[3] == quads and zeros[0] < quads:
        return "UTF-32LE"
    if zeros[0] == zeros[1] == quads and zeros[3] < quads:
        return "UTF-32BE"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    if odd >= quads * 0.6 and even * 4 <= odd:
        return "UTF-16LE"
    if even >= quads * 0.6 and odd * 4 <= even:
        return "UTF-16BE"
    return None


def _decodes(raw: bytes, name: str) -> bool:
    try:
        raw.decode(name.lower().replace("utf-", "utf_"))
    except (UnicodeDecodeError, LookupError):
        return False
    return True

"""Text for a terminal: display widths of Chinese text, wrapping, colour, and a table.

Our own small renderer rather than rich: importing and running rich costs about
25 ms on every start-up, more than everything else a cached query does. The
look is rich's SIMPLE_HEAD box: a bold centred title, a bold header, one rule
under it, no borders, a centred caption. Colour is used only on a terminal
(never when piped), not with NO_COLOR set, always with FORCE_COLOR set.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

# --- widths and wrapping ------------------------------------------------------------


def char_width(char: str) -> int:
    """Columns a character takes: 2 for wide (CJK, full-width), 0 for combining marks."""
    if char < "\u0300":  # ASCII and Latin-1: one column (control characters: none)
        return 1 if char >= " " else 0
    if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Columns a one-line text takes in a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(char_width(c) for c in text)


NO_LINE_START = "，。、；：？！）》」』】〕”’…—,.;:?!)]}%"
"""Punctuation that Chinese typesetting never puts at the start of a line."""


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns.

    Spaces are the preferred breaks: a run of text between spaces that fits on a line
    is never split ("全部 7 个责任单位" breaks after "7"). A longer run, such as a
    Chinese sentence, is folded between characters, and a closing mark (，。）…)
    never opens a line: the character before it goes down with it.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if text_width(paragraph) <= width:
            lines.append(paragraph)
            continue
        line = ""
        for token in re.findall(r" +|[^ ]+", paragraph):
            if text_width(line) + text_width(token) <= width:
                line += token
            elif token[0] == " ":  # break at the spaces; they are dropped
                lines.append(line.rstrip())
                line = ""
            elif text_width(token) <= width and line.strip():  # the run fits on a new line
                lines.append(line.rstrip())
                line = token
            else:  # fold the run, character by character
                for char in token:
                    if line and text_width(line) + char_width(char) > width:
                        line, carry = _keep_together(line, char)
                        lines.append(line.rstrip())
                        line = carry
                    line += char
        lines.append(line.rstrip())
    return lines


def _keep_together(line: str, char: str) -> tuple[str, str]:
    """A full line, and what must leave it to go with `char` on the next one."""
    if char not in NO_LINE_START:
        return line, ""
    cut = len(line) - 1
    while cut > 0 and line[cut] in NO_LINE_START:
        cut -= 1
    if cut > 0 and not line[cut].isspace():
        return line[:cut], line[cut:]
    return line, ""


def centre(text: str, width: int) -> str:
    """The text centred in `width` columns (no trailing spaces)."""
    return " " * max((width - text_width(text)) // 2, 0) + text


# --- colour ---------------------------------------------------------------------------

_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4"}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def sgr(style: str | None) -> str:
    """The escape sequence for a style such as "bold red" or "bold white on red"."""
    if not style:
        return ""
    codes, background = [], False
    for word in style.split():
        if word == "on":
            background = True
        elif word in _COLOURS:
            codes.append(str((40 if background else 30) + _COLOURS.index(word)))
        elif word in _SGR:
            codes.append(_SGR[word])
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def paint(text: str, style: str | None, colour: bool) -> str:
    """The text in a style when `colour` is on, else as it is."""
    start = sgr(style) if colour else ""
    return f"{start}{text}\x1b[0m" if start and text else text


def wants_colour(stream: IO[str]) -> bool:
    """Colour for this stream: FORCE_COLOR, else not NO_COLOR / TERM=dumb, and a terminal."""
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    return sys.platform != "win32" or _enable_windows_colour(stream)


def _enable_windows_colour(stream: IO[str]) -> bool:  # pragma: no cover - Windows only
    """Turn on escape sequences in a Windows console; False where that is not possible."""
    try:
        import ctypes
        import msvcrt

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = msvcrt.get_osfhandle(stream.fileno())  # type: ignore[attr-defined]
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))
    except Exception:
        return False


def terminal_width() -> int:
    """$COLUMNS, else the terminal's width, else 80."""
    return shutil.get_terminal_size((80, 24)).columns


# --- a table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text and its style (None: the row's style)."""

    text: str
    style: str | None = None


def column_widths(
    natural: Sequence[int], floors: Sequence[int], wraps: Sequence[bool], room: int
) -> list[int]:
    """Widths for columns of these natural widths in `room` columns (padding excluded).

    Everything fits: natural widths. Else the widest wrapping column gives up a column
    at a time (so the wrapping columns even out, and a short one keeps its width),
    none narrower than its floor (its header). If that is not enough, the headers
    wrap too; then every column gives way, down to two columns (one Chinese character).
    """
    widths = list(natural)
    excess = sum(widths) - room
    everything = range(len(widths))
    wrapping = [i for i in everything if wraps[i]]
    for columns, floor in (
        (wrapping, list(floors)),
        (wrapping, [2] * len(widths)),
        (everything, [2] * len(widths)),
    ):
        while excess > 0:
            open_ = [i for i in columns if widths[i] > floor[i]]
            if not open_:
                break
            widest = max(open_, key=lambda i: (widths[i], i))
            widths[widest] -= 1
            excess -= 1
    return widths


def draw_table(
    title: str | None,
    headers: Sequence[str],
    wraps: Sequence[bool],
    rows: Sequence[Sequence[Cell]],
    row_styles: Sequence[str | None],
    caption: str | None,
    width: int,
    colour: bool,
) -> str:
    """The table as text: " " edge, one space of padding each side of a cell, " " between."""
    count = len(headers)
    natural = [
        max(
            [
                text_width(line)
                for text in (h, *(r[i].text for r in rows))
                for line in text.split("\n")
            ]
        )
        for i, h in enumerate(headers)
    ]
    overhead = 3 * count + 1
    floors = [text_width(h) for h in headers]
    widths = column_widths(natural, floors, wraps, width - overhead)
    total = sum(widths) + overhead
    out: list[str] = []
    if title:
        out.extend(paint(centre(line, total), "bold", colour) for line in wrap(title, total))
    out.append("")
    out.extend(_lines([Cell(h, "bold") for h in headers], widths, None, colour))
    out.append(" " + "─" * (total - 2))
    for row, style in zip(rows, row_styles, strict=True):
        out.extend(_lines(row, widths, style, colour))
    out.append("")
    if caption:
        out.extend(paint(centre(line, total), "dim", colour) for line in wrap(caption, total))
    return "".join(line.rstrip() + "\n" for line in out)


def _lines(
    row: Sequence[Cell], widths: Sequence[int], style: str | None, colour: bool
) -> list[str]:
    """One table row, its cells wrapped to their widths, as one or more lines."""
    cells = [wrap(cell.text, w) for cell, w in zip(row, widths, strict=True)]
    height = max(len(lines) for lines in cells)
    lines = []
    for n in range(height):
        parts = []
        for cell, w, wrapped in zip(row, widths, cells, strict=True):
            text = wrapped[n] if n < len(wrapped) else ""
            styled = paint(text, _combine(style, cell.style), colour)
            parts.append(" " + styled + " " * max(w - text_width(text), 0) + " ")
        lines.append(" " + " ".join(parts))
    return lines


def _combine(row: str | None, cell: str | None) -> str | None:
    """A cell's style over its row's (the cell's words last, so its colour wins)."""
    return " ".join(s for s in (row, cell) if s) or None

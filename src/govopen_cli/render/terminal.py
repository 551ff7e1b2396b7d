"""Text for a terminal: a rich table, or a record per row when the table cannot fit.

rich draws the tables (imported here, when a table is drawn: `--format json` and the
help never pay for it). Text goes to rich as `Text` objects, never as markup, so a
task that says "[bold]" prints as written. The look is rich's SIMPLE_HEAD box: a bold
title, a bold header, one rule under it, no borders, a dim caption; long cells fold
between characters (Chinese has no spaces to break at).

When the columns cannot all get a readable width (a table of many units in 80
columns), each row becomes a block of "字段：值" lines instead, like psql's expanded
mode. Colour is used only on a terminal (never when piped), not with NO_COLOR set,
always with FORCE_COLOR set. Control characters and escape sequences in the data are
shown escaped (`printable`), so a task text cannot retitle or clear the terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Literal

from govopen_cli.record import record

if TYPE_CHECKING:
    from rich.console import Console

# --- widths ---------------------------------------------------------------------------


@lru_cache(maxsize=8192)
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
                used = text_width(line)
                for char in token:
                    if line and used + char_width(char) > width:
                        line, carry = _keep_together(line, char)
                        lines.append(line.rstrip())
                        line, used = carry, text_width(carry)
                    line += char
                    used += char_width(char)
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


PIPE_WIDTH = 160
"""Width of a table written to a pipe or file when $COLUMNS does not say."""


def terminal_width(stream: IO[str] | None = None) -> int:
    """The terminal's width; for a pipe or file, $COLUMNS, else a wide default."""
    stream = stream or sys.stdout
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        is_terminal = stream.isatty()
    except (AttributeError, ValueError):
        is_terminal = False
    if not is_terminal:
        return PIPE_WIDTH
    return shutil.get_terminal_size((80, 24)).columns


# --- text that is safe to print ---------------------------------------------------------

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls but line feed and tab, DEL, and the bidirectional overrides."""


def printable(text: str) -> str:
    r"""The text with control characters shown as escapes: ESC → \x1b, BEL → \x07."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
    """The text in a style when `colour` is on, else as it is (one line, no rich needed)."""
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


# --- a table, or records ----------------------------------------------------------------

Fit = Literal["fixed", "wrap", "wide"]
"""How a column takes width: its natural width, or folded (`wrap` medium, `wide` long)."""

FLOORS: dict[Fit, int] = {"fixed": 0, "wrap": 10, "wide": 16}
"""The narrowest a folding column may get (10 columns: five Chinese characters)."""


@record
class Cell:
    """A table cell: its text and its style (None: the row's style)."""

    text: str
    style: str | None = None


def natural_widths(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[int]:
    """Each column's width with nothing wrapped: its longest line, header included."""
    return [
        max(
            text_width(line)
            for text in (header, *(row[i].text for row in rows))
            for line in printable(text).split("\n")
        )
        for i, header in enumerate(headers)
    ]


def overhead(count: int) -> int:
    """Columns that are not text: a space of padding each side of a cell, one between, edges."""
    return 3 * count + 1


def floors(headers: Sequence[str], fits: Sequence[Fit], natural: Sequence[int]) -> list[int]:
    """The narrowest each column may get: fixed columns whole, folding ones at their floor."""
    return [
        n if fit == "fixed" else min(n, max(FLOORS[fit], text_width(h)))
        for h, fit, n in zip(headers, fits, natural, strict=True)
    ]


def needed_width(
    headers: Sequence[str], fits: Sequence[Fit], rows: Sequence[Sequence[Cell]]
) -> int:
    """Columns the table needs at least."""
    natural = natural_widths(headers, rows)
    return sum(floors(headers, fits, natural)) + overhead(len(headers))


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


def draw(
    title: str | None,
    headers: Sequence[str],
    fits: Sequence[Fit],
    rows: Sequence[Sequence[Cell]],
    row_styles: Sequence[str | None],
    caption: str | None,
    width: int,
    colour: bool,
) -> str:
    """The rows as a table when it fits `width`, else as records."""
    if rows and needed_width(headers, fits, rows) > width:
        return draw_records(title, headers, rows, row_styles, caption, width, colour)
    return draw_table(title, headers, fits, rows, row_styles, caption, width, colour)


def _console(width: int, colour: bool) -> Console:
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        _environ={},  # the width and colour above decide, not the environment
    )


def _output(console: Console) -> str:
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def draw_table(
    title: str | None,
    headers: Sequence[str],
    fits: Sequence[Fit],
    rows: Sequence[Sequence[Cell]],
    row_styles: Sequence[str | None],
    caption: str | None,
    width: int,
    colour: bool,
) -> str:
    """The table drawn by rich: title, header, one rule, rows, caption.

    The column widths and the line breaks are ours (`column_widths`, `wrap`: Chinese
    typesetting, which rich does not know); rich draws the result.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    natural = natural_widths(headers, rows)
    widths = column_widths(
        natural,
        [text_width(h) for h in headers],
        [fit != "fixed" for fit in fits],
        width - overhead(len(headers)),
    )

    table = Table(
        title=Text(printable(title), overflow="fold") if title else None,
        caption=Text(printable(caption), overflow="fold") if caption else None,
        box=box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        caption_style="dim",
    )
    for header, w in zip(headers, widths, strict=True):
        table.add_column(Text(_wrapped(header, w)), width=w, no_wrap=True, overflow="fold")
    for row, style in zip(rows, row_styles, strict=True):
        cells = [
            Text(_wrapped(c.text, w), style=c.style or "") for c, w in zip(row, widths, strict=True)
        ]
        table.add_row(*cells, style=style)
    console = _console(width, colour)
    console.print(table)
    return _output(console)


def _wrapped(text: str, width: int) -> str:
    """Printable text broken into lines of at most `width` columns."""
    return "\n".join(wrap(printable(text), width))


def draw_records(
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    row_styles: Sequence[str | None],
    caption: str | None,
    width: int,
    colour: bool,
) -> str:
    """Each row as a block of "字段：值" lines under a numbered rule; empty fields left out."""
    from rich.table import Table
    from rich.text import Text

    from govopen_cli import messages as msg

    console = _console(width, colour)
    if title:
        console.print(Text(printable(title), style="bold", overflow="fold"))
    for n, (row, style) in enumerate(zip(rows, row_styles, strict=True), start=1):
        label = msg.RECORD_RULE.format(n=n)
        rule = f"─{label}" + "─" * max(width - text_width(label) - 1, 0)
        console.print(Text(rule[: max(width // 2, 24)], style="dim"))
        labels = [printable(h) + "：" for h in headers]
        room = max(width - max(text_width(label) for label in labels), 10)
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, overflow="fold")
        for label, cell in zip(labels, row, strict=True):
            if cell.text:
                text_style = " ".join(s for s in (style, cell.style) if s)
                grid.add_row(Text(label), Text(_wrapped(cell.text, room), style=text_style))
        console.print(grid)
    if caption:
        console.print(Text(printable(caption), style="dim", overflow="fold"))
    return _output(console)

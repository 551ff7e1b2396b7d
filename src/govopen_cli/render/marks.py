"""How each status mark looks, in one table: symbol, label, meaning, terminal style, colours.

queries/status says what a mark means (which unit owes what, as of a date); this module
says how it is drawn, for terminal tables, xlsx exports and the public page alike.
"""

from __future__ import annotations

from govopen_cli.queries.status import MARKS, Mark
from govopen_cli.record import record


@record
class Colours:
    """A text colour on a background, hex without '#', at least 4.5:1 contrast (WCAG AA)."""

    fg: str
    bg: str


@record
class MarkLook:
    """One mark as every output draws it."""

    symbol: str
    label: str
    meaning: str
    """The legend's words (also the export's status column)."""
    style: str
    """Terminal style words (render/terminal.sgr)."""
    colours: Colours
    """xlsx fills and the page's badges and timeline dots."""
    bold: bool = False

    @property
    def text(self) -> str:
        """What a cell shows: the symbol and the short label, e.g. ✔完成."""
        return self.symbol + self.label


# The labels and meanings are user-facing Chinese kept here, beside the symbol and colours they
# go with (one row per mark), not in messages.py. tests/test_publishing.py checks the contrast.
LOOKS: dict[Mark, MarkLook] = {
    "done": MarkLook("✔", "完成", "按时完成", "bold green", Colours(fg="14532D", bg="D5F0DB")),
    "done_late": MarkLook("◐", "迟完", "逾期后完成", "yellow", Colours(fg="5C4400", bg="FFF1B8")),
    "in_progress": MarkLook("▶", "推进", "推进中", "green", Colours(fg="14532D", bg="D5F0DB")),
    "due_soon": MarkLook("!", "临近", "临近截止", "bold yellow", Colours(fg="4A3500", bg="FFE08A")),
    "not_due": MarkLook("·", "未到", "未到期", "dim", Colours(fg="3A3A3A", bg="EEEEEE")),
    "ongoing": MarkLook("∞", "持续", "持续性工作", "cyan", Colours(fg="0B4A5E", bg="D6EEF5")),
    "blocked": MarkLook("■", "受阻", "受阻", "bold red", Colours(fg="7F1D1D", bg="FAD4D4")),
    # without a ledger a passed deadline is a neutral fact, not a failure (issue 15)
    "past_due": MarkLook(
        "○",
        "已过截止",
        "已过截止日期（未登记进展，不表示未完成）",
        "magenta",
        Colours(fg="3B2A6B", bg="E6E0F5"),
    ),
    "overdue": MarkLook(
        "✘", "逾期", "逾期未完成", "bold white on red", Colours(fg="FFFFFF", bg="B91C1C"), bold=True
    ),
}
assert tuple(LOOKS) == MARKS, "one look per mark, in the legend's order"

SEVERITY: tuple[Mark, ...] = (
    "overdue",
    "past_due",
    "blocked",
    "due_soon",
    "in_progress",
    "not_due",
    "ongoing",
    "done_late",
    "done",
)
"""Worst first: the badge of a milestone shared by several units is its worst unit's mark."""

PAGE_COLOURS: dict[str, Colours] = {
    "body": Colours(fg="1A1A1A", bg="FFFFFF"),
    "muted": Colours(fg="4D4D4D", bg="FFFFFF"),
    "banner": Colours(fg="FFFFFF", bg="0B3D91"),
    "head": Colours(fg="111111", bg="E3E7ED"),
    "section": Colours(fg="0B2A5B", bg="EEF2F7"),
    "axis": Colours(fg="333333", bg="FFFFFF"),
    "focus": Colours(fg="0B3D91", bg="FFFFFF"),
}
"""The public page's other colours (text on background), each at least 4.5:1."""

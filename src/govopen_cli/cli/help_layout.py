"""Help that wraps Chinese text instead of cutting it with "…".

Rich breaks lines only at whitespace: a run of Chinese characters is one "word" to it.
In a table cell (Typer draws every option and command as a row of a rich table), a word
wider than its column is cut with "…", the table columns' default overflow. Rich's
remedy for text without spaces is `overflow="fold"` on the text: a word that does not fit
is then broken across lines at the column's edge. (`fold` also crops the trailing space
rich leaves on a line holding wide characters; with "ellipsis" that space costs the
line's last character.)

Typer builds every help text through one rich highlighter, `typer.rich_utils.highlighter`
(the module-level styling settings Typer took from rich-click); ours is Typer's own with
`overflow="fold"` added. Loaded only when help is drawn (`common.Command`, `common.Group`), so
start-up imports nothing more.
"""

from __future__ import annotations

from rich.text import Text
from typer import rich_utils


class FoldingHighlighter(rich_utils.OptionHighlighter):
    """Typer's option highlighter, whose texts fold where they do not fit."""

    def highlight(self, text: Text) -> None:
        super().highlight(text)
        text.overflow = "fold"


def wrap_chinese_help() -> None:
    """Make Typer's help texts fold (idempotent; for this process)."""
    if not isinstance(rich_utils.highlighter, FoldingHighlighter):
        rich_utils.highlighter = FoldingHighlighter()

"""Help wraps, never cuts: at 60 columns and wider, every help text reads in full.

The commands and their help texts come from the app's declarations (walked through
Click), so a command added later is checked too. A help text "reads in full" when,
whitespace and line breaks aside, it stands in one column of the output, top to bottom.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import click
import pytest
import typer
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.render.terminal import char_width, text_width


def every_command() -> Iterator[tuple[list[str], click.Command]]:
    """Each command and group of govopen, with the words that call it."""
    root = typer.main.get_command(app)

    def walk(path: list[str], command: click.Command) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                if not sub.hidden:
                    yield from walk([*path, name], sub)

    return walk([], root)


COMMANDS = list(every_command())


def squash(text: str) -> str:
    return "".join(text.split())


def declared_texts(path: list[str], command: click.Command) -> list[str]:
    """What the help of `command` must show in full: its options' and arguments' help,
    its subcommands' one-line help and its own description."""
    ctx = click.Context(command, info_name=" ".join(["govopen", *path]))
    texts = []
    for param in command.get_params(ctx):
        help_text = getattr(param, "help", None)  # (Typer's arguments have help, click's not)
        if isinstance(help_text, str) and not getattr(param, "hidden", False):
            texts.append(help_text)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            if not sub.hidden:  # the commands panel shows a command's first paragraph
                texts.append(inspect.cleandoc(sub.short_help or sub.help or "").split("\n\n")[0])
    texts.append(command.help or "")
    return [squash(t) for t in texts if t.strip()]


def cells(line: str) -> list[str]:
    """The line as terminal cells: a wide character, then an empty cell for its right half."""
    out: list[str] = []
    for char in line:
        out.append(char)
        out.extend([""] * (char_width(char) - 1))
    return out


def columns_read_down(output: str) -> list[str]:
    """For each column offset: the text right of it on every line, read top to bottom."""
    lines = [cells(line) for line in output.splitlines()]
    width = max((len(line) for line in lines), default=0)
    return [
        squash("".join("".join(line[offset:]).rstrip(" │") for line in lines))
        for offset in range(width)
    ]


def test_the_walk_finds_every_command() -> None:
    # the commands the README's command table lists, and the progress group's
    names = {" ".join(path) for path, _ in COMMANDS}
    for expected in ("", "due", "export", "import", "forms", "notice", "progress add"):
        assert expected in names
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "govopen" for p, _ in COMMANDS]
)
def test_help_wraps_and_reads_in_full(
    path: list[str], command: click.Command, columns: int
) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "…" not in out  # rich marks a cut with an ellipsis
    assert max(text_width(line) for line in out.splitlines()) <= columns
    readings = columns_read_down(out)
    for text in declared_texts(path, command):
        assert "…" not in text  # (a help containing one would make the check above moot)
        assert any(text in reading for reading in readings), (text, out)


def test_a_cut_help_would_be_caught() -> None:
    # the check above fails on what rich used to print at 80 columns for forms --within
    within = squash("报送范围：今天起多少天内到期的节点（含已逾期的）")
    cut = (
        "│    --within   天数 [x>=0]  报送范围：今天起多少天内到期的节点（含 … │\n"
        "│                           [默认：90]                               │\n"
    )
    readings = columns_read_down(cut)
    assert not any(within in reading for reading in readings)
    wrapped = (
        "│    --within   天数 [x>=0]  报送范围：今天起多少天内到期的节点（含   │\n"
        "│                           已逾期的） [默认：90]                    │\n"
    )
    readings = columns_read_down(wrapped)
    assert any(within in reading for reading in readings)

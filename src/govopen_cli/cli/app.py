"""The `govopen` command line: thin Typer commands over the library.

Only typer is imported at start-up; each command imports what it needs, so
`govopen --help` and every command start about as fast as a bare Typer app.
The commands live in one module per kind of job; importing them registers them.
A run of one command imports only that command's module (`COMMAND_MODULES`); the
whole app (`app`: help, groups, anything else) imports them all.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING

import typer

from govopen_cli.cli import common
from govopen_cli.cli.common import PROG_NAME, SETTINGS, root

if TYPE_CHECKING:
    from typer.models import CommandInfo

__all__ = ["COMMAND_MODULES", "app_for", "full_app", "main"]

# Every plain command (in the order `--help` lists them) → the module under cli/ that
# registers it; groups (`progress`) come with the whole app.
COMMAND_MODULES: dict[str, str] = {
    "list": "ask",
    "show": "ask",
    "sections": "ask",
    "by-section": "ask",
    "by-unit": "ask",
    "units": "ask",
    "due": "ask",
    "overdue": "ask",
    "validate": "check",
    "schema": "check",
    "board": "ledger",
    "stats": "ledger",
    "export": "exports",
    "publish": "exports",
    "import": "imports",
    "forms": "round",
    "notice": "round",
}
# Importing these registers every command and group (corrections and round add to ledger's
# `progress` group).
ALL_MODULES = ("ask", "check", "ledger", "corrections", "exports", "imports", "round")


def _import(module: str) -> None:
    importlib.import_module(f"govopen_cli.cli.{module}")


def full_app() -> typer.Typer:
    """The app with every command and group registered, commands in their help order."""
    for module in ALL_MODULES:
        _import(module)
    order = {name: i for i, name in enumerate(COMMAND_MODULES)}
    common.app.registered_commands.sort(key=lambda info: order.get(info.name or "", len(order)))
    return common.app


def __getattr__(name: str) -> typer.Typer:
    """`app`: the whole app, its command modules imported on first use."""
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _command(name: str) -> CommandInfo | None:
    """The registered command of this name, importing only its module (None if not one)."""
    module = COMMAND_MODULES.get(name)
    if module is None:
        return None
    _import(module)
    for info in common.app.registered_commands:
        if info.name == name:
            return info
    return None


def app_for(args: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The app to run for these arguments, the arguments it takes, and its program name.

    For `govopen NAME …` where NAME is a plain command, an app of that one command
    with the arguments after NAME: Typer prepares every command's parameters before
    it runs one (about 10 ms for all of ours, at every start-up), and a command run
    needs only its own. Anything else (no command, an option first, a command group
    such as `progress`, a misspelt name) gets the whole app.
    """
    info = _command(args[0]) if args else None
    if info is not None:
        single = typer.Typer(**SETTINGS)
        single.registered_commands.append(info)
        return single, args[1:], f"{PROG_NAME} {info.name}"
    return full_app(), args, PROG_NAME


COMPLETE_VAR = "_GOVOPEN_COMPLETE"


def app_for_completion(words: list[str]) -> typer.Typer:
    """The app that answers a Tab: for `govopen NAME …`, a group holding only NAME.

    The shell passes the command line in the environment, not in argv, so `app_for`
    cannot pick the command; preparing one command's parameters instead of all of
    them keeps a Tab about as cheap as a cached query. Anything else: the whole app.
    """
    if len(words) > 2:  # the command name is complete (a word follows it)
        name = words[1]
        partial = typer.Typer(**SETTINGS)
        partial.callback()(root)
        info = _command(name)
        if info is not None:
            partial.registered_commands.append(info)
            return partial
        app = full_app()
        for group in app.registered_groups:
            if group.name == name:
                partial.registered_groups.append(group)
                return partial
    return full_app()


def _completion_words() -> list[str]:
    """The command line being completed, up to the word being completed, as the shell passed it.

    bash passes its words joined by newlines and the index of the word being completed
    (COMP_CWORD: an empty new word is not in COMP_WORDS); zsh and fish pass the line up
    to the cursor, ending in a space when a new word starts.
    """
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
    try:
        words = shlex.split(line)
    except ValueError:  # an open quote
        words = line.split()
    current = os.environ.get("COMP_CWORD", "")
    if "COMP_WORDS" in os.environ and current.isdigit():
        index = int(current)
        return [*words[:index], words[index] if index < len(words) else ""]
    return [*words, ""] if line.endswith(" ") else words


def undecodable_argument(args: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as surrogates)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg
    return None


def main() -> None:
    """Console-script entry point."""
    bad = undecodable_argument(sys.argv[1:])
    if bad is not None:
        from govopen_cli import messages as msg

        try:  # the bytes as typed, shown as \xNN
            raw = bad.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = bad.encode("utf-8", "backslashreplace")
        shown = raw.decode("utf-8", "backslashreplace")
        sys.stderr.write(f"govopen: {msg.ARGUMENT_NOT_TEXT.format(arg=shown)}\n")
        sys.exit(2)
    try:
        if COMPLETE_VAR in os.environ:
            app_for_completion(_completion_words())(prog_name=PROG_NAME)
            return
        chosen, args, prog_name = app_for(sys.argv[1:])
        chosen(args=args, prog_name=prog_name)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)

"""The `govopen` command line: thin Typer commands over the library.

Only typer is imported at start-up; each command imports what it needs, so
`govopen --help` and every command start about as fast as a bare Typer app.
The commands live in one module per kind of job; importing them registers them.
"""

from __future__ import annotations

import os
import sys

import typer

from govopen_cli.cli import (  # noqa: F401  (registers commands)
    ask,
    check,
    corrections,
    exports,
    imports,
    ledger,
    round,
)
from govopen_cli.cli.common import PROG_NAME, SETTINGS, app, root

__all__ = ["app", "app_for", "main"]


def app_for(args: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The app to run for these arguments, the arguments it takes, and its program name.

    For `govopen NAME …` where NAME is a plain command, an app of that one command
    with the arguments after NAME: Typer prepares every command's parameters before
    it runs one (about 10 ms for all of ours, at every start-up), and a command run
    needs only its own. Anything else (no command, an option first, a command group
    such as `progress`, a misspelt name) gets the whole app.
    """
    if args:
        for info in app.registered_commands:
            if info.name == args[0]:
                single = typer.Typer(**SETTINGS)
                single.registered_commands.append(info)
                return single, args[1:], f"{PROG_NAME} {info.name}"
    return app, args, PROG_NAME


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
        for info in app.registered_commands:
            if info.name == name:
                partial.registered_commands.append(info)
                return partial
        for group in app.registered_groups:
            if group.name == name:
                partial.registered_groups.append(group)
                return partial
    return app


def _completion_words() -> list[str]:
    """The command line being completed, as the shell passed it."""
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
    try:
        words = shlex.split(line)
    except ValueError:  # an open quote
        words = line.split()
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

"""Shell completion: task ids, units, sections and statuses, read from the data file.

The shell runs `govopen` with `_GOVOPEN_COMPLETE` set for every Tab; Click asks these
functions for the candidates. They read the table the command line names (`--data`,
else the file a command would find) through the cache, so a Tab costs about one
cached query. A file that cannot be read completes nothing: completion never prints
an error into the user's prompt. Formats complete from their choices (Click does that).

`--install-completion` / `--show-completion` and `--version` are options of `govopen`
itself (`root`), with Chinese help, over Typer's completion scripts. Like Typer's, the
completion options detect the shell; a shell named after one (`--install-completion
zsh`) is used instead (`take_shell_name`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import click

    from govopen_cli.table.catalog import Catalog

Candidates = list[tuple[str, str]]


def _catalog(ctx: typer.Context) -> Catalog | None:
    """The table this command line reads, or None when it cannot be read."""
    data: Any = ctx.params.get("data")
    try:
        from govopen_cli.checks.open import open_catalog
        from govopen_cli.files.finding import find_data_file

        return open_catalog(find_data_file(Path(data) if data else None))
    except Exception:  # a broken or missing file: nothing to offer, and no noise in the prompt
        return None


def _starting(candidates: Candidates, incomplete: str) -> Candidates:
    seen: set[str] = set()
    found = []
    for value, help_text in candidates:
        if value.startswith(incomplete) and value not in seen:
            seen.add(value)
            found.append((value, help_text))
    return found


def complete_task(ctx: typer.Context, incomplete: str) -> Candidates:
    """Task ids, each with the start of its text."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    return _starting([(str(t.id), _short(t.text)) for t in catalog.tasks], incomplete)


def complete_unit(ctx: typer.Context, incomplete: str) -> Candidates:
    """Unit names, short names and aliases, each with the unit's full name."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    registry = catalog.registry
    spellings = [
        (spelling, unit.name)
        for unit in registry.units.values()
        for spelling in registry.spellings(unit)
    ]
    return _starting(spellings, incomplete)


def complete_section(ctx: typer.Context, incomplete: str) -> Candidates:
    """Section numbers (一…五 and 1…5), each with its title."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    numbered = [(s.id, s.title) for s in catalog.sections]
    numbered += [(str(n), s.title) for n, s in enumerate(catalog.sections, start=1)]
    return _starting(numbered, incomplete)


def complete_status(incomplete: str) -> Candidates:
    """The statuses a report may give."""
    from govopen_cli import messages as msg

    return _starting(list(msg.STATUS_LABELS.items()), incomplete)


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the options of `govopen` itself ---------------------------------------------------

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def detected_shell() -> str | None:
    """The shell govopen runs in, as shellingham sees it (None when it cannot tell)."""
    try:
        from typer._completion_shared import _get_shell_name

        return _get_shell_name()
    except Exception:  # shellingham could not tell: the caller falls back to $SHELL
        return None


COMPLETION_OPTIONS = ("--install-completion", "--show-completion")
SHELL_KEY = "govopen.shell"
"""Where `take_shell_name` leaves a shell named on the command line (in `ctx.meta`)."""


def take_shell_name(ctx: click.Context, args: list[str]) -> list[str]:
    """The arguments without a shell name typed after a completion option, kept in ctx.meta.

    Typer's completion options are flags: without this, `govopen --install-completion zsh`
    run from bash would silently install for bash.
    """
    for i, arg in enumerate(args[:-1]):
        if arg == "--":
            break
        if arg in COMPLETION_OPTIONS and not args[i + 1].startswith("-"):
            ctx.meta[SHELL_KEY] = args[i + 1]
            return [*args[: i + 1], *args[i + 2 :]]
    return args


def _shell(ctx: typer.Context) -> str:
    """The shell named on the command line, else the user's (detected, else $SHELL).

    Exit 2 with a message when it is not one Typer has completion for.
    """
    from govopen_cli import messages as msg

    named: str | None = ctx.meta.get(SHELL_KEY)
    shell = named or detected_shell() or os.path.basename(os.environ.get("SHELL", ""))
    if shell not in SHELLS:
        sys.stderr.write(f"govopen: {msg.SHELL_UNSUPPORTED.format(shell=shell or '?')}\n")
        raise typer.Exit(2)
    return shell


def show_completion(ctx: typer.Context, value: bool) -> None:
    """--show-completion: print the completion script for the user's shell."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    name = ctx.find_root().info_name or "govopen"
    shell = _shell(ctx)
    script = get_completion_script(prog_name=name, complete_var=_complete_var(name), shell=shell)
    sys.stdout.write(script.rstrip("\n") + "\n")
    raise typer.Exit(0)


def install_completion(ctx: typer.Context, value: bool) -> None:
    """--install-completion: add the completion script to the user's shell start-up."""
    if not value or ctx.resilient_parsing:
        return
    from typer._completion_shared import install

    from govopen_cli import messages as msg

    name = ctx.find_root().info_name or "govopen"
    shell, path = install(shell=_shell(ctx), prog_name=name, complete_var=_complete_var(name))
    sys.stdout.write(msg.COMPLETION_INSTALLED.format(shell=shell, path=path) + "\n")
    raise typer.Exit(0)


def show_version(value: bool) -> None:
    """--version: govopen's version."""
    if not value:
        return
    from govopen_cli import __version__

    sys.stdout.write(f"govopen {__version__}\n")
    raise typer.Exit(0)


def _complete_var(prog_name: str) -> str:
    return "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())


def register_shells() -> None:
    """Typer's completion scripts and protocol for bash, zsh, fish and PowerShell.

    Typer registers them only when it adds its own (English) completion options;
    ours are Chinese, so we register them. Five dict entries: cheap at start-up.
    """
    from typer._completion_classes import completion_init

    completion_init()

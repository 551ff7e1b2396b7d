"""The README's console examples: which ones are re-runnable, and running them as a reader would.

Shared by tests/test_readme.py (which compares) and scripts/update_readme_examples.py (which
writes the real output back). Examples with `--data week/…` form one session, run in order in a
fresh folder holding a copy of the task file, as the README's "clerk's week" tells it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from govopen_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CONSOLE_BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
WEEK = "week/"
TABLES = "tables"
"""Examples naming `tables` run in the session folder too: a collection of two tables."""
RULES_HEADING = "### 规则 / Rules\n\n"


def with_rule_table(text: str) -> str:
    """The README text with its rule table (under RULES_HEADING) generated from problems.RULES."""
    from govopen_cli.render.problems import rules_markdown

    start = text.index(RULES_HEADING) + len(RULES_HEADING)
    end = text.index("\n\n", start) + 1
    return text[:start] + rules_markdown() + text[end:]


def is_runnable(command: str, output: str) -> bool:
    """An unpiped `govopen` run whose output the README shows (in full, or its start and …)."""
    return (
        command.startswith("govopen ")
        and "|" not in command
        and "#" not in command
        and "tasks-broken" not in command
    )


def as_shown(real: str, shown: str) -> str:
    """The real output as the README shows it: whole, or its first lines and a "…" line."""
    lines = shown.rstrip().splitlines()
    if not lines or lines[-1].strip() != "…":
        return real
    return "\n".join(real.splitlines()[: len(lines) - 1]) + "\n…\n"


def examples(text: str) -> list[tuple[str, str]]:
    """(command, shown output) for every runnable example, in README order."""
    found = []
    for block in CONSOLE_BLOCK.finditer(text):
        for chunk in block.group(2).split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            if is_runnable(command, output):
                found.append((command, output))
    return found


def significant(output: str) -> list[str]:
    """The lines that carry text, right-trimmed (tables pad with blank lines)."""
    return [line.rstrip() for line in output.splitlines() if line.strip()]


@contextmanager
def session() -> Iterator[Path]:
    """A folder with `week/tasks.yaml` (and the filled forms of docs/examples), and
    `tables/meishan.yaml` beside a copy of the example .docx (the collection's example
    imports it); environment as test_readme sets it."""
    saved = {key: os.environ.get(key) for key in ("COLUMNS", "GOVOPEN_AS_OF", "GOVOPEN_DATA")}
    cwd = Path.cwd()
    os.environ["COLUMNS"] = "100"
    os.environ.pop("GOVOPEN_AS_OF", None)
    os.environ.pop("GOVOPEN_DATA", None)  # in the repository, data/tasks.yaml is found upward
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "week").mkdir()
        shutil.copy(ROOT / "data" / "tasks.yaml", Path(folder) / "week" / "tasks.yaml")
        for form in (ROOT / "docs" / "examples").glob("报回-*.xlsx"):  # the round's filled forms
            shutil.copy(form, Path(folder) / "week" / form.name)
        (Path(folder) / TABLES).mkdir()
        shutil.copy(ROOT / "data" / "tasks.yaml", Path(folder) / TABLES / "meishan.yaml")
        example = ROOT / "docs" / "examples" / "tasks-example.docx"
        shutil.copy(example, Path(folder) / "tasks-example.docx")
        try:
            yield Path(folder)
        finally:
            os.chdir(cwd)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def run(command: str, folder: Path) -> str:
    """The output of one example, run in the week folder or the repository."""
    os.chdir(folder if WEEK in command or TABLES in command else ROOT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines()) + "\n"

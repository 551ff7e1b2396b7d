"""README tells the truth: its Quick start is what CI runs, and its examples are real output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govopen_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## 快速开始", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_quick_start_has_two_commands_and_ci_runs_the_second() -> None:
    install_and_run, install_and_test = quick_start()
    assert "govopen due --before 2022-06-30" in install_and_run
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci


def examples() -> list[tuple[str, str]]:
    """(command, expected output) for README console blocks that are whole, unpiped runs."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in block.split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            if not command.startswith("govopen ") or "|" in command or "#" in command:
                continue
            if "tasks-broken" in command or output.rstrip().endswith("…"):
                continue
            found.append((command, output))
    return found


@pytest.mark.parametrize(("command", "expected"), examples())
def test_readme_example_is_real_output(
    command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("GOVOPEN_DATA", str(ROOT / "data" / "tasks.yaml"))
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    got = [line.rstrip() for line in result.output.strip("\n").splitlines()]
    want = [line.rstrip() for line in expected.strip("\n").splitlines()]
    # README drops the table's blank padding lines; compare the lines that carry text
    assert [g for g in got if g] == [w for w in want if w]


def test_readme_examples_are_checked() -> None:
    # due, overdue, an unknown unit, show 7, sections, list, validate
    assert len(examples()) >= 7

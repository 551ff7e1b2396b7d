"""README tells the truth: its Quick start is what CI runs, and its examples are real output."""

from __future__ import annotations

import re

from readme_examples import README, ROOT, as_shown, examples, run, session, significant

TEXT = README.read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = TEXT.split("## 快速开始", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_quick_start_has_two_commands_and_ci_runs_the_second() -> None:
    install_and_run, install_and_test = quick_start()
    assert "govopen due --before 2022-06-30" in install_and_run
    assert "pytest" in install_and_test
    # a fresh Debian/Ubuntu refuses `pip install` outside a virtual environment (PEP 668):
    # each line makes one and activates it first
    venv = "python3 -m venv .venv && . .venv/bin/activate && pip install "
    assert install_and_run.startswith(venv) and install_and_test.startswith(venv)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert install_and_test in ci


def test_readme_examples_are_real_output() -> None:
    # one session, in README order: the clerk's week adds reports that later examples read
    mismatches = []
    with session() as folder:
        for command, shown in examples(TEXT):
            if significant(as_shown(run(command, folder), shown)) != significant(shown):
                mismatches.append(command)
    assert mismatches == []


def test_readme_examples_are_checked() -> None:
    commands = [command for command, _ in examples(TEXT)]
    # due, overdue, show 7, sections, list, validate, and the clerk's week
    assert len(commands) >= 15
    assert any(c.startswith("govopen progress add") for c in commands)
    assert any(c.startswith("govopen board") for c in commands)
    assert any(c.startswith("govopen stats") for c in commands)

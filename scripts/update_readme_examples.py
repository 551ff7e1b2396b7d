"""Re-run the README's console examples and write their real output back.

    python scripts/update_readme_examples.py

The same commands, width and data as tests/test_readme.py, which checks the result.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from govopen_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def rerun(command: str) -> str:
    """The output of one `govopen …` line, as test_readme sees it."""
    os.environ["COLUMNS"] = "100"
    os.environ.pop("GOVOPEN_AS_OF", None)
    os.environ["GOVOPEN_DATA"] = str(ROOT / "data" / "tasks.yaml")
    os.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    lines = [line.rstrip() for line in result.output.strip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def update_block(block: str) -> str:
    """One console block with each whole, unpiped `govopen` example re-run."""
    parts = block.split("$ ")
    out = [parts[0]]
    for chunk in parts[1:]:
        command, _, output = chunk.partition("\n")
        keep = (
            not command.startswith("govopen ")
            or "|" in command
            or "#" in command
            or ("tasks-broken" in command and "docs/examples/tasks-broken.yaml" not in command)
            or output.rstrip().endswith("…")
        )
        out.append(chunk if keep else f"{command}\n{rerun(command)}")
    return "$ ".join(out)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new = re.sub(
        r"(```console\n)(.*?)(```)",
        lambda m: m.group(1) + update_block(m.group(2)) + m.group(3),
        text,
        flags=re.S,
    )
    README.write_text(new, encoding="utf-8")
    print("README 示例已更新" if new != text else "README 示例无变化")


if __name__ == "__main__":
    main()

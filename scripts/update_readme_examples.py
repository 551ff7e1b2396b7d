"""Re-run the README's console examples and write their real output back; regenerate the rule table.

    python scripts/update_readme_examples.py

The same selection, order, width and data as tests/test_readme.py, which checks the result.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from readme_examples import (
    CONSOLE_BLOCK,
    README,
    as_shown,
    is_runnable,
    run,
    session,
    with_rule_table,
)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    with session() as folder:

        def update_block(match: re.Match[str]) -> str:
            parts = match.group(2).split("$ ")
            out = [parts[0]]
            for chunk in parts[1:]:
                command, _, output = chunk.partition("\n")
                runnable = is_runnable(command, output)
                real = as_shown(run(command, folder), output) if runnable else ""
                out.append(f"{command}\n{real}" if runnable else chunk)
            return match.group(1) + "$ ".join(out) + match.group(3)

        new = with_rule_table(CONSOLE_BLOCK.sub(update_block, text))
    README.write_text(new, encoding="utf-8")
    print("README 示例已更新" if new != text else "README 示例无变化")


if __name__ == "__main__":
    main()

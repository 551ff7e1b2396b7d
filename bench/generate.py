"""Make task files of any size from the shipped Meishan table (ids renumbered, texts varied).

python bench/generate.py 100000 /tmp/tasks-100k.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
YEARS = ("2021", "2022", "2023", "2024", "2025")


def generate(count: int) -> str:
    """A valid task file with `count` tasks, as YAML text."""
    base = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    template = base["tasks"]
    lines = [
        yaml.safe_dump(
            {k: base[k] for k in ("document", "sections", "units")},
            allow_unicode=True,
            sort_keys=False,
        ).rstrip(),
        "tasks:",
    ]
    for new_id in range(1, count + 1):
        batch, index = divmod(new_id - 1, len(template))
        task = dict(template[index])
        task["id"] = new_id
        task["text"] = f"{task['text']}（第{batch + 1}批）"
        year = YEARS[batch % len(YEARS)]
        task["schedule"] = task["schedule"].replace("2021", year).replace("2022", year)
        if "same_as" in task:
            task["same_as"] = new_id - (template[index]["id"] - task["same_as"])
        lines.append(
            "  - "
            + yaml.safe_dump(task, allow_unicode=True, sort_keys=False, width=10_000)
            .rstrip()
            .replace("\n", "\n    ")
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(generate(int(sys.argv[1])), encoding="utf-8")

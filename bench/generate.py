"""Make task files of any size from the shipped Meishan table (ids renumbered, texts varied).

python bench/generate.py 100000 /tmp/tasks-100k.yaml
python bench/generate.py --collection 2000 50 /tmp/province   # 2,000 tables of 50 tasks
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
YEARS = ("2021", "2022", "2023", "2024", "2025")


@lru_cache(maxsize=1)
def _base() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"), Loader=loader)  # type: ignore[no-any-return]


def generate(count: int, doc: int | None = None) -> str:
    """A valid task file with `count` tasks, as YAML text.

    With `doc` (a number), one table of a collection: its own title, and no unit
    registry (the folder's units.yaml has it).
    """
    base = _base()
    template = base["tasks"]
    head = {k: base[k] for k in ("document", "sections", "units")}
    if doc is not None:
        head["document"] = dict(head["document"], title=f"{head['document']['title']}（{doc}）")
        del head["units"]
    lines = [
        yaml.safe_dump(head, allow_unicode=True, sort_keys=False).rstrip(),
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


def generate_collection(folder: Path, docs: int, tasks: int) -> None:
    """A collection: `docs` tables of `tasks` tasks each, and the shared units.yaml."""
    base = _base()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units.yaml").write_text(
        yaml.safe_dump({"units": base["units"]}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    for number in range(1, docs + 1):
        text = generate(tasks, doc=number)
        (folder / f"doc-{number:04d}.yaml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--collection":
        generate_collection(Path(sys.argv[4]), int(sys.argv[2]), int(sys.argv[3]))
    else:
        Path(sys.argv[2]).write_text(generate(int(sys.argv[1])), encoding="utf-8")

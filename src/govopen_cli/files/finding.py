"""Finding the data file and its ledger (without importing the YAML reader: start-up matters)."""

from __future__ import annotations

import os
from pathlib import Path

from govopen_cli import messages as msg
from govopen_cli.problems import DataError, Problem

DATA_ENV = "GOVOPEN_DATA"
DEFAULT_RELATIVE = Path("data") / "tasks.yaml"
LEDGER_NAME = "progress.yaml"


def shipped_data_file() -> Path:
    """The copy of data/tasks.yaml shipped inside the wheel (or, in a source checkout, the file)."""
    inside = Path(__file__).parents[1] / "data" / "tasks.yaml"
    if inside.is_file():
        return inside
    return Path(__file__).resolve().parents[3] / DEFAULT_RELATIVE


def find_data_file(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """`--data`, then $GOVOPEN_DATA, then data/tasks.yaml upward from cwd, then the shipped copy."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_RELATIVE
        if candidate.is_file():
            return candidate
    shipped = shipped_data_file()
    if shipped.is_file():
        return shipped
    raise DataError([Problem("", 0, 0, "no-data", msg.NO_DATA_FILE)])


def ledger_path(data_path: Path, explicit: Path | None = None) -> Path:
    """--progress, else progress.yaml beside the task file."""
    return explicit if explicit is not None else data_path.parent / LEDGER_NAME


def is_shipped(data_path: Path) -> bool:
    """True when the task file is the read-only copy inside the installed package."""
    package_data = Path(__file__).resolve().parents[1] / "data"
    return data_path.resolve().parent == package_data and shipped_data_file() == data_path

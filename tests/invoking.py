"""The type of conftest's `run` fixture, and readers of the JSON a command prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from typer.testing import Result

JsonObject = dict[str, Any]


class Run(Protocol):
    """`run(*args, data=...)`: the CLI in-process; `data=None` leaves `--data` out."""

    def __call__(self, *args: str, data: Path | None = ...) -> Result: ...


def json_rows(result: Result) -> list[JsonObject]:
    """The JSON array of objects a successful `-f json` command printed."""
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert all(isinstance(row, dict) for row in rows)
    return rows


def json_object(result: Result) -> JsonObject:
    """The JSON object a successful `-f json` command printed."""
    assert result.exit_code == 0, result.output
    value = json.loads(result.stdout)
    assert isinstance(value, dict)
    return value

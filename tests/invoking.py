"""The type of conftest's `run` fixture, and readers of the JSON a command prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from click.testing import Result

JsonObject = dict[str, Any]


class Run(Protocol):
    """`run(*args, data=...)`: the CLI in-process; `data=None` leaves `--data` out."""

    def __call__(self, *args: str, data: Path | None = ...) -> Result: ...


def rows_in(text: str) -> list[JsonObject]:
    """JSON text that must be an array of objects (what `-f json` prints for a table)."""
    rows = json.loads(text)
    assert isinstance(rows, list)
    assert all(isinstance(row, dict) for row in rows)
    return rows


def object_in(text: str) -> JsonObject:
    """JSON text that must be one object (what `show -f json` prints)."""
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


def json_rows(result: Result) -> list[JsonObject]:
    """The JSON array of objects a successful `-f json` command printed."""
    assert result.exit_code == 0, result.output
    return rows_in(result.stdout)


def json_object(result: Result) -> JsonObject:
    """The JSON object a successful `-f json` command printed."""
    assert result.exit_code == 0, result.output
    return object_in(result.stdout)

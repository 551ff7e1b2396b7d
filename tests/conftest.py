"""Shared fixtures: the shipped data file, its catalog, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from govopen_cli.checks.open import open_catalog
from govopen_cli.cli.app import app
from govopen_cli.table.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` switches to the github format under GitHub Actions; tests expect text."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return open_catalog(DATA)


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch):
    """Invoke the CLI in-process on the shipped data; returns click's Result."""
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = DATA):
        full = [*args, "--data", str(data)] if data is not None else list(args)
        return runner.invoke(app, full, catch_exceptions=False)

    return invoke

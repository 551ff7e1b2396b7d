"""Shared fixtures: the cache kept in tmp_path, the shipped data file, its catalog, a CLI runner."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from invoking import Run
from typer.testing import CliRunner

from govopen_cli.checks.open import open_catalog
from govopen_cli.cli.app import app
from govopen_cli.table.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"


@pytest.fixture(autouse=True, scope="session")
def _cache_in_tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never touch the user's real cache: it lives under a temporary folder.

    Session-wide, so that session fixtures (the catalog) use it too. XDG_CACHE_HOME
    reaches platformdirs on Linux and every subprocess a test starts; elsewhere
    platformdirs' answer is redirected to the same place (in-process).
    """
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        if not sys.platform.startswith("linux"):  # pragma: no cover - platformdirs ignores XDG
            import platformdirs

            def under_xdg(appname: str, *args: object, **kwargs: object) -> Path:
                return Path(os.environ["XDG_CACHE_HOME"]) / appname

            patch.setattr(platformdirs, "user_cache_path", under_xdg)
        yield folder


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """`validate` switches to the github format under GitHub Actions; tests expect text."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return open_catalog(DATA)


@pytest.fixture()
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke the CLI in-process on the shipped data; returns click's Result."""
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def invoke(*args: str, data: Path | None = DATA) -> Result:
        full = [*args, "--data", str(data)] if data is not None else list(args)
        return runner.invoke(app, full, catch_exceptions=False)

    return invoke

"""Opening a task file for queries: a checked, understood table (from the cache when unchanged)."""

from __future__ import annotations

from pathlib import Path

from govopen_cli.files import cache
from govopen_cli.files.gc_pause import paused_gc
from govopen_cli.problems import DataError, errors_only
from govopen_cli.table.catalog import Catalog


def open_catalog(path: Path) -> Catalog:
    """Validate a data file and understand it; DataError lists the errors if it is invalid.

    A valid file's Catalog is kept in the user's cache (see `cache.py`), keyed by
    the file's bytes and the code, so an unchanged file is not read twice.
    """
    cached, key = cache.load(path)
    if cached is not None:
        return cached
    from govopen_cli.checks.validate import validate_file  # pydantic: only when not cached

    checked = validate_file(path)
    errors = errors_only(checked.problems)
    if errors or checked.task_file is None:
        raise DataError(errors)
    with paused_gc():
        catalog = Catalog(checked.task_file, path)
    cache.store(path, key, catalog)
    return catalog

"""Public import path of `open_catalog` (README "Python 接口"); see `checks.open`."""

from govopen_cli.checks.open import open_catalog
from govopen_cli.table.catalog import Catalog, TaskView

__all__ = ["Catalog", "TaskView", "open_catalog"]

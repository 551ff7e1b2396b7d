"""The floor of a cached query: read the data file, hash it, unpickle its cached Catalog.

python bench/floor.py FILE   (after one query on FILE has filled the cache)

Nothing else a query does (Typer, the question, the output) is in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govopen_cli.files import cache

if __name__ == "__main__":
    catalog, _ = cache.load(Path(sys.argv[1]))
    if catalog is None:
        sys.exit("not cached")

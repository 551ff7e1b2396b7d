"""Bounds on what `govopen import` reads: every source is refused past them, as it is read.

README's limits table states these numbers; tests make hostile files just past them.
"""

from __future__ import annotations

MAX_SOURCE_BYTES = 32 * 1024 * 1024
"""A source file (text, .docx, .xlsx) on disk."""
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""One part inside a .docx/.xlsx (document.xml, a sheet, the shared strings), unpacked."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""All parts read from one .docx/.xlsx together, unpacked."""
MAX_RATIO = 100
"""Unpacked size / packed size of a part larger than RATIO_FROM_BYTES (a bomb packs 1000:1)."""
RATIO_FROM_BYTES = 16 * 1024 * 1024
"""Parts up to this size may pack at any ratio (a long, repetitive table packs well)."""
MAX_ROWS = 25_000
"""Rows of all tables (and paragraphs) in a source (published tables have tens to hundreds)."""
MAX_CELLS = 400_000
"""Cells of all tables in a source (merged cells counted once per grid position)."""
MAX_COLUMNS = 64
"""Columns of one table."""
MAX_MERGED_AREA = 1_000_000
"""Grid positions covered by the merged ranges of one sheet, added up."""

"""The budget every task file and ledger must stay within, counted down as it is read.

The same for `validate` and every query; README's limits table states each. A real
province table of 100,000 tasks is about 40 MB and 1.2 million YAML nodes, nests 5
levels deep, has at most a dozen keys in a mapping and a few hundred characters in
a cell, so it passes with room to spare. No YAML import here: the cache reads
`MAX_FILE_BYTES` on the fast path.
"""

from __future__ import annotations

MAX_FILE_BYTES = 128 * 1024 * 1024
"""Bytes in a file: refused from its size before it is read."""
MAX_EXPANDED_NODES = 2_500_000
"""YAML nodes (scalars, lists, mappings) counting what aliases expand to: 2× a 100k-task file."""
MAX_ANCHORS = 100_000
"""YAML anchors and aliases (`&name`, `*name`) together: each is kept until the file is read.
A task table has none; a file dumped by a script may have one per shared list."""
MAX_DEPTH = 64
"""Nesting levels: the format nests 5 deep; 64 stays far from Python's stack limit."""
MAX_KEYS_PER_MAPPING = 10_000
"""Keys in one mapping: a task has about ten."""
MAX_SCALAR_CHARS = 1_000_000
"""Characters in one value: a cell of a table is a few hundred."""
MAX_TYPED_VALUES = 100_000
"""Numbers other than plain whole numbers, times, true/false … made by PyYAML's constructors.
Whole numbers (序号) and dates written YYYY-MM-DD are read directly and not counted, nor is a
value already made (the reader remembers 10,000). A time with a zone costs as much as a hundred
plain values; a task table has none of these."""
MAX_READ_PROBLEMS = 100
"""Problems the reader lists before it stops reading (duplicate keys, tags, …)."""
MAX_HINT_WORK = 50_000
"""Names compared for "did you mean" hints in one file; past it, problems come without hints.
A comparison (difflib) takes about 15 µs; 50,000 give hints to 500 misspelt names against a
registry of 100 spellings."""
MAX_ITEM_NODES = 10_000
"""Nodes in one item of a top-level list (a task, a unit, a report) and in the rest of the
file: a task has about a dozen. The schema is checked a batch of this many nodes at a time."""
MAX_SCHEMA_PROBLEMS = 1_000
"""Problems listed before the schema check stops; the same for the checks that follow it
(units, sections, references) in one file."""

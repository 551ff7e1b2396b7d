"""Import: published task tables (text, .docx, .xlsx) turned into a task file.

One import, in the order it happens:

* `readers`: a source → raw rows (cells on the grid, merge marks), within `limits`
  (counted by `budget`: size, unpacked bytes, rows, cells, merged area; no DTDs);
* `header`: which column is what, by a synonym table;
* `layout`: title, sections (一、 rows, （一） rows, a 类别 column, a two-level table's upper
  level), tasks, repeated headers, continued and unrelated tables;
* `registry` and `gazetteer`: the unit registry, collectives filled from GB/T 2260;
* `importer`: the steps together, and what the clerk should review;
* `writer`: the commented YAML file.
"""

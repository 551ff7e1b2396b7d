"""JSON text indented by two spaces, as `json.dumps(value, ensure_ascii=False, indent=2)` writes it.

The standard library uses its C encoder only without `indent`; with it, every value
goes through a pure-Python generator (for a 100k-task answer, half the time of a
cached query). Rows are flat (text, numbers, lists of text, a dict of marks), so
this writes the same characters with the C string escaper and no generator; other
values go through `json.dumps` itself. tests/test_json_text.py compares the two.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring  # the C escaper when available
from operator import itemgetter
from types import NoneType
from typing import Any

_FLOAT_SPECIAL = {math.inf: "Infinity", -math.inf: "-Infinity"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    return _FLOAT_SPECIAL.get(value) or float.__repr__(value)


def dumps(value: Any, default: Callable[[Any], Any] | None = None) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, default=default)`, faster."""
    if type(value) is list and value and all(type(row) is dict for row in value):
        rows = _rows(value)
        if rows is not None:
            return rows
    out: list[str] = []
    append = out.append

    def scalar(item: Any) -> str | None:
        kind = type(item)
        if kind is str:
            return encode_basestring(item)
        if item is None:
            return "null"
        if item is True:
            return "true"
        if item is False:
            return "false"
        if kind is int:
            return int.__repr__(item)
        if kind is float:
            return _float(item)
        return None

    def emit(item: Any, level: int) -> None:
        text = scalar(item)
        if text is not None:
            append(text)
            return
        kind = type(item)
        if kind is dict:
            if not item:
                append("{}")
                return
            inner = "\n" + "  " * (level + 1)
            separator = "{" + inner
            for key, member in item.items():
                if type(key) is not str:
                    raise _NotFlat  # (never in our rows) json decides how such keys read
                append(separator + encode_basestring(key) + ": ")
                separator = "," + inner
                text = scalar(member)
                if text is not None:
                    append(text)
                else:
                    emit(member, level + 1)
            append("\n" + "  " * level + "}")
            return
        if kind is list or kind is tuple:
            if not item:
                append("[]")
                return
            inner = "\n" + "  " * (level + 1)
            if all(type(member) is str for member in item):
                append("[" + inner + ("," + inner).join(map(encode_basestring, item)))
            else:
                separator = "[" + inner
                for member in item:
                    append(separator)
                    separator = "," + inner
                    emit(member, level + 1)
            append("\n" + "  " * level + "]")
            return
        if default is None:
            raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")
        emit(default(item), level)

    try:
        emit(value, 0)
    except _NotFlat:
        return json.dumps(value, ensure_ascii=False, indent=2, default=default)
    return "".join(out)


_ROW_INDENT = "\n    "
_IN_ROW_LIST = "\n      "


def _rows(rows: list[dict[Any, Any]]) -> str | None:
    """A list of rows with the same keys, written column by column (None if it is not one).

    Each column's values are escaped in one pass (`map` over the C escaper) and laid
    into one list of pieces by slice assignment, with the keys and brackets between
    them; one join makes the text. So the answer's text is copied once, not once per
    step (a 120 MB file listed: 530 MiB before).
    """
    keys = list(rows[0])
    if not all(type(k) is str for k in keys) or any(list(row) != keys for row in rows):
        return None
    if not keys:
        return "[\n" + ",\n".join(["  {}"] * len(rows)) + "\n]"
    count, stride = len(rows), 1 + 2 * len(keys)
    pieces: list[str] = [""] * (count * stride + 1)
    pieces[0::stride] = ["[\n  {", *["\n  },\n  {"] * (count - 1), "\n  }\n]"]
    for i, key in enumerate(keys):
        cells = _column(list(map(itemgetter(key), rows)))
        if cells is None:
            return None
        comma = "," if i else ""
        pieces[1 + 2 * i :: stride] = [comma + _ROW_INDENT + encode_basestring(key) + ": "] * count
        pieces[2 + 2 * i :: stride] = cells
    return "".join(pieces)


def _column(values: list[Any]) -> list[str] | None:
    """One column's JSON texts: text, whole numbers, null, true/false, lists of text."""
    kinds = set(map(type, values))
    if kinds <= {str, NoneType}:
        if NoneType not in kinds:
            return list(map(encode_basestring, values))
        return ["null" if v is None else encode_basestring(v) for v in values]
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds <= {list, NoneType}:
        return _text_lists(values)
    cells = []
    for value in values:
        kind = type(value)
        if kind is str:
            cells.append(encode_basestring(value))
        elif value is None:
            cells.append("null")
        elif kind is bool:
            cells.append("true" if value else "false")
        elif kind is int:
            cells.append(int.__repr__(value))
        elif kind is list and all(type(v) is str for v in value):
            cells.append(_text_list(value))
        else:
            return None  # anything else goes value by value
    return cells


def _text_lists(values: list[list[Any] | None]) -> list[str] | None:
    """A column of lists of text (or null); None if a list holds anything else.

    Rows often share one list (a 责任单位 cell's lead units): each is written once.
    """
    written: dict[int, str] = {}
    cells = []
    for value in values:
        text = written.get(id(value))
        if text is None:
            if value is not None and not all(type(t) is str for t in value):
                return None
            text = written[id(value)] = _text_list(value)
        cells.append(text)
    return cells


def _text_list(value: list[str] | None) -> str:
    """A list of text inside a row (or null)."""
    if value is None:
        return "null"
    if not value:
        return "[]"
    inner = ("," + _IN_ROW_LIST).join(map(encode_basestring, value))
    return "[" + _IN_ROW_LIST + inner + _ROW_INDENT + "]"


class _NotFlat(Exception):
    """A value this writer leaves to json.dumps."""

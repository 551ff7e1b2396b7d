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
from typing import Any

_FLOAT_SPECIAL = {math.inf: "Infinity", -math.inf: "-Infinity"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    return _FLOAT_SPECIAL.get(value) or float.__repr__(value)


def dumps(value: Any, default: Callable[[Any], Any] | None = None) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, default=default)`, faster."""
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


class _NotFlat(Exception):
    """A value this writer leaves to json.dumps."""

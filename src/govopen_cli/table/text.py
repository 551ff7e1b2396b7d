"""Text normalization shared by schedule phrases and unit names.

The PDF-extracted copy of a table puts spaces inside numbers and words
("202 2 年 3 月 底前", "市政务服务管理 局") and wraps cells over lines; clerks
type full-width digits and brackets. These helpers make such variants equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Remove every whitespace character (spaces, tabs, line breaks, U+3000)."""
    return _WHITESPACE.sub("", text)


def fold_width(text: str) -> str:
    """Fold full-width ASCII (０-９, Ａ-Ｚ, （）, ；, ：…) to half-width; leave CJK alone."""
    return unicodedata.normalize("NFKC", text)


def join_wrapped(text: str) -> str:
    """Join a table cell's wrapped lines: a line break inside a cell is not a separator."""
    return "".join(line.strip() for line in text.splitlines())


@lru_cache(maxsize=16384)
def unit_key(name: str) -> str:
    """Comparison key for a unit name: no spaces, brackets and width folded (memoized: a
    folder's tables spell the same units thousands of times)."""
    return fold_width(squeeze(name))


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    from opencc import OpenCC  # about 50 ms: loaded only when a name is not found as typed

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (審計局 → 审计局), by OpenCC's t2s table."""
    if text.isascii():
        return text
    return str(_t2s().convert(text))

"""The gazetteer: China's administrative divisions (GB/T 2260), to fill collective names.

With the document's region known, "各县（区）人民政府" in a Meishan table is the six
county-level governments of 眉山市 (东坡区人民政府 … 青神县人民政府). Data: divisions.tsv
beside this module (its provenance is in its first lines; scripts/build_gazetteer.py
rebuilds it).

Decisions:

* In a province, a collective naming 县/区/旗 means every county-level division of the
  province; 各市（州） means its prefecture-level ones.
* A collective is 各 + the kinds of division (县, 区, 市, 旗, 州, 盟 in any order, with
  brackets and 、) + optionally 人民政府/政府. Its members are the region's divisions one
  level down whose names end in one of the kinds named (各区 → the 区 only; 各县（市、区）
  → all of them), written "<name>人民政府" when the collective says 政府, else bare.
* A region is a division named in full in the title (the first one, the longest there;
  three characters at least: 东区 inside 城东区 is not Panzhihua's 东区);
  a name that several divisions share (朝阳区) counts only if the text names its parent.
* Anything else (各乡镇（街道）, 各有关单位, a county-level region's 各区县) cannot be
  filled: the caller makes it an open group and says so.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from govopen_cli.record import record
from govopen_cli.table.text import fold_width, squeeze

__all__ = ["Division", "fill_group", "find_region", "lookup"]

_COLLECTIVE = re.compile(r"^各([县区市旗州盟、()（）]+?)(人民政府|政府)?$")
_KINDS = "县区市旗州盟"


@record
class Division:
    """One division: GB/T 2260 code and name."""

    code: str
    name: str

    @property
    def level(self) -> int:
        """1 province, 2 prefecture, 3 county."""
        if self.code.endswith("0000"):
            return 1
        return 2 if self.code.endswith("00") else 3


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Division, ...], dict[str, list[Division]]]:
    text = resources.files("govopen_cli.importing").joinpath("divisions.tsv").read_text("utf-8")
    divisions = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            divisions.append(Division(code, name))
    by_name: dict[str, list[Division]] = {}
    for division in divisions:
        by_name.setdefault(division.name, []).append(division)
    return tuple(divisions), by_name


def lookup(name: str) -> list[Division]:
    """Divisions with exactly this name (several for 朝阳区, 鼓楼区 …)."""
    return list(_table()[1].get(squeeze(name), []))


def _parent(division: Division) -> Division | None:
    divisions, _ = _table()
    codes = {d.code: d for d in divisions}
    if division.level == 3:
        return codes.get(division.code[:4] + "00") or codes.get(division.code[:2] + "0000")
    if division.level == 2:
        return codes.get(division.code[:2] + "0000")
    return None


def find_region(text: str) -> Division | None:
    """The division a title names first (longest name at the earliest place), if unique."""
    _, by_name = _table()
    text = squeeze(text)
    for start in range(len(text)):
        for end in range(min(len(text), start + 12), start + 2, -1):  # 3+ characters
            found = by_name.get(text[start:end])
            if not found:
                continue
            if len(found) == 1:
                return found[0]
            named = [d for d in found if (p := _parent(d)) is not None and p.name in text]
            if len(named) == 1:
                return named[0]
    return None


def _children(region: Division, county_level: bool = False) -> list[Division]:
    """The divisions one level down; with `county_level`, a province's county-level ones."""
    divisions, _ = _table()
    if region.level == 1 and county_level:
        return [d for d in divisions if d.code[:2] == region.code[:2] and d.level == 3]
    if region.level == 1:
        prefix = region.code[:2]
        direct = [d for d in divisions if d.code[:2] == prefix and d.level == 2]
        if direct:
            return direct + [d for d in divisions if d.code[:2] == prefix and d.code[2:4] == "90"]
        return [d for d in divisions if d.code[:2] == prefix and d.level == 3]  # 北京市
    if region.level == 2:
        return [d for d in divisions if d.code[:4] == region.code[:4] and d.level == 3]
    return []


def fill_group(collective: str, region: Division | None) -> list[str] | None:
    """The member names of a collective in a region, or None when it cannot be filled."""
    if region is None:
        return None
    match = _COLLECTIVE.match(fold_width(squeeze(collective)))
    if match is None:
        return None
    kinds = {c for c in match.group(1) if c in _KINDS}
    if not kinds:
        return None
    county_level = bool(kinds & {"县", "区", "旗"})  # 各市（州） in a province: prefectures
    members = [
        d for d in _children(region, county_level) if d.name[-1] in kinds or _county_kind(d, kinds)
    ]
    if not members:
        return None
    suffix = "人民政府" if match.group(2) else ""
    return [d.name + suffix for d in members]


def _county_kind(division: Division, kinds: set[str]) -> bool:
    """自治县/林区/特区 count as 县/区; a prefecture 州/盟/地区 as 市 (各市（州）)."""
    if division.name.endswith(("林区", "特区")):
        return "区" in kinds
    if division.name.endswith("地区"):
        return "市" in kinds or "州" in kinds
    return False

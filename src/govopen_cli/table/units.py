"""Responsible units (责任单位): reading a cell, and the registry that names resolve against.

"天府新区眉山管委会、各县（区）人民政府，市政务服务管理局加强指导": before the first
"，" are the lead units (separated by 、); after it the guiding units, with
"加强指导" stripped. "市财政局等市级有关部门" names 市财政局 and the open group
市级有关部门.

Other tables name a third role, 配合 (support), two ways, both understood:

* a clause's own suffix: "市发展改革委牵头，市财政局、市商务局配合" (…牵头/负责 lead,
  …配合 support, …指导 guide; a clause without a suffix takes the role of the next
  clause that has one, else, after the first clause, guide as above);
* column labels, as `govopen import` writes a table with 牵头单位 and 配合单位 columns:
  "牵头单位：市发展改革委；配合单位：市财政局、市商务局". A label (牵头/责任/配合/协助/
  指导, optionally followed by 单位 or 部门, then ：) opens the cell or follows a ；.
  Each labelled part is read as a cell of its own, its unsuffixed names taking the
  label's role (the 牵头/责任 part keeps the "，…加强指导" rule).

More ways published tables write roles, all understood: "X（牵头）" / "X（配合）" after a
name; "……负责落实", "……按职责分工负责" (lead); a label after a "，" or on its own line
("牵头单位：X；责任单位：Y"). Names are split on 、，,；; (and 及 between two names) but
never inside brackets: 各县（市、区）人民政府 and 各乡镇（街道、园区） are one name each.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from govopen_cli import messages as msg
from govopen_cli.record import record
from govopen_cli.table.records import UnitRecord
from govopen_cli.table.text import squeeze, to_simplified, unit_key

if TYPE_CHECKING:
    from govopen_cli.table.model import Unit

Role = Literal["lead", "support", "guide"]
ROLES: tuple[Role, ...] = ("lead", "support", "guide")

_GUIDE_SUFFIXES = ("加强指导", "负责指导", "指导")
_SUFFIXES: tuple[tuple[str, Role], ...] = tuple(
    sorted(
        [
            *((suffix, "guide") for suffix in _GUIDE_SUFFIXES),
            *(
                (suffix, "lead")
                for suffix in (
                    "牵头负责",
                    "负责牵头",
                    "牵头",
                    "负责",
                    "负责落实",
                    "按职责分工负责",
                    "按照职责分工负责",
                    "按职责分工落实",
                    "按职责负责",
                    "分别负责",
                    "具体负责",
                    "共同负责",
                    "抓好落实",
                )
            ),
            *(
                (suffix, "support")
                for suffix in ("协助配合", "共同配合", "配合", "配合落实", "协助", "协办", "参与")
            ),
        ],
        key=lambda item: -len(item[0]),
    )
)
# patterns as text, compiled on first use (re caches them): not at every start-up
_LABEL = r"(?:^|(?<=[；;，,]))(牵头|责任|配合|协助|协办|参与|指导)(?:单位|部门|科室)?[:：]"
_LABEL_ROLES: dict[str, Role] = {
    "牵头": "lead",
    "责任": "lead",
    "配合": "support",
    "协助": "support",
    "协办": "support",
    "参与": "support",
    "指导": "guide",
}
_MARK = r"[（(](牵头|配合|协助|协办|参与|指导|负责)(?:单位|部门)?[）)]$"
_MARK_ROLES: dict[str, Role] = {
    "牵头": "lead",
    "负责": "lead",
    "配合": "support",
    "协助": "support",
    "协办": "support",
    "参与": "support",
    "指导": "guide",
}
_OPEN = "（("
_CLOSE = "）)"
_CLAUSE = "[，；;]"


@record
class Mention:
    """A unit as one cell names it, with the role the cell gives it."""

    name: str
    role: Role


@lru_cache(maxsize=4096)
def parse_units(cell: str) -> tuple[Mention, ...]:
    """The units a 责任单位 cell names, lead units first, in the cell's order."""
    text = squeeze(cell).replace(",", "，").strip("，。；;")
    if not text:
        return ()
    labels = list(re.finditer(_LABEL, text))
    if not labels or labels[0].start() != 0:
        return tuple(_parse_clauses(text, "lead", "guide"))
    mentions: list[Mention] = []
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        part = text[label.end() : following.start() if following else len(text)]
        role = _LABEL_ROLES[label.group(1)]
        rest: Role = "guide" if role == "lead" else role
        mentions.extend(_parse_clauses(part.strip("，。；;"), role, rest))
    return tuple(mentions)


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Parts of `text` split on any of `separators`, except inside （…） or (…)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p]


def guessed_roles(cell: str) -> list[str]:
    """Names whose role the cell gives only by position (a later clause without 配合/指导)."""
    text = squeeze(cell).replace(",", "，").strip("，。；;")
    if not text or re.search(_LABEL, text):
        return []
    clauses = split_outside_brackets(text, "，；;")
    guessed: list[str] = []
    for clause in clauses[1:]:
        if not any(clause.endswith(s) for s, _ in _SUFFIXES) and not re.search(_MARK, clause):
            guessed.extend(_split_names(clause))
    return guessed


def _parse_clauses(text: str, first: Role, rest: Role) -> list[Mention]:
    """Clauses split on ，/；, each with the role of its suffix (牵头/配合/指导) or by position."""
    clauses = split_outside_brackets(text, "，；;")
    roles: list[Role | None] = []
    for i, clause in enumerate(clauses):
        role: Role | None = None
        for suffix, suffix_role in _SUFFIXES:
            if clause.endswith(suffix) and len(clause) > len(suffix):
                clauses[i], role = clause[: -len(suffix)], suffix_role
                break
        roles.append(role)
    mentions: list[Mention] = []
    for i, clause in enumerate(clauses):
        role = roles[i]
        if role is None:
            later = next((r for r in roles[i + 1 :] if r is not None), None)
            role = first if i == 0 else (later or rest)
        for name in _split_names(clause):
            marked = re.search(_MARK, name)
            if marked and marked.start() > 0:
                mentions.append(Mention(name[: marked.start()], _MARK_ROLES[marked.group(1)]))
            else:
                mentions.append(Mention(name, role))
    return mentions


def _split_names(part: str) -> list[str]:
    """Names separated by 、 (or ，), with "A等B" read as A and the group B, "A等" as A."""
    names: list[str] = []
    for piece in split_outside_brackets(part, "、，"):
        for item in _split_and(piece):
            head, sep, group = item.rpartition("等")
            if sep and head and not _inside_brackets(head):
                names.extend(n for n in (head, group) if n)
            elif item:
                names.append(item)
    return names


def _split_and(piece: str) -> list[str]:
    """ "A及B" / "A以及B" as two names when both sides are long enough to be names."""
    found = re.search("(?:以及|及)", piece)
    if found is None or _inside_brackets(piece[: found.start()]):
        return [piece]
    head, tail = piece[: found.start()], piece[found.end() :]
    if len(head) >= 3 and len(tail) >= 3:
        return [head, *_split_and(tail)]
    return [piece]


def _inside_brackets(text: str) -> bool:
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
    return depth > 0


class UnknownUnitError(LookupError):
    """A unit name that the registry does not know, or knows several ways."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates


@record
class Holding:
    """A role a unit holds in a task, directly or through a group that lists it."""

    role: Role
    via: str | None = None


class Registry:
    """The file's unit registry: lookup by name, alias, short form; groups and members."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units: dict[str, UnitRecord] = {}
        self._by_key: dict[str, UnitRecord] = {}
        self._groups_of: dict[str, list[str]] = {}
        self._held: dict[tuple[int, str], tuple[tuple[Mention, ...], tuple[Holding, ...]]] = {}
        self._add(map(UnitRecord.of, units))

    def __getstate__(self) -> dict[str, object]:
        """For the cache: holdings' memo is left out (ids mean nothing in another process)."""
        return {**self.__dict__, "_held": {}}

    def holdings(self, mentions: tuple[Mention, ...], unit: str) -> tuple[Holding, ...]:
        """The roles `unit` (a canonical name) holds in a 责任单位 cell's mentions, directly
        or through a group that lists it.

        Worked out once per distinct cell (tasks, and a folder's tables, share them): a
        unit's question over a province's 100,000 tasks asks this for every task.
        """
        known = self._held.get((id(mentions), unit))
        if known is not None and known[0] is mentions:
            return known[1]
        found = []
        for mention in mentions:
            if mention.name == unit:
                found.append(Holding(mention.role))
            elif unit in self.members(mention.name):
                found.append(Holding(mention.role, via=mention.name))
        held = tuple(dict.fromkeys(found))
        self._held[(id(mentions), unit)] = (mentions, held)  # keeps `mentions` (its id) alive
        return held

    @classmethod
    def of_records(cls, records: Iterable[UnitRecord]) -> Registry:
        """A registry of plain records (e.g. every document's units, for a collection)."""
        registry = cls(())
        registry._add(records)
        return registry

    def _add(self, records: Iterable[UnitRecord]) -> None:
        for unit in records:
            if unit.name in self.units:
                continue  # a file's own entry for a unit of the shared registry wins
            self.units[unit.name] = unit
            for spelling in self.spellings(unit):
                self._by_key.setdefault(unit_key(spelling), unit)
            for member in unit.members:
                self._groups_of.setdefault(member, []).append(unit.name)

    @staticmethod
    def spellings(unit: Unit | UnitRecord) -> list[str]:
        """Every way the file lets a unit be written: name, short form, aliases."""
        return [unit.name, *([unit.short] if unit.short else []), *unit.aliases]

    def lookup(self, written: str) -> UnitRecord | None:
        """The unit a cell or user names exactly (up to spaces and bracket width), or None."""
        return self._by_key.get(unit_key(written))

    def groups_of(self, name: str) -> list[str]:
        """The groups whose members list this unit."""
        return self._groups_of.get(name, [])

    def members(self, name: str) -> list[str]:
        """A group's members; [] for a unit that is not a group."""
        unit = self.units.get(name)
        return list(unit.members) if unit else []

    def expand(self, name: str) -> list[str]:
        """The units a name stands for: a group's members; a unit (or a memberless group) itself."""
        return self.members(name) or [name]

    def suggest(self, written: str, limit: int = 3) -> list[str]:
        """Registered names close to a misspelt one, best first; none when none is close.

        The ending two names share (人民政府, 局, 管委会…) says what kind of body, not which,
        so it is left out of the comparison: 眉山市人民政府 is not close to 彭山区人民政府.
        """
        key = unit_key(written)
        scores: dict[str, float] = {}
        for unit in self.units.values():
            for spelling in self.spellings(unit):
                score = closeness(key, unit_key(spelling))
                if score >= SUGGEST_CUTOFF and score > scores.get(unit.name, 0.0):
                    scores[unit.name] = score
        return sorted(scores, key=lambda name: -scores[name])[:limit]

    def resolve(self, query: str) -> UnitRecord:
        """A unit from what a user typed: exact spelling, else a unique part of a name.

        Traditional characters are read as simplified (審計局 → 市审计局).
        """
        found = self.lookup(query)
        if found is not None:
            return found
        simplified = to_simplified(query)
        found = self.lookup(simplified)
        if found is not None:
            return found
        key = unit_key(simplified)
        partial = (
            [
                unit
                for unit in self.units.values()
                if any(key in unit_key(s) for s in self.spellings(unit))
            ]
            if key
            else []
        )
        if len(partial) == 1:
            return partial[0]
        if partial:
            names = [u.name for u in partial]
            raise UnknownUnitError(msg.unit_ambiguous(query, names), names)
        suggestions = self.suggest(simplified)
        raise UnknownUnitError(msg.unit_not_found(query, suggestions), suggestions)


SUGGEST_CUTOFF = 0.6
"""How alike two names must be (difflib's ratio, shared ending left out) to be suggested."""


def closeness(typed: str, name: str) -> float:
    """How alike two unit keys are, 0–1, not counting the ending they share."""
    shared = 0
    for a, b in zip(reversed(typed), reversed(name), strict=False):
        if a != b:
            break
        shared += 1
    if 0 < shared < min(len(typed), len(name)):
        typed, name = typed[:-shared], name[:-shared]
    return difflib.SequenceMatcher(None, typed, name).ratio()

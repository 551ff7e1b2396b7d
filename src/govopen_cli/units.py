"""Responsible units (责任单位): reading a cell, and the registry that names resolve against.

"天府新区眉山管委会、各县（区）人民政府，市政务服务管理局加强指导": before the first
"，" are the lead units (separated by 、); after it the guiding units, with
"加强指导" stripped. "市财政局等市级有关部门" names 市财政局 and the open group
市级有关部门.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from govopen_cli import messages as msg
from govopen_cli.model import Unit
from govopen_cli.text import squeeze, unit_key

Role = Literal["lead", "support", "guide"]
ROLES: tuple[Role, ...] = ("lead", "support", "guide")

_GUIDE_SUFFIXES = ("加强指导", "负责指导", "指导")


@dataclass(frozen=True, slots=True)
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
    lead_part, _, guide_part = text.partition("，")
    mentions = [Mention(name, "lead") for name in _split_names(lead_part)]
    for suffix in _GUIDE_SUFFIXES:
        if guide_part.endswith(suffix):
            guide_part = guide_part[: -len(suffix)]
            break
    mentions.extend(Mention(name, "guide") for name in _split_names(guide_part))
    return tuple(mentions)


def _split_names(part: str) -> list[str]:
    """Names separated by 、 (or ，), with "A等B" read as A and the group B."""
    names: list[str] = []
    for item in part.replace("，", "、").split("、"):
        head, sep, group = item.rpartition("等")
        names.extend(n for n in ((head, group) if sep and head and group else (item,)) if n)
    return names


class UnknownUnitError(LookupError):
    """A unit name that the registry does not know, or knows several ways."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates


class Registry:
    """The file's unit registry: lookup by name, alias, short form; groups and members."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units: dict[str, Unit] = {}
        self._by_key: dict[str, Unit] = {}
        self._groups_of: dict[str, list[str]] = {}
        for unit in units:
            self.units.setdefault(unit.name, unit)
            for spelling in self.spellings(unit):
                self._by_key.setdefault(unit_key(spelling), unit)
            for member in unit.members:
                self._groups_of.setdefault(member, []).append(unit.name)

    @staticmethod
    def spellings(unit: Unit) -> list[str]:
        """Every way the file lets a unit be written: name, short form, aliases."""
        return [unit.name, *([unit.short] if unit.short else []), *unit.aliases]

    def lookup(self, written: str) -> Unit | None:
        """The unit a cell or user names exactly (up to spaces and bracket width), or None."""
        return self._by_key.get(unit_key(written))

    def groups_of(self, name: str) -> list[str]:
        """The groups whose members list this unit."""
        return self._groups_of.get(name, [])

    def members(self, name: str) -> list[str]:
        """A group's members; [] for a unit that is not a group."""
        unit = self.units.get(name)
        return list(unit.members) if unit else []

    def suggest(self, written: str, limit: int = 3) -> list[str]:
        """Registered names close to a misspelt one, best first."""
        keys = {unit_key(s): u.name for u in self.units.values() for s in self.spellings(u)}
        close = difflib.get_close_matches(unit_key(written), list(keys), n=limit * 2, cutoff=0.6)
        return list(dict.fromkeys(keys[k] for k in close))[:limit]

    def resolve(self, query: str) -> Unit:
        """A unit from what a user typed: exact spelling, else a unique part of a name."""
        found = self.lookup(query)
        if found is not None:
            return found
        key = unit_key(query)
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
        suggestions = self.suggest(query)
        raise UnknownUnitError(msg.unit_unknown(query, suggestions), suggestions)

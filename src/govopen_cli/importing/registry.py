"""The unit registry an import writes: every unit the cells name, its kind, group members.

Unit kinds guessed from names: names starting with 各 are groups (filled from the
gazetteer when the region is known, else open groups: see `gazetteer`); names starting
with 市级/县级/区级/省级 or containing 有关/相关 are open groups; names ending in 人民政府,
政府, 管委会 or 办事处 are governments; the rest are departments. A unit is listed under
the first role a cell gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govopen_cli.importing.gazetteer import Division, fill_group
from govopen_cli.importing.layout import SourceTable
from govopen_cli.table.text import unit_key
from govopen_cli.table.units import Role, guessed_roles, parse_units

__all__ = ["UnitEntry", "build_registry", "unit_kind"]


@dataclass(slots=True)
class UnitEntry:
    """One registry entry to write."""

    name: str
    kind: str
    role: Role
    members: list[str] = field(default_factory=list)
    short: str | None = None
    filled: bool = False
    """True for a group whose members came from the gazetteer."""
    unfilled: bool = False
    """True for a 各… collective the gazetteer could not fill (written as an open group)."""


def unit_kind(name: str) -> str:
    """The registry kind the importer guesses from a unit's name."""
    if name.startswith("各"):
        return "group"
    if re.match("^(?:市级|县级|区级|省级|市直|县直|区直|省直)", name) or re.search(
        "有关|相关", name
    ):
        return "open_group"
    if name.endswith(("人民政府", "政府", "管委会", "办事处")):
        return "government"
    return "department"


def build_registry(
    table: SourceTable, region: Division | None
) -> tuple[list[UnitEntry], list[tuple[int, str]]]:
    """Registry entries (members after their group) and (task id, name) of guessed roles."""
    entries: dict[str, UnitEntry] = {}
    keys: dict[str, UnitEntry] = {}
    guessed: list[tuple[int, str]] = []
    for task in table.tasks:
        for mention in parse_units(task.units):
            if unit_key(mention.name) in keys:
                continue
            entry = UnitEntry(mention.name, unit_kind(mention.name), mention.role)
            if entry.kind == "group":
                members = fill_group(entry.name, region)
                if members is None:
                    entry.kind, entry.unfilled = "open_group", True
                else:
                    entry.members, entry.filled = members, True
            keys[unit_key(entry.name)] = entry
            entries[entry.name] = entry
        guessed.extend((task.id, name) for name in guessed_roles(task.units))
    ordered: list[UnitEntry] = []
    for entry in entries.values():
        ordered.append(entry)
        for member in entry.members:
            if unit_key(member) in keys and keys[unit_key(member)] is not entry:
                continue
            short = member.removesuffix("人民政府")
            child = UnitEntry(
                member,
                "government",
                entry.role,
                short=short if short != member else None,
            )
            keys[unit_key(member)] = child
            ordered.append(child)
    return ordered, guessed

"""A collection: the tables (documents) a clerk holds, asked at once.

A folder of task files is one collection; each file is one document with a short
key, its file stem (`2022-yaodian.yaml` → `2022-yaodian`). A task is named
`KEY:ID`, or by its bare ID when only one document has it. One task file alone is
a collection of one document, which answers exactly as the file did before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from govopen_cli import messages as msg
from govopen_cli.table.catalog import Catalog, TaskView
from govopen_cli.table.records import UnitRecord
from govopen_cli.table.units import Registry, UnknownUnitError


class Collection:
    """Documents (valid, understood task files) in the folder's order, by key."""

    def __init__(
        self,
        catalogs: Sequence[Catalog],
        folder: Path | None = None,
        listed: frozenset[str] | None = None,
    ) -> None:
        self.documents: dict[str, Catalog] = {c.key: c for c in catalogs}
        self.folder = folder
        """The folder the documents were found in (None for one file given by itself)."""
        self.listed = listed
        """The names in the folder when it was listed (ledgers too); None when not listed."""
        self._merged: Registry | None = None

    def __iter__(self) -> Iterator[Catalog]:
        return iter(self.documents.values())

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def keys(self) -> list[str]:
        """The documents' keys, in order."""
        return list(self.documents)

    @property
    def several(self) -> bool:
        """More than one document: rows then say which one they come from."""
        return len(self.documents) > 1

    def only(self) -> Catalog | None:
        """The one document, when there is exactly one."""
        return next(iter(self.documents.values())) if len(self.documents) == 1 else None

    def document(self, key: str) -> Catalog:
        """A document by its key; LookupError naming the keys there are."""
        found = self.documents.get(key)
        if found is None:
            folded = {k.casefold(): c for k, c in self.documents.items()}
            found = folded.get(key.casefold())
        if found is None:
            raise LookupError(msg.NO_SUCH_DOC.format(key=key, keys=self.keys_text()))
        return found

    def narrowed(self, key: str) -> Collection:
        """The collection of one of its documents."""
        return Collection([self.document(key)], self.folder, self.listed)

    def keys_text(self, limit: int = 8) -> str:
        """The keys for a message: `a、b、c` (and `…` past `limit`)."""
        keys = self.keys
        return "、".join(keys[:limit]) + ("…" if len(keys) > limit else "")

    def task(self, ref: str) -> tuple[Catalog, TaskView]:
        """A task from `KEY:ID` or a bare ID; LookupError with a Chinese message."""
        text = ref.strip().replace("：", ":")
        key, sep, number = text.rpartition(":")
        if not number.isdigit():
            raise LookupError(msg.BAD_TASK_REF.format(ref=ref))
        task_id = int(number)
        if sep:
            catalog = self.document(key)
            return catalog, catalog.task(task_id)
        single = self.only()
        if single is not None:
            return single, single.task(task_id)
        holders = [c for c in self if task_id in c.ids]
        if len(holders) == 1:
            return holders[0], holders[0].task(task_id)
        if not holders:
            raise LookupError(msg.TASK_NOT_IN_ANY.format(id=task_id, keys=self.keys_text()))
        refs = "、".join(f"{c.key}:{task_id}" for c in holders[:8])
        raise LookupError(
            msg.TASK_AMBIGUOUS.format(
                id=task_id, n=len(holders), refs=refs, example=f"{holders[0].key}:{task_id}"
            )
        )

    @property
    def registry(self) -> Registry:
        """Every unit any document registers (the first document's entry for a name wins)."""
        if self._merged is None:
            if len(self.documents) == 1:
                self._merged = next(iter(self.documents.values())).registry
            else:  # tables that name only units.yaml's units share one registry: read it once
                registries = {id(c.registry): c.registry for c in self}.values()
                self._merged = Registry.of_records(
                    unit for registry in registries for unit in registry.units.values()
                )
        return self._merged

    def resolve_unit(self, query: str) -> UnitRecord:
        """A unit from what a user typed, across the documents; UnknownUnitError if none or
        several match."""
        return self.registry.resolve(query)

    def unit_in(self, catalog: Catalog, name: str) -> str | None:
        """The name a document registers a unit under (None if it does not know the unit)."""
        if name in catalog.registry.units:
            return name
        found = catalog.registry.lookup(name)
        if found is not None:
            return found.name
        unit = self.registry.units.get(name)
        for spelling in Registry.spellings(unit) if unit is not None else ():
            found = catalog.registry.lookup(spelling)
            if found is not None:
                return found.name
        return None

    def short_name(self, name: str) -> str:
        """A unit's registered short form in any document, else its name."""
        return self.registry.units[name].short or name if name in self.registry.units else name


__all__ = ["Collection", "UnknownUnitError"]

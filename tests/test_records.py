"""A record means what `dataclass(slots=True, unsafe_hash=True)` means (record.py).

The expected behaviour is the standard library's: each case builds the same class both
ways and compares what they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

import pytest

from govopen_cli.record import record


def both(body: dict[str, Any], annotations: dict[str, str]) -> tuple[type, type]:
    """The class made by `record` and by the standard library's dataclass."""
    made: list[type] = []
    for decorate in (record, dataclass(slots=True, unsafe_hash=True)):
        namespace = {"__annotations__": dict(annotations), "__module__": __name__, **body}
        made.append(decorate(type("Point", (), namespace)))
    return made[0], made[1]


CASES: list[tuple[dict[str, Any], dict[str, str], list[tuple[Any, ...]]]] = [
    ({}, {"x": "int", "y": "str"}, [(1, "a"), (1, "b"), (2, "a")]),
    ({}, {"only": "int"}, [(1,), (2,)]),
    ({}, {}, [()]),
    ({"y": field(default=0, compare=False)}, {"x": "int", "y": "int"}, [(1, 2), (1, 3), (2, 2)]),
    ({"y": field(default=0, repr=False)}, {"x": "int", "y": "int"}, [(1, 2), (1, 3)]),
    ({"y": field(default=0, hash=False)}, {"x": "int", "y": "int"}, [(1, 2), (1, 3)]),
    ({"tags": ()}, {"x": "int", "tags": "tuple[str, ...]"}, [(1, ("a",)), (1, ())]),
]


@pytest.mark.parametrize(("body", "annotations", "values"), CASES)
def test_a_record_compares_hashes_and_reads_as_a_dataclass(
    body: dict[str, Any], annotations: dict[str, str], values: list[tuple[Any, ...]]
) -> None:
    ours, theirs = both(body, annotations)
    assert [f.name for f in fields(ours)] == [f.name for f in fields(theirs)]
    for a in values:
        for b in values:
            assert (ours(*a) == ours(*b)) == (theirs(*a) == theirs(*b))
            assert (ours(*a) != ours(*b)) == (theirs(*a) != theirs(*b))
        assert hash(ours(*a)) == hash(theirs(*a))
        assert repr(ours(*a)) == repr(theirs(*a))
    assert ours(*values[0]) != theirs(*values[0])  # another class: never equal
    assert ours(*values[0]).__eq__(object()) is NotImplemented


def test_a_record_has_slots_defaults_and_works_with_replace() -> None:
    @record
    class Item:
        name: str
        notes: list[str] = field(default_factory=list)
        kind: str = field(init=False, default="task")

    first = Item("a")
    assert not hasattr(first, "__dict__")  # slotted
    assert first.notes == [] and first.notes is not Item("a").notes
    changed = replace(first, name="b")
    assert (changed.name, changed.kind) == ("b", "task")
    with pytest.raises(TypeError):
        hash(Item("a"))  # a list field: unhashable, as with dataclass(unsafe_hash=True)

"""Read-only records: how the tool's value classes are made (one decorator for every room).

A record is a slotted dataclass, compared and hashed by its fields like a frozen one, and
read-only to the type checker (`mypy --strict` refuses an assignment to a field: PEP 681's
`frozen_default`), not enforced at run time.

Start-up cost decides how it is made. Every command creates about thirty records when
its modules are imported, and Python compiles source text for each method a dataclass
generates (a frozen one three times as much as a slotted one). So `dataclasses` makes
only `__init__` (which must be fast per object); comparing, hashing and `repr` are shared
functions that read the fields through `operator.attrgetter`, with the meaning
`dataclass(eq=True, unsafe_hash=True)` gives them (tests/test_records.py compares the two).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

_T = TypeVar("_T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # typing_extensions costs ~6 ms to import; the type checker alone reads this

    def dataclass_transform(**_settings: Any) -> Any:
        return lambda decorator: decorator


@dataclass_transform(frozen_default=True, eq_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Make `cls` a record: fields from its annotations, compared and hashed by value."""
    made: Any = dataclass(slots=True, eq=False, repr=False)(cls)
    every = fields(made)
    compared = [f.name for f in every if f.compare]
    hashed = [f.name for f in every if (f.compare if f.hash is None else f.hash)]
    made.__record_compared__ = _values(compared)
    made.__record_hashed__ = _values(hashed)
    made.__record_shown__ = tuple(f.name for f in every if f.repr)
    made.__eq__ = _eq
    made.__hash__ = _hash
    made.__repr__ = _repr
    return made  # type: ignore[no-any-return]


def _values(names: list[str]) -> Any:
    """A function giving an object's values of these fields as one tuple (kept on the class)."""
    if len(names) > 1:
        return staticmethod(attrgetter(*names))
    if names:
        one = attrgetter(names[0])
        return staticmethod(lambda obj: (one(obj),))
    return staticmethod(lambda _: ())


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        compared = self.__record_compared__
        return compared(self) == compared(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_hashed__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"

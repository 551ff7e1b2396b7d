"""Read-only records: how the tool's value classes are made (one decorator for every room).

A frozen dataclass costs three times as much to create as a slotted one (Python 3.11
compiles a `__setattr__` and a `__delattr__` for it, and rebuilds the class), and every
command creates about thirty of them at start-up. So a record is a slotted dataclass,
compared and hashed by its fields like a frozen one, and read-only to the type checker
(`mypy --strict` refuses an assignment to a field: PEP 681's `frozen_default`), not
enforced at run time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    return dataclass(slots=True, unsafe_hash=True)(cls)

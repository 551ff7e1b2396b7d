"""The problem record every check produces, and the error that carries them.

Modelled on yamllint: a small frozen record (file, line, column, level, rule,
message); reporters format it, checkers never print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a data file. line/column are 1-based; 0 = no place."""

    path: str
    line: int
    column: int
    level: Level
    rule: str
    message: str

    def location(self) -> str:
        """`path:line:col`, or just the path when the problem has no place in the file."""
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


class DataError(Exception):
    """A data file could not be used; `problems` says why, each with its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(f"{p.location()}: {p.message}" for p in self.problems))


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems whose level is error."""
    return [p for p in problems if p.level == "error"]

"""Output format names, defined once: the commands' --format choices and the renderers' keys.

Typer reads the Literal types as the options' choices; the renderers dispatch on the same
names. Nothing is imported here, so any command may name its formats at start-up.
"""

from __future__ import annotations

from typing import Literal, get_args

TableFormat = Literal["table", "json", "csv", "markdown", "plain"]
"""Every command that prints rows (sqlite-utils style: the same options everywhere)."""
TABLE_FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)

ExportFormat = Literal["csv", "xlsx", "ics", "markdown", "json"]
"""`export`: files for other people."""
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)

ProblemFormat = Literal["text", "json", "github"]
"""`validate`: problems for people, programs and GitHub Actions."""
PROBLEM_FORMATS: tuple[ProblemFormat, ...] = get_args(ProblemFormat)

RowKind = Literal["tasks", "milestones"]
"""`export --rows`: one row per task, or one per milestone."""
ROW_KINDS: tuple[RowKind, ...] = get_args(RowKind)

"""Output format names, defined once: the commands' --format choices and the renderers' keys.

Typer reads the Literal types as the options' choices; the renderers dispatch on the same
names (render/tables.RENDERERS is checked against TABLE_FORMATS). Nothing heavy is
imported here, so any command may name its formats at start-up.
"""

from __future__ import annotations

from typing import Literal, get_args

TableFormat = Literal["table", "json", "csv", "markdown", "plain"]
"""Every command that prints rows (sqlite-utils style: the same options everywhere)."""
TABLE_FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)

ExportFormat = Literal["csv", "xlsx", "ics", "markdown", "json"]
"""`export`: files for other people."""

ProblemFormat = Literal["text", "json", "github"]
"""`validate`: problems for people, programs and GitHub Actions."""

RowKind = Literal["tasks", "milestones"]
"""`export --rows`: one row per task, or one per milestone."""

NoticeFormat = Literal["docx", "text"]
"""`notice`: a Word document to print and sign, or text for e-mail and messaging apps."""

"""Formatting validation problems for people (text), programs (json) and GitHub (workflow commands).

Checkers return Problem records; this module only turns them into text. The
json list and the github commands are contracts: their shape is documented in
the README and tested.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from govopen_cli import messages as msg
from govopen_cli.problems import RULES, Problem

JSON_FIELDS = ("path", "line", "column", "level", "rule", "message")


def sort_key(problem: Problem) -> tuple[int, int, str]:
    """Within one file: by place, then rule."""
    return problem.line, problem.column, problem.rule


def grouped(problems: Sequence[Problem]) -> list[list[Problem]]:
    """Problems grouped by file (files in the order first met), each group sorted by place."""
    groups: dict[str, list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.path, []).append(p)
    return [sorted(group, key=sort_key) for group in groups.values()]


def summary(files: int, problems: Sequence[Problem]) -> str:
    """`2 个错误，1 个警告（1 个文件）`, or the all-clear line."""
    errors = sum(p.level == "error" for p in problems)
    return msg.validate_summary(files, errors, len(problems) - errors)


# --- what a file may smuggle into a line ----------------------------------------------

_LINE_BREAKS = {"\n": "\\n", "\t": "\\t", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def visible(text: str) -> str:
    """Text from a file made safe for one output line: every control character escaped.

    The terminal's `printable` (ESC → \\x1b, CR → \\x0d, bidi overrides) and also what
    it keeps for multi-line output: a line feed, tab or line separator. A key holding a
    newline then `::warning file=…` would otherwise start a line that GitHub Actions
    runs as a workflow command.
    """
    from govopen_cli.render.terminal import printable

    shown = printable(text)
    for char, escape in _LINE_BREAKS.items():
        shown = shown.replace(char, escape)
    return shown


# --- text ------------------------------------------------------------------------------


def write_text(problems: Sequence[Problem], files: int, stream: IO[str]) -> None:
    """Grouped by file, a blank line between files, coloured when `stream` is a terminal."""
    from govopen_cli.render.terminal import paint, wants_colour

    colour = wants_colour(stream)
    styles = {"error": "bold red", "warning": "yellow"}
    for n, group in enumerate(grouped(problems)):
        if n:
            stream.write("\n")
        for p in group:
            stream.write(
                paint(f"{visible(p.location())}: ", "bold", colour)
                + paint(msg.LEVELS[p.level], styles[p.level], colour)
                + f": {visible(p.message)} "
                + paint(f"[{p.rule}]", "dim", colour)
                + "\n"
            )
    stream.write(paint(summary(files, problems), "bold" if problems else "green", colour) + "\n")


# --- json ------------------------------------------------------------------------------


def as_json(problems: Sequence[Problem]) -> str:
    """A JSON list of objects with exactly JSON_FIELDS; line/column 0 means "no place"."""
    rows = [{name: getattr(p, name) for name in JSON_FIELDS} for g in grouped(problems) for p in g]
    return json.dumps(rows, ensure_ascii=False, indent=2)


# --- github workflow commands ------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message: % CR LF escaped (as @actions/core does), other controls too."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def escape_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,` escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(p: Problem) -> str:
    """`::error file=…,line=…,col=…,title=govopen [rule]::message`."""
    props = [f"file={escape_property(p.path)}"] if p.path else []
    if p.line:
        props += [f"line={p.line}", f"col={p.column}"]
    props.append(f"title={escape_property(f'govopen [{p.rule}]')}")
    return f"::{p.level} {','.join(props)}::{escape_data(p.message)}"


def as_github(problems: Sequence[Problem], files: int) -> str:
    """One workflow command per problem, then the summary as a plain log line."""
    lines = [github_line(p) for g in grouped(problems) for p in g]
    return "\n".join([*lines, summary(files, problems)])


# --- the rule table (README) ---------------------------------------------------------------


def rules_markdown() -> str:
    """README's rule table: every registered rule, its level and meaning, limits filled in."""
    from govopen_cli.files.yaml_reader import limits

    filled = limits()
    rows = [f"| `{r.id}` | {r.level} | {r.description.format(**filled)} |" for r in RULES.values()]
    return "\n".join([msg.RULE_TABLE_HEADER, "|---|---|---|", *rows]) + "\n"

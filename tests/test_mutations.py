"""Property: whatever happens to the shipped file, validate answers 0 or 1 with no traceback.

Hypothesis mutates data/tasks.yaml (byte flips, deleted and duplicated lines,
inserted YAML punctuation, swapped values) and runs the CLI on the result.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govopen_cli.cli.app import app

SHIPPED = (Path(__file__).resolve().parents[1] / "data" / "tasks.yaml").read_bytes()
LINES = SHIPPED.splitlines(keepends=True)
PUNCTUATION = [b":", b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"!!", b"|", b">"]
PUNCTUATION += [b"#", b"'", b'"', b"%", b"@", b"`", b",", b"\t", b"\n", b"---\n", b"<<: ", b"? "]

flip = st.tuples(st.just("flip"), st.integers(0, len(SHIPPED) - 1), st.integers(0, 255))
delete = st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1), st.just(0))
duplicate = st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1), st.just(0))
insert = st.tuples(
    st.just("insert"), st.integers(0, len(SHIPPED)), st.integers(0, len(PUNCTUATION) - 1)
)
swap = st.tuples(st.just("swap"), st.integers(0, len(LINES) - 1), st.integers(0, len(LINES) - 1))
mutation = st.one_of(flip, delete, duplicate, insert, swap)


def mutate(data: bytes, kind: str, a: int, b: int) -> bytes:
    lines = data.splitlines(keepends=True) or [b""]
    a_line = min(a, len(lines) - 1)
    if kind == "flip":
        a = min(a, len(data) - 1)
        return data[:a] + bytes([b]) + data[a + 1 :] if data else data
    if kind == "delete":
        return b"".join(lines[:a_line] + lines[a_line + 1 :])
    if kind == "duplicate":
        return b"".join(lines[: a_line + 1] + lines[a_line:])
    if kind == "insert":
        a = min(a, len(data))
        return data[:a] + PUNCTUATION[b] + data[a:]
    # swap the values of two `key: value` lines
    b_line = min(b, len(lines) - 1)
    first, second = lines[a_line], lines[b_line]
    if b": " not in first or b": " not in second:
        return data
    key1, _, value1 = first.partition(b": ")
    key2, _, value2 = second.partition(b": ")
    lines[a_line], lines[b_line] = key1 + b": " + value2, key2 + b": " + value1
    return b"".join(lines)


FOLDER = Path(tempfile.mkdtemp(prefix="govopen-mutations-"))


@settings(max_examples=200, deadline=None)
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_file_gives_0_or_1_and_never_a_traceback(
    mutations: list[tuple[str, int, int]],
) -> None:
    data = SHIPPED
    for kind, a, b in mutations:
        data = mutate(data, kind, a, b)
    path = FOLDER / "tasks.yaml"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.output
    problems = json.loads(result.stdout)
    # exit 1 exactly when some problem is an error, and then there is something to read
    assert (result.exit_code == 1) == any(p["level"] == "error" for p in problems)
    lines = data.count(b"\n") + 1
    for p in problems:
        assert p["message"] and p["rule"]
        assert 0 <= p["line"] <= lines + 1, p


def test_mutations_do_change_the_file() -> None:
    # the property above is not run on the unchanged file only
    assert mutate(SHIPPED, "delete", 5, 0) != SHIPPED
    assert mutate(SHIPPED, "insert", 0, 0) == b":" + SHIPPED
    # 0-based lines 130 and 135 are `  - id: 3` and `  - id: 4`
    swapped = mutate(SHIPPED, "swap", 130, 135).splitlines()
    assert (swapped[130], swapped[135]) == (b"  - id: 4", b"  - id: 3")


def test_a_mutation_can_break_the_file() -> None:
    # one deleted line (task 1's `section:`) must be an error: the validator is not a yes-man
    index = next(i for i, line in enumerate(LINES) if line.strip() == b"- id: 1")
    path = FOLDER / "tasks.yaml"
    path.write_bytes(mutate(SHIPPED, "delete", index + 1, 0))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "缺少必填字段“section”" in result.output

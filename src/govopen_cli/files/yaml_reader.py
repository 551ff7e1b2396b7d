"""Finding and reading the data file: bytes → YAML nodes → plain Python values.

Only safe YAML is read: the file is composed into nodes (libyaml's C parser
when present), and this module builds plain Python values from them itself, so
that it can refuse duplicate keys (PyYAML silently keeps the last), refuse
tags that would construct objects, bound alias expansion and nesting, and
remember where every value stands for `file:line:col` messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from govopen_cli import messages as msg
from govopen_cli.files.encoding import might_be_wide, wide_encoding
from govopen_cli.files.finding import DATA_ENV, DEFAULT_RELATIVE, find_data_file, shipped_data_file
from govopen_cli.files.gc_pause import paused_gc
from govopen_cli.problems import DataError, Problem

__all__ = [  # finding the file lives in datafile.py (no YAML import); kept importable here
    "DATA_ENV",
    "DEFAULT_RELATIVE",
    "SourceMap",
    "find_data_file",
    "read_text",
    "read_yaml",
    "shipped_data_file",
]

MAX_FILE_BYTES = 128 * 1024 * 1024
"""Larger than any real table (the 100k-task benchmark file is about 40 MB)."""
MAX_DEPTH = 64
"""The format nests 5 levels deep; 64 leaves room and stays far from Python's stack limit."""
MAX_EXPANDED_NODES = 5_000_000
"""Nodes after aliases are expanded: a 100k-task file has about 1.2 million."""


def limits() -> dict[str, str]:
    """The limits above as the rule descriptions (problems.RULES) name them."""
    return {
        "max_mib": str(MAX_FILE_BYTES // (1024 * 1024)),
        "max_depth": str(MAX_DEPTH),
        "max_nodes": msg.count_words(MAX_EXPANDED_NODES),
    }


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)


# --- bytes → text ----------------------------------------------------------------


STDIN = Path("-")
"""The path that means standard input (`govopen validate -`)."""
STDIN_NAME = "<stdin>"


def shown_name(path: Path) -> str:
    """The file's name in problems: its path, or <stdin>."""
    return STDIN_NAME if path == STDIN else str(path)


def read_text(path: Path) -> str:
    """The file as text: UTF-8, with or without BOM; anything else is one clear problem."""
    name = shown_name(path)

    def fail(rule: str, message: str, line: int = 0, column: int = 0) -> DataError:
        return DataError([Problem(name, line, column, rule, message)])

    try:
        if path == STDIN:
            import sys

            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        elif path.is_dir():
            raise fail("io", msg.IS_A_DIRECTORY)
        else:
            with path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise fail("io", msg.FILE_NOT_FOUND) from None
    except PermissionError:
        raise fail("io", msg.FILE_UNREADABLE) from None
    except OSError as exc:
        raise fail("io", msg.FILE_OS_ERROR.format(reason=exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail("too-large", msg.FILE_TOO_LARGE.format(limit=MAX_FILE_BYTES // (1024 * 1024)))
    if might_be_wide(raw):  # UTF-16/32 ("Unicode" in Notepad): name it, say how to convert
        wide = wide_encoding(raw)
        if wide is not None:
            raise fail("encoding", msg.NOT_UTF16.format(encoding=wide, name=path.name))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        if b"\x00" in raw[:8192]:
            raise fail("encoding", msg.NOT_TEXT, line, column) from None
        try:
            raw.decode("gb18030")
            message = msg.NOT_UTF8_GBK.format(name=path.name)
        except UnicodeDecodeError:
            message = msg.NOT_UTF8.format(name=path.name)
        raise fail("encoding", message, line, column) from None


# --- text → nodes → Python values ------------------------------------------------


def _yaml_problem(name: str, exc: yaml.YAMLError) -> Problem:
    """A PyYAML/libyaml error as one problem with its place."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    reason = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.reader.ReaderError):
        return Problem(name, 0, 0, "yaml-syntax", msg.YAML_BAD_CHARACTER)
    context = getattr(exc, "context_mark", None)
    if str(reason).startswith("found unexpected end of stream") and context is not None:
        mark = context  # an unclosed quote or bracket: point where it was opened
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if str(reason).startswith("exceeded maximum nesting depth"):  # libyaml's own limit (1000)
        return Problem(name, line, column, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))
    return Problem(name, line, column, "yaml-syntax", msg.yaml_syntax(str(reason)))


def compose(text: str, name: str) -> yaml.Node | None:
    """Parse YAML text into its node graph (no Python objects are built)."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(name, exc)]) from None
    except RecursionError:
        raise DataError(
            [Problem(name, 0, 0, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))]
        ) from None
    finally:
        loader.dispose()
    return node


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _place(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds plain Python values from a node graph, collecting problems as it goes."""

    def __init__(self, name: str, aliases: bool = True) -> None:
        self.name = name
        self.aliases = aliases  # False: the text has no anchor, so every node is built once
        self.problems: list[Problem] = []
        self.built: dict[int, Any] = {}
        self.scalars = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, rule: str, message: str) -> None:
        line, column = _place(node)
        self.problems.append(Problem(self.name, line, column, rule, message))

    def expanded_size(self, root: yaml.Node) -> int | None:
        """Nodes once aliases are expanded (memoized, so linear); None if a cycle is found."""
        sizes: dict[int, int] = {}
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        open_nodes: set[int] = set()
        while stack:
            node, children_done = stack.pop()
            key = id(node)
            if children_done:
                open_nodes.discard(key)
                sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
                continue
            if key in sizes:
                continue
            if key in open_nodes:
                return None
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
        return sizes[id(root)]

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        key = id(node)
        if self.aliases and key in self.built:
            return self.built[key]
        if depth > MAX_DEPTH:
            self.problem(node, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))
            value: Any = None
        elif isinstance(node, yaml.MappingNode):
            value = self.build_mapping(node, depth)
        elif isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem(
                    node, "yaml-tag", msg.YAML_TAG_REFUSED.format(tag=_short_tag(node.tag))
                )
            value = [self.build(item, depth + 1) for item in node.value]
        else:
            value = self.build_scalar(node)
        if self.aliases:
            self.built[key] = value
        return value

    def build_scalar(self, node: yaml.Node) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, "yaml-tag", msg.YAML_TAG_REFUSED.format(tag=_short_tag(node.tag)))
            return None
        try:
            return self.scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            self.problem(node, "bad-value", msg.BAD_SCALAR.format(value=node.value))
            return None

    def build_mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        if node.tag != _MAP:
            self.problem(node, "yaml-tag", msg.YAML_TAG_REFUSED.format(tag=_short_tag(node.tag)))
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "bad-key", msg.KEY_NOT_SCALAR)
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "yaml-merge", msg.YAML_MERGE_REFUSED)
                continue
            key = self.build_scalar(key_node)
            if key in first_seen:
                self.problem(
                    key_node,
                    "duplicate-key",
                    msg.DUPLICATE_KEY.format(key=key, line=first_seen[key]),
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def build_values(root: yaml.Node, name: str, *, aliases: bool = True) -> Any:
    """Plain Python values from a node graph; DataError if any node is refused.

    `aliases=False` says the text has no "&", hence no anchor, hence no alias (an
    alias to an undefined anchor does not compose): the graph is a tree, so the
    alias-bomb and cycle checks and the memo of shared nodes are skipped (a third
    of the time `validate` takes on a large file).
    """
    builder = _Builder(name, aliases)
    if aliases:
        size = builder.expanded_size(root)
        if size is None:
            problem = Problem(name, *_place(root), "yaml-alias", msg.ALIAS_CYCLE)
            raise DataError([problem])
        if size > MAX_EXPANDED_NODES:
            message = msg.ALIAS_BOMB.format(limit=msg.count_words(MAX_EXPANDED_NODES))
            raise DataError([Problem(name, *_place(root), "yaml-alias", message)])
    value = builder.build(root)
    if builder.problems:
        raise DataError(builder.problems)
    return value


# --- positions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Finds the line and column of a value from its path (`("tasks", 3, "units")`)."""

    name: str
    root: yaml.Node | None

    def locate(
        self, loc: tuple[int | str, ...], *, key: bool = False, needle: str | None = None
    ) -> tuple[int, int]:
        """Place of the deepest node on `loc`; with key=True, of the last mapping key itself.

        With `needle`, the place of that text inside a one-line plain scalar, if it is there.
        """
        node = self._node(loc, key)
        if node is None:
            return 1, 1
        line, column = _place(node)
        if (
            needle
            and isinstance(node, yaml.ScalarNode)
            and not node.style
            and node.start_mark.line == node.end_mark.line
            and needle in node.value
        ):
            column += node.value.index(needle)
        return line, column

    def _node(self, loc: tuple[int | str, ...], key: bool) -> yaml.Node | None:
        node = self.root
        if node is None:
            return None
        for step in loc:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                        child = key_node if key and step == loc[-1] else value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                child = node.value[step]
            if child is None:
                break
            node = child
        return node

    def problem(
        self,
        loc: tuple[int | str, ...],
        rule: str,
        message: str,
        *,
        key: bool = False,
        needle: str | None = None,
    ) -> Problem:
        """A problem placed at the node that `loc` names (or at `needle` inside it)."""
        line, column = self.locate(loc, key=key, needle=needle)
        return Problem(self.name, line, column, rule, message)


# --- the whole file -----------------------------------------------------------------


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """The file's plain Python value and its source map; DataError for anything unreadable."""
    name = shown_name(path)
    with paused_gc():
        text = read_text(path)
        root = compose(text, name)
        source = SourceMap(name, root)
        if root is None:
            raise DataError([Problem(name, 1, 1, "empty", msg.EMPTY_FILE)])
        return build_values(root, name, aliases="&" in text), source

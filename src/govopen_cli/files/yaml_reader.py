"""Reading a data file: bytes → libyaml events → plain Python values, within a budget.

Only safe YAML is read. libyaml's C parser turns the bytes into events; this
module builds plain Python values from them itself, so that it can refuse
duplicate keys (PyYAML silently keeps the last), refuse tags that would
construct objects, refuse merge keys, and count every node, alias expansion,
key and nesting level against a budget *as it reads*: a hostile file is refused
at the first node over a limit, before anything more is parsed or kept.

No YAML node graph is kept: where every value stands is recorded in compact
arrays, in document order (see `SourceMap`), for `file:line:col` messages.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import stat
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from govopen_cli import messages as msg
from govopen_cli.files.encoding import might_be_wide, wide_encoding
from govopen_cli.files.finding import DATA_ENV, DEFAULT_RELATIVE, find_data_file, shipped_data_file
from govopen_cli.files.limits import (
    MAX_ANCHORS,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    MAX_FILE_BYTES,
    MAX_KEYS_PER_MAPPING,
    MAX_READ_PROBLEMS,
    MAX_SCALAR_CHARS,
    MAX_TYPED_VALUES,
)
from govopen_cli.gc_pause import paused_gc
from govopen_cli.problems import DataError, Problem

__all__ = [  # finding the file lives in finding.py, the limits in limits.py (no YAML import)
    "DATA_ENV",
    "DEFAULT_RELATIVE",
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "MAX_KEYS_PER_MAPPING",
    "MAX_READ_PROBLEMS",
    "MAX_SCALAR_CHARS",
    "STDIN",
    "SourceMap",
    "find_data_file",
    "parse_yaml",
    "read_bytes",
    "read_yaml",
    "shipped_data_file",
]

# libyaml's C parser; PyYAML's own parser gives the same events (slower) where it is missing
_ParserClass: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None) or yaml.SafeLoader
_PREFIX = "tag:yaml.org,2002:"
_STR = _PREFIX + "str"
_MAP = _PREFIX + "map"
_SEQ = _PREFIX + "seq"
_INT = _PREFIX + "int"
_NULL = _PREFIX + "null"
_MERGE = _PREFIX + "merge"
_SCALAR_TAGS = frozenset(_PREFIX + t for t in ("str", "null", "bool", "int", "float", "timestamp"))
_IMPLICIT: dict[str, tuple[tuple[str, Any], ...]] = {
    first: tuple(resolvers)
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
_CONSTRUCT = yaml.constructor.SafeConstructor.yaml_constructors
_NUMERIC_FIRST = frozenset("-+.0123456789")
"""First characters of PyYAML's implicit numbers and dates (float, int, timestamp)."""
_YAML_WORDS = frozenset(
    (
        *("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False"),
        *("FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", ""),
        *("<<", "=", "!", "&", "*"),
    )
)
"""Every other implicit scalar of PyYAML (YAML 1.1's bool, null, merge, value and yaml
words): plain text beginning like no number is one of these or is text. A test checks
this list against PyYAML's own patterns."""
_MAX_INT_DIGITS = 4300
"""Digits in a whole number: Python's own limit for int(str) (a longer one is `bad-value`)."""
_MAX_RECALLED = 10_000
"""Plain scalars whose resolved value is remembered (keys such as `text`, dates, true/false)."""
_UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


def limits() -> dict[str, str]:
    """The limits as the rule descriptions (problems.RULES) name them."""
    return {
        "max_mib": str(MAX_FILE_BYTES // (1024 * 1024)),
        "max_depth": str(MAX_DEPTH),
        "max_nodes": msg.count_words(MAX_EXPANDED_NODES),
    }


# --- bytes --------------------------------------------------------------------------------

STDIN = Path("-")
"""The path that means standard input (`govopen validate -`)."""
STDIN_NAME = "<stdin>"


def shown_name(path: Path) -> str:
    """The file's name in problems: its path, or <stdin>."""
    return STDIN_NAME if path == STDIN else str(path)


def fail(name: str, rule: str, message: str, line: int = 0, column: int = 0) -> DataError:
    return DataError([Problem(name, line, column, rule, message)])


def read_bytes(path: Path) -> bytes:
    """The file's bytes, BOM removed, checked to be UTF-8; anything else is one clear problem.

    Only a regular file is opened (a FIFO or a device would block or never end), and
    one larger than MAX_FILE_BYTES is refused from its size, before it is read.
    Standard input (`-`), named by the user, is read up to MAX_FILE_BYTES + 1 bytes.
    """
    name = shown_name(path)
    if path == STDIN:
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise _too_large(name)
        return _text_bytes(raw, path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(name, "io", msg.IS_A_DIRECTORY)
        if not stat.S_ISREG(info.st_mode):
            raise fail(name, "io", msg.NOT_REGULAR_FILE)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(name)
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since the stat
                raise fail(name, "io", msg.NOT_REGULAR_FILE)
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise fail(name, "io", msg.FILE_NOT_FOUND) from None
    except PermissionError:
        raise fail(name, "io", msg.FILE_UNREADABLE) from None
    except OSError as exc:
        raise fail(name, "io", msg.FILE_OS_ERROR.format(reason=exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:  # grew since the stat
        raise _too_large(name)
    return _text_bytes(raw, path)


def _text_bytes(raw: bytes, path: Path) -> bytes:
    """The bytes without a UTF-8 BOM, once checked to be UTF-8."""
    if might_be_wide(raw):  # UTF-16/32 ("Unicode" in Notepad): name it, say how to convert
        wide = wide_encoding(raw)
        if wide is not None:
            message = msg.NOT_UTF16.format(encoding=wide, name=path.name)
            raise fail(shown_name(path), "encoding", message)
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    _check_utf8(raw, path)
    return raw


def _too_large(name: str) -> DataError:
    return fail(name, "too-large", msg.FILE_TOO_LARGE.format(limit=MAX_FILE_BYTES // (1 << 20)))


def _check_utf8(raw: bytes, path: Path) -> None:
    """DataError at the first byte that is not UTF-8 (decoded in chunks: no copy of the text)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    for offset in range(0, len(raw), _CHUNK):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(view[offset : offset + _CHUNK], final=offset + _CHUNK >= len(raw))
        except UnicodeDecodeError as exc:
            _encoding_error(raw, offset - pending + exc.start, path)


def _encoding_error(raw: bytes, start: int, path: Path) -> NoReturn:
    name = shown_name(path)
    line = raw.count(b"\n", 0, start) + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    if b"\x00" in raw[:8192]:
        raise fail(name, "encoding", msg.NOT_TEXT, line, column)
    try:
        gb18030 = codecs.getincrementaldecoder("gb18030")()
        for offset in range(0, len(raw), _CHUNK):
            gb18030.decode(raw[offset : offset + _CHUNK], final=offset + _CHUNK >= len(raw))
        message = msg.NOT_UTF8_GBK.format(name=path.name)
    except UnicodeDecodeError:
        message = msg.NOT_UTF8.format(name=path.name)
    raise fail(name, "encoding", message, line, column)


# --- positions ------------------------------------------------------------------------------


@dataclass(slots=True)
class SourceMap:
    """Finds the line and column of a value from its path (`("tasks", 3, "units")`).

    Every node of the file has one entry, in document order: `places` holds
    `line << 32 | column << 1 | plain`, 0-based, where `plain` marks a one-line
    plain scalar; `spans` holds how many entries its subtree takes (1 for a
    scalar or an alias), so the children of a collection are found by hopping
    over their subtrees; `aliases` maps an alias's entry to its anchor's, and
    `alias_sizes` to how many nodes it expands to. The
    values themselves (`root`) say which entry is a mapping and name its keys.
    """

    name: str
    root: Any = None
    places: array[int] = field(default_factory=lambda: array("Q"))
    spans: array[int] = field(default_factory=lambda: array("I"))
    aliases: dict[int, int] = field(default_factory=dict)
    alias_sizes: dict[int, int] = field(default_factory=dict)
    nodes: int = 0  # in the whole file, aliases expanded
    _children: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _keys: dict[int, dict[str, tuple[int, Any]]] = field(default_factory=dict, repr=False)

    def locate(
        self, loc: tuple[int | str, ...], *, key: bool = False, needle: str | None = None
    ) -> tuple[int, int]:
        """Place of the deepest node on `loc`; with key=True, of the last mapping key itself.

        With `needle`, the place of that text inside a one-line plain scalar, if it is there.
        """
        if not self.places:
            return 1, 1
        entry, value = self._find(loc, key)
        packed = self.places[entry]
        line, column = (packed >> 32) + 1, ((packed & 0xFFFFFFFF) >> 1) + 1
        if needle and packed & 1 and isinstance(value, str) and needle in value:
            column += value.index(needle)
        return line, column

    def item_sizes(self, loc: tuple[int | str, ...]) -> list[int]:
        """Nodes in each item of the list at `loc`, aliases expanded ([] if it is no list)."""
        if not self.places:
            return []
        entry, value = self._find(loc, False)
        if not isinstance(value, list):
            return []
        entry = self.aliases.get(entry, entry)
        starts = list(self.alias_sizes)  # alias entries, in document order
        extra = [0]
        for start in starts:
            extra.append(extra[-1] + self.alias_sizes[start] - 1)
        sizes = []
        for child in self._child_entries(entry):
            end = child + self.spans[child]
            added = extra[bisect_left(starts, end)] - extra[bisect_left(starts, child)]
            sizes.append(self.spans[child] + added)
        return sizes

    def _find(self, loc: tuple[int | str, ...], key: bool) -> tuple[int, Any]:
        """The entry and value of the deepest node on `loc` (see `locate`)."""
        entry, value = 0, self.root
        for depth, step in enumerate(loc):
            target = self.aliases.get(entry, entry)
            if isinstance(value, dict):
                found = self._key_index(target, value).get(str(step))
                if found is None:
                    break
                ordinal, real_key = found
                children = self._child_entries(target)
                if key and depth == len(loc) - 1:
                    return children[2 * ordinal], real_key
                entry, value = children[2 * ordinal + 1], value[real_key]
            elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
                entry, value = self._child_entries(target)[step], value[step]
            else:
                break
        return entry, value

    def _child_entries(self, entry: int) -> list[int]:
        """Entries of a collection's children (keys and values alternate), computed once."""
        children = self._children.get(entry)
        if children is None:
            children = []
            spans = self.spans
            child, end = entry + 1, entry + spans[entry]
            while child < end:
                children.append(child)
                child += spans[child]
            self._children[entry] = children
        return children

    def _key_index(self, entry: int, mapping: dict[Any, Any]) -> dict[str, tuple[int, Any]]:
        """A mapping's keys as text → (ordinal, key), computed once."""
        index = self._keys.get(entry)
        if index is None:
            index = {}
            for ordinal, real_key in enumerate(mapping):
                index.setdefault(str(real_key), (ordinal, real_key))
            self._keys[entry] = index
        return index

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


# --- events → Python values -------------------------------------------------------------------


class _Stop(Exception):
    """Reading stops: a limit was passed, or the reader found too many problems."""


class _Mark:
    """A 0-based line and column, as libyaml's marks have them."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


_NO_KEY: Any = object()  # a mapping waits for its next key
_REFUSED: Any = object()  # a refused key or value (a problem says why): never kept


def _short_tag(tag: str) -> str:
    return tag.replace(_PREFIX, "!!")


class _Builder:
    """Builds plain Python values from libyaml's events, counting each against the budget.

    The hot loop (`build`) keeps the open collection in local variables; anything
    rare (tags, anchors, limits, problems) goes through a method.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.places: array[int] = array("Q")
        self.spans: array[int] = array("I")
        self.aliases: dict[int, int] = {}
        self.alias_sizes: dict[int, int] = {}
        # anchor → entry, value, expanded size, height (levels it adds below where it stands)
        self.anchors: dict[str, tuple[int, Any, int, int]] = {}
        self.open_anchors: set[str] = set()
        self.count = 0  # nodes read, counting what aliases expand to
        self.limit = MAX_EXPANDED_NODES  # less one for each end of a list or mapping read
        self.constructor = yaml.constructor.SafeConstructor()
        # plain scalar → its value, for those that look like a number, date, null or bool
        self.resolved: dict[str, Any] = {}
        self.typed = 0  # values made by PyYAML's constructors (numbers, times, …)
        self.anchored = 0  # anchors and aliases read

    # --- problems

    def problem(self, mark: Any, rule: str, message: str) -> None:
        """Note a problem and read on, unless there are too many to be worth listing."""
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, rule, message))
        if len(self.problems) >= MAX_READ_PROBLEMS:
            message = msg.TOO_MANY_PROBLEMS.format(limit=msg.count_words(MAX_READ_PROBLEMS))
            self.problems.append(Problem(self.name, 0, 0, "too-large", message))
            raise _Stop

    def fail(self, mark: Any, rule: str, message: str) -> NoReturn:
        """Refuse the file at a limit: this one problem (at the root when `mark` is None)."""
        if mark is None:
            mark = self.mark(0) if self.places else _Mark(0, 0)
        self.problems = [Problem(self.name, mark.line + 1, mark.column + 1, rule, message)]
        raise _Stop

    def mark(self, entry: int) -> _Mark:
        packed = self.places[entry]
        return _Mark(packed >> 32, (packed & 0xFFFFFFFF) >> 1)

    def too_many_nodes(self, mark: Any) -> NoReturn:
        message = msg.TOO_MANY_NODES.format(limit=msg.count_words(MAX_EXPANDED_NODES))
        self.fail(mark, "too-large", message)

    # --- scalars

    def resolve(self, event: Any, value: str, as_key: bool) -> Any:
        """A plain scalar that may be a number, date, null or bool, by PyYAML's resolver.

        A date written YYYY-MM-DD is made directly; every result is remembered for the
        next identical scalar (up to _MAX_RECALLED of them).
        """
        result: Any = _plain_date(value) if len(value) == 10 else None
        if result is None:
            result = value
            for candidate, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    result = self.scalar(event, candidate, as_key)
                    break
        if result is not _REFUSED and len(self.resolved) < _MAX_RECALLED:
            self.resolved[value] = result
        return result

    def scalar(self, event: Any, tag: str, as_key: bool) -> Any:
        """A scalar whose tag is not plain text: a number, date, null, bool — or refused.

        Each value made by PyYAML's constructors counts against MAX_TYPED_VALUES: some
        (a date with a time zone) cost as much as a hundred plain values.
        """
        value: str = event.value
        if tag == _NULL:
            return None
        if tag == _MERGE and as_key:
            self.problem(event.start_mark, "yaml-merge", msg.YAML_MERGE_REFUSED)
            return _REFUSED
        if tag not in _SCALAR_TAGS:
            message = msg.YAML_TAG_REFUSED.format(tag=_short_tag(tag))
            self.problem(event.start_mark, "yaml-tag", message)
            return _REFUSED
        self.typed += 1
        if self.typed > MAX_TYPED_VALUES:
            message = msg.TOO_MANY_TYPED.format(limit=msg.count_words(MAX_TYPED_VALUES))
            self.fail(event.start_mark, "too-large", message)
        digits = len(value) - value.startswith(("-", "+"))
        if tag == _INT and digits > _MAX_INT_DIGITS and value.lstrip("+-").isdigit():
            return self.bad_value(event)  # int() would refuse it (or take seconds)
        try:
            return _CONSTRUCT[tag](self.constructor, yaml.ScalarNode(tag, value))
        except (ValueError, OverflowError, yaml.YAMLError):
            return self.bad_value(event)

    def bad_value(self, event: Any) -> Any:
        value: str = event.value
        shown = value if len(value) <= 40 else value[:40] + "…"
        self.problem(event.start_mark, "bad-value", msg.BAD_SCALAR.format(value=shown))
        return _REFUSED

    def long_value(self, event: Any) -> NoReturn:
        message = msg.VALUE_TOO_LONG.format(limit=msg.count_words(MAX_SCALAR_CHARS))
        self.fail(event.start_mark, "too-large", message)

    # --- collections, anchors and aliases

    def collection_tag(self, event: Any, default: str) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag != default:
            message = msg.YAML_TAG_REFUSED.format(tag=_short_tag(tag))
            self.problem(event.start_mark, "yaml-tag", message)

    def check_anchor(self, name: str, mark: Any) -> None:
        self.count_anchor(mark)
        if name in self.anchors or name in self.open_anchors:
            raise yaml.composer.ComposerError(None, None, "found duplicate anchor", mark)

    def count_anchor(self, mark: Any) -> None:
        """Count an anchor or alias against MAX_ANCHORS (each is kept until the end)."""
        self.anchored += 1
        if self.anchored > MAX_ANCHORS:
            message = msg.TOO_MANY_ANCHORS.format(limit=msg.count_words(MAX_ANCHORS))
            self.fail(mark, "too-large", message)

    def alias(self, event: Any, entry: int, depth: int) -> tuple[Any, int]:
        """The anchored value an alias names and its height, its expansion counted."""
        self.count_anchor(event.start_mark)
        name = event.anchor
        found = self.anchors.get(name)
        if found is None:
            if name in self.open_anchors:  # inside the very node it names
                self.fail(None, "yaml-alias", msg.ALIAS_CYCLE)
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        target, value, size, height = found
        self.aliases[entry] = target
        self.alias_sizes[entry] = size
        self.count += size
        if self.count > self.limit:  # placed at the root, as the whole graph is
            message = msg.ALIAS_BOMB.format(limit=msg.count_words(MAX_EXPANDED_NODES))
            self.fail(None, "yaml-alias", message)
        if depth + height > MAX_DEPTH:
            self.fail(event.start_mark, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))
        return value, height

    def duplicate_key(self, key: Any, mark: Any, first_line: int) -> None:
        self.problem(mark, "duplicate-key", msg.DUPLICATE_KEY.format(key=key, line=first_line))

    def too_many_keys(self, mark: Any) -> NoReturn:
        message = msg.TOO_MANY_KEYS.format(limit=msg.count_words(MAX_KEYS_PER_MAPPING))
        self.fail(mark, "too-large", message)

    # --- the document

    def build(self, parser: Any) -> Any:
        """The document's value; the parser stands just after its DocumentStartEvent."""
        get_event = parser.get_event
        places, spans = self.places, self.spans
        add_place, add_span = places.append, spans.append
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        numeric_first, yaml_words = _NUMERIC_FIRST, _YAML_WORDS
        intern = sys.intern
        recall, unknown = self.resolved.get, _NO_KEY
        max_digits, max_depth = _MAX_INT_DIGITS, MAX_DEPTH
        no_key, refused = _NO_KEY, _REFUSED
        max_keys, max_chars = MAX_KEYS_PER_MAPPING, MAX_SCALAR_CHARS
        # the node budget; each end of a list or mapping takes one from it, as libyaml's
        # event for it costs as much to read as a node (a million `{}` are two million events)
        max_nodes = MAX_EXPANDED_NODES
        # the open collection, in locals: its value, first-seen lines of its keys (None for
        # a list), the key waiting for its value and where that key stands
        container: Any = None
        seen: dict[Any, int] | None = None
        key: Any = no_key
        key_mark: Any = None
        stack: list[tuple[Any, ...]] = []  # the enclosing collections, saved
        depth = 0  # nesting level of the node being read (the root is 0)
        deepest = 0  # the deepest collection so far (since the innermost open anchor)
        count = 0
        value: Any
        while True:
            event = get_event()
            kind = event.__class__
            if kind is scalar_event:
                mark = event.start_mark
                line = mark.line
                plain = not event.style and event.end_mark.line == line  # for `needle`
                add_place(line << 32 | mark.column << 1 | plain)
                add_span(1)
                count += 1
                if count > max_nodes:
                    self.too_many_nodes(mark)
                if depth > max_depth and not (seen is not None and key is no_key):
                    self.fail(mark, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))
                value = event.value
                if len(value) > max_chars:
                    self.long_value(event)
                tag = event.tag
                if tag is None or tag == "!":
                    # PyYAML's implicit types (numbers, dates, null, bool) are all ASCII
                    # text, told apart by their first character
                    if event.implicit[0] and value.isascii():
                        if value[:1] in numeric_first:
                            if (
                                value.isdigit()
                                and len(value) <= max_digits
                                and (
                                    value[0] != "0" or len(value) == 1  # "012" is octal in YAML 1.1
                                )
                            ):
                                value = int(value)
                            else:
                                known = recall(value, unknown)
                                if known is unknown:
                                    value = self.resolve(event, value, False)
                                else:
                                    value = known
                        elif value in yaml_words:
                            known = recall(value, unknown)
                            if known is unknown:
                                as_key = seen is not None and key is no_key
                                value = self.resolve(event, value, as_key)
                            else:
                                value = known
                elif tag != _STR:
                    value = self.scalar(event, tag, seen is not None and key is no_key)
                if event.anchor is not None:
                    self.check_anchor(event.anchor, mark)
                    self.anchors[event.anchor] = (len(places) - 1, value, 1, 0)
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                entry = len(places)
                add_place(mark.line << 32 | mark.column << 1)
                add_span(0)
                count += 1
                if count > max_nodes:
                    self.too_many_nodes(mark)
                if depth > max_depth:
                    self.fail(mark, "too-deep", msg.TOO_DEEP.format(limit=MAX_DEPTH))
                if seen is not None and key is no_key:
                    self.problem(mark, "bad-key", msg.KEY_NOT_SCALAR)
                if event.tag is not None:
                    self.collection_tag(event, _MAP if kind is mapping_start else _SEQ)
                anchor = event.anchor
                saved = deepest
                if anchor is not None:
                    self.check_anchor(anchor, mark)
                    self.open_anchors.add(anchor)
                    deepest = depth
                elif depth > deepest:
                    deepest = depth
                stack.append((container, seen, key, key_mark, entry, count, anchor, depth, saved))
                if kind is mapping_start:
                    container, seen = {}, {}
                else:
                    container, seen = [], None
                key = no_key
                depth += 1
                continue
            elif kind is alias_event:
                mark = event.start_mark
                entry = len(places)
                add_place(mark.line << 32 | mark.column << 1)
                add_span(1)
                self.count, self.limit = count, max_nodes
                value, height = self.alias(event, entry, depth)
                count = self.count
                if depth + height - 1 > deepest:
                    deepest = depth + height - 1
                if seen is not None and key is no_key and isinstance(value, (dict, list)):
                    self.problem(mark, "bad-key", msg.KEY_NOT_SCALAR)
                    value = refused
            else:  # the end of a collection: no other event comes inside a document
                max_nodes -= 1
                if count > max_nodes:
                    self.too_many_nodes(event.start_mark)
                value = container
                container, seen, key, key_mark, entry, opened, anchor, depth, saved = stack.pop()
                spans[entry] = len(places) - entry
                if anchor is not None:
                    self.open_anchors.discard(anchor)
                    height = deepest - depth + 1
                    self.anchors[anchor] = (entry, value, count - opened + 1, height)
                    deepest = max(saved, deepest)
                mark = None
                if seen is not None and key is no_key:  # a list or mapping as a key: refused
                    value = refused
            # the node is read: it goes into the open collection
            if seen is None:
                if container is None:
                    self.count = count
                    return value
                container.append(value)
            elif key is no_key:  # a key: one copy of each text kept (a task's five, 200,000 times)
                key = intern(value) if value.__class__ is str else value
                key_mark = mark if mark is not None else self.mark(entry)
            else:
                if key is not refused:  # a key is a scalar: a collection or alias was refused
                    if key in seen:
                        self.duplicate_key(key, key_mark, seen[key])
                    else:
                        if len(seen) >= max_keys:
                            self.too_many_keys(key_mark)
                        container[key] = value
                        seen[key] = key_mark.line + 1
                key = no_key


def _plain_date(value: str) -> Any:
    """YYYY-MM-DD as a date, as PyYAML reads it (its date-only form has two-digit month and
    day: 2022-6-30 is text); else None, also for a date that does not exist (PyYAML's
    constructor then says so)."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    digits = value[:4] + value[5:7] + value[8:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return None


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


def parse_yaml(data: bytes | str, name: str) -> tuple[Any, SourceMap]:
    """YAML text (UTF-8 bytes or str) as plain Python values and their source map.

    DataError lists what is refused: a syntax error, an empty file, or the reader's
    problems (duplicate keys, tags, merge keys, …) and the first limit passed.
    """
    builder = _Builder(name)
    parser: Any = _ParserClass(data)
    try:
        with paused_gc():
            parser.get_event()  # StreamStartEvent
            start: Any = parser.get_event()
            if isinstance(start, yaml.StreamEndEvent):
                raise DataError([Problem(name, 1, 1, "empty", msg.EMPTY_FILE)])
            value = builder.build(parser)
            parser.get_event()  # DocumentEndEvent
            after: Any = parser.get_event()
            if not isinstance(after, yaml.StreamEndEvent):
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    start.start_mark,
                    "but found another document",
                    after.start_mark,
                )
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(name, exc)]) from None
    except _Stop:
        raise DataError(builder.problems) from None
    finally:
        parser.dispose()
    if builder.problems:
        raise DataError(builder.problems)
    return value, SourceMap(
        name,
        value,
        builder.places,
        builder.spans,
        builder.aliases,
        builder.alias_sizes,
        builder.count,
    )


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """The file's plain Python value and its source map; DataError for anything unreadable."""
    return parse_yaml(read_bytes(path), shown_name(path))

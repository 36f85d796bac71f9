"""Read a YAML file into plain data, keeping the line and column of every key and value.

PyYAML composes the file into a node graph (with libyaml's C parser when it is
installed) and we build the data ourselves from the nodes. Building it ourselves is
what makes loading safe and located: no tag constructs an object (``!!python/...``
is a finding, never a call), timestamps stay strings, duplicate keys are findings
instead of silently keeping the last, and alias expansion is bounded, so a "billion
laughs" file costs nothing.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

from factcheck.findings import Finding, Location
from factcheck.rules.input import (
    AmbiguousScalar,
    DuplicateKey,
    UnreadableFile,
    UnsupportedTag,
    YamlSyntax,
    YamlTooComplex,
)

__all__ = ["YamlDocument", "load_yaml_text"]

try:  # libyaml is an optional accelerator of PyYAML; the pure-Python parser is the fallback
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
#: Values reached through aliases while building one document: aliases may be used,
#: but not to make a few lines expand into millions of values ("billion laughs").
MAX_ALIAS_EXPANSION = 100_000
#: Nesting of flow collections, or columns of indentation, factcheck reads at most: a
#: claims file nests about five deep. Far below libyaml's own limit (1,000 levels from
#: PyYAML 6.0.4's wheels on, none before) and below what the recursive composers (the
#: pure-Python one, and ours) reach within Python's recursion limit, so that this scan,
#: never the parser, decides what is too deep, whatever PyYAML is installed.
MAX_NESTING = 200

Path = tuple[Hashable, ...]
_constructor = yaml.constructor.SafeConstructor()

#: How YAML 1.2's core schema writes numbers and booleans. A plain scalar that PyYAML
#: (YAML 1.1) resolves to a number or a boolean but that does not look like one of
#: these ("3:1", "010", "0b11", "1_000", "no") reads differently elsewhere: FC007.
_CORE_LITERAL = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)"  # decimal whole numbers, without leading zeros
    r"|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|true|True|TRUE|false|False|FALSE"
)
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
#: Digits of the longest whole number read (as figures and expression numbers are).
MAX_INT_DIGITS = 30
#: Characters of a scalar shown in a message; a longer one is cut.
_SHOWN = 40


def shorten(text: str) -> str:
    """``text`` as a message shows it: a long one cut, with its length."""
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN]!r}… ({len(text):,} characters)"


@dataclass(frozen=True)
class YamlDocument:
    """A file's data with the location of each value and each mapping key by path."""

    path: str
    data: Any
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)
    #: Where the text of each one-line scalar begins (after an opening quote), so
    #: that an offset into the string is a column in the file.
    inline: dict[Path, Location] = field(default_factory=dict)

    def location(self, path: Path, *, key: bool = False) -> Location:
        """Where ``path`` is written; the nearest enclosing value if it is not."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found is not None:
                return found
        return Location(self.path)


class _TooComplexError(Exception):
    pass


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode(path: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """UTF-8 text of a file (a byte-order mark is dropped), or a finding at the first
    byte that is not UTF-8, its column counted in characters like every other."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode("utf-8", errors="replace")
        line, column = line_and_column(before + "?", len(before))
        message = f"not UTF-8 text: byte 0x{body[exc.start]:02x} cannot be decoded"
        return None, [UnreadableFile.finding(message, Location(path, line, column))]


_BRACKETS = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> Location | None:
    """Where the YAML may nest deeper than ``MAX_NESTING``, or None.

    libyaml's parser recurses in C, and a deep enough file crashes the process instead
    of raising, so depth is bounded from above before parsing: the deepest nesting of
    flow collections (``[`` ``{``) plus the deepest block nesting of one line, its
    indentation and its leading indicators (``- - ? x`` nests three deep on one line).
    Brackets inside quoted strings are counted too; a real claims file never comes near
    the limit."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return Location("", *line_and_column(text, bracket.start()))
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    block, line = max(
        (
            (_block_depth(m.group()), number)
            for number, m in enumerate(_BLOCK_PREFIX.finditer(text), 1)
        ),
        default=(0, 1),
    )
    if deepest + block > MAX_NESTING:
        return Location("", line, 1)
    return None


#: The start of each line: indentation, then block indicators, each followed by a blank.
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:](?=[ \t]|$)[ \t]*)*", re.M)


def _block_depth(prefix: str) -> int:
    """The most levels a line's start can open: one per space of indentation (a level
    takes at least one), and one per indicator."""
    return len(prefix) - len(prefix.lstrip(" ")) + sum(c in "-?:" for c in prefix)


def load_yaml_text(path: str, raw: bytes) -> tuple[YamlDocument | None, list[Finding]]:
    """Parse ``raw`` (a file's bytes) into a ``YamlDocument``, or findings saying why not."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    deep = _too_deep(text)
    if deep is not None:
        message = (
            f"YAML nested too deeply: more than {MAX_NESTING} levels; factcheck does not read it"
        )
        where = Location(path, deep.line, deep.column)
        return None, [YamlTooComplex.finding(message, where)]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or exc.context or "invalid YAML"
        context = ""
        if exc.context and exc.problem:
            started = exc.context_mark
            at = f" at line {started.line + 1}, column {started.column + 1}" if started else ""
            context = f" {exc.context}{at}"
        return None, [YamlSyntax.finding(f"YAML syntax error: {problem}{context}", where)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        # libyaml gives a byte offset, PyYAML a character one; the reader stops at the
        # first character it refuses, so that character's first place is the one.
        found = text.find(chr(exc.character))
        line, column = line_and_column(text, found if found != -1 else exc.position)
        message = (
            f"YAML does not allow the character {chr(exc.character)!r} (U+{exc.character:04X})"
        )
        return None, [YamlSyntax.finding(message, Location(path, line, column))]
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        return None, [YamlSyntax.finding(f"YAML error: {exc}", Location(path))]
    except RecursionError:
        return None, [YamlTooComplex.finding("YAML nested too deeply to read", Location(path))]
    document = YamlDocument(path, None)
    if node is None:
        return document, []
    builder = _Builder(document, text)
    try:
        data = builder.build(node, ())
    except _TooComplexError:
        message = (
            f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION:,} values; "
            "write the data out plainly"
        )
        return None, [YamlTooComplex.finding(message, _location(path, node))]
    except RecursionError:
        return None, [YamlTooComplex.finding("YAML nested too deeply to read", Location(path))]
    located = YamlDocument(path, data, document.values, document.keys, document.inline)
    return located, builder.findings


def _location(path: str, node: yaml.Node) -> Location:
    start, end = node.start_mark, node.end_mark
    return Location(path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    def __init__(self, document: YamlDocument, text: str) -> None:
        self.document = document
        self.text = text
        self.findings: list[Finding] = []
        self.built: set[int] = set()  # nodes already built once: a second visit is an alias
        self.expanded = 0

    def build(self, node: yaml.Node, path: Path, *, aliased: bool = False) -> Any:
        if aliased or id(node) in self.built:
            aliased = True
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise _TooComplexError
        self.built.add(id(node))
        where = _location(self.document.path, node)
        self.document.values.setdefault(path, where)
        if isinstance(node, yaml.ScalarNode):
            self._record_inline(node, path, where)
            return self._scalar(node, where)
        if node.tag not in {f"{_CORE}map", f"{_CORE}seq"}:
            self._unsupported(node.tag, where)
            return None
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, (*path, i), aliased=aliased) for i, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path, aliased)

    def _record_inline(self, node: yaml.ScalarNode, path: Path, where: Location) -> None:
        """Remember where a one-line scalar's text starts, if its characters stand in the
        file exactly as in the value (no escapes, no folding), so that an offset into
        the value is a column in the file."""
        if node.start_mark.line != node.end_mark.line or node.style not in {None, "", "'", '"'}:
            return  # plain style is '' from libyaml and None from the Python parser
        quoted = 1 if node.style in {"'", '"'} else 0
        start = node.start_mark.index + quoted
        if self.text[start : start + len(node.value)] != node.value:
            return  # an escape ("\u2264", '') makes columns and offsets differ
        column = where.column + quoted
        self.document.inline[path] = Location(where.path, where.line, column, where.line, column)

    def _mapping(self, node: yaml.MappingNode, path: Path, aliased: bool) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: set[tuple[type, Any]] = set()  # by type too: YAML's 1 and true are two keys
        for key_node, value_node in node.value:
            key_where = _location(self.document.path, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(
                    YamlSyntax.finding("a mapping key must be a plain value", key_where)
                )
                continue
            if key_node.tag == f"{_CORE}merge":
                self.findings.append(
                    UnsupportedTag.finding(
                        "merge keys (<<) are not supported: write the fields out", key_where
                    )
                )
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self._unsupported(key_node.tag, key_where)
                continue
            key = self._scalar(key_node, key_where)
            if (type(key), key) in seen:
                first = self.document.keys[(*path, key)]
                self.findings.append(
                    DuplicateKey.finding(
                        f"key {key!r} appears twice in one mapping (first at line "
                        f"{first.line}); YAML keeps only one of them",
                        key_where,
                    )
                )
                continue
            seen.add((type(key), key))
            self.document.keys[(*path, key)] = key_where
            result[key] = self.build(value_node, (*path, key), aliased=aliased)
        return result

    def _scalar(self, node: yaml.ScalarNode, where: Location) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._unsupported(tag, where)
            return None
        if tag.endswith(("str", "timestamp")):
            return node.value  # dates stay text: factcheck parses its own periods
        explicit = self.text.startswith("!", node.start_mark.index)  # "!!int 010"
        if (not node.style or explicit) and (ambiguous := _ambiguous(node, explicit=explicit)):
            self.findings.append(AmbiguousScalar.finding(ambiguous, where))
            return None
        try:
            return _constructor.construct_object(node)
        except (ValueError, KeyError, IndexError, yaml.YAMLError):  # "!!int abc", "!!int"
            shown = tag.replace(_CORE, "!!")
            self.findings.append(
                YamlSyntax.finding(f"{shorten(node.value)} is not a valid {shown}", where)
            )
            return None

    def _unsupported(self, tag: str, where: Location) -> None:
        shown = tag.replace(_CORE, "!!")
        self.findings.append(
            UnsupportedTag.finding(
                f"YAML tag {shown} is not allowed: factcheck reads plain data only, "
                "and constructs nothing a tag names",
                where,
            )
        )


def _read_as(node: yaml.ScalarNode) -> object:
    """What YAML 1.1 would read a scalar as, for the message; None where its tag does
    not fit its text ("&a !!int abc", found by fuzzing): that is reported elsewhere."""
    try:
        return _constructor.construct_object(node)
    except (ValueError, TypeError, yaml.YAMLError):
        return None


def _ambiguous(node: yaml.ScalarNode, *, explicit: bool) -> str | None:
    """Why an unquoted number or boolean must be quoted (FC007), or None. An explicit
    tag ("!!int 010") says how it is meant to be read; its length is still bounded."""
    text, kind = node.value, node.tag.removeprefix(_CORE)
    if kind in {"null", "str", "timestamp"}:
        return None
    quoted = f'quote it if it is text ("{text}")' if len(text) <= _SHOWN else "quote it"
    if not explicit and (not _CORE_LITERAL.fullmatch(text) or _LEADING_ZERO.match(text)):
        reading = _read_as(node) if len(text) <= _SHOWN else None
        read = f" as {reading!r}" if reading is not None else ""
        plainly = "true or false" if kind == "bool" else "the number in decimal"
        return (
            f"{shorten(text)} is read by YAML 1.1{read}, by YAML 1.2 and most tools "
            f"otherwise: {quoted}, or write {plainly}"
        )
    if kind == "int" and len(text.lstrip("+-")) > MAX_INT_DIGITS:
        return (
            f"{shorten(text)} is a whole number of more than {MAX_INT_DIGITS} digits, "
            f"longer than any count: {quoted}"
        )
    return None

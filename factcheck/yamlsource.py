"""Read a YAML file into plain data, keeping the line and column of every key and value.

PyYAML composes the file into a node graph (with libyaml's C parser when it is
installed) and we build the data ourselves from the nodes. Building it ourselves is
what makes loading safe and located: no tag constructs an object (``!!python/...``
is a finding, never a call), timestamps stay strings, duplicate keys are findings
instead of silently keeping the last, and alias expansion is bounded, so a "billion
laughs" file costs nothing.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

from factcheck.findings import Finding, Location
from factcheck.rules.input import (
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
#: Nodes visited while building one document, aliases counted each time they are used.
MAX_EXPANDED_NODES = 2_000_000

Path = tuple[Hashable, ...]
_constructor = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class YamlDocument:
    """A file's data with the location of each value and each mapping key by path."""

    path: str
    data: Any
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

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


def load_yaml_text(path: str, raw: bytes) -> tuple[YamlDocument | None, list[Finding]]:
    """Parse ``raw`` (a file's bytes) into a ``YamlDocument``, or findings saying why not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded"
        return None, [UnreadableFile.finding(message, Location(path, line, column))]
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
    except yaml.YAMLError as exc:  # errors without a mark (a reader error, say)
        return None, [YamlSyntax.finding(f"YAML error: {exc}", Location(path))]
    except RecursionError:
        return None, [YamlTooComplex.finding("YAML nested too deeply to read", Location(path))]
    document = YamlDocument(path, None)
    if node is None:
        return document, []
    builder = _Builder(document)
    try:
        data = builder.build(node, ())
    except (_TooComplexError, RecursionError):
        message = (
            f"YAML expands to more than {MAX_EXPANDED_NODES:,} values "
            "(aliases used too often, or nested too deeply)"
        )
        return None, [YamlTooComplex.finding(message, _location(path, node))]
    return YamlDocument(path, data, document.values, document.keys), builder.findings


def _location(path: str, node: yaml.Node) -> Location:
    start, end = node.start_mark, node.end_mark
    return Location(path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.findings: list[Finding] = []
        self.visited = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.visited += 1
        if self.visited > MAX_EXPANDED_NODES:
            raise _TooComplexError
        where = _location(self.document.path, node)
        self.document.values.setdefault(path, where)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, where)
        if node.tag not in {f"{_CORE}map", f"{_CORE}seq"}:
            self._unsupported(node.tag, where)
            return None
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_where = _location(self.document.path, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(
                    YamlSyntax.finding("a mapping key must be a plain value", key_where)
                )
                continue
            key = self._scalar(key_node, key_where)
            if not isinstance(key, Hashable):
                continue
            if key in result:
                first = self.document.keys[(*path, key)]
                self.findings.append(
                    DuplicateKey.finding(
                        f"key {key!r} appears twice in one mapping (first at line "
                        f"{first.line}); YAML keeps only one of them",
                        key_where,
                    )
                )
                continue
            self.document.keys[(*path, key)] = key_where
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, where: Location) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self._unsupported(tag, where)
            return None
        if tag.endswith(("str", "timestamp")):
            return node.value  # dates stay text: factcheck parses its own periods
        return _constructor.construct_object(node)

    def _unsupported(self, tag: str, where: Location) -> None:
        shown = tag.replace(_CORE, "!!")
        self.findings.append(
            UnsupportedTag.finding(
                f"YAML tag {shown} is not allowed: factcheck reads plain data only, "
                "and constructs nothing a tag names",
                where,
            )
        )

"""Adding records to a fact base's YAML files, keeping what a person wrote in them.

A file is read with ruamel.yaml's round-trip loader, which keeps comments, key order,
quoting, flow mappings and folded scalars, and is, like PyYAML's safe loader, built
only from plain mappings, lists and scalars: a tag is kept as text, never run. New
records are appended to their section and the whole file is written back atomically
(``factcheck.atomicfile``), so what was there is unchanged byte for byte and a failed
write leaves the old file (docs/architecture.md, "Writing YAML").
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from factcheck.atomicfile import write_atomic
from factcheck.errors import UsageError
from factcheck.loader import MAX_FILE_BYTES, display_path
from factcheck.safefile import UnreadableError, read_bounded, reason

__all__ = ["MODELINES", "YamlFile", "YamlFileError"]

#: The first line of a file factcheck creates: editors validate it against the schema.
MODELINES = {
    "claims": "# yaml-language-server: $schema=../schemas/claims.schema.json\n",
    "constraints": "# yaml-language-server: $schema=../schemas/constraints.schema.json\n",
}


class YamlFileError(UsageError):
    """A file that cannot be added to: unreadable, not YAML, or not a fact base file."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)  # "claims:\n  - id: …", as the docs write
    yaml.width = 4096  # a long quote stays on its line: no re-folding of what was there
    yaml.preserve_quotes = True
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


@dataclass
class YamlFile:
    """One claims or constraints file, as it is and with what is to be added."""

    path: Path
    kind: str  # "claims" or "constraints": the modeline a new file gets
    header: str = ""  # comment lines a new file starts with
    document: CommentedMap = field(default_factory=CommentedMap)
    exists: bool = False
    added: int = 0
    preamble: str = ""  # a file of comments only: kept as it is, above what is added

    @classmethod
    def open(cls, path: Path, kind: str, header: str = "") -> YamlFile:
        """The file at ``path``, or a new one if there is none yet."""
        if not path.exists():
            return cls(path, kind, header)
        try:
            raw = read_bounded(path, MAX_FILE_BYTES).decode("utf-8-sig")
            document = _yaml().load(raw)
        except MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{display_path(path)}:{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise YamlFileError(
                f"{where or display_path(path)}: not valid YAML: {exc.problem}"
            ) from None
        except (YAMLError, UnreadableError, UnicodeDecodeError, OSError) as exc:
            raise YamlFileError(f"cannot read {display_path(path)}: {reason(exc)}") from None
        if document is None:  # empty, or comments only: they are kept
            preamble = raw if not raw or raw.endswith("\n") else raw + "\n"
            return cls(path, kind, header, CommentedMap(), exists=True, preamble=preamble)
        if not isinstance(document, CommentedMap):
            raise YamlFileError(
                f"{display_path(path)}:1:1: a fact base file is a mapping of sections"
            )
        return cls(path, kind, header, document, exists=True)

    def records(self, section: str) -> list[Any]:
        items = self.document.get(section)
        return list(items) if isinstance(items, list) else []

    def ids(self, section: str) -> set[str]:
        return {r["id"] for r in self.records(section) if isinstance(r, dict) and "id" in r}

    def append(self, section: str, record: dict[str, Any]) -> None:
        items = self.document.get(section)
        if items is None:
            items = self.document[section] = CommentedSeq()
        elif not isinstance(items, list):
            where = display_path(self.path)
            raise YamlFileError(f"{where}: section {section!r} is not a list of records")
        items.append(_commented(record))
        if len(items) > 1:  # a blank line between records, as the docs write them
            items.yaml_set_comment_before_after_key(len(items) - 1, before="\n", indent=2)
        self.added += 1

    def text(self) -> str:
        buffer = io.StringIO()
        if not self.exists:
            buffer.write(MODELINES[self.kind] + _comment(self.header))
        buffer.write(self.preamble)
        _yaml().dump(self.document, buffer)
        return buffer.getvalue()

    def save(self, text: str | None = None) -> None:
        """Write the file (``text``, or the document as it now is) whole, or not at all;
        nothing when nothing was added."""
        if not self.added:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, self.text() if text is None else text)
        except OSError as exc:
            raise YamlFileError(f"cannot write {display_path(self.path)}: {reason(exc)}") from None


def _comment(text: str) -> str:
    """Comment lines as written into a file: each line starts with "#", and nothing in
    one can end it (a line break or control character in an article's title)."""
    lines = []
    for line in text.splitlines():
        shown = " ".join("".join(c if c.isprintable() else " " for c in line).split())
        lines.append(shown if shown.startswith("#") else f"# {shown}")
    return "".join(f"{line}\n" for line in lines if line.strip("# "))


def _commented(value: Any) -> Any:
    """A record as ruamel writes it: block mappings, but short mappings of qualifiers or
    a publication date in flow style ({batch: 5})."""
    if isinstance(value, dict):
        mapping = CommentedMap((k, _commented(v)) for k, v in value.items())
        if all(not isinstance(v, dict | list) for v in value.values()) and len(value) <= 3:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list | tuple):
        sequence = CommentedSeq(_commented(v) for v in value)
        sequence.fa.set_flow_style()
        return sequence
    return value

"""FC0xx: input that cannot be read as a fact base. Raised while loading files."""

from __future__ import annotations

from factcheck.findings import Severity
from factcheck.rules.registry import Rule, register


@register
class YamlSyntax(Rule):
    """The file is not valid YAML.

    Nothing else in the file can be checked until it parses, so its claims are
    missing from the fact base and every check that needs them.

    Why: a syntax error usually hides a whole file of claims; reporting it at its
    line and column is quicker than reading a parser's traceback.

    Example: ``quote: "By September, the capital had 590`` (the closing quote is missing).

    Fix: correct the YAML at the reported position.
    """

    code = "FC001"
    slug = "yaml-syntax"
    severity = Severity.ERROR


@register
class UnreadableFile(Rule):
    """A file cannot be read as text: not UTF-8, not there, or not a regular file.

    Why: a claims file that silently fails to load is a fact base with holes; a pipe or
    a device in its place would block the read, or never end.

    Example: a claims file saved in GB18030 or Latin-1, or a folder or a named pipe
    called ``x.yaml``.

    Fix: save the file as UTF-8 (a byte-order mark is allowed), or remove what is in
    its place.
    """

    code = "FC002"
    slug = "unreadable-file"
    severity = Severity.ERROR


@register
class UnsupportedTag(Rule):
    """A YAML tag other than the plain ones (str, int, float, bool, null) is used.

    factcheck never constructs objects from tags: ``!!python/object/apply:os.system``
    executes nothing and is reported here instead.

    Why: claims files are written by many hands and read in CI; loading them must not
    run anything they name.

    Example: ``value: !!python/object/apply:os.system ["ls"]``

    Fix: write the value as plain text; ``value: "590"``.
    """

    code = "FC003"
    slug = "unsupported-tag"
    severity = Severity.ERROR


@register
class DuplicateKey(Rule):
    """The same key appears twice in one mapping.

    Why: YAML parsers keep one of the two values without a word, so half of what was
    written is lost.

    Example: a claim with two ``value:`` lines.

    Fix: keep one of the keys.
    """

    code = "FC004"
    slug = "duplicate-key"
    severity = Severity.ERROR


@register
class SchemaError(Rule):
    """A record does not match the claims-file format.

    An unknown or missing field, a value of the wrong type, a malformed id or date.

    Why: a typo in a field name (``metirc:``) would otherwise drop information; unknown
    fields are errors, as docs/claims-format.md says.

    Example: ``subjcet: beijing`` in a claim, or ``as_of: September``.

    Fix: follow docs/claims-format.md; the message names the field and what it expects.
    """

    code = "FC005"
    slug = "schema-error"
    severity = Severity.ERROR


@register
class YamlTooComplex(Rule):
    """The YAML expands to too much data, nests too deeply, or the file is over 32 MiB.

    Why: aliases can make a few lines expand to billions of values ("billion laughs");
    factcheck bounds the work instead of exhausting memory.

    Example: nine anchors each referring nine times to the previous one; a 100 MB file.

    Fix: write the data out plainly (claims files need no aliases); split a large file.
    """

    code = "FC006"
    slug = "yaml-too-complex"
    severity = Severity.ERROR


@register
class AmbiguousScalar(Rule):
    """An unquoted value that YAML 1.1 reads as another number or a boolean than it looks.

    PyYAML follows YAML 1.1, where ``3:1`` is the number 181 (base 60), ``010`` is 8
    (octal), ``0b11`` is 3, ``1_000`` is 1000 and ``no``, ``off`` and ``y`` are booleans;
    YAML 1.2 and most other tools read them otherwise. A whole number of more than 30
    digits is refused too: no count is that long, and Python will not print it.

    Why: the value would be checked as something the file does not say, silently.

    Example: ``value: 3:1`` for a ratio, or ``qualifier: 010`` for a code.

    Fix: quote the value (``value: "3:1"``), or write the number plainly (``8``).
    """

    code = "FC007"
    slug = "ambiguous-yaml-scalar"
    severity = Severity.ERROR

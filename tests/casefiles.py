"""The bytes of a file a data-driven case describes (tests/cases/): the format is
documented in tests/test_loader_cases.py, under "File contents"."""

from __future__ import annotations

from typing import Any

__all__ = ["file_bytes"]


def _text(text: str | list[str | dict[str, Any]]) -> str:
    if isinstance(text, str):
        return text
    return "".join(p if isinstance(p, str) else _repeated(p) for p in text)


def _repeated(part: dict[str, Any]) -> str:
    """``repeat`` ``times`` times; when ``numbered``, with ``{n}`` the repetition's
    number (from 0) and ``{n+1}`` the next one."""
    if not part.get("numbered"):
        return str(part["repeat"] * part["times"])
    template = str(part["repeat"])
    return "".join(
        template.replace("{n+1}", str(n + 1)).replace("{n}", str(n)) for n in range(part["times"])
    )


def file_bytes(content: str | dict[str, Any]) -> bytes:
    """A string is UTF-8 text; a mapping is ``{text, encoding, newline}``, ``text``
    possibly a list of strings and ``{repeat, times, numbered}`` parts."""
    if isinstance(content, str):
        return content.encode("utf-8")
    text = _text(content["text"]).replace("\n", content.get("newline", "\n"))
    return text.encode(content.get("encoding", "utf-8"))

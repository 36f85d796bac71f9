"""Progress of long runs on standard error: shown on a terminal, silent when piped."""

from __future__ import annotations

from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """One line, rewritten in place: "linting 3/40 drafts". Nothing at all unless the
    stream is a terminal, so logs and pipes stay clean."""

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        self.stream = stream
        self.enabled = stream.isatty() and not quiet
        self.shown = False

    def __call__(self, message: str) -> None:
        if self.enabled:
            self.stream.write(f"\r{message}\x1b[K")
            self.stream.flush()
            self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

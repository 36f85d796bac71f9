"""The ``factcheck`` command's entry point.

``factcheck --version`` is answered here, before the CLI framework is imported: a
command should import only what it uses, and printing a version uses nothing.
Everything else goes to the typer app in ``factcheck.cli``.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from factcheck import __version__  # noqa: PLC0415  (the point: nothing else)

        sys.stdout.write(f"factcheck {__version__}\n")
        return
    from factcheck.cli import app  # noqa: PLC0415  (imported only when it is used)

    app(prog_name="factcheck")

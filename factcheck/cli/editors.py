"""The commands for editors: ``factcheck lsp`` (docs/editors.md)."""

from __future__ import annotations

from factcheck.cli.common import fail


def lsp() -> None:
    """Run the language server over stdin and stdout (for editors; needs factcheck[lsp])."""
    try:
        from factcheck.editors.lsp import serve
    except ImportError as exc:
        fail(f"the language server needs pygls: pip install 'factcheck[lsp]' ({exc})")
    serve()

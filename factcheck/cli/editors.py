"""The commands for editors: ``factcheck lsp`` and ``factcheck serve`` (docs/editors.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import fail


def lsp() -> None:
    """Run the language server over stdin and stdout (for editors; needs factcheck[lsp])."""
    try:
        from factcheck.editors.lsp import serve
    except ImportError as exc:
        fail(f"the language server needs pygls: pip install 'factcheck[lsp]' ({exc})")
    serve()


def serve(
    port: Annotated[int, typer.Option(help="The port to listen on (0: any free one).")] = 8765,
    host: Annotated[
        str, typer.Option(help="The address to listen on: this machine only, by default.")
    ] = "127.0.0.1",
) -> None:
    """Serve a page for editors: paste a draft, see its wrong figures and their claims."""
    from factcheck.editors.serve import make_server

    try:
        server = make_server(host, port, Path.cwd())
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    bound_port = server.server_address[1]
    typer.echo(f"factcheck: the page is at http://{host}:{bound_port}/ (Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("factcheck: stopped")
    finally:
        server.server_close()

"""The typer application the commands are registered on, and ``--version``."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck import __version__

app = typer.Typer(
    name="factcheck",
    help="Check that the numbers in a fact base (and in drafts) add up.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """factcheck: a claim consistency checker and fact linter."""

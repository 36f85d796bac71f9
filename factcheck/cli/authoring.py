"""The commands that grow a fact base: init, extract, import (docs/authoring.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import fail, path_option


def init(
    folder: Annotated[
        Path,
        typer.Argument(parser=path_option, help="Where to create it (created if need be)."),
    ] = Path("."),
    places: Annotated[
        bool,
        typer.Option(
            "--places",
            help="Start the entities with the gazetteer's places (countries, Chinese "
            "provinces, cities, districts).",
        ),
    ] = False,
) -> None:
    """Create a new, empty fact base that checks clean; overwrites nothing."""
    from factcheck.authoring.scaffold import init as scaffold
    from factcheck.errors import UsageError
    from factcheck.loader import display_path

    try:
        made = scaffold(folder, places=places)
    except UsageError as exc:
        fail(str(exc))
    for path in made.written:
        typer.echo(f"wrote {display_path(path)}")
    if made.places:
        typer.echo(f"{made.places} places of the gazetteer are in claims/entities.yaml")
    else:
        typer.echo("no entities yet: `factcheck init --places` starts with the gazetteer's")
    typer.echo(
        f"next: copy an article into {display_path(made.root / 'texts')} and run "
        "`factcheck extract texts/ARTICLE --source ID` there (docs/authoring.md)"
    )

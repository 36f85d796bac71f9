"""The commands that grow a fact base: init, extract, import (docs/authoring.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck.cli.common import ClaimsOption, ConfigOption, Where, fail, path_option, run

if TYPE_CHECKING:
    from factcheck.authoring.adding import Added


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


def extract(
    text: Annotated[
        Path, typer.Argument(parser=path_option, help="The article: text or Markdown.")
    ],
    *,
    source: Annotated[str, typer.Option("--source", help="The source's id: zhuhai-2023.")],
    title: Annotated[str | None, typer.Option(help="A new source's title.")] = None,
    published: Annotated[
        str | None, typer.Option(help="A new source's publication date: 2023-09-21.")
    ] = None,
    publisher: Annotated[str | None, typer.Option(help="A new source's publisher.")] = None,
    url: Annotated[str | None, typer.Option(help="A new source's address.")] = None,
    claims: ClaimsOption = None,
    config: ConfigOption = None,
) -> None:
    """Propose a claim for each checkable figure of an article (status: proposed)."""
    from factcheck.authoring.articles import extract as extract_article

    added = run(
        lambda settings: extract_article(
            settings, text, source, title=title, published=published, publisher=publisher,
            url=url,
        ),
        Where(claims, config),
    )  # fmt: skip
    _report(added)


def _report(added: Added) -> None:
    from factcheck.loader import display_path

    if added.source is not None:
        typer.echo(f"source {added.source!r} added")
    typer.echo(
        f"{len(added.claims)} claims proposed ({added.complete} with subject, metric and "
        f"as_of), {added.skipped} already in the fact base"
        + (f"; {len(added.constraints)} constraints proposed" if added.constraints else "")
    )
    for path in added.files:
        typer.echo(f"wrote {display_path(path)}")
    if added.claims:
        typer.echo("review them: `factcheck claims --proposed`, then `factcheck check`")

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


def import_table(
    table: Annotated[
        Path,
        typer.Argument(
            parser=path_option, help="The table: CSV (.csv) or JSON Lines (.jsonl, .ndjson)."
        ),
    ],
    *,
    source_column: Annotated[
        str, typer.Option(help="The column of each fact's source address (or source id).")
    ] = "source_url",
    title_column: Annotated[
        str, typer.Option(help="The column of a new source's title ('' if none).")
    ] = "source_title",
    published_column: Annotated[
        str, typer.Option(help="The column of a new source's publication date ('' if none).")
    ] = "published",
    subject_column: Annotated[
        str, typer.Option(help="The column naming who or what a fact is about ('' if none).")
    ] = "subject",
    metric_column: Annotated[
        str, typer.Option(help="The column naming what a fact measures ('' if none).")
    ] = "metric",
    value_column: Annotated[
        str, typer.Option(help="The column of the value, as printed.")
    ] = "value",
    unit_column: Annotated[
        str, typer.Option(help="The column of the unit: count, percent, CNY … ('' if none).")
    ] = "unit",
    qualifier_column: Annotated[
        str, typer.Option(help="The column of free-text qualifiers, kept in notes ('' if none).")
    ] = "qualifier",
    as_of_column: Annotated[
        str, typer.Option(help="The column of the time a fact holds for ('' if none).")
    ] = "as_of",
    quote_column: Annotated[str, typer.Option(help="The column of the verbatim quote.")] = "quote",
    claims: ClaimsOption = None,
    config: ConfigOption = None,
) -> None:
    """Propose a claim for each row of a table of facts (status: proposed); exit 1 if
    a row could not be imported (the others are)."""
    from factcheck.authoring.importing import import_table as import_rows
    from factcheck.authoring.tables import Columns
    from factcheck.loader import display_path

    for option, name in (
        ("--source-column", source_column), ("--value-column", value_column),
        ("--quote-column", quote_column),
    ):  # fmt: skip
        if not name:
            fail(f"{option} names no column: every table has one")
    columns = Columns(
        source=source_column, title=title_column or None, published=published_column or None,
        subject=subject_column or None, metric=metric_column or None, value=value_column,
        unit=unit_column or None, qualifier=qualifier_column or None,
        as_of=as_of_column or None, quote=quote_column,
    )  # fmt: skip
    imported = run(
        lambda settings: import_rows(settings, table, columns=columns), Where(claims, config)
    )
    shown = display_path(table)
    for line, message in imported.problems:
        typer.echo(f"{shown}:{line}:1: error: {message}", err=True)
    for added in imported.added:
        _report(added)
    if len(imported.added) > 1:
        proposed = sum(len(a.claims) for a in imported.added)
        complete = sum(a.complete for a in imported.added)
        skipped = sum(a.skipped for a in imported.added)
        typer.echo(
            f"in all: {proposed} claims proposed ({complete} with subject, metric and as_of) "
            f"for {len(imported.added)} sources, {skipped} already in the fact base"
        )
    if imported.problems:
        rows = len(imported.problems)
        typer.echo(
            f"{rows} row{'s' if rows != 1 else ''} of {shown} not imported: fix "
            f"{'them' if rows != 1 else 'it'} and run the import again (what is in is kept)",
            err=True,
        )
        raise typer.Exit(1)

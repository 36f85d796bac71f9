"""``factcheck figures``: every figure in drafts, as lint reads them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from factcheck.cli.common import fail
from factcheck.cli.lint import STDIN, load_drafts


class FigureFormat(StrEnum):
    TEXT = "text"
    JSONL = "jsonl"


def figures(
    drafts: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Markdown or text drafts; - for stdin.")
    ],
    *,
    output_format: Annotated[
        FigureFormat,
        typer.Option(
            "--format", "-f", help="text: each figure underlined; jsonl: one object a figure."
        ),
    ] = FigureFormat.TEXT,
) -> None:
    """List every figure found in drafts, with how it is read (what lint sees)."""
    from factcheck.figure_listing import list_figures, render_jsonl, render_text
    from factcheck.findings import Finding
    from factcheck.lint.drafts import read_draft

    read = load_drafts(drafts)
    for item in read:
        if isinstance(item, Finding):
            fail(f"{item.location}: {item.message}")
    several = len(read) > 1
    for item in read:
        assert not isinstance(item, Finding)
        path, text = item
        draft = read_draft(path, text)
        figures = list_figures(draft.prose, lines_apart=path == STDIN)  # a sentence a line
        if output_format is FigureFormat.JSONL:
            lines = render_jsonl(figures, path if several else None)
        else:
            lines = render_text(draft.text, figures, path)
        for line in lines:
            typer.echo(line)

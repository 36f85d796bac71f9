"""``factcheck baseline write|prune``: record today's findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import (
    ClaimsOption,
    ConfigOption,
    IsolatedOption,
    Where,
    fail,
    path_option,
    run,
)
from factcheck.cli.lint import load_drafts
from factcheck.findings import Finding

baseline_app = typer.Typer(help="Record today's findings, so that CI fails only on new ones.")

BaselineFileOption = Annotated[
    Path, typer.Option("--file", parser=path_option, metavar="PATH", help="The baseline file.")
]
DraftsArgument = Annotated[
    list[str] | None,
    typer.Argument(metavar="[DRAFT...]", help="Drafts whose lint findings to record too."),
]


def _current_findings(drafts: list[str] | None, where: Where) -> list[Finding]:
    """The findings of `check`, and of `lint` on ``drafts``, as the settings filter them."""
    from factcheck import api
    from factcheck.lint.drafts import read_draft

    read = load_drafts(drafts or [])
    for problem in (r for r in read if isinstance(r, Finding)):
        fail(f"{problem.location}: {problem.message}")  # a baseline of a draft not read
    parsed = [read_draft(*r) for r in read if not isinstance(r, Finding)]
    findings = list(run(api.check, where).findings)
    if parsed:
        findings += run(lambda settings: api.lint(settings, parsed), where).findings
    return findings


@baseline_app.command("write")
def baseline_write(
    drafts: DraftsArgument = None,
    file: BaselineFileOption = Path("factcheck-baseline.json"),
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Record the current findings of check (and lint on DRAFTs) in the baseline file."""
    from factcheck.baseline import write_baseline
    from factcheck.errors import UsageError
    from factcheck.safefile import shown_path

    findings = _current_findings(drafts, Where(claims, config, isolated))
    try:
        count = write_baseline(file, findings)
    except UsageError as exc:
        fail(str(exc))
    typer.echo(f"recorded {count} findings in {shown_path(file)}")


@baseline_app.command("prune")
def baseline_prune(
    drafts: DraftsArgument = None,
    file: BaselineFileOption = Path("factcheck-baseline.json"),
    claims: ClaimsOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Drop the entries of the baseline file that no longer occur."""
    from factcheck.baseline import fingerprint, read_baseline, write_baseline
    from factcheck.errors import UsageError

    try:
        known = read_baseline(file)
        current = _current_findings(drafts, Where(claims, config, isolated))
        kept = write_baseline(file, [f for f in current if fingerprint(f) in known])
    except UsageError as exc:
        fail(str(exc))
    typer.echo(f"kept {kept} of {len(known)} entries in {file}")

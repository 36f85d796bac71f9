"""The ``factcheck`` command. It parses options, calls one function of the API, picks
a formatter from the registry and returns an exit code: 0 clean, 1 findings at or
above ``--fail-on``, 2 usage or unreadable input.

The commands live in the modules of this package and are registered here, in the order
``factcheck --help`` lists them; each imports what it uses only when it runs.
"""

from __future__ import annotations

from factcheck.cli.app import app
from factcheck.cli.authoring import extract, import_table, init
from factcheck.cli.baseline import baseline_app
from factcheck.cli.editors import lsp, serve
from factcheck.cli.factbase import check, explain, graph, list_claims, rules, schema
from factcheck.cli.figures import figures
from factcheck.cli.lint import lint

__all__ = ["app"]

app.command()(init)
app.command()(extract)
app.command("import")(import_table)
app.command()(check)
app.command("claims")(list_claims)
app.command()(rules)
app.command()(explain)
app.command()(lint)
app.command()(figures)
app.command()(schema)
app.add_typer(baseline_app, name="baseline")
app.command()(graph)
app.command()(lsp)
app.command()(serve)

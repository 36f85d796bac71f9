"""``factcheck explain`` output: a rich tree for people, JSON for tools.

With ``formatters/text.py``, the only modules that import rich.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from factcheck.explain import Explanation, Step
from factcheck.findings import one_line
from factcheck.formatters import OutputOptions

_STATUS = {"holds": "green", "violated": "bold red", "untestable": "yellow"}


def _step(tree: Tree, step: Step) -> None:
    if step.via is None:
        node = tree.add(f"[bold]{escape(step.variable)}[/] = {escape(step.value)}")
    else:
        node = tree.add(
            f"[bold]{escape(step.variable)}[/] = {escape(step.value)}  "
            f"[dim]by {escape(step.via)}: {escape(step.expression or '')}[/]"
        )
    for child in step.inputs:
        _step(node, child)


def format_explanation(explanation: Explanation, options: OutputOptions) -> str:
    buffer = io.StringIO()
    # emoji=False: a place or a quote is printed as written ("national.yaml:100:11",
    # which rich would otherwise print with a 💯 for ":100:").
    console = Console(
        file=buffer, force_terminal=options.color, no_color=not options.color,
        width=options.width, highlight=False, soft_wrap=False, emoji=False,
    )  # fmt: skip
    root = Tree(f"[bold]{explanation.kind} {escape(explanation.id)}[/]")
    for label, value in explanation.facts:
        root.add(f"[cyan]{escape(label)}[/]: {escape(one_line(value))}")
    if explanation.relations:
        branch = root.add("[cyan]relations[/]")
        for line in explanation.relations:
            style = _STATUS.get(line.status, "")
            node = branch.add(
                f"[{style}]{line.status}[/] {escape(line.id)}: {escape(line.expression)}"
            )
            node.add(f"[dim]{escape(line.detail)}[/]")
            if line.acknowledged:
                node.add(f"[italic]acknowledged: {escape(' '.join(line.acknowledged.split()))}[/]")
    if explanation.implied is not None:
        agrees = "" if explanation.consistent is None else (
            " — consistent with what it states" if explanation.consistent
            else " — [bold red]inconsistent with what it states[/]"
        )  # fmt: skip
        root.add(f"[cyan]implied by the rest[/]: {escape(explanation.implied)}{agrees}")
    if explanation.derivation is not None and explanation.derivation.via is not None:
        _step(root.add("[cyan]derivation[/]"), explanation.derivation)
    for note in explanation.notes:
        root.add(f"[dim]{escape(note)}[/]")
    console.print(root)
    return buffer.getvalue()


def explanation_json(explanation: Explanation) -> str:
    record = asdict(explanation)
    record["facts"] = dict(explanation.facts)  # labels are unique: an object for tools
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"

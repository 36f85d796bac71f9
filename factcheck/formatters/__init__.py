"""Formatters turn a ``Report`` into text. They read only the report.

``FORMATTERS`` is the registry the CLI picks from by name; adding a format is adding
a module and a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from factcheck.report import Report

__all__ = ["FORMATTERS", "OutputOptions", "render"]


@dataclass(frozen=True, slots=True)
class OutputOptions:
    color: bool = False
    width: int = 100
    quiet: bool = False  # the findings only, no summary


Formatter = Callable[[Report, OutputOptions], str]

#: name → module holding ``format_report``; imported only when used, so that the
#: terminal formatter's rich stays out of every other run's start-up.
FORMATTERS: dict[str, str] = {
    "text": "factcheck.formatters.text",
    "json": "factcheck.formatters.json",
    "sarif": "factcheck.formatters.sarif",
    "github": "factcheck.formatters.github",
    "concise": "factcheck.formatters.concise",
    "gitlab": "factcheck.formatters.gitlab",
    "junit": "factcheck.formatters.junit",
    "statistics": "factcheck.formatters.statistics",
}


def render(name: str, report: Report, options: OutputOptions) -> str:
    formatter: Formatter = import_module(FORMATTERS[name]).format_report
    return formatter(report, options)

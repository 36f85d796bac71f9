"""factcheck: a claim consistency checker and fact linter."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

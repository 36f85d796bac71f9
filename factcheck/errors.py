"""Errors that are the user's to fix, not bugs: the CLI reports them and exits with 2."""

from __future__ import annotations

__all__ = ["UsageError"]


class UsageError(Exception):
    """Input or settings that cannot be used at all; the message says what and where."""

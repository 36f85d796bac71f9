"""Pausing Python's cyclic garbage collector while a fact base is built and judged.

Loading 100,000 claims allocates millions of objects that all live until the report
is written, and almost none of them form reference cycles (reference counting frees
the rest). The collector cannot know that: it keeps re-scanning the growing heap, which
took half of the load time at 10^5 claims (docs/performance.md). Commands therefore
run with it paused, and it resumes when they are done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

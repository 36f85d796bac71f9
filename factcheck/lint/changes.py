"""``--diff REF``: the lines of a draft changed since a git ref, from ``git diff``."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from factcheck.errors import UsageError

__all__ = ["changed_lines"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.M)


def changed_lines(path: Path, ref: str) -> set[int]:
    """Line numbers of ``path`` (as it is now) added or changed since ``ref``. A file git
    does not track is new: every line counts."""
    folder = path.resolve().parent
    command = ["git", "-C", str(folder), "diff", "--unified=0", "--no-color", ref, "--", path.name]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
        tracked = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "--error-unmatch", path.name],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--diff {ref}: cannot run git: {exc}") from None
    if result.returncode != 0:
        raise UsageError(f"--diff {ref}: {result.stderr.strip() or 'git diff failed'}")
    if tracked.returncode != 0:  # untracked: all of it is new
        return set(range(1, path.read_text("utf-8", errors="replace").count("\n") + 2))
    lines: set[int] = set()
    for hunk in _HUNK.finditer(result.stdout):
        start, count = int(hunk["start"]), int(hunk["count"] or 1)
        lines.update(range(start, start + count))
    return lines

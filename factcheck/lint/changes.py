"""``--diff REF``: the lines of a draft changed since a git ref, from ``git diff``.

REF comes from a command line that CI or a hook may build from untrusted names, so it is
never handed to git as an argument git could read as an option: a REF that starts with
``-`` is refused, the rest is resolved to a commit by ``git rev-parse --verify
--end-of-options`` and only that commit's hash reaches ``git diff``. File names follow
``--`` and are literal pathspecs (a draft called ``*.md`` is that file, not a glob), and
no external diff driver or textconv filter runs (they would change the line numbers).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from factcheck.errors import UsageError
from factcheck.safefile import shown_path

__all__ = ["changed_lines", "check_ref"]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.M)
#: Every git call: literal pathspecs, so that a file name is only ever that file.
_GIT = ("git", "--literal-pathspecs")


def check_ref(ref: str) -> None:
    """Refuse a REF git would read as an option (``--output=FILE``), before git sees it."""
    if not ref or ref.startswith("-"):
        raise UsageError(
            f"--diff: {ref!r} is not a git revision"
            + (" (a revision cannot start with '-')" if ref else "")
        )


def changed_lines(path: Path, ref: str, text: str) -> set[int]:
    """Line numbers of ``path`` (as it is now, ``text``) added or changed since ``ref``. A
    file git does not track is new: every line counts. ``text`` is the draft as already
    read, so the file is not opened again (it could be a pipe, or have changed)."""
    check_ref(ref)
    resolved = path.resolve()
    folder, name = str(resolved.parent), resolved.name
    commit = _git(ref, "-C", folder, "rev-parse", "--verify", "--quiet", "--end-of-options",
                  f"{ref}^{{commit}}")  # fmt: skip
    if commit.returncode != 0:
        reason = commit.stderr.strip() or f"not a commit in the git repository at {folder}"
        raise UsageError(f"--diff {shown_path(ref)}: {reason}")
    sha = commit.stdout.strip()
    diff = _git(ref, "-C", folder, "diff", "--unified=0", "--no-color", "--no-ext-diff",
                "--no-textconv", sha, "--", name)  # fmt: skip
    if diff.returncode != 0:
        raise UsageError(f"--diff {shown_path(ref)}: {diff.stderr.strip() or 'git diff failed'}")
    tracked = _git(ref, "-C", folder, "ls-files", "--error-unmatch", "--", name)
    if tracked.returncode != 0:  # untracked: all of it is new
        return set(range(1, text.count("\n") + 2))
    lines: set[int] = set()
    for hunk in _HUNK.finditer(diff.stdout):
        start, count = int(hunk["start"]), int(hunk["count"] or 1)
        lines.update(range(start, start + count))
    return lines


def _git(ref: str, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [*_GIT, *args], capture_output=True, text=True, errors="replace", check=False,
            timeout=60, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--diff {shown_path(ref)}: cannot run git: {exc}") from None

"""What the atomic-write tests share (tests/test_atomic_writes.py,
tests/test_atomic_targets.py): the commands that write files, the fixtures they run in,
and the checks of what a run left behind."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from factcheck.cli import app

runner = CliRunner()

#: What a file to be replaced holds: longer than anything written, so a write that
#: does not replace the file whole would leave its tail.
OLD = b"an old file, longer than anything factcheck writes here\n" * 2_000


@dataclass(frozen=True)
class Writer:
    """A command that writes a file. ``argv`` has ``{out}`` where the output goes, or
    ``env`` names the variable that says where; ``name`` is the file written in that
    folder (a glob), or "" when ``out`` is the file itself. A ``private`` file is
    always 0o600 (a cache entry holds parsed claims)."""

    id: str
    argv: tuple[str, ...]
    out: str
    name: str = ""
    env: str | None = None
    private: bool = False


WRITERS = [
    Writer("check", ("check", "-f", "json", "--output-file", "{out}"), "report.json"),
    Writer("lint", ("lint", "draft.md", "--output-file", "{out}"), "lint.txt"),
    Writer("graph", ("graph", "-f", "dot", "--output-file", "{out}"), "graph.dot"),
    Writer("baseline", ("baseline", "write", "--file", "{out}"), "baseline.json"),
    Writer("schema", ("schema", "--output-dir", "{out}"), "schemas", "claims.schema.json"),
    Writer(
        "cache",
        ("check", "-f", "json"),
        "cache",
        "*.json",
        env="FACTCHECK_CACHE_DIR",
        private=True,
    ),
]
each_writer = pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.id)
#: The writers whose target is one file named on the command line (not the cache's).
FILE_WRITERS = [w for w in WRITERS if w.env is None]
each_file_writer = pytest.mark.parametrize("writer", FILE_WRITERS, ids=lambda w: w.id)


def argv_env(writer: Writer, root: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that make ``writer`` write under ``root``."""
    out = str(Path(root) / writer.out)
    argv = [arg.replace("{out}", out) for arg in writer.argv]
    return argv, {writer.env: str(folder_of(writer, root))} if writer.env else {}


def folder_of(writer: Writer, root: str) -> Path:
    """Where ``writer`` writes under ``root``: for the cache, a folder beside the
    project rather than in it (factcheck writes no cache into the tree it checks)."""
    if writer.env is None:
        return Path.cwd() / root / writer.out
    return Path.cwd().parent / f"{Path.cwd().name}-{root}-{writer.out}"


def invoke(writer: Writer, root: str = "out") -> Result:
    argv, env = argv_env(writer, root)
    return runner.invoke(app, argv, env=env)


def written(writer: Writer, root: str = "out") -> Path:
    """The one file ``writer`` wrote under ``root``."""
    out = folder_of(writer, root)
    if not writer.name:
        return out
    (match,) = out.glob(writer.name)
    return match


def make_old(writer: Writer) -> Path:
    """Give the command a file to replace, and return it: planted bytes; for the cache,
    a first run's entry, whose claims file then changes so that the next run rewrites
    the entry (and must not report from the stale one: the claim's quote is now wrong)."""
    if writer.env is None:
        target = Path.cwd() / "out" / writer.out / writer.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(OLD)
        return target
    first = invoke(writer)
    assert first.exit_code == 0, first.output
    claims = Path("claims/base.yaml")
    claims.write_text(claims.read_text("utf-8").replace("590", "591"), "utf-8")
    return written(writer)


def reference(writer: Writer) -> tuple[Result, bytes]:
    """What an uninterrupted run writes from scratch (under ref/), and its result."""
    result = invoke(writer, "ref")
    return result, written(writer, "ref").read_bytes()


def temporaries(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.glob(".*.tmp"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_the_next_run_writes_it_right(writer: Writer, target: Path) -> None:
    """After an interruption, running the command again gives what a run from scratch
    gives: the same exit code and output, and the same bytes in the file."""
    expected_result, expected = reference(writer)
    again = invoke(writer)
    assert again.exit_code == expected_result.exit_code, again.output
    assert again.stdout == expected_result.stdout.replace("ref/", "out/")
    assert target.read_bytes() == expected

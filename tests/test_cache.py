"""The parsed-file cache: hits only on the same bytes and the same factcheck, ignores
what is stale, corrupt, foreign or malformed, writes whole entries or none, never
changes a report, and never runs anything an entry holds (issue 12, section 2)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import cache as cache_module
from factcheck.api import load
from factcheck.cache import FileCache
from factcheck.cli import app
from factcheck.cli.common import ReportFormat
from factcheck.config import discover_settings

from .conftest import MISQUOTED, WriteTree

runner = CliRunner()
FILE = Path("claims/base.yaml")
FORMATS = [str(f) for f in ReportFormat if f is not ReportFormat.AUTO]
posix = pytest.mark.skipif(not cache_module._SUPPORTED, reason="no cache without O_NOFOLLOW")


def same(data: bytes) -> bytes:
    """A decoder that accepts whatever is stored."""
    return data


@pytest.fixture
def store(tmp_path: Path) -> FileCache:
    return FileCache(tmp_path / "cache")


def entries(store: FileCache) -> list[Path]:
    assert store.folder is not None
    return sorted(store.folder.iterdir())


pytestmark = posix


# -- the store ---------------------------------------------------------------------------


def test_a_value_comes_back_for_the_same_bytes_only(store: FileCache) -> None:
    store.put("claims", FILE, "claims/base.yaml", b"one", b"parsed")
    assert store.get("claims", FILE, "claims/base.yaml", b"one", same) == b"parsed"
    assert store.get("claims", FILE, "claims/base.yaml", b"two", same) is None  # stale
    assert store.get("constraints", FILE, "claims/base.yaml", b"one", same) is None  # kind
    assert store.get("claims", FILE, "base.yaml", b"one", same) is None  # shown elsewhere
    assert (store.hits, store.misses) == (1, 3)


def test_what_the_decoder_refuses_is_a_miss(store: FileCache) -> None:
    store.put("claims", FILE, "f", b"x", b"parsed")
    assert store.get("claims", FILE, "f", b"x", lambda data: None) is None
    assert (store.hits, store.misses) == (0, 1)


def test_a_new_factcheck_does_not_read_the_old_ones_entries(
    store: FileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    monkeypatch.setattr(cache_module, "_fingerprint", lambda: b"another version")
    assert store.get("claims", FILE, "f", b"x", same) is None


@pytest.mark.parametrize("garbage", [b"", b"not an entry", b"\x80\x05K\x01.", b"\x80\x05\x95"])
def test_a_corrupt_entry_is_ignored_and_replaced(store: FileCache, garbage: bytes) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    (entry,) = entries(store)
    entry.write_bytes(garbage)
    assert store.get("claims", FILE, "f", b"x", same) is None
    store.put("claims", FILE, "f", b"x", b"2")
    assert store.get("claims", FILE, "f", b"x", same) == b"2"


def test_one_entry_per_file_and_no_temporary_files_left(store: FileCache) -> None:
    for n in range(3):
        store.put("claims", FILE, "f", f"version {n}".encode(), b"n")
    assert [p.suffix for p in entries(store)] == [".json"]


def test_an_old_pickle_beside_an_entry_is_removed_when_it_is_written(store: FileCache) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    (entry,) = entries(store)
    old = entry.with_suffix(".pickle")
    old.write_bytes(b"\x80\x05K\x01.")
    store.put("claims", FILE, "f", b"y", b"2")
    assert entries(store) == [entry]


def test_an_interrupted_write_leaves_the_old_entry_whole(
    store: FileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("claims", FILE, "f", b"x", b"old")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.put("claims", FILE, "f", b"y", b"new")
    monkeypatch.undo()
    assert store.get("claims", FILE, "f", b"x", same) == b"old"
    assert len(entries(store)) == 1  # no temporary file left


def test_off_or_unwritable_means_no_cache_not_an_error(tmp_path: Path) -> None:
    off = FileCache(None)
    off.put("claims", FILE, "f", b"x", b"1")
    assert off.get("claims", FILE, "f", b"x", same) is None
    blocked = tmp_path / "a file"
    blocked.write_text("")
    unwritable = FileCache(blocked / "cache")
    unwritable.put("claims", FILE, "f", b"x", b"1")
    assert unwritable.get("claims", FILE, "f", b"x", same) is None


def test_the_folder_and_its_entries_are_private(store: FileCache) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    assert store.folder is not None
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    (entry,) = entries(store)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


# -- what is not trusted is not read ----------------------------------------------------


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_folder_others_can_write_to_is_neither_read_nor_written(
    store: FileCache, mode: int
) -> None:
    """Someone who can write the folder could plant an entry: such a folder is no cache."""
    store.put("claims", FILE, "f", b"x", b"1")
    assert store.folder is not None
    store.folder.chmod(mode)
    assert store.get("claims", FILE, "f", b"x", same) is None
    store.put("claims", FILE, "f", b"y", b"2")
    store.folder.chmod(0o700)
    assert store.get("claims", FILE, "f", b"x", same) == b"1"  # y was not written


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_an_entry_others_can_write_to_is_not_read(store: FileCache, mode: int) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    (entry,) = entries(store)
    entry.chmod(mode)
    assert store.get("claims", FILE, "f", b"x", same) is None
    entry.chmod(0o600)
    assert store.get("claims", FILE, "f", b"x", same) == b"1"


@pytest.mark.parametrize("whose", ["folder", "entry"])
def test_what_belongs_to_another_user_is_not_read(
    store: FileCache, monkeypatch: pytest.MonkeyPatch, whose: str
) -> None:
    """The folder, or the entry, as ``fstat`` reports it when another user owns it
    (changing what fstat says stands in for chown, which needs root)."""
    store.put("claims", FILE, "f", b"x", b"1")
    real_fstat = os.fstat
    foreign = stat.S_ISDIR if whose == "folder" else stat.S_ISREG

    def fstat(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        if not foreign(status.st_mode):
            return status
        fields = list(status[:10])
        fields[stat.ST_UID] = os.geteuid() + 1
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)
    assert store.get("claims", FILE, "f", b"x", same) is None
    monkeypatch.undo()
    assert store.get("claims", FILE, "f", b"x", same) == b"1"


def test_a_symlinked_entry_is_neither_read_nor_written_through(
    store: FileCache, tmp_path: Path
) -> None:
    store.put("claims", FILE, "f", b"x", b"1")
    (entry,) = entries(store)
    elsewhere = tmp_path / "elsewhere.json"
    entry.rename(elsewhere)  # a good entry, but reached through a link
    entry.symlink_to(elsewhere)
    assert store.get("claims", FILE, "f", b"x", same) is None
    kept = elsewhere.read_bytes()
    store.put("claims", FILE, "f", b"x", b"2")
    assert elsewhere.read_bytes() == kept  # the link is replaced, not what it names
    assert not entry.is_symlink()


def test_a_symlinked_folder_is_neither_read_nor_written(tmp_path: Path) -> None:
    real = FileCache(tmp_path / "real")
    real.put("claims", FILE, "f", b"x", b"1")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "real")
    linked = FileCache(link)
    assert linked.get("claims", FILE, "f", b"x", same) is None
    linked.put("claims", FILE, "f", b"y", b"2")
    assert len(entries(real)) == 1


def test_an_entry_that_is_not_a_regular_file_is_not_read(store: FileCache) -> None:
    """A named pipe would block a read (the entry is opened O_NONBLOCK and refused)."""
    store.put("claims", FILE, "f", b"x", b"1")
    (entry,) = entries(store)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    assert store.get("claims", FILE, "f", b"x", same) is None


def test_an_entry_larger_than_the_bound_is_neither_read_nor_written(
    store: FileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("claims", FILE, "f", b"x", b"1" * 1000)
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 500)
    assert store.get("claims", FILE, "f", b"x", same) is None
    store.put("claims", FILE, "f", b"y", b"2" * 1000)
    monkeypatch.undo()
    assert store.get("claims", FILE, "f", b"x", same) == b"1" * 1000  # y was not written


def test_the_entry_read_is_the_one_checked_not_what_the_path_names_later(
    store: FileCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race of issue 12: right after the checks, the path is made to name another
    entry (and the folder another folder). What is read is what was checked, because
    the entry is read from the descriptor that was checked, opened in the folder's."""
    store.put("claims", FILE, "f", b"x", b"checked")
    assert store.folder is not None
    (entry,) = entries(store)
    swapped = FileCache(tmp_path / "swapped")
    swapped.put("claims", FILE, "f", b"x", b"swapped in")
    real_fstat = os.fstat
    done: list[str] = []

    def fstat_then_swap(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        if stat.S_ISDIR(status.st_mode) and "folder" not in done:
            done.append("folder")
            store.folder.rename(tmp_path / "moved away")  # type: ignore[union-attr]
            (tmp_path / "swapped").rename(tmp_path / "cache")
        elif stat.S_ISREG(status.st_mode) and "entry" not in done:
            done.append("entry")
            os.replace(tmp_path / "cache" / entry.name, tmp_path / "moved away" / entry.name)
        return status

    monkeypatch.setattr(os, "fstat", fstat_then_swap)
    assert store.get("claims", FILE, "f", b"x", same) == b"checked"
    assert done == ["folder", "entry"]


# -- where the cache is -----------------------------------------------------------------


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.default_folder() == tmp_path / "mine"
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    assert cache_module.default_folder() == tmp_path / "xdg" / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_module.default_folder() == tmp_path / "home" / ".cache" / "factcheck"


@pytest.mark.parametrize(
    ("explicit", "xdg", "expected"),
    [
        (".fc-cache", "{tmp}/xdg", "{tmp}/xdg/factcheck"),
        ("fc-cache", ".cache", "{tmp}/home/.cache/factcheck"),
        ("", ".cache", "{tmp}/home/.cache/factcheck"),
        ("~/cache", "", "{tmp}/home/.cache/factcheck"),  # no shell expanded the ~
    ],
)
def test_relative_cache_folders_are_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, explicit: str, xdg: str, expected: str
) -> None:
    """A relative folder would be inside whatever folder factcheck runs in, a checked-out
    repository included; the XDG spec says a relative XDG_CACHE_HOME is invalid."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", explicit)
    monkeypatch.setenv("XDG_CACHE_HOME", xdg.format(tmp=tmp_path))
    assert cache_module.default_folder() == Path(expected.format(tmp=tmp_path))


def test_no_cache_where_home_is_relative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "somewhere")
    assert cache_module.default_folder() is None


@pytest.mark.parametrize("variable", ["FACTCHECK_CACHE_DIR", "XDG_CACHE_HOME"])
def test_a_relative_cache_folder_writes_nothing_into_the_project(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    folder = write_tree({})
    monkeypatch.setenv("HOME", str(tmp_path.parent / f"{tmp_path.name}-home"))
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv(variable, ".fc-cache")
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert not (folder / ".fc-cache").exists()
    assert (tmp_path.parent / f"{tmp_path.name}-home" / ".cache" / "factcheck").is_dir()


@pytest.mark.parametrize("inside", [".fc-cache", "claims/.cache", "texts/cache"])
def test_a_cache_folder_inside_the_project_is_not_used(
    write_tree: WriteTree, monkeypatch: pytest.MonkeyPatch, inside: str
) -> None:
    """Absolute, but inside the project's root, claims or sources folder: a repository
    could commit entries there, and a check would write into the working tree."""
    folder = write_tree({})
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder / inside))
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert not (folder / inside).exists()


def test_a_project_holding_the_home_folder_does_not_stop_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked from the home folder with no configuration, the project's root is the
    home folder: ~/.cache/factcheck is still where the cache goes."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    expected = home / ".cache" / "factcheck"
    assert cache_module.folder_for([home, tmp_path, home / "claims"]) == expected
    assert cache_module.folder_for([home / ".cache"]) is None
    assert cache_module.folder_for([home / "project"]) == expected


# -- through the loader and the command line -------------------------------------------


def test_a_recheck_reads_only_the_changed_file(write_tree: WriteTree, tmp_path: Path) -> None:
    folder = write_tree(MISQUOTED)
    store = FileCache(tmp_path.parent / f"{tmp_path.name}-cache")
    settings = discover_settings(folder)
    first = load(settings, store)
    assert (store.hits, store.misses) == (0, 2)
    second = load(settings, store)
    assert (store.hits, store.misses) == (2, 2)
    assert second[0].claims == first[0].claims
    assert second[1] == first[1]  # the findings met while loading, FC105's among them
    extra = folder / "claims" / "extra.yaml"
    extra.write_text(extra.read_text().replace("591", "592"))
    changed, _ = load(settings, store)
    assert (store.hits, store.misses) == (3, 3)
    assert changed.claims["bj-rank"].record.value == "592"


BROKEN = {
    "claims/broken.yaml": """
        claims:
          - id: bad
            source: s
            value: 5.5
          - {id: Bad Id, source: s}
        entities: {not: a list}
        ghosts: []
    """
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_report_is_the_same_with_a_cold_warm_or_corrupt_cache(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """In every format, byte for byte: the findings met while loading (schema errors,
    rejected records) come from the cache as they came from the parse."""
    write_tree({**MISQUOTED, **BROKEN})
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(cache))
    reports = [runner.invoke(app, ["check", "-f", fmt]).stdout for _ in range(2)]
    assert len(list(cache.iterdir())) == 3
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:-10])  # torn
    reports.append(runner.invoke(app, ["check", "-f", fmt]).stdout)
    reports.append(runner.invoke(app, ["check", "-f", fmt, "--no-cache"]).stdout)
    assert len(set(reports)) == 1
    if fmt == "json":
        assert json.loads(reports[0])["summary"]["errors"] > 1


def test_no_cache_writes_nothing(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree({})
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(cache))
    assert runner.invoke(app, ["check", "--no-cache"]).exit_code == 0
    assert not cache.exists()
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert len(list(cache.iterdir())) == 1


def test_a_file_name_that_is_not_utf8_is_cached(write_tree: WriteTree, tmp_path: Path) -> None:
    """Issue 12, section 6: the cache key of b"claims/\\xff.yaml" raised
    UnicodeEncodeError on every check."""
    folder = write_tree(MISQUOTED)
    try:
        (folder / "claims" / "extra.yaml").rename(
            os.fsdecode(b"%s/claims/\xff.yaml" % bytes(folder))
        )
    except (OSError, UnicodeError):  # pragma: no cover - a file system of UTF-8 names only
        pytest.skip("this file system refuses names that are not UTF-8")
    store = FileCache(tmp_path.parent / f"{tmp_path.name}-cache")
    settings = discover_settings(folder)
    cold = load(settings, store)
    warm = load(settings, store)
    assert (store.hits, store.misses) == (2, 2)
    assert (warm[0].claims, warm[1]) == (cold[0].claims, cold[1])

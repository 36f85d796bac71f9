"""The parsed-file cache: hits only on the same bytes and the same factcheck, ignores
what is stale or corrupt, writes whole entries or none, and never changes a report."""

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
from factcheck.config import discover_settings

from .conftest import MISQUOTED, WriteTree

runner = CliRunner()
FILE = Path("claims/base.yaml")


@pytest.fixture
def store(tmp_path: Path) -> FileCache:
    return FileCache(tmp_path / "cache")


def test_a_value_comes_back_for_the_same_bytes_only(store: FileCache) -> None:
    store.put("claims", FILE, "claims/base.yaml", b"one", {"parsed": 1})
    assert store.get("claims", FILE, "claims/base.yaml", b"one") == {"parsed": 1}
    assert store.get("claims", FILE, "claims/base.yaml", b"two") is None  # stale
    assert store.get("constraints", FILE, "claims/base.yaml", b"one") is None  # other kind
    assert store.get("claims", FILE, "base.yaml", b"one") is None  # shown elsewhere
    assert (store.hits, store.misses) == (1, 3)


def test_a_new_factcheck_does_not_read_the_old_ones_entries(
    store: FileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("claims", FILE, "f", b"x", 1)
    monkeypatch.setattr(cache_module, "_fingerprint", lambda: b"another version")
    assert store.get("claims", FILE, "f", b"x") is None


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95"])
def test_a_corrupt_entry_is_ignored_and_replaced(store: FileCache, garbage: bytes) -> None:
    store.put("claims", FILE, "f", b"x", 1)
    (entry,) = store.folder.iterdir()  # type: ignore[union-attr]
    entry.write_bytes(garbage)
    assert store.get("claims", FILE, "f", b"x") is None
    store.put("claims", FILE, "f", b"x", 2)
    assert store.get("claims", FILE, "f", b"x") == 2


def test_one_entry_per_file_and_no_temporary_files_left(store: FileCache) -> None:
    for n in range(3):
        store.put("claims", FILE, "f", f"version {n}".encode(), n)
    assert [p.suffix for p in store.folder.iterdir()] == [".pickle"]  # type: ignore[union-attr]


def test_an_interrupted_write_leaves_the_old_entry_whole(
    store: FileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put("claims", FILE, "f", b"x", "old")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.put("claims", FILE, "f", b"y", "new")
    monkeypatch.undo()
    assert store.get("claims", FILE, "f", b"x") == "old"
    assert len(list(store.folder.iterdir())) == 1  # type: ignore[union-attr]


def test_off_or_unwritable_means_no_cache_not_an_error(tmp_path: Path) -> None:
    off = FileCache(None)
    off.put("claims", FILE, "f", b"x", 1)
    assert off.get("claims", FILE, "f", b"x") is None
    blocked = tmp_path / "a file"
    blocked.write_text("")
    unwritable = FileCache(blocked / "cache")
    unwritable.put("claims", FILE, "f", b"x", 1)
    assert unwritable.get("claims", FILE, "f", b"x") is None


def test_the_folder_is_private(store: FileCache) -> None:
    store.put("claims", FILE, "f", b"x", 1)
    assert store.folder is not None
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_read(store: FileCache) -> None:
    """Someone who can write the folder could plant a pickle: such a folder is no cache."""
    store.put("claims", FILE, "f", b"x", 1)
    assert store.folder is not None
    store.folder.chmod(0o777)
    assert store.get("claims", FILE, "f", b"x") is None
    store.folder.chmod(0o700)
    assert store.get("claims", FILE, "f", b"x") == 1


def test_the_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_module.default_folder() == tmp_path / "mine"
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.default_folder() == tmp_path / "xdg" / "factcheck"


# -- through the loader and the command line -------------------------------------------


def test_a_recheck_reads_only_the_changed_file(write_tree: WriteTree, tmp_path: Path) -> None:
    folder = write_tree(MISQUOTED)
    store = FileCache(tmp_path / "cache")
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


def test_the_report_is_the_same_with_a_cold_warm_or_corrupt_cache(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(MISQUOTED)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    reports = [runner.invoke(app, ["check", "-f", "json"]).stdout for _ in range(2)]
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"\x80\x05 torn")
    reports.append(runner.invoke(app, ["check", "-f", "json"]).stdout)
    reports.append(runner.invoke(app, ["check", "-f", "json", "--no-cache"]).stdout)
    assert len(set(reports)) == 1
    assert json.loads(reports[0])["summary"]["errors"] == 1


def test_no_cache_writes_nothing(
    write_tree: WriteTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree({})
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    assert runner.invoke(app, ["check", "--no-cache"]).exit_code == 0
    assert not (tmp_path / "cache").exists()
    assert runner.invoke(app, ["check"]).exit_code == 0
    assert len(list((tmp_path / "cache").iterdir())) == 1

"""Opening a cache's SQLite file (cache_file.py): a damaged file is made again, a file another
process holds locked is kept, and the run goes without the cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from localize import cache_file
from localize.cache_file import open_cache_file

TABLES = "CREATE TABLE IF NOT EXISTS rows (key TEXT PRIMARY KEY, value TEXT);"


def _store_one_row(path: Path) -> None:
    db = open_cache_file(path, TABLES, "rows")
    assert db is not None
    with db:
        db.execute("INSERT INTO rows VALUES ('kept', 'yes')")
    db.close()


def _rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT key, value FROM rows").fetchall()
    db.close()
    return rows


def test_a_damaged_file_is_deleted_and_made_again(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"not a database at all" * 50)
    db = open_cache_file(path, TABLES, "rows")
    assert db is not None
    assert db.execute("SELECT count(*) FROM rows").fetchone() == (0,)
    db.close()
    _store_one_row(path)
    assert _rows(path) == [("kept", "yes")]


def test_a_locked_file_is_kept_and_the_cache_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cache.sqlite"
    _store_one_row(path)
    monkeypatch.setattr(cache_file, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another localize process writing it
    try:
        assert open_cache_file(path, TABLES, "rows") is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _rows(path) == [("kept", "yes")]

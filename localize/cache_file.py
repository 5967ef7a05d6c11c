"""Opening a cache's SQLite file in ``.localize/``: a damaged file is deleted and made again.

A cache holds nothing that cannot be computed again, so a file SQLite cannot read is not
worth keeping; any other failure (a file another process holds locked past ``BUSY_TIMEOUT_S``,
a folder that cannot be written) only means the run goes without the cache.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# How long to wait for another process's lock on the file before going without the cache.
BUSY_TIMEOUT_S = 10.0


def open_cache_file(
    path: Path, tables: str, probe_table: str, *, any_thread: bool = False
) -> sqlite3.Connection | None:
    """A connection to the SQLite file ``path`` with the ``tables`` script run (its
    ``CREATE TABLE IF NOT EXISTS`` statements) and ``probe_table`` read once, so that a
    damaged file shows now; the file is deleted and made again once when it is damaged.
    None when the cache cannot be used. ``any_thread``: the caller serialises the threads
    that use the connection."""
    for _attempt in range(2):
        try:
            return _connect(path, tables, probe_table, any_thread)
        except sqlite3.OperationalError:
            # Locked or unwritable, not damaged: an OperationalError is a DatabaseError too.
            return None
        except sqlite3.DatabaseError:
            try:
                path.unlink()
            except OSError:
                return None
        except sqlite3.Error:
            return None
    return None


def _connect(path: Path, tables: str, probe_table: str, any_thread: bool) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=not any_thread)
    try:
        # A cache: losing the last write to a crash costs work done again, so it is not synced.
        db.executescript("PRAGMA synchronous = OFF;" + tables)
        db.execute(f"SELECT count(*) FROM {probe_table}").fetchone()
    except sqlite3.Error:
        db.close()
        raise
    return db


def keep_used_last(db: sqlite3.Connection, table: str, key: str, kept: int) -> None:
    """Delete the rows of ``table`` but the ``kept`` used last (its ``used`` column); ``key``
    is the column, or the parenthesised columns, that name a row. Counted first: most stores
    add a few rows to a table far below its bound."""
    (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
    if count > kept:
        db.execute(
            f"DELETE FROM {table} WHERE {key} IN (SELECT {key.strip('()')} FROM {table} "
            "ORDER BY used DESC LIMIT -1 OFFSET ?)",
            (kept,),
        )

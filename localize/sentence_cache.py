"""The sentence spans of each paragraph remembered between runs, so that an update after a
one-sentence edit segments the paragraph that changed, not the whole article.

``segment.split_sentences`` is a function of the block's text and language and of localize's
code alone; its spans are kept in ``.localize/sentences.sqlite`` under a digest of the
language and the text, for the code that computed them (``codestamp``): another localize
segments afresh, and its rows are dropped. A run reads only the rows of the paragraphs it
segments, and the store keeps the ``KEPT_PARAGRAPHS`` used last. Every failure to use the
store (damaged, locked) only means segmenting; ``LOCALIZE_NO_RUN_CACHE`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from localize import segment
from localize.cache_file import keep_used_last, open_cache_file
from localize.codestamp import code_stamp
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "sentences.sqlite"
# Paragraphs remembered at most (a row of a few dozen bytes each): the articles of a busy
# newsroom's project over months. Past it, the rows used longest ago are dropped.
KEPT_PARAGRAPHS = 200_000
# Paragraphs read ahead per query (SQLite's limit on parameters is 999 before 3.32).
_CHUNK = 900
Spans = list[tuple[int, int]]
# Rows have a time of last use: the table of the first version (``spans``) had none.
_TABLES = (
    "DROP TABLE IF EXISTS spans;"
    "CREATE TABLE IF NOT EXISTS paragraphs (key BLOB PRIMARY KEY, stamp TEXT, spans TEXT, "
    "used REAL) WITHOUT ROWID;"
)


class SpanMemo:
    """The spans known from earlier runs (read from ``db`` one paragraph at a time, as asked
    for), and those computed in this one. Both are held as the JSON text the store keeps,
    parsed when asked for: the memo lives as long as the run, and a list of tuples per
    paragraph of a long article cost twice as much."""

    def __init__(self, db: sqlite3.Connection | None, stamp: str) -> None:
        self._db = db
        self.stamp = stamp
        self.known: dict[bytes, str] = {}
        self.fresh: dict[bytes, str] = {}
        # Paragraphs answered from the store: their rows count as used now.
        self.reused: set[bytes] = set()
        # Rows read ahead by ``prefetch``, and the keys it asked for (one it found no row for
        # is not asked for again).
        self._prefetched: dict[bytes, str] = {}
        self._asked: set[bytes] = set()

    def prefetch(self, texts: list[str], lang: str) -> None:
        """Read the stored rows of ``texts`` (blocks about to be asked for) in a few queries."""
        if self._db is None:
            return
        keys = [_key(text, lang) for text in texts]
        wanted = list(dict.fromkeys(k for k in keys if k not in self.fresh and k not in self.known))
        try:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, spans FROM paragraphs WHERE stamp = ? AND key IN ({marks})",
                    (self.stamp, *chunk),
                ).fetchall()
                self._prefetched.update((bytes(key), str(spans)) for key, spans in rows)
                self._asked.update(chunk)
        except sqlite3.Error:
            return  # asked for one at a time, as without the prefetch

    def spans(self, text: str, lang: str, split: Callable[[str, str], Spans]) -> Spans:
        key = _key(text, lang)
        held = self.fresh.get(key) or self.known.get(key)
        found = _parsed(held) if held is not None else None
        if found is None:
            stored = self._stored(key)
            found = _parsed(stored) if stored is not None else None
            if stored is not None and found is not None:
                self.reused.add(key)
                self.known[key] = stored
            else:
                found = split(text, lang)
                # Held once: in ``fresh`` until the store has it.
                self.fresh[key] = json.dumps(found)
        return found

    def _stored(self, key: bytes) -> str | None:
        if self._db is None:
            return None
        if key in self._prefetched:
            return self._prefetched.pop(key)
        if key in self._asked:
            return None
        try:
            row = self._db.execute(
                "SELECT spans FROM paragraphs WHERE key = ? AND stamp = ?", (key, self.stamp)
            ).fetchone()
        except sqlite3.Error:
            return None  # an unreadable store: segmented, and stored afresh
        return None if row is None else str(row[0])


def _key(text: str, lang: str) -> bytes:
    return hashlib.blake2b(f"{lang}\0{text}".encode(), digest_size=16).digest()


def _parsed(stored: str) -> Spans | None:
    """The spans of a stored row, or None for a damaged one (the paragraph is segmented)."""
    try:
        return [(int(a), int(b)) for a, b in json.loads(stored)]
    except (ValueError, TypeError):
        return None


@contextmanager
def remembered_sentences(directory: Path) -> Iterator[None]:
    """Within this block, ``segment.split_sentences`` answers from the store of ``directory``
    (``.localize/``) what it computed before; what it computes is stored when the block ends
    (the first run of a project creates the directory meanwhile)."""
    if os.environ.get(NO_RUN_CACHE_ENV):
        yield
        return
    db = _open(directory)
    memo = SpanMemo(db, code_stamp())
    token = segment.REMEMBERED_SPANS.set(memo)
    try:
        yield
    finally:
        segment.REMEMBERED_SPANS.reset(token)
        if db is None and memo.fresh:
            db = _open(directory)
        if db is not None:
            _remember(db, memo)
            db.close()


def _open(directory: Path) -> sqlite3.Connection | None:
    if not directory.is_dir():
        return None
    return open_cache_file(directory / FILE_NAME, _TABLES, "paragraphs")


def _remember(db: sqlite3.Connection, memo: SpanMemo) -> None:
    """Store what was segmented afresh, mark the rows reused as used now, and drop the rows
    of other code and those past ``KEPT_PARAGRAPHS``, used longest ago."""
    if not memo.fresh and not memo.reused:
        return
    stamp, now = memo.stamp, time.time()
    try:
        with db:
            db.executemany(
                "UPDATE paragraphs SET used = ? WHERE key = ?",
                [(now, key) for key in memo.reused],
            )
            if not memo.fresh:
                return
            # Rows are written under one stamp: one row tells whether another code's remain
            # (without a scan of the whole table on every run).
            first = db.execute("SELECT stamp FROM paragraphs LIMIT 1").fetchone()
            if first is not None and first[0] != stamp:
                db.execute("DELETE FROM paragraphs WHERE stamp != ?", (stamp,))
            db.executemany(
                "INSERT OR REPLACE INTO paragraphs VALUES (?, ?, ?, ?)",
                [(key, stamp, spans, now) for key, spans in memo.fresh.items()],
            )
            keep_used_last(db, "paragraphs", "key", KEPT_PARAGRAPHS)
    except sqlite3.Error:
        return  # remembered another time

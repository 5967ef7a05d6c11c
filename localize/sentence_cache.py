"""The sentence spans of each paragraph remembered between runs, so that an update after a
one-sentence edit segments the paragraph that changed, not the whole article.

``segment.split_sentences`` is a function of the block's text and language and of localize's
code alone; its spans are kept in ``.localize/sentences.sqlite`` under a digest of the
language and the text, for the code that computed them (``codestamp``): another localize
segments afresh. Every failure to use the store (damaged, locked) only means segmenting;
``LOCALIZE_NO_RUN_CACHE`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from localize import segment
from localize.codestamp import code_stamp
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "sentences.sqlite"
Spans = list[tuple[int, int]]


class SpanMemo:
    """The spans known from earlier runs, and those computed in this one. Both are held as the
    JSON text the store keeps, parsed when asked for: the memo lives as long as the run, and a
    list of tuples per paragraph of a long article cost twice as much."""

    def __init__(self, known: dict[bytes, str]) -> None:
        self.known = known
        self.fresh: dict[bytes, str] = {}

    def spans(self, text: str, lang: str, split: Callable[[str, str], Spans]) -> Spans:
        key = hashlib.blake2b(f"{lang}\0{text}".encode(), digest_size=16).digest()
        stored = self.known.get(key) or self.fresh.get(key)
        found = _parsed(stored) if stored is not None else None
        if found is None:
            found = split(text, lang)
            self.fresh[key] = json.dumps(found)
        return found


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
    memo = SpanMemo(_known(db) if db is not None else {})
    token = segment.REMEMBERED_SPANS.set(memo)
    try:
        yield
    finally:
        segment.REMEMBERED_SPANS.reset(token)
        if db is None and memo.fresh:
            db = _open(directory)
        if db is not None:
            _remember(db, memo.fresh)
            db.close()


def _open(directory: Path) -> sqlite3.Connection | None:
    if not directory.is_dir():
        return None
    path = directory / FILE_NAME
    for _attempt in range(2):
        try:
            db = sqlite3.connect(path, timeout=10)
            try:
                db.executescript(
                    "PRAGMA synchronous = OFF;"
                    "CREATE TABLE IF NOT EXISTS spans (key BLOB PRIMARY KEY, stamp TEXT, "
                    "spans TEXT) WITHOUT ROWID;"
                )
                db.execute("SELECT count(*) FROM spans").fetchone()
                return db
            except sqlite3.Error:
                db.close()
                raise
        except sqlite3.DatabaseError:
            try:
                path.unlink()  # damaged: it holds nothing that cannot be computed again
            except OSError:
                return None
        except sqlite3.Error:
            return None
    return None


def _known(db: sqlite3.Connection) -> dict[bytes, str]:
    try:
        rows = db.execute("SELECT key, spans FROM spans WHERE stamp = ?", (code_stamp(),))
        return {bytes(key): str(spans) for key, spans in rows}
    except sqlite3.Error:
        return {}


def _remember(db: sqlite3.Connection, fresh: dict[bytes, str]) -> None:
    if not fresh:
        return
    stamp = code_stamp()
    try:
        with db:
            db.execute("DELETE FROM spans WHERE stamp != ?", (stamp,))
            db.executemany(
                "INSERT OR REPLACE INTO spans VALUES (?, ?, ?)",
                [(key, stamp, spans) for key, spans in fresh.items()],
            )
    except sqlite3.Error:
        return  # remembered another time

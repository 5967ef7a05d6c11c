"""Entries to translate held on disk from their selection until their catalog is written.

A finished entry of a large article holds about a kilobyte of strings (the draft, the notes
that say where it came from and which glossary terms it has, the digest comment, where the
sentence is): held in memory for every entry until the catalog was written, they were most of
a long run's peak. A held entry keeps only its msgid and flags; the rest waits in a private
temporary SQLite database (deleted when closed, even after a crash: SQLite unlinks it on open),
is taken back one entry at a time to be filled (``restore``, then ``hold`` again), and is put
back one entry at a time while the catalog is counted, compared and written (``restored``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import polib

from localize.errors import LocalizeError

# What a draft sets on an entry besides its flags (a short list, kept in memory), and where
# the sentence is: only the msgid and the flags stay with a held entry.
_HOLLOW: dict[str, object] = {
    "msgstr": "",
    "tcomment": "",
    "comment": "",
    "previous_msgid": None,
    "occurrences": (),
}
# msgstr, tcomment, comment, previous_msgid, occurrences (JSON)
_Row = tuple[str, str, str, str | None, str]
# Rows are written in batches: one INSERT per entry would cost more than the translation.
_BATCH = 512


class DraftSpill:
    """The draft fields of entries, by catalog and sentence, until the catalog is written."""

    def __init__(self) -> None:
        try:
            # An empty name is SQLite's private temporary database, removed when closed.
            self._db = sqlite3.connect("", isolation_level=None)
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute(
                "CREATE TABLE drafts (catalog INTEGER, ctxt TEXT, msgid TEXT, msgstr TEXT,"
                " tcomment TEXT, comment TEXT, previous_msgid TEXT, occurrences TEXT,"
                " PRIMARY KEY (catalog, ctxt, msgid)) WITHOUT ROWID"
            )
        except sqlite3.Error as error:
            raise LocalizeError(
                f"cannot create a temporary file for the drafts ({error}); "
                "set TMPDIR to a writable folder with free space"
            ) from None
        self._catalogs: dict[Path, int] = {}
        # Held rows not yet written, by (catalog, msgctxt, msgid): an entry taken back and held
        # again (``restore`` then ``hold``) replaces its row here instead of a write each time.
        self._pending: dict[tuple[int, str, str], tuple[int, str, str, *_Row]] = {}

    def hold(self, catalog: Path, entry: polib.POEntry) -> None:
        """Move ``entry``'s strings here; the entry looks empty until ``restore``/``restored``."""
        number = self._catalogs.setdefault(catalog, len(self._catalogs))
        key = (number, entry.msgctxt or "", entry.msgid)
        self._pending[key] = (
            *key,
            entry.msgstr,
            entry.tcomment,
            entry.comment,
            entry.previous_msgid,
            json.dumps(entry.occurrences, ensure_ascii=False),
        )
        for name, value in _HOLLOW.items():
            setattr(entry, name, value)
        if len(self._pending) >= _BATCH:
            self._flush()

    def restore(self, catalog: Path, entry: polib.POEntry) -> None:
        """Give ``entry`` its held fields back, to look at or change it (``hold`` it again
        after)."""
        number = self._catalogs.get(catalog)
        if number is None:
            return
        pending = self._pending.get((number, entry.msgctxt or "", entry.msgid))
        row: _Row | None = pending[3:] if pending is not None else self._row(number, entry)
        if row is not None:
            _fill(entry, row)

    def forget(self, catalog: Path) -> None:
        """Drop what is held for ``catalog`` (its entries are being made again)."""
        self._flush()
        number = self._catalogs.pop(catalog, None)
        if number is not None:
            self._db.execute("DELETE FROM drafts WHERE catalog=?", (number,))

    def restored(self, catalog: Path, entries: Iterable[polib.POEntry]) -> Iterator[polib.POEntry]:
        """Each entry with its held fields back while the caller looks at it, emptied again
        when the next one is asked for, so that one finished entry is in memory at a time."""
        self._flush()
        number = self._catalogs.get(catalog)
        if number is None:
            yield from entries
            return
        for entry in entries:
            row = None
            if not entry.obsolete and not entry.msgstr:
                row = self._row(number, entry)
            if row is None:
                yield entry
                continue
            _fill(entry, row)
            try:
                yield entry
            finally:
                for name, value in _HOLLOW.items():
                    setattr(entry, name, value)

    def close(self) -> None:
        self._pending.clear()
        self._db.close()

    def _row(self, number: int, entry: polib.POEntry) -> _Row | None:
        return self._db.execute(
            "SELECT msgstr, tcomment, comment, previous_msgid, occurrences FROM drafts"
            " WHERE catalog=? AND ctxt=? AND msgid=?",
            (number, entry.msgctxt or "", entry.msgid),
        ).fetchone()

    def _flush(self) -> None:
        if self._pending:
            self._db.executemany(
                "INSERT OR REPLACE INTO drafts VALUES (?,?,?,?,?,?,?,?)", self._pending.values()
            )
            self._pending.clear()


def _fill(entry: polib.POEntry, row: _Row) -> None:
    msgstr, tcomment, comment, previous_msgid, occurrences = row
    entry.msgstr, entry.tcomment, entry.comment = msgstr, tcomment, comment
    entry.previous_msgid = previous_msgid
    entry.occurrences = [tuple(place) for place in json.loads(occurrences)]

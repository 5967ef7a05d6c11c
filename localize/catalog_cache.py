"""Parsed catalogs remembered by the SHA-256 of their file, so that an update that changes one
sentence does not parse, syntax-check and measure the layout of every entry of a long catalog
again.

A catalog file is only ever answered from here when its bytes have the digest a parse (or a
write by localize) recorded, with the same localize code: a person's edit changes the digest
and the file is read in full. What is kept is what ``catalog.load_catalog`` builds from the
file: the entries, the header and the layout (``polayout.Layout``). Entry line numbers are not
kept (the update path never reports them; ``check`` and ``report`` read catalogs in full).

The store is ``.localize/catalogs.sqlite``: one row per distinct entry, keyed by the digest of
its text as written (the key ``polayout.Layout`` uses), and one row per catalog file with its
headers, layout and the keys of its entries in order. A new version of a catalog adds only the
entries that changed. Rows are JSON (never pickle: nothing read from the working directory can
run code). Every failure to use it (a corrupt file, an old schema,
a locked database) only means the catalog is parsed; ``LOCALIZE_NO_RUN_CACHE`` turns it off.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path

import polib

from localize.cache_file import keep_used_last, open_cache_file
from localize.catalog import declared_charset
from localize.codestamp import code_stamp
from localize.polayout import (
    AS_WRITTEN,
    Layout,
    Renders,
    WrittenShape,
    content_digest,
    content_of,
    fields_of,
)
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "catalogs.sqlite"
SCHEMA = "catalogs-4"
# Versions kept (a row of headers and entry keys each; entries are shared): the catalogs of a
# project of many articles, in every language, as last read and as last written.
KEPT_CATALOGS = 256
# Entries kept at most; past this the store starts again (entries are not counted per use).
KEPT_ENTRIES = 250_000
_KEY_SIZE = 16
# Entries of a catalog localize writes that are remembered as written (``WrittenShape.most``);
# a longer catalog is remembered when it is next read. 5,000 entries is a text of about 600 KB,
# far beyond a news story; past it, the catalog's text held twice counts in the peak memory.
REMEMBERED_AS_WRITTEN = 5_000
# Entry rows written per statement: a long catalog's rows are not all held at once.
_ROWS_PER_INSERT = 1024

_ENTRY_FIELDS = (
    "msgid",
    "msgstr",
    "msgid_plural",
    "msgctxt",
    "comment",
    "tcomment",
    "flags",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
)
_TABLES = (
    "CREATE TABLE IF NOT EXISTS catalogs (digest BLOB PRIMARY KEY, stamp TEXT, head TEXT, "
    "keys BLOB, used REAL);"
    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, stamp TEXT, fields TEXT, "
    "content TEXT) WITHOUT ROWID;"
)


class CatalogCache:
    """The store of parsed catalogs; ``None`` connection: nothing is remembered."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @classmethod
    def open(cls, directory: Path) -> CatalogCache:
        if os.environ.get(NO_RUN_CACHE_ENV) or not directory.is_dir():
            return cls(None)
        return cls(open_cache_file(directory / FILE_NAME, _TABLES, "catalogs"))

    @classmethod
    def disabled(cls) -> CatalogCache:
        return cls(None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def get(self, digest: bytes) -> tuple[polib.POFile, Layout | None, Renders] | None:
        """The catalog parsed from a file with this SHA-256, as ``load_catalog`` built it, and
        the text of each of its entries (``Renders``)."""
        if self._db is None:
            return None
        stamp = _stamp()
        keys: list[str] = []
        try:
            found = self._db.execute(
                "SELECT head, keys FROM catalogs WHERE digest = ? AND stamp = ?", (digest, stamp)
            ).fetchone()
            if found is None:
                return None
            keys = _unpack_keys(bytes(found[1]))
            rows = {
                key: (fields, content)
                for key, fields, content in self._db.execute(
                    "SELECT key, fields, content FROM entries WHERE stamp = ? AND key IN "
                    "(SELECT value FROM json_each(?))",
                    (stamp, json.dumps(keys)),
                )
            }
            if any(key not in rows for key in keys):
                return None  # some entries were dropped since: parsed again
            decoded = _decode(json.loads(found[0]), keys, [rows[key] for key in keys])
        except sqlite3.Error:
            return None
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            self._forget(digest, keys)  # unreadable rows: parsed again, and stored afresh
            return None
        self._touch(digest)
        return decoded

    def _touch(self, digest: bytes) -> None:
        # Pruning keeps the catalogs used last: one read on every run (another article's, read
        # for its reviewed work) is kept although localize never writes it again.
        assert self._db is not None
        try:
            with self._db:
                self._db.execute(
                    "UPDATE catalogs SET used = ? WHERE digest = ?", (time.time(), digest)
                )
        except sqlite3.Error:
            return

    def _forget(self, digest: bytes, keys: list[str]) -> None:
        assert self._db is not None
        try:
            with self._db:
                self._db.execute("DELETE FROM catalogs WHERE digest = ?", (digest,))
                self._db.execute(
                    "DELETE FROM entries WHERE key IN (SELECT value FROM json_each(?))",
                    (json.dumps(keys),),
                )
        except sqlite3.Error:
            return

    def put(
        self,
        digest: bytes,
        po: polib.POFile,
        entries: Iterable[polib.POEntry],
        layout: Layout | None,
        contents: list[str],
        encoding: str | None = None,
        digests: list[bytes] | None = None,
    ) -> None:
        """Remember the catalog read from a file with this SHA-256: the headers of ``po``, its
        ``entries`` in the file's order, the ``layout`` and each entry's ``content_of`` (when
        not known, ``[]``: rendered here), and their ``content_digest`` when known;
        ``encoding`` is the file's charset when ``po`` does not say it. Each entry is read
        once, in order, while ``entries`` yields it: drafts held on disk (``draftspill``) are
        filled only then."""
        if self._db is None:
            return
        if not contents:
            entries = list(entries)
            contents = [content_of(entry) for entry in entries]
            digests = None
        if digests is None:
            digests = [content_digest(content) for content in contents]
        keys = [digest.hex() for digest in digests]
        head = json.dumps(_head(po, encoding or po.encoding, layout, keys), ensure_ascii=False)
        stamp = _stamp()
        try:
            with self._db:
                known = {
                    row[0]
                    for row in self._db.execute(
                        "SELECT key FROM entries WHERE stamp = ? AND key IN "
                        "(SELECT value FROM json_each(?))",
                        (stamp, json.dumps(keys)),
                    )
                }
                fresh: list[tuple[str, str, str, str]] = []
                added = False
                for key, entry, content in zip(keys, entries, contents, strict=True):
                    if key in known:
                        continue
                    known.add(key)
                    added = True
                    fields = json.dumps(_fields(entry), ensure_ascii=False)
                    fresh.append((key, stamp, fields, content))
                    if len(fresh) >= _ROWS_PER_INSERT:
                        self._insert_entries(fresh)
                self._insert_entries(fresh)
                self._db.execute(
                    "INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?, ?, ?)",
                    (digest, stamp, head, b"".join(digests), time.time()),
                )
                self._prune(stamp, added)
        except sqlite3.Error:
            return  # remembered another time

    def _insert_entries(self, rows: list[tuple[str, str, str, str]]) -> None:
        assert self._db is not None
        self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)
        rows.clear()

    def _prune(self, stamp: str, added: bool) -> None:
        """Drop another code's rows, the catalogs past ``KEPT_CATALOGS`` used longest ago, and,
        when ``added`` entries took the table past ``KEPT_ENTRIES``, all but the newest's."""
        assert self._db is not None
        # Entries are written with their catalog under one stamp: the small catalogs table
        # tells whether another code's rows remain, without a scan of the entries on every put.
        other = self._db.execute(
            "SELECT 1 FROM catalogs WHERE stamp != ? LIMIT 1", (stamp,)
        ).fetchone()
        if other is not None:
            self._db.execute("DELETE FROM catalogs WHERE stamp != ?", (stamp,))
            self._db.execute("DELETE FROM entries WHERE stamp != ?", (stamp,))
        keep_used_last(self._db, "catalogs", "digest", KEPT_CATALOGS)
        if not added:
            return
        (count,) = self._db.execute("SELECT count(*) FROM entries").fetchone()
        if count > KEPT_ENTRIES:
            # Entries no kept catalog uses are not tracked: start again from the newest.
            self._db.execute(
                "DELETE FROM catalogs WHERE digest NOT IN (SELECT digest FROM catalogs "
                "ORDER BY used DESC LIMIT 1)"
            )
            (packed,) = self._db.execute("SELECT keys FROM catalogs").fetchone()
            keys = _unpack_keys(packed)
            self._db.execute(
                "DELETE FROM entries WHERE key NOT IN (SELECT value FROM json_each(?))",
                (json.dumps(keys),),
            )

    def put_written(
        self,
        digest_hex: str,
        po: polib.POFile,
        shape: WrittenShape,
        entries: Callable[[polib.POFile], Iterable[polib.POEntry]] = iter,
    ) -> None:
        """Remember a catalog localize has just written from ``po``, when what a parse of that
        file would give is known without reading it: the file is in localize's own style
        (``shape``, gathered while writing it). Otherwise the next run parses it and remembers
        it then. ``entries`` gives each entry as it was written (as ``save_catalog``'s does)."""
        if self._db is None or not shape.own_style:
            return
        # In the order of the file (catalog.catalog_chunks writes obsolete entries last).
        in_order = chain((e for e in entries(po) if not e.obsolete), (e for e in po if e.obsolete))
        header = shape.layout.header
        # As load_catalog names it: the charset the written header declares.
        charset = declared_charset(header[1].encode("utf-8")) if header else None
        self.put(
            bytes.fromhex(digest_hex),
            po,
            in_order,
            shape.layout,
            shape.contents,
            charset or "utf-8",
            shape.keys,
        )


def _unpack_keys(packed: bytes) -> list[str]:
    """The entry keys of a catalog row, packed as ``_KEY_SIZE`` bytes each."""
    return [packed[i : i + _KEY_SIZE].hex() for i in range(0, len(packed), _KEY_SIZE)]


def _stamp() -> str:
    # polib's own version too: what its parser gives is what is remembered.
    return f"{SCHEMA}:{code_stamp()}:{getattr(polib, '__version__', '')}"


def _head(po: polib.POFile, encoding: str, layout: Layout | None, keys: list[str]) -> dict:
    return {
        "header": po.header,
        "metadata": list(po.metadata.items()),
        "metadata_is_fuzzy": bool(po.metadata_is_fuzzy),
        "encoding": encoding,
        "layout": None
        if layout is None
        else {
            "width": layout.width,
            "wrap_comments": layout.wrap_comments,
            "msgcat_breaks": layout.msgcat_breaks,
            "line_end": layout.line_end,
            # No entry's text as read (``polayout.plain_layout``): none is written as read.
            "plain": bool(keys) and not layout.entries,
            "header": None if layout.header is None else list(layout.header),
            # The text as read of the entries not written as their content renders.
            "kept": {
                key: layout.entries[bytes.fromhex(key)]
                for key in keys
                if layout.entries.get(bytes.fromhex(key)) is not AS_WRITTEN
            },
        },
    }


def _fields(entry: polib.POEntry) -> list:
    """What a parse of the entry as written gives."""
    fields = [getattr(entry, name) for name in _ENTRY_FIELDS]
    occurrences = [list(o) for o in entry.occurrences]
    if entry.obsolete:
        # polib writes neither of these for an obsolete entry: a read of the file has none.
        fields[_ENTRY_FIELDS.index("comment")] = ""
        occurrences = []
    return [*fields, sorted(entry.msgstr_plural.items()), occurrences, int(bool(entry.obsolete))]


def _decode(
    head: dict, keys: list[str], rows: list[tuple[str, str]]
) -> tuple[polib.POFile, Layout | None, Renders]:
    encoding = head["encoding"]
    po = polib.POFile(wrapwidth=0)
    po.encoding = encoding
    po.header = head["header"]
    po.metadata = dict(head["metadata"])
    po.metadata_is_fuzzy = head["metadata_is_fuzzy"]
    count = len(_ENTRY_FIELDS)
    renders: Renders = {}
    for fields, content in rows:
        row = json.loads(fields)
        entry = polib.POEntry.__new__(polib.POEntry)
        # polib's parser sets these same attributes; building them directly is what makes a
        # remembered catalog cheaper than a parse.
        entry.__dict__.update(zip(_ENTRY_FIELDS, row[:count], strict=True))
        entry.msgstr_plural = {int(k): v for k, v in row[count]}
        entry.occurrences = [(path, line) for path, line in row[count + 1]]
        entry.obsolete = row[count + 2]
        entry.encoding = encoding
        entry.linenum = None
        list.append(po, entry)
        renders[fields_of(entry)] = content
    shape = head["layout"]
    layout = None
    if shape is not None:
        layout = Layout(
            width=shape["width"],
            wrap_comments=shape["wrap_comments"],
            msgcat_breaks=shape["msgcat_breaks"],
            line_end=shape["line_end"],
        )
        layout.header = None if shape["header"] is None else tuple(shape["header"])
        kept = shape["kept"]
        if not shape["plain"]:
            layout.entries = {bytes.fromhex(key): kept.get(key, AS_WRITTEN) for key in keys}
    return po, layout, renders

"""Parsed catalogs remembered by the SHA-256 of their file, so that an update that changes one
sentence does not parse, syntax-check and measure the layout of every entry of a long catalog
again.

A catalog file is only ever answered from here when its bytes have the digest a parse (or a
write by localize) recorded, with the same localize code: a person's edit changes the digest
and the file is read in full. What is kept is what ``catalog.load_catalog`` builds from the
file: the entries, the header and the layout (``polayout.Layout``). Entry line numbers are not
kept (the update path never reports them; ``check`` and ``report`` read catalogs in full).

The store is ``.localize/catalogs.sqlite``, JSON per catalog (never pickle: nothing read from
the working directory can run code). Every failure to use it (a corrupt file, an old schema,
a locked database) only means the catalog is parsed; ``LOCALIZE_NO_RUN_CACHE`` turns it off.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import polib

from localize.catalog import declared_charset
from localize.codestamp import code_stamp
from localize.polayout import AS_WRITTEN, Layout, Renders, WrittenShape, fields_of
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = "catalogs.sqlite"
SCHEMA = "catalogs-1"
# Versions kept: a project's catalogs as last written and as last read, for a few articles.
KEPT_CATALOGS = 32

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


class CatalogCache:
    """The store of parsed catalogs; ``None`` connection: nothing is remembered."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @classmethod
    def open(cls, directory: Path) -> CatalogCache:
        if os.environ.get(NO_RUN_CACHE_ENV) or not directory.is_dir():
            return cls(None)
        path = directory / FILE_NAME
        try:
            return cls(_connect(path))
        except sqlite3.DatabaseError:
            pass  # not a database (a damaged file): it holds nothing worth keeping
        except sqlite3.Error:
            return cls(None)
        try:
            path.unlink()
            return cls(_connect(path))
        except (OSError, sqlite3.Error):
            return cls(None)

    @classmethod
    def disabled(cls) -> CatalogCache:
        return cls(None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def get(self, digest: bytes) -> tuple[polib.POFile, Layout | None, Renders] | None:
        """The catalog parsed from a file with this SHA-256, as ``load_catalog`` built it."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data FROM catalogs WHERE digest = ? AND stamp = ?",
                (digest, _stamp()),
            ).fetchone()
            if row is None:
                return None
            return _decode(json.loads(row[0]))
        except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None  # an unreadable row is parsed again, and replaced then

    def put(
        self,
        digest: bytes,
        po: polib.POFile,
        entries: list[polib.POEntry],
        layout: Layout | None,
        contents: list[str],
        encoding: str | None = None,
    ) -> None:
        """Remember the catalog read from a file with this SHA-256: the headers of ``po``, its
        ``entries`` in the file's order, the ``layout`` and each entry's ``content_of`` (when
        known: else ``[]``); ``encoding`` is the file's charset when ``po`` does not say it."""
        if self._db is None:
            return
        encoded = _encode(po, entries, layout, contents, encoding or po.encoding)
        data = json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO catalogs VALUES (?, ?, ?, ?)",
                    (digest, _stamp(), data, time.time()),
                )
                self._db.execute(
                    "DELETE FROM catalogs WHERE digest IN (SELECT digest FROM catalogs "
                    "ORDER BY used DESC LIMIT -1 OFFSET ?)",
                    (KEPT_CATALOGS,),
                )
        except sqlite3.Error:
            return  # remembered another time

    def put_written(self, digest_hex: str, po: polib.POFile, shape: WrittenShape) -> None:
        """Remember a catalog localize has just written from ``po``, when what a parse of that
        file would give is known without reading it: the file is in localize's own style
        (``shape``, gathered while writing it). Otherwise the next run parses it and remembers
        it then."""
        if self._db is None or not shape.own_style:
            return
        # In the order of the file (catalog.catalog_chunks writes obsolete entries last).
        entries = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
        header = shape.layout.header
        # As load_catalog names it: the charset the written header declares.
        charset = declared_charset(header[1].encode("utf-8")) if header else None
        self.put(
            bytes.fromhex(digest_hex),
            po,
            entries,
            shape.layout,
            shape.contents,
            charset or "utf-8",
        )


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=10)
    try:
        # A cache: losing the last write to a crash costs one parse, so it is not synced.
        db.executescript(
            "PRAGMA synchronous = OFF;"
            "CREATE TABLE IF NOT EXISTS catalogs (digest BLOB PRIMARY KEY, stamp TEXT, "
            "data TEXT, used REAL);"
        )
        db.execute("SELECT count(*) FROM catalogs").fetchone()
    except sqlite3.Error:
        db.close()
        raise
    return db


def _stamp() -> str:
    return f"{SCHEMA}:{code_stamp()}:{polib.__version__}"


def _encode(
    po: polib.POFile,
    entries: list[polib.POEntry],
    layout: Layout | None,
    contents: list[str],
    encoding: str,
) -> dict:
    return {
        "header": po.header,
        "metadata": list(po.metadata.items()),
        "metadata_is_fuzzy": bool(po.metadata_is_fuzzy),
        "encoding": encoding,
        "entries": [_encode_entry(e) for e in entries],
        "contents": contents if len(contents) == len(entries) else [],
        "layout": None
        if layout is None
        else {
            "width": layout.width,
            "wrap_comments": layout.wrap_comments,
            "header": None if layout.header is None else list(layout.header),
            "entries": [[key.hex(), text] for key, text in layout.entries.items()],
        },
    }


def _encode_entry(entry: polib.POEntry) -> list:
    fields = [getattr(entry, name) for name in _ENTRY_FIELDS]
    occurrences = [list(o) for o in entry.occurrences]
    if entry.obsolete:
        # polib writes neither of these for an obsolete entry: a read of the file has none.
        fields[_ENTRY_FIELDS.index("comment")] = ""
        occurrences = []
    return [*fields, sorted(entry.msgstr_plural.items()), occurrences, int(bool(entry.obsolete))]


def _decode(data: dict) -> tuple[polib.POFile, Layout | None, Renders]:
    encoding = data["encoding"]
    po = polib.POFile(wrapwidth=0)
    po.encoding = encoding
    po.header = data["header"]
    po.metadata = dict(data["metadata"])
    po.metadata_is_fuzzy = data["metadata_is_fuzzy"]
    fields = len(_ENTRY_FIELDS)
    for row in data["entries"]:
        entry = polib.POEntry.__new__(polib.POEntry)
        # polib's parser sets these same attributes; building them directly is what makes a
        # remembered catalog cheaper than a parse.
        entry.__dict__.update(zip(_ENTRY_FIELDS, row[:fields], strict=True))
        entry.msgstr_plural = {int(k): v for k, v in row[fields]}
        entry.occurrences = [(path, line) for path, line in row[fields + 1]]
        entry.obsolete = row[fields + 2]
        entry.encoding = encoding
        entry.linenum = None
        list.append(po, entry)
    shape = data["layout"]
    layout = None
    if shape is not None:
        layout = Layout(width=shape["width"], wrap_comments=shape["wrap_comments"])
        layout.header = None if shape["header"] is None else tuple(shape["header"])
        layout.entries = {
            bytes.fromhex(key): (AS_WRITTEN if text is None else text)
            for key, text in shape["entries"]
        }
    contents = data["contents"]
    renders = (
        {fields_of(e): text for e, text in zip(po, contents, strict=True)}
        if len(contents) == len(po)
        else {}
    )
    return po, layout, renders

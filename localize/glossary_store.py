"""Validated glossaries remembered in ``.localize/glossaries.sqlite``, keyed by their file.

Reading a glossary composes its YAML and validates every entry by hand (``glossary._parse``):
65 ms of CPU for the shipped one, paid by every ``translate`` and ``update``, though the file
rarely changes. A glossary that passed validation is kept here as JSON of its fields (never
pickle: the folder is the project's) under the SHA-256 of localize's code stamp, its path as
given and as absolute (entries name their file) and its text; an edited file, another path or
another localize gives another key, and the file is read afresh. A file that fails validation
is never kept, so its error is raised on every run as before. With the fields go what matching
makes of each source form (``glossary.form_pattern_rows``: its regex, needle and stems, 20 ms for
the shipped glossary), so that a run matching a few sentences does not make them all again.

The store is used only inside ``kept_in`` (the commands that read articles into catalogs) and
never with ``LOCALIZE_NO_RUN_CACHE``. Every failure to use it (a damaged file, a row this code
cannot decode) only means the glossary is parsed: the damaged file is made again
(``cache_file``), the row written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from localize.codestamp import code_stamp
from localize.project import NO_RUN_CACHE_ENV

if TYPE_CHECKING:
    import sqlite3

    from localize.glossary import Glossary

FILE_NAME = "glossaries.sqlite"
# Glossary files (and versions of them) kept: a project's own, the shipped one, a few edits.
KEPT_GLOSSARIES = 8
_TABLE = (
    "CREATE TABLE IF NOT EXISTS glossaries (key TEXT PRIMARY KEY, body TEXT, used REAL) "
    "WITHOUT ROWID;"
)


@dataclass
class _Session:
    """The store of one ``kept_in`` block: opened on first use, written when the block ends
    (the first ``translate`` of a project creates ``.localize/`` after it read the glossary)."""

    directory: Path
    db: sqlite3.Connection | None = None
    opened: bool = False
    fresh: dict[str, str] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)

    def connection(self) -> sqlite3.Connection | None:
        if not self.opened and self.directory.is_dir():
            # Imported here: a command outside ``kept_in`` (check, build) loads no SQLite.
            from localize.cache_file import open_cache_file

            self.opened = True
            self.db = open_cache_file(self.directory / FILE_NAME, _TABLE, "glossaries")
        return self.db


_SESSION: ContextVar[_Session | None] = ContextVar("glossary_store_session", default=None)


@contextmanager
def kept_in(directory: Path) -> Iterator[None]:
    """Glossaries read within are taken from, and kept in, ``directory``'s store."""
    if os.environ.get(NO_RUN_CACHE_ENV):
        yield
        return
    session = _Session(directory)
    token = _SESSION.set(session)
    try:
        yield
    finally:
        _SESSION.reset(token)
        _write(session)


def stored_or_parsed(text: str, path: Path, parse: Callable[[str, Path], Glossary]) -> Glossary:
    """The glossary of ``text`` read from ``path``: the stored one when this code validated
    the same file before, else ``parse(text, path)``, kept for the next run."""
    session = _SESSION.get()
    if session is None:
        return parse(text, path)
    key = _key(text, path)
    found = _lookup(session, key)
    if found is not None:
        return found
    glossary = parse(text, path)
    session.fresh[key] = encode(glossary)
    return glossary


def _key(text: str, path: Path) -> str:
    # NUL between the parts: no path holds one, so no two sets of parts give the same bytes.
    parts = "\0".join([code_stamp(), str(path), str(path.absolute()), text])
    return hashlib.sha256(parts.encode("utf-8")).hexdigest()


def _lookup(session: _Session, key: str) -> Glossary | None:
    import sqlite3

    db = session.connection()
    if db is None:
        return None
    try:
        row = db.execute("SELECT body FROM glossaries WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    try:
        glossary = decode(row[0])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # written by other code under a colliding key, or altered: parse again
    if glossary is not None:
        session.reused.append(key)
    return glossary


def _write(session: _Session) -> None:
    if not session.fresh and not session.reused:
        if session.db is not None:  # opened by a lookup that found nothing to keep
            session.db.close()
        return
    import sqlite3

    from localize.cache_file import keep_used_last

    db = session.connection()
    if db is None:
        return
    now = time.time()
    try:
        with db:
            db.executemany(
                "UPDATE glossaries SET used = ? WHERE key = ?",
                [(now, key) for key in session.reused],
            )
            db.executemany(
                "INSERT OR REPLACE INTO glossaries VALUES (?, ?, ?)",
                [(key, body, now) for key, body in session.fresh.items()],
            )
            keep_used_last(db, "glossaries", "key", KEPT_GLOSSARIES)
    except (sqlite3.Error, ValueError):
        pass  # a cache, never the run's failure: the next run parses the file again
    finally:
        db.close()


# -- the JSON of a validated glossary ------------------------------------------------------


def encode(glossary: Glossary) -> str:
    """JSON of ``glossary``'s fields as read from its file. A layered glossary's base (always
    the shipped one) is named by its digest: ``decode`` reads it again and checks it."""
    from localize.glossary import form_pattern_rows

    return json.dumps(
        {
            "path": str(glossary.path),
            "version": glossary.version,
            "source_language": glossary.source_language,
            "languages": glossary.languages,
            "description": glossary.description,
            "default_inflect": glossary.default_inflect,
            "base": glossary.base.content_digest if glossary.base is not None else None,
            "removed": glossary.removed,
            "profile": glossary.profile,
            "content_digest": glossary.content_digest,
            "entries": [
                [_plain(getattr(e, f.name)) for f in _entry_fields()] for e in glossary.entries
            ],
            # What matching makes of each source form (made here once, then used by the run):
            # this code's, as the key says, so that a later run need not make them again.
            "form_patterns": form_pattern_rows(glossary.entries),
        },
        # Escaped: a lone surrogate (a YAML "\ud800" escape, which the pure-Python loader
        # accepts) is kept as it is, where SQLite cannot encode it in UTF-8.
        ensure_ascii=True,
    )


def decode(body: str) -> Glossary | None:
    """The glossary ``encode`` wrote; None when its base is no longer the shipped glossary."""
    from localize.glossary import (
        Entry,
        Glossary,
        load_glossary,
        remember_form_patterns,
        shipped_path,
    )

    data = json.loads(body)
    base = None
    if data["base"] is not None:
        base = load_glossary(shipped_path())
        if base.content_digest != data["base"]:
            return None
    converted = _entry_readers()
    entries = []
    for row in data["entries"]:
        if len(row) != len(_entry_fields()):
            raise ValueError("a row of other fields than Entry's")
        for at, read in converted:
            row[at] = read(row[at])
        entries.append(Entry(*row))
    glossary = Glossary(
        path=Path(data["path"]),
        version=data["version"],
        source_language=data["source_language"],
        languages=tuple(data["languages"]),
        entries=entries,
        description=data["description"],
        default_inflect=tuple(data["default_inflect"]),
        base=base,
        removed=tuple(data["removed"]),
        profile=data["profile"],
        content_digest=data["content_digest"],
    )
    # Last: a body that fails anywhere above leaves the process's patterns untouched.
    remember_form_patterns(data["form_patterns"])
    return glossary


def _plain(value: Any) -> Any:
    """``value`` as JSON holds it: tuples as lists, dates as ISO text, dataclasses as lists of
    their fields."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):  # the fields its reader gives back (``_reader``: init fields)
        return [_plain(getattr(value, f.name)) for f in fields(value) if f.init]
    return value


@cache
def _entry_fields() -> tuple[Any, ...]:
    from localize.glossary import Entry

    # Entries are made with positional arguments (faster than keywords, 236 times a run).
    if any(f.kw_only for f in fields(Entry)):
        raise TypeError("glossary_store makes Entry positionally; it has keyword-only fields")
    return tuple(f for f in fields(Entry) if f.init)


@cache
def _entry_readers() -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """The position and reader of each field of ``Entry`` that JSON does not give as it is,
    made from its type: a field added to ``Entry`` is stored without a change here, and a type
    this module cannot read fails the store's tests."""
    from localize.glossary import Entry

    hints = typing.get_type_hints(Entry)
    readers = ((at, _reader(hints[f.name])) for at, f in enumerate(_entry_fields()))
    return tuple((at, read) for at, read in readers if read is not _same)


def _same(value: Any) -> Any:
    return value


def _reader(kind: Any) -> Callable[[Any], Any]:
    if kind in (str, int, bool):
        return _same
    if kind is date:
        return date.fromisoformat
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _reader(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])
        if item is _same:
            return tuple
        return lambda value: tuple(item(v) for v in value)
    if origin is dict and args[0] is str:
        item = _reader(args[1])
        if item is _same:
            return dict
        # Most entries leave most per-language fields empty.
        return lambda value: {k: item(v) for k, v in value.items()} if value else {}
    if isinstance(kind, type) and is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        parts = [(f.name, _reader(hints[f.name])) for f in fields(kind) if f.init]
        return lambda value: kind(
            **{name: read(v) for (name, read), v in zip(parts, value, strict=True)}
        )
    raise TypeError(f"glossary_store cannot read a field of type {kind!r}")

"""The engine's own rendering of each glossary term, kept between runs.

Glossary enforcement substitutes the approved term for the engine's rendering of the term on
its own (``enforce._substitute``). Those renderings depend only on the term and the model with
its decoding options, and the same few hundred terms recur in every article, so a new process
need not ask the model for them again: they are kept in a small SQLite file beside the model
(``Translator.cache_location``) under a key naming the model files and options. Every failure
to read or write the file (a read-only models folder, a locked file) only means the renderings
are translated, as without it; a damaged file is made again (``cache_file``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from localize.cache_file import open_cache_file
from localize.project import NO_RUN_CACHE_ENV

FILE_NAME = ".localize-term-renderings.sqlite"  # hidden: not taken for a model package
_TABLE = (
    "CREATE TABLE IF NOT EXISTS renderings (model TEXT, term TEXT, rendering TEXT, "
    "PRIMARY KEY (model, term)) WITHOUT ROWID;"
)

# A key is the package names the translator runs (two for a pivot), then a digest of their
# files and the decoding options: the digest decides a match, the names let ``models remove``
# drop a removed package's rows (``forget_package``).
_NAMES_SEPARATOR = "+"
_DIGEST_SEPARATOR = ":"


def store_key(package_names: Iterable[str], digest: str) -> str:
    return f"{_NAMES_SEPARATOR.join(package_names)}{_DIGEST_SEPARATOR}{digest}"


def forget_package(directory: Path, package_name: str) -> int:
    """Drop the renderings of every translator that ran ``package_name`` from the store in
    ``directory``; how many were dropped. A missing or unreadable store holds nothing to drop."""
    path = directory / FILE_NAME
    if not path.is_file():
        return 0
    try:
        connection = sqlite3.connect(path)
        try:
            with connection:
                keys = [
                    key
                    for (key,) in connection.execute("SELECT DISTINCT model FROM renderings")
                    if package_name in key.partition(_DIGEST_SEPARATOR)[0].split(_NAMES_SEPARATOR)
                ]
                dropped = 0
                for key in keys:
                    dropped += connection.execute(
                        "DELETE FROM renderings WHERE model = ?", (key,)
                    ).rowcount
        finally:
            connection.close()
    except sqlite3.Error:
        return 0  # a damaged store is made again on its next use (cache_file)
    return dropped


class RenderingStore:
    """Renderings under one translator's key; a store without a connection keeps nothing."""

    def __init__(self, connection: sqlite3.Connection | None, key: str) -> None:
        self._db = connection
        self._key = key

    @classmethod
    def open(cls, directory: Path, key: str) -> RenderingStore:
        if os.environ.get(NO_RUN_CACHE_ENV) or not os.access(directory, os.W_OK):
            return cls(None, key)
        return cls(open_cache_file(directory / FILE_NAME, _TABLE, "renderings"), key)

    def get(self, terms: Iterable[str]) -> dict[str, str]:
        wanted = list(terms)
        if self._db is None or not wanted:
            return {}
        found: dict[str, str] = {}
        try:
            # In chunks: SQLite's limit on bound parameters is 999 in older builds.
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    self._db.execute(
                        "SELECT term, rendering FROM renderings "
                        f"WHERE model = ? AND term IN ({marks})",
                        [self._key, *chunk],
                    )
                )
        except sqlite3.Error:
            return {}
        return found

    def put(self, renderings: dict[str, str]) -> None:
        if self._db is None or not renderings:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO renderings VALUES (?, ?, ?)",
                    [(self._key, term, text) for term, text in renderings.items()],
                )
        except sqlite3.Error:
            return  # translated again next time

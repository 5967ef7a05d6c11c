"""The ``glossary:`` notes of each sentence, remembered per glossary content and language.

A sentence's notes (``enforce.glossary_comments``: its terms and their approved renderings, its
unverified names) depend only on the sentence, the glossary as of the article's date, the
target language and localize's own code. Matching every sentence of a long article against
the glossary again on every update cost more than anything else in a run that changed one
sentence, so the notes are kept in ``.localize/glossary-notes.sqlite`` under a fingerprint of
all of those; a changed glossary file (even with the same version), another article date or
another localize gives another fingerprint, and its notes are computed afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from localize.cache_file import open_cache_file
from localize.codestamp import code_stamp
from localize.project import NO_RUN_CACHE_ENV

if TYPE_CHECKING:
    from localize.glossary import Glossary

FILE_NAME = "glossary-notes.sqlite"
# Fingerprints whose notes are kept (glossary versions and article dates in use); older go.
KEPT_FINGERPRINTS = 8
_TABLES = (
    "CREATE TABLE IF NOT EXISTS notes (fingerprint TEXT, lang TEXT, sentence TEXT, "
    "lines TEXT, PRIMARY KEY (fingerprint, lang, sentence)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS fingerprints (fingerprint TEXT PRIMARY KEY, used REAL);"
)
# Sentences looked up per query (SQLite's oldest limit on bound values is 999).
_LOOKUP_BATCH = 900


def fingerprint(glossary: Glossary) -> str | None:
    """What the notes of a sentence depend on besides the sentence and the language; None for
    a glossary not read from a file (nothing to key it by)."""
    if not glossary.content_digest:
        return None
    parts = [
        code_stamp(),
        glossary.content_digest,
        str(glossary.article_day),
        [entry.id for entry in glossary.entries],
    ]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class GlossaryNotes:
    """The notes store; every failure to use it only means the notes are computed."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @classmethod
    def open(cls, directory: Path) -> GlossaryNotes:
        return cls(open_cache_file(directory / FILE_NAME, _TABLES, "notes"))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def comments(self, glossary: Glossary, lang: str, sentences: Iterable[str]) -> dict:
        """The notes of each sentence: remembered ones as they were, the others computed
        (``enforce.glossary_comments``) and remembered."""
        from localize.enforce import glossary_comments

        wanted = list(dict.fromkeys(sentences))
        key = fingerprint(glossary) if self._db is not None else None
        known = self._known(key, lang, wanted) if key is not None else {}
        result: dict[str, list[str]] = {}
        fresh: list[tuple[str, list[str]]] = []
        for sentence in wanted:
            lines = known.get(sentence)
            if lines is None:
                lines = glossary_comments(glossary, sentence, lang)
                fresh.append((sentence, lines))
            result[sentence] = lines
        if key is not None:
            self._remember(key, lang, fresh)
        return result

    def _known(self, key: str, lang: str, sentences: list[str]) -> dict[str, list[str]]:
        """The remembered notes of ``sentences`` only: a long article is annotated a slice at a
        time, and loading every note of the language for each slice was a peak of its own."""
        assert self._db is not None
        found: dict[str, list[str]] = {}
        for start in range(0, len(sentences), _LOOKUP_BATCH):
            batch = sentences[start : start + _LOOKUP_BATCH]
            marks = ",".join("?" * len(batch))
            try:
                rows = self._db.execute(
                    "SELECT sentence, lines FROM notes WHERE fingerprint = ? AND lang = ? "
                    f"AND sentence IN ({marks})",
                    (key, lang, *batch),
                ).fetchall()
            except sqlite3.Error:
                return {}
            found.update((sentence, json.loads(lines)) for sentence, lines in rows)
        return found

    def _remember(self, key: str, lang: str, fresh: list[tuple[str, list[str]]]) -> None:
        assert self._db is not None
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO fingerprints VALUES (?, ?)", (key, time.time())
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?)",
                    [(key, lang, s, json.dumps(lines, ensure_ascii=False)) for s, lines in fresh],
                )
                stale = [
                    row[0]
                    for row in self._db.execute(
                        "SELECT fingerprint FROM fingerprints ORDER BY used DESC LIMIT -1 OFFSET ?",
                        (KEPT_FINGERPRINTS,),
                    )
                ]
                for old in stale:
                    self._db.execute("DELETE FROM notes WHERE fingerprint = ?", (old,))
                    self._db.execute("DELETE FROM fingerprints WHERE fingerprint = ?", (old,))
        except sqlite3.Error:
            return  # remembered next time


def open_notes(directory: Path) -> GlossaryNotes:
    """The notes store of the working directory ``.localize/``, created when missing."""
    if os.environ.get(NO_RUN_CACHE_ENV):
        return GlossaryNotes(None)
    if not directory.is_dir() and os.access(directory.parent, os.W_OK):
        directory.mkdir(parents=True, exist_ok=True)
    return GlossaryNotes.open(directory)
